// A bulk add interrupted by closing the whole browser: on the next start (same profile) nothing is
// lost — the job waits for a tab, the user opens the Urssaf space again (and logs in: the session
// cookie died with the browser), resumes it there with one click, and each client is added once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { ended, registerCompanies, sendFromExtension, until, waitForJob } from "./jobs-support.ts";
import { login, openExtensionPage, uiClick } from "./support.ts";

let demo: DemoSpace;
let browser: LaunchedBrowser;
const profile = mkdtempSync(join(tmpdir(), "tiers-assistant-job-restart-"));

beforeAll(async () => {
  demo = await startDemoSpace({ port: 0, quiet: true });
  browser = await launchChromium({ port: demo.port, userDataDir: profile });
});
afterAll(async () => {
  await browser?.context.close();
  await demo?.close();
});

const inscriptions = () => demo.log().filter((e) => e.action === "inscription");

it("resumes a bulk add after a browser restart, in the tab the user opens, with no duplicate", async () => {
  const options = () =>
    openExtensionPage(browser.context, browser.extensionId ?? "", "src/ui/options/index.html");
  let ext = await options();
  let page = await browser.context.newPage();
  await login(page, demo);
  const dir = demo.state.directory;
  const companies = [
    ...dir.filter((c) => c.kind === "RG").slice(0, 3),
    ...dir.filter((c) => c.kind === "AC").slice(0, 1),
    ...dir.filter((c) => c.kind === "GERANT").slice(0, 1),
  ];
  const ids = await registerCompanies(ext, companies);
  await sendFromExtension<JobView>(ext, { type: "job/create", clientIds: ids, action: "add", paceMs: 300 });
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await until(() => inscriptions().length >= 2, "two inscriptions");

  // The browser goes away mid-run (quit, crash, power cut: the profile is what remains).
  await (await browser.serviceWorker()).evaluate(() => Object.assign(globalThis, { __beforeRestart: true }));
  await browser.context.close();
  const before = inscriptions().length;
  expect(before).toBeLessThan(5);
  browser = await launchChromium({ port: demo.port, userDataDir: profile });
  ext = await options();
  // A new browser and worker: nothing of the old one's memory is left, only what was stored.
  expect(await (await browser.serviceWorker()).evaluate(() => "__beforeRestart" in globalThis)).toBe(false);
  const stored = await sendFromExtension<JobView>(ext, { type: "job/get" });
  expect(stored.progress.total).toBe(5);
  expect(stored.progress.finished).toBeGreaterThanOrEqual(1);
  expect(stored.progress.finished).toBeLessThan(5);

  page = await browser.context.newPage();
  await login(page, demo);
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  // The job's tab is gone: it asks before going on in this one.
  await uiClick(page, { id: "bulk-job", selector: "button", text: "Reprendre dans cet onglet" });
  const view = await waitForJob(ext, ended);
  expect([view.job.status, view.job.reason]).toEqual(["done", null]);
  expect(view.progress).toMatchObject({ total: 5, done: 5, failed: 0 });
  expect(inscriptions().length).toBeGreaterThan(before);
  const added = inscriptions().map((e) => String(e.details.siren ?? e.details.accountNumber));
  expect(added.sort()).toEqual(companies.map((c) => c.siren ?? c.accountNumber).sort());
  for (const c of companies)
    expect(demo.state.portfolio.filter((p) => p.accountNumber === c.accountNumber)).toHaveLength(1);
});
