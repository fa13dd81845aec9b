// The extension itself makes no network request. Chromium's own network log records every request
// the browser makes, with the origin that initiated it; we browse the demo space with the extension
// at work and then read that log.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { login, openExtensionPage, readMark } from "./support.ts";

let demo: DemoSpace;
let browser: LaunchedBrowser;
const netlog = join(mkdtempSync(join(tmpdir(), "tiers-assistant-netlog-")), "netlog.json");

beforeAll(async () => {
  demo = await startDemoSpace({ port: 0, quiet: true });
  browser = await launchChromium({
    port: demo.port,
    extraArgs: [`--log-net-log=${netlog}`, "--net-log-capture-mode=Default"],
  });
});
afterAll(async () => demo?.close());

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: { url?: string; initiator?: string; method?: string } }[];
}

it("browses the demo space with the extension at work without any request of its own", async () => {
  const page = await browser.context.newPage();
  await login(page, demo);
  expect(await readMark(page)).toMatchObject({ kind: "tableau-de-bord" });
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  expect(await readMark(page)).toMatchObject({ kind: "etablissements" });
  await page.goto(demo.url("mon.urssaf.fr", "/suivi-dsn"));
  expect(await readMark(page)).toMatchObject({ kind: "suivi-dsn" });
  const popup = await openExtensionPage(
    browser.context,
    browser.extensionId ?? "",
    "src/ui/popup/index.html",
  );
  await popup.locator('[data-testid="last-page"] p').first().waitFor();
  await browser.context.close();

  const log = JSON.parse(readFileSync(netlog, "utf8")) as NetLog;
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const requests = log.events.filter((e) => e.type === start && e.params?.url).map((e) => e.params ?? {});
  expect(requests.length).toBeGreaterThan(5);
  // Chromium's own background requests carry no origin ("not an origin"); everything the extension
  // could start carries its origin (service worker, popup) or the Urssaf page's (content script).
  const fromExtension = requests.filter((r) => r.initiator?.startsWith("chrome-extension://"));
  const fromPages = requests.filter((r) => r.initiator?.startsWith("https://"));
  expect(fromExtension.filter((r) => !r.url?.startsWith("chrome-extension://")).map((r) => r.url)).toEqual(
    [],
  );
  expect(
    fromPages.filter((r) => !/^https:\/\/([a-z]+\.)?urssaf\.fr\//.test(r.url ?? "")).map((r) => r.url),
  ).toEqual([]);
  // Requests to the demo: only what its pages load themselves (documents and page resources).
  const seenByDemo = demo.requests();
  expect(seenByDemo.filter((r) => r.fetchDest === "document").length).toBeGreaterThan(3);
  expect(
    seenByDemo.filter((r) => r.fetchDest === "empty").map((r) => `${r.method} ${r.host}${r.path}`),
  ).toEqual([]);
});
