// The metamorphic test bed (issue 13 point 3): the extension's main scenarios on the demo space whose
// pages are rewritten by meaning-preserving mutations (test/demo-site/mutations.ts), one browser and
// one demo per mutation set. Which sets and scenarios run: see mutations-support.ts.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import type { PortfolioSnapshot } from "../../src/portfolio/model/portfolio.ts";
import { DEFAULT_SETTINGS } from "../../src/register/model/register.ts";
import type { Company } from "../demo-site/data.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { ended, registerCompanies, sendFromExtension } from "./jobs-support.ts";
import {
  describeSet,
  failingToday,
  type MutationSet,
  matrix,
  run,
  type Scenario,
} from "./mutations-support.ts";
import { contentWorld, openExtensionPage } from "./support.ts";

/** A smaller portfolio (53 accounts, 6 pages; the 14 anomalies) keeps every set's run short. */
const SCALE = 0.3;
const TIMEOUTS: Record<Scenario, number> = {
  attach: 60_000,
  "login-badge": 60_000,
  dashboard: 60_000,
  anomalies: 90_000,
  "one-click-resign": 90_000,
  "bulk-add": 180_000,
  "portfolio-read": 150_000,
};

interface Bed {
  demo: DemoSpace;
  browser: LaunchedBrowser;
  ext: Page;
  page: Page;
}

const ETAB = "/mon-profil/parametres/etablissements";

/** Polls `read` until `ok`; the error names what was last seen. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 15_000) {
  const start = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => last);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() - start > ms) throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Mark {
  kind: string;
  understood: boolean;
  text: string;
}

const readMark = (page: Page) =>
  page.evaluate((): Mark | null => {
    const mark = document
      .querySelector('[data-tiers-feature="extension-status"]')
      ?.shadowRoot?.querySelector<HTMLElement>(".mark");
    if (!mark) return null;
    return {
      kind: mark.dataset.pageKind ?? "",
      understood: mark.dataset.understood === "true",
      text: mark.textContent ?? "",
    };
  });

/** The status mark says the page is understood as `kind` (late content may take a few seconds). */
async function understood(page: Page, kind: string): Promise<void> {
  await eventually(
    () => readMark(page),
    (m) => m?.kind === kind && m.understood,
    `page ${kind} understood`,
  );
}

/**
 * A control by its accessible name, whatever markup draws it (button, input, link by role), with
 * the decorations a person reads past (« Je me connecte → »).
 */
function action(page: Page, name: string) {
  const re = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s→›:…]*$`);
  return page
    .getByRole("button", { name: re })
    .or(page.getByRole("link", { name: re }))
    .first();
}

async function login(bed: Bed): Promise<void> {
  const { page, demo } = bed;
  await page.goto(demo.url("www.urssaf.fr", "/connexion"));
  await page.getByLabel("Identifiant").fill(demo.credentials.identifiant);
  await page.getByLabel("Mot de passe").fill(demo.credentials.motDePasse);
  await action(page, "Je me connecte").click();
  await page.waitForURL(/mon\.urssaf\.fr\/actualites/);
  await action(page, "Continuer").click();
  await page.waitForURL(/tdbec\.urssaf\.fr\/tableau-de-bord/);
}

async function loggedIn(bed: Bed): Promise<void> {
  const cookies = await bed.page.context().cookies("https://mon.urssaf.fr/");
  const token = cookies.find((c) => c.name === "urssaf_session")?.value;
  if (!bed.demo.state.sessions.some((s) => s.token === token)) await login(bed);
}

/** Every anomaly reference link has its own panel (the nearest block holding a panel holds one link). */
async function panelsBesideEveryAnomaly(page: Page) {
  return page.evaluate(() => {
    const sel = '[data-tiers-feature="anomaly-panel"]';
    const norm = (s: string | null) => (s ?? "").replace(/[\s\u00a0\u202f]+/g, " ").trim();
    const links = [...document.querySelectorAll("a")].filter((a) => /^UR_ANO_\w+$/.test(norm(a.textContent)));
    const hosts = [...document.querySelectorAll(sel)].filter((h) => h.shadowRoot?.querySelector("details"));
    let orphans = 0;
    let mismatched = 0;
    for (const a of links) {
      let block: Element | null = a.parentElement;
      while (block && !block.querySelector(sel)) block = block.parentElement;
      const inBlock = block ? [...block.querySelectorAll(sel)] : [];
      const linksInBlock = block
        ? [...block.querySelectorAll("a")].filter((x) => /^UR_ANO_\w+$/.test(norm(x.textContent))).length
        : 0;
      if (inBlock.length !== 1 || linksInBlock !== 1) {
        orphans++;
        continue;
      }
      const details = inBlock[0]?.shadowRoot?.querySelector("details");
      if (details?.getAttribute("data-reference") !== norm(a.textContent)) mismatched++;
    }
    const filled = hosts.filter((h) =>
      h.shadowRoot?.querySelector("details")?.hasAttribute("data-known"),
    ).length;
    return { links: links.length, panels: hosts.length, orphans, mismatched, filled };
  });
}

async function expectPanels(page: Page, n: number, what: string): Promise<void> {
  const want = { links: n, panels: n, orphans: 0, mismatched: 0, filled: n };
  await eventually(
    () => panelsBesideEveryAnomaly(page),
    (v) => JSON.stringify(v) === JSON.stringify(want),
    `${what}: one filled panel per anomaly, expected ${JSON.stringify(want)}`,
  );
}

/**
 * Waits for the job to end; a job whose progress does not move for 30 s has stalled (the error says
 * where, with the job's own reason and progress).
 */
async function jobEnd(ext: Page, isOurs: (v: JobView) => boolean = () => true): Promise<JobView> {
  let last = "";
  let since = Date.now();
  for (;;) {
    const v = await sendFromExtension<JobView | null>(ext, { type: "job/get" });
    if (v && isOurs(v) && ended(v)) return v;
    const now = JSON.stringify([v?.job.status, v?.progress, v?.job.current, v?.job.reason]);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > 30_000) {
      throw new Error(`job stalled for 30 s: ${now}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pick = (kind: Company["kind"], n: number, from: readonly Company[]) =>
  from.filter((c) => c.kind === kind).slice(0, n);

const scenarios: Record<Scenario, (bed: Bed) => Promise<void>> = {
  async attach({ page, demo }) {
    await page.goto(demo.url("www.urssaf.fr", "/connexion"));
    await understood(page, "connexion");
  },

  async "login-badge"(bed) {
    const { page, demo } = bed;
    await page.context().clearCookies();
    await page.goto(demo.url("www.urssaf.fr", "/connexion"));
    await page.getByLabel("Identifiant").fill(demo.credentials.identifiant);
    // The badge's shadow root is closed to the page: read it in the content script's isolated world.
    const readBadge = async () => {
      const world = await contentWorld(page, bed.browser.extensionId ?? "");
      if (!world) return null;
      try {
        return await world.evaluate<{ hidden: boolean; status: string; text: string } | null>(`(() => {
          const host = document.querySelector('[data-tiers-feature="emitter-siret-badge"]');
          const p = host && globalThis.tiersAssistant?.shadowOf(host)?.querySelector("p");
          return p ? { hidden: p.hidden === true, status: p.dataset.status ?? "", text: p.textContent ?? "" } : null;
        })()`);
      } finally {
        await world.detach();
      }
    };
    await eventually(
      readBadge,
      (b) => b?.hidden === false && b.status === "active",
      "the emitter SIRET badge says « SIRET actif du cabinet »",
      10_000,
    );
    // The login still works through whatever the button became.
    await page.getByLabel("Mot de passe").fill(demo.credentials.motDePasse);
    await action(page, "Je me connecte").click();
    await page.waitForURL(/mon\.urssaf\.fr\/actualites/);
    expect(
      demo
        .log()
        .filter((e) => e.action === "login")
        .at(-1)?.details,
    ).toMatchObject({
      identifiant: demo.credentials.identifiant,
    });
  },

  async dashboard(bed) {
    const { page, demo, ext } = bed;
    await loggedIn(bed);
    await page.goto(demo.url("tdbec.urssaf.fr", "/tableau-de-bord"));
    await understood(page, "tableau-de-bord");
    const ind = demo.state.indicators;
    await eventually(
      () => sendFromExtension<{ latest: Record<string, number> | null }>(ext, { type: "indicators/get" }),
      (v) =>
        v.latest?.incidents === ind.incidents &&
        v.latest.anomaliesDsn === ind.anomalies &&
        v.latest.messagesNonLus === ind.unread,
      `the indicators read (${ind.incidents} incidents, ${ind.anomalies} anomalies, ${ind.unread} unread)`,
    );
  },

  async anomalies(bed) {
    const { page, demo } = bed;
    await loggedIn(bed);
    const all = visibleAnomalies(demo.state).filter((a) => a.year === demo.state.year);
    const individual = all.filter((a) => a.individu).length;
    await page.goto(demo.url("mon.urssaf.fr", "/suivi-dsn/typologies"));
    await expectPanels(page, all.length, "view by type");
    // View switches by the page's own links (in place under the `spa` mutation), Back twice, Forward twice.
    await page.getByRole("link", { name: "Suivi DSN", exact: true }).last().click();
    await page.waitForURL(/\/suivi-dsn$/);
    await page.getByRole("link", { name: "par individu", exact: true }).click();
    await page.waitForURL(/\/suivi-dsn\/individus$/);
    await expectPanels(page, individual, "view by individual (switched from the Suivi DSN page)");
    await page.goBack();
    await page.waitForURL(/\/suivi-dsn$/);
    await page.goBack();
    await page.waitForURL(/\/suivi-dsn\/typologies$/);
    await expectPanels(page, all.length, "view by type again (Back)");
    await page.goForward();
    await page.waitForURL(/\/suivi-dsn$/);
    await page.goForward();
    await page.waitForURL(/\/suivi-dsn\/individus$/);
    await expectPanels(page, individual, "view by individual again (Forward)");
  },

  async "one-click-resign"(bed) {
    const { page, demo, ext } = bed;
    demo.reset();
    await loggedIn(bed);
    await page.goto(demo.url("mon.urssaf.fr", ETAB));
    const hosts = page.locator('[data-tiers-feature="one-click-resign"]');
    await eventually(
      () => hosts.count(),
      (n) => n === 10,
      "one résilier control per row of page 1",
    );
    const target = demo.state.portfolio[1];
    if (!target) throw new Error("no second row");
    await hosts.nth(1).getByRole("button", { name: "Résilier" }).click();
    const previous = await sendFromExtension<JobView | null>(ext, { type: "job/get" });
    await hosts.nth(1).getByRole("button", { name: "Oui, résilier" }).click();
    const view = await jobEnd(ext, (v) => v.job.id !== previous?.job.id);
    expect([view.job.status, view.job.reason, view.progress.done]).toEqual(["done", null, 1]);
    expect(
      demo
        .log()
        .filter((e) => e.action === "resiliation")
        .map((e) => e.details.accountNumber),
    ).toEqual([target.accountNumber]);
    // Page 2 by the pager (in place under `spa`): its rows get their control too.
    // (the job leaves the tab on its check of the account: back to the list)
    await page.goto(demo.url("mon.urssaf.fr", ETAB));
    await eventually(
      () => hosts.count(),
      (n) => n === 10,
      "one résilier control per row, list loaded again",
    );
    await action(page, "Suivant").click();
    await page.waitForURL(/page=2/);
    await eventually(
      () => page.evaluate(() => document.body.innerText.includes("Précédent")),
      Boolean,
      "page 2 shown",
    );
    await eventually(
      () => hosts.count(),
      (n) => n === 10,
      "one résilier control per row of page 2",
    );
  },

  async "bulk-add"(bed) {
    const { page, demo, ext } = bed;
    demo.reset();
    await loggedIn(bed);
    const dir = demo.state.directory;
    const companies = [...pick("RG", 3, dir), ...pick("AC", 1, dir), ...pick("GERANT", 1, dir)];
    const ids = await registerCompanies(ext, companies);
    const created = await sendFromExtension<JobView>(ext, {
      type: "job/create",
      clientIds: ids,
      action: "add",
      paceMs: 20,
    });
    await page.goto(demo.url("mon.urssaf.fr", ETAB));
    const view = await jobEnd(ext, (v) => v.job.id === created.job.id);
    const failed = view.job.items.filter((i) => i.outcome === "failed").map((i) => i.message);
    expect({ status: view.job.status, reason: view.job.reason, failed }).toEqual({
      status: "done",
      reason: null,
      failed: [],
    });
    expect(view.progress).toMatchObject({ total: 5, done: 5, failed: 0 });
    const added = demo
      .log()
      .filter((e) => e.action === "inscription")
      .map((e) => String(e.details.siren ?? e.details.accountNumber));
    expect(added.sort()).toEqual(companies.map((c) => c.siren ?? c.accountNumber).sort());
  },

  async "portfolio-read"(bed) {
    const { page, demo, ext } = bed;
    demo.reset();
    await loggedIn(bed);
    const previous = await sendFromExtension<JobView | null>(ext, { type: "job/get" });
    await sendFromExtension<JobView>(ext, { type: "job/create", action: "read", paceMs: 20 });
    await page.goto(demo.url("mon.urssaf.fr", ETAB));
    const view = await jobEnd(ext, (v) => v.job.id !== previous?.job.id);
    expect([view.job.status, view.job.reason]).toEqual(["done", null]);
    const snapshot = await sendFromExtension<PortfolioSnapshot>(ext, { type: "portfolio/get" });
    const expected = demo.state.portfolio.map((c) => c.siren ?? c.accountNumber).sort();
    expect(snapshot.accounts.map((a) => a.siren ?? a.numeroCompte).sort()).toEqual(expected);
    expect(snapshot.pages).toBe(Math.ceil(demo.state.portfolio.length / 10));
  },
};

async function openBed(set: MutationSet): Promise<Bed> {
  const demo = await startDemoSpace({
    port: 0,
    quiet: true,
    scale: SCALE,
    mutations: set.mutations,
    mutationSeed: set.seed,
  });
  const browser = await launchChromium({ port: demo.port });
  const ext = await openExtensionPage(
    browser.context,
    browser.extensionId ?? "",
    "src/ui/options/index.html",
  );
  await sendFromExtension(ext, {
    type: "settings/save",
    settings: { ...DEFAULT_SETTINGS, nom: "Cabinet Démo", siretActif: demo.credentials.identifiant },
  });
  const page = await browser.context.newPage();
  return { demo, browser, ext, page };
}

for (const set of matrix().filter((s) => s.scenarios.length > 0)) {
  const runs = set.scenarios.some((s) => !set.sample || !failingToday(s, set.mutations));
  describe(`mutations ${describeSet(set)}`, () => {
    let bed: Bed | undefined;
    beforeAll(async () => {
      if (runs) bed = await openBed(set);
    }, 60_000);
    afterAll(async () => {
      await bed?.browser.context.close();
      await bed?.demo.close();
    });

    for (const scenario of set.scenarios) {
      // In npm test's sample, a scenario known to fail until issue 13 is fixed is skipped,
      // and named with the reason (FAILING_TODAY in mutations-support.ts).
      const known = set.sample ? failingToday(scenario, set.mutations) : null;
      (known ? it.skip : it)(
        known ? `${scenario} — known to fail (${known})` : scenario,
        async () => {
          if (!bed) throw new Error("no browser");
          const b = bed;
          // A page left by a failed scenario (a dialog, a job's tab) does not spoil the next one.
          if (b.page.isClosed()) b.page = await b.browser.context.newPage();
          await run(
            set,
            scenario,
            () => b.page,
            () => scenarios[scenario](b),
          );
        },
        TIMEOUTS[scenario],
      );
    }
  });
}
