// The page lifecycle in a real browser (issue 13, point 1): content that arrives after `load`, views
// switched and lists paged in place by the page's own script (history.pushState + fetch), as a modern
// web application does. The demo serves ordinary pages; a page script added here (the MAIN world, like
// the site's own code) turns its links into in-place navigations.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import type { PortfolioSnapshot } from "../../src/portfolio/model/portfolio.ts";
import { demoRequest } from "../demo-site/client.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { ended, sendFromExtension, waitForJob } from "./jobs-support.ts";
import { action, login, openExtensionPage, openSession, readMark, type Session } from "./support.ts";

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => session?.close());

/**
 * The page's own router: a click on a link of the same host fetches the target, pushes its URL, and
 * swaps the body 150 ms later (the URL changes before the rows arrive, as on the real site).
 */
function inPlaceLinks(): void {
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
    if (!link || link.origin !== location.origin || event.defaultPrevented) return;
    event.preventDefault();
    void fetch(link.href)
      .then((r) => r.text())
      .then(async (html) => {
        history.pushState(null, "", link.href);
        await new Promise((resolve) => setTimeout(resolve, 150));
        const next = new DOMParser().parseFromString(html, "text/html");
        document.title = next.title;
        document.body.replaceChildren(...[...next.body.childNodes].map((n) => document.adoptNode(n)));
      });
  });
}

async function spaPage(): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.addInitScript(inPlaceLinks);
  return page;
}

const hosts = (page: Page, id: string) => page.locator(`[data-tiers-feature="${id}"]`);

it("gives the rows of an in-place page 2 their résilier control, one per row", async () => {
  const page = await spaPage();
  await login(page, session.demo);
  await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await expect.poll(() => hosts(page, "one-click-resign").count()).toBe(10);
  const documentsBefore = session.demo.requests().filter((r) => r.fetchDest === "document").length;
  await action(page, "Suivant").click();
  await page.waitForURL(/page=2/);
  const onPage2 = Math.min(10, session.demo.state.portfolio.length - 10);
  await expect
    .poll(() => page.evaluate(() => document.body.textContent?.includes("Comptes") && location.search))
    .toContain("page=2");
  await expect.poll(() => hosts(page, "one-click-resign").count()).toBe(onPage2);
  // Each row of page 2 has exactly one control, in its own line.
  const perRow = await page.evaluate(() =>
    [...document.querySelectorAll('[data-tiers-feature="one-click-resign"]')].map(
      (h) => h.parentElement?.querySelectorAll('[data-tiers-feature="one-click-resign"]').length,
    ),
  );
  expect(perRow.every((n) => n === 1)).toBe(true);
  // In place indeed: no document was loaded for page 2.
  expect(session.demo.requests().filter((r) => r.fetchDest === "document").length).toBe(documentsBefore);
  await page.close();
});

it("reads a portfolio paged in place to the end, each page fetched once", async () => {
  const { demo } = session;
  const { context, extensionId } = session.browser;
  const page = await spaPage();
  await login(page, demo);
  const options = await openExtensionPage(context, extensionId ?? "", "src/ui/options/index.html");
  await sendFromExtension<JobView>(options, { type: "job/create", action: "read", paceMs: 20 });
  const from = demo.requests().length;
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  const view = await waitForJob(options, ended);
  expect([view.job.status, view.job.reason]).toEqual(["done", null]);
  const snapshot = await sendFromExtension<PortfolioSnapshot>(options, { type: "portfolio/get" });
  const expected = demo.state.portfolio.map((c) => c.siren ?? c.accountNumber).sort();
  expect(snapshot.accounts.map((a) => a.siren ?? a.numeroCompte).sort()).toEqual(expected);
  const pages = Math.ceil(demo.state.portfolio.length / 10);
  expect(snapshot.pages).toBe(pages);
  // One « Suivant » per page: a re-render never made the job act twice.
  const fetched = demo
    .requests()
    .slice(from)
    .filter((r) => r.fetchDest === "empty" && /etablissements\?.*page=/.test(r.path))
    .map((r) => r.path);
  expect(fetched).toHaveLength(pages - 1);
  expect(new Set(fetched).size).toBe(pages - 1);
  await options.close();
  await page.close();
});

it("puts a panel beside every anomaly after an in-place switch to « par individu »", async () => {
  const page = await spaPage();
  await login(page, session.demo);
  await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn"));
  await readMark(page);
  await page.getByRole("link", { name: "par individu" }).first().click();
  await page.waitForURL(/individus/);
  const year = session.demo.state.year;
  const expected = visibleAnomalies(session.demo.state).filter((a) => a.year === year && a.individu).length;
  expect(expected).toBeGreaterThan(0);
  await expect.poll(() => hosts(page, "anomaly-panel").count()).toBe(expected);
  const orphans = await page.evaluate(() => {
    const links = [...document.querySelectorAll("a")].filter((a) => /^UR_ANO_/.test(a.textContent ?? ""));
    return links.filter(
      (a) => a.parentElement?.querySelectorAll('[data-tiers-feature="anomaly-panel"]').length !== 1,
    ).length;
  });
  expect(orphans).toBe(0);
  await page.close();
});

/** The dashboard as an application shell: its content is rendered 0.4 s after `load`. */
async function lateDashboard(page: Page): Promise<void> {
  await dashboardAs(page, (html) =>
    html.replace(
      /<body([^>]*)>([\s\S]*)<\/body>/,
      (_all, attrs: string, body: string) =>
        `<body${attrs}><template id="later">${body}</template><script>addEventListener("load", () => setTimeout(() => document.body.append(document.getElementById("later").content.cloneNode(true)), 400));</script></body>`,
    ),
  );
}

/** Serves the demo's dashboard rewritten (fetched from the demo with this page's session cookie). */
async function dashboardAs(page: Page, rewrite: (html: string) => string): Promise<void> {
  const cookies = await page.context().cookies("https://tdbec.urssaf.fr/");
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await page.route(/tdbec\.urssaf\.fr\/tableau-de-bord/, async (route) => {
    const response = await demoRequest(session.demo.port, route.request().url(), { cookie });
    await route.fulfill({
      status: response.status,
      contentType: "text/html; charset=utf-8",
      body: rewrite(response.body),
    });
  });
}

it("understands a dashboard whose indicators arrive 0.4 s after load", async () => {
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  await lateDashboard(page);
  await page.reload();
  expect(await readMark(page)).toMatchObject({ kind: "tableau-de-bord", understood: true });
  await page.close();
});

it("says « non comprise » only after the quiet period", async () => {
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  // The heading is there (the page is claimed), the indicators never come.
  await dashboardAs(page, (html) => html.replace(/incidents? à traiter/g, ""));
  await page.reload();
  const loaded = Date.now();
  expect(await readMark(page, 15_000)).toMatchObject({ kind: "tableau-de-bord", understood: false });
  expect(Date.now() - loaded).toBeGreaterThanOrEqual(4_500);
  await page.close();
});

it("starts once per document when the worker injects the content script again", async () => {
  // The worker injects the script at each « complete » of the tab (a frame's load brings it back)
  // without asking the page first: the script itself must start nothing the second time.
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await expect.poll(() => hosts(page, "one-click-resign").count()).toBe(10);
  // This tab alone, whatever other tab of the session shows the same address.
  const title = `once-per-document-${Date.now()}`;
  await page.evaluate((t) => {
    document.title = t;
  }, title);
  const worker = await session.browser.serviceWorker();
  const injected = await worker.evaluate(async (t) => {
    const [tab] = await chrome.tabs.query({ title: t });
    if (tab?.id === undefined) return 0;
    for (let i = 0; i < 2; i++)
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ["src/content/main.js"] });
    return 2;
  }, title);
  expect(injected).toBe(2);
  // A second start would hand the page over again: a second lifecycle, and a second set of controls.
  await page.waitForTimeout(1_500);
  expect(await hosts(page, "one-click-resign").count()).toBe(10);
  expect(await hosts(page, "extension-status").count()).toBe(1);
  await page.close();
});
