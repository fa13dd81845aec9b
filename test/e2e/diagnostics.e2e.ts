// « Copier le diagnostic » on a page that stays « non comprise », and the options page's
// « Diagnostics » tab that keeps it: the dashboard served without its « incidents à traiter » line
// (the heading is there, so the page is claimed). The diagnostic names the missing label and holds
// no digit of the page (every digit is the mask's 0) nor its names.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostic/diagnostic.ts";
import { demoRequest } from "../demo-site/client.ts";
import { sendFromExtension } from "./jobs-support.ts";
import {
  login,
  openExtensionPage,
  openSession,
  readMark,
  type Session,
  uiClick,
  uiWaitFor,
} from "./support.ts";

let session: Session;
let page: Page;
beforeAll(async () => {
  session = await openSession();
  page = await session.browser.context.newPage();
  await login(page, session.demo);
});
afterAll(async () => session?.close());

const DASHBOARD = "https://tdbec.urssaf.fr";

/** Serves the demo's dashboard rewritten (fetched from the demo with this page's session cookie). */
async function dashboardAs(rewrite: (html: string) => string): Promise<void> {
  const cookie = (await page.context().cookies(`${DASHBOARD}/`))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  await page.route(/tdbec\.urssaf\.fr\/tableau-de-bord/, async (route) => {
    const response = await demoRequest(session.demo.port, route.request().url(), { cookie });
    await route.fulfill({
      status: response.status,
      contentType: "text/html; charset=utf-8",
      body: rewrite(response.body),
    });
  });
}

it("copies the diagnostic of a page « non comprise », and the options page lists it", async () => {
  const { context, extensionId } = session.browser;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: DASHBOARD });
  await dashboardAs((html) => html.replace(/incidents? à traiter/g, ""));
  await page.goto(session.demo.url("tdbec.urssaf.fr", "/tableau-de-bord"));
  // Final only after the lifecycle's 5 s without change.
  const mark = await readMark(page, 15_000);
  expect(mark).toMatchObject({ kind: "tableau-de-bord", understood: false });
  expect(mark?.text).toContain("manque : incidents à traiter");

  await uiClick(page, { id: "extension-status", selector: "button", text: "Copier le diagnostic" });
  await uiWaitFor(page, {
    id: "extension-status",
    selector: "[role=status] [role=status]",
    text: /^Diagnostic copié/,
  });
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Diagnostic;
  expect(copied).toMatchObject({ kind: "tableau-de-bord", missing: ["incidents à traiter"] });
  expect(copied.url).toBe(`${DASHBOARD}/tableau-de-bord`);
  expect(copied.candidates.length).toBeGreaterThan(0);
  // The page's own content (its counts, dates, SIRET, the firm's name) is masked; tags keep their
  // names (h1, h2).
  const content = JSON.stringify([
    copied.url,
    copied.missing,
    copied.candidates.map((c) => [c.role, c.text]),
  ]);
  expect(content.match(/.{0,40}[1-9].{0,20}/g)).toBeNull();
  expect(content).not.toContain(session.demo.state.firm.raisonSociale);

  const options = await openExtensionPage(
    context,
    extensionId ?? "",
    "src/ui/options/index.html#diagnostics",
  );
  const kept = await sendFromExtension<Diagnostic[]>(options, { type: "diagnostic/list" });
  expect(kept[0]).toMatchObject({
    kind: "tableau-de-bord",
    missing: ["incidents à traiter"],
    url: copied.url,
  });
  const item = options.getByTestId("diagnostic").first();
  await item.waitFor();
  expect(await item.textContent()).toContain("tableau-de-bord");
  expect(await item.textContent()).toContain("Manque : incidents à traiter");
  expect(await options.getByTestId("diagnostic").count()).toBe(kept.length);
  await options.close();
});
