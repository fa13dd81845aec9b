// The DSN anomaly panel on the demo "Suivi DSN" (issue 5), layouts A and B with random ids: a panel next
// to every anomaly of every view, the right content for a known and an unknown reference, the Oui/Non
// question answered inside the panel, the month grids, the page's own behaviour unchanged, tracking
// kept across a browser restart, the popup's open list and the options page's unknown references.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAnomaly } from "../../src/anomalies/model/tracking.ts";
import { demoRequest } from "../demo-site/client.ts";
import type { Anomaly } from "../demo-site/data.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { launchChromium } from "./chromium.ts";
import { sendFromExtension } from "./jobs-support.ts";
import {
  inUi,
  login,
  openExtensionPage,
  openSession,
  readMark,
  type Session,
  uiClick,
  uiTexts,
  uiWaitFor,
  waitInUi,
} from "./support.ts";

const PANEL = '[data-tiers-feature="anomaly-panel"]';
/** A reference of the Urssaf's shape that no source documents (the catalogue does not know it). */
const UNKNOWN = "UR_ANO_CTP_XYZ_DA901";
let session: Session;
let page: Page;

beforeAll(async () => {
  session = await openSession();
  page = await session.browser.context.newPage();
});
afterAll(async () => session?.close());

const anomalies = (): Anomaly[] => {
  const year = session.demo.state.year;
  return visibleAnomalies(session.demo.state).filter((a) => a.year === year);
};
const mm = (a: Anomaly) => `${a.year}-${String(a.month).padStart(2, "0")}`;
const monthPath = (a: Anomaly) => `/suivi-dsn/etablissements/${a.siret}?mois=${mm(a)}`;

/** Every anomaly link of the page has exactly one panel in its own line, and there is no other panel. */
async function panelsBesideEveryAnomaly(
  p: Page,
): Promise<{ links: number; panels: number; orphans: number }> {
  await p.locator(PANEL).first().waitFor({ state: "attached" });
  const lines = await p.evaluate((sel) => {
    const links = [...document.querySelectorAll("a")].filter((a) => /^UR_ANO_/.test(a.textContent ?? ""));
    let orphans = 0;
    for (const a of links) {
      const line = a.parentElement;
      if (line?.querySelectorAll(sel).length !== 1) orphans++;
    }
    return { links: links.length, orphans };
  }, PANEL);
  const panels = await inUi<number>(
    p,
    `(roots) => roots("anomaly-panel").filter((r) => r.querySelector("details")).length`,
  );
  return { links: lines.links, panels, orphans: lines.orphans };
}

interface Panel {
  id: "anomaly-panel";
  host: number;
}

/** The panel of the first anomaly line whose link is `reference` (its roots are closed: see support.ts). */
async function panelOf(p: Page, reference: string): Promise<Panel> {
  const found = await waitInUi<number>(
    p,
    `(roots, ref) => roots("anomaly-panel").findIndex((r) => r.querySelector('details[data-reference="' + ref + '"]')) + 1`,
    reference,
  );
  return { id: "anomaly-panel", host: found - 1 };
}

/** The text of the first element of `selector` in a panel ("" when none). */
async function textIn(p: Page, panel: Panel, selector: string): Promise<string> {
  return (await uiTexts(p, { ...panel, selector }))[0] ?? "";
}

/**
 * Every panel of the page filled by the worker's answer. At least one: the content script's world
 * answers before the features attach theirs, and « every » of none is true (a month visited then
 * closed at once was never recorded).
 */
async function waitFilled(p: Page): Promise<void> {
  await waitInUi(
    p,
    `(roots) => roots("anomaly-panel").length > 0 && roots("anomaly-panel").every(
      (r) => r.querySelector("[data-testid=grid]") || r.querySelector("details")?.hasAttribute("data-known"),
    )`,
  );
}

/** The page's own text, without our hosts (their shadow content is not in textContent anyway). */
const ownText = (p: Page) =>
  p.evaluate((sel) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const h of clone.querySelectorAll(sel)) h.remove();
    for (const s of clone.querySelectorAll("script, [data-tiers-feature]")) s.remove();
    return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
  }, '[data-tiers-feature="anomaly-panel"]');

for (const variant of ["A", "B"] as const) {
  describe(`layout ${variant}`, () => {
    beforeAll(async () => {
      session.demo.reset();
      session.demo.faults.set({ variant });
      await page.context().clearCookies();
      await login(page, session.demo);
    });

    it("puts a panel beside every anomaly of the views by type, by individual and by period", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn/typologies"));
      expect(await panelsBesideEveryAnomaly(page)).toEqual({
        links: anomalies().length,
        panels: anomalies().length,
        orphans: 0,
      });
      await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn/individus"));
      const individual = anomalies().filter((a) => a.individu).length;
      expect(await panelsBesideEveryAnomaly(page)).toEqual({
        links: individual,
        panels: individual,
        orphans: 0,
      });
      const first = anomalies()[0] as Anomaly;
      await page.goto(session.demo.url("mon.urssaf.fr", monthPath(first)));
      const inMonth = anomalies().filter((a) => a.siret === first.siret && mm(a) === mm(first)).length;
      expect(await panelsBesideEveryAnomaly(page)).toEqual({ links: inMonth, panels: inMonth, orphans: 0 });
      await waitFilled(page);
    });

    it("explains a known reference: rubrics, contract natures, correction path, 30-day rule, checklist", async () => {
      const dimns = anomalies().find((a) => a.reference === "UR_ANO_DIMNS002") as Anomaly;
      await page.goto(session.demo.url("mon.urssaf.fr", monthPath(dimns)));
      await waitFilled(page);
      const panel = await panelOf(page, "UR_ANO_DIMNS002");
      expect(await textIn(page, panel, "summary")).toMatch(
        /UR_ANO_DIMNS002 · Montant net social .* · (Annule et remplace possible jusqu'au \w+ \d+ \S+ \d{4} à minuit|À corriger dans la DSN d[e'] ?\S+ \d{4}, à déposer au plus tard le \w+ \d+(er)? \S+ \d{4} à midi)$/,
      );
      await uiClick(page, { ...panel, selector: "summary" });
      await uiWaitFor(page, { ...panel, selector: "[data-testid=body] [data-testid=explanation]" });
      expect(await textIn(page, panel, "[data-testid=body] [data-testid=explanation]")).toContain(
        "montant net social",
      );
      expect(await textIn(page, panel, "[data-testid=body] [data-testid=path]")).toMatch(
        /^(Annule et remplace possible|À corriger dans la DSN)/,
      );
      const text = await textIn(page, panel, "[data-testid=body]");
      expect(text).toContain("S21.G00.40.007");
      // The substitution concerns retirement data only in 2026: not this anomaly (issue 16).
      expect(text).not.toContain("DSN de substitution");
      expect(text).toContain("au moins 30 jours après la notification");
      expect(text).toMatch(/Dernier jour pour corriger ou contester : \w+ \d+(er)? \S+ \d{4} à midi/);
      expect(text).toContain("Bonnes pratiques du Suivi DSN");
      // The contract natures, the seed's fixed-term ones highlighted.
      const highlighted = await uiTexts(page, {
        ...panel,
        selector: "[data-testid=body] tr.hl td:first-child",
      });
      expect([...new Set(highlighted)]).toEqual(["02", "03", "10", "29", "51", "53", "60", "70", "90", "92"]);
    });

    it("explains an unknown reference from its parts and lists it in the options page", async () => {
      // Every reference the demo shows is in the catalogue (issue 16): one of them is renamed, in the
      // demo's own state, into a reference of the same shape that nobody documents.
      const fnal = anomalies().find((a) => a.reference === "UR_ANO_CTP_FNAL_DA101") as Anomaly;
      fnal.reference = UNKNOWN;
      await page.goto(session.demo.url("mon.urssaf.fr", monthPath(fnal)));
      await waitFilled(page);
      const panel = await panelOf(page, UNKNOWN);
      await uiClick(page, { ...panel, selector: "summary" });
      const explanation = await uiWaitFor(page, { ...panel, selector: "[data-testid=explanation]" });
      expect(explanation).toContain("données agrégées");
      expect(explanation).toContain("n'est pas encore dans notre catalogue");
      const options = await openExtensionPage(
        session.browser.context,
        session.browser.extensionId ?? "",
        "src/ui/options/index.html#anomalies",
      );
      await options.getByTestId("unknown-reference").first().waitFor();
      expect(await options.getByTestId("unknown-reference").allTextContents()).toContainEqual(
        expect.stringContaining(UNKNOWN),
      );
      // The renamed anomaly is not the demo's: contest it so that the open list holds the demo's only.
      await sendFromExtension(options, {
        type: "anomaly/track",
        key: `${fnal.siret}|${mm(fnal)}|${UNKNOWN}`,
        status: "contestee",
      });
      await options.close();
    });

    it("answers the Oui/Non question inside the panel; the page's own question still works", async () => {
      const dimns = anomalies().find((a) => a.reference === "UR_ANO_DIMNS002") as Anomaly;
      const url = session.demo.url("mon.urssaf.fr", `/suivi-dsn/anomalies/${dimns.id}`);
      await page.goto(url);
      await waitFilled(page);
      // On the detail the panel is open, after the page's own actions and question.
      expect(
        await page.evaluate((sel) => {
          const host = document.querySelector(sel);
          const own = [...document.querySelectorAll("button, a")].find(
            (e) => e.textContent?.trim() === "Oui",
          );
          return Boolean(host && own && own.compareDocumentPosition(host) & Node.DOCUMENT_POSITION_FOLLOWING);
        }, PANEL),
      ).toBe(true);
      const panel: Panel = { id: "anomaly-panel", host: 0 };
      const question = "[data-testid=question]";
      await uiClick(page, { ...panel, selector: `${question} button`, text: "Oui" });
      const answer = `${question} [data-testid=answer]`;
      await uiWaitFor(page, { ...panel, selector: answer, text: /Votre réponse : Oui/ });
      expect(await textIn(page, panel, answer)).toContain("Contrat à durée déterminée");
      expect(await textIn(page, panel, `${answer} [data-testid=next-step]`)).toMatch(
        /^Étape suivante : (Annule|À corriger)/,
      );
      await uiClick(page, { ...panel, selector: `${question} button`, text: "Non" });
      await uiWaitFor(page, { ...panel, selector: answer, text: /Votre réponse : Non/ });
      expect(page.url()).toBe(url);
      // The page's own Oui/Non navigates as without the extension.
      const before = await ownText(page);
      expect(before).not.toContain("Votre réponse");
      // XPath does not pierce shadow roots: this is the page's own button (or link in layout B).
      await page.locator('xpath=//button[normalize-space()="Oui"] | //a[normalize-space()="Oui"]').click();
      await page.waitForURL(/reponse=oui/);
      expect(await ownText(page)).toContain("Votre réponse : Oui");
    });

    it("leaves the page's text and links as they are", async () => {
      const first = anomalies()[0] as Anomaly;
      const url = session.demo.url("mon.urssaf.fr", monthPath(first));
      await page.goto(url);
      await waitFilled(page);
      const withExtension = await ownText(page);
      const raw = await page.evaluate(async (u) => {
        const html = await (await fetch(u)).text();
        const doc = new DOMParser().parseFromString(html, "text/html");
        for (const s of doc.querySelectorAll("script")) s.remove();
        return (doc.body.textContent ?? "").replace(/\s+/g, " ").trim();
      }, url);
      expect(withExtension).toBe(raw);
      await page.getByRole("link", { name: first.reference, exact: true }).first().click();
      await page.waitForURL(/\/suivi-dsn\/anomalies\//);
    });

    it("shows the month grid's anomalies per month and their status", async () => {
      const first = anomalies()[0] as Anomaly;
      await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn"));
      await uiWaitFor(page, { id: "anomaly-panel", selector: "[data-testid=grid]" });
      const establishments = new Set(anomalies().map((a) => a.siret)).size;
      expect(await uiTexts(page, { id: "anomaly-panel", selector: "[data-testid=grid]" })).toHaveLength(
        establishments,
      );
      const month = `[data-siret="${first.siret}"] li[data-period="${mm(first)}"]`;
      expect(await uiWaitFor(page, { id: "anomaly-panel", selector: month })).toMatch(
        /: \d+ anomalie\(s\) consultée\(s\) — \d+ à traiter, \d+ corrigée\(s\), \d+ contestée\(s\)$/,
      );
    });
  });
}

describe("labels missing", () => {
  it("says which label is missing and attaches nothing (page altered on the way in)", async () => {
    session.demo.reset();
    await page.context().clearCookies();
    await login(page, session.demo);
    const first = anomalies()[0] as Anomaly;
    const alter = async (pattern: RegExp, change: (html: string) => string) => {
      await page.route(pattern, async (route) => {
        // Fetched from Node with the browser's session cookie (Node has no host-resolver rule).
        const cookie = (await page.context().cookies(route.request().url()))
          .map((c) => `${c.name}=${c.value}`)
          .join("; ");
        const response = await demoRequest(session.demo.port, route.request().url(), { cookie });
        await route.fulfill({
          status: response.status,
          contentType: "text/html; charset=utf-8",
          body: change(response.body),
        });
      });
    };
    // The period view without its "— SIRET <siret>" line.
    await alter(/\/suivi-dsn\/etablissements\/\d{14}/, (html) => html.replace(/ — SIRET \d{14}/g, ""));
    await page.goto(session.demo.url("mon.urssaf.fr", monthPath(first)));
    expect(await readMark(page)).toMatchObject({ kind: "suivi-dsn-liste", understood: false });
    expect((await readMark(page))?.text).toContain("SIRET de l'établissement");
    // The view by type with lines that lost their period.
    await alter(/\/suivi-dsn\/typologies/, (html) => html.replace(/ \(\d{2}\/\d{4}/g, " ("));
    await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn/typologies"));
    const mark = await readMark(page);
    expect(mark).toMatchObject({ kind: "suivi-dsn-liste", understood: false });
    expect(mark?.text).toContain("libellé et période de UR_ANO_");
    expect(await page.locator(PANEL).count()).toBe(0);
    await page.unrouteAll({ behavior: "wait" });
  });
});

describe("tracking", () => {
  it("marks an anomaly corrected, keeps it across a browser restart, and lists the open ones in the popup", async () => {
    session.demo.reset();
    const { demo } = session;
    const first = anomalies()[0] as Anomaly;
    await page.context().clearCookies();
    await login(page, demo);
    await page.goto(demo.url("mon.urssaf.fr", monthPath(first)));
    await waitFilled(page);
    const panel = await panelOf(page, first.reference);
    await uiClick(page, { ...panel, selector: "summary" });
    const mark = { ...panel, selector: "button", text: /^Marquer comme corrigée dans la DSN / };
    const label = (await uiWaitFor(page, mark)).replace("Marquer comme corrigée dans la DSN ", "");
    await uiClick(page, mark);
    await uiWaitFor(page, {
      ...panel,
      selector: "[data-testid=track-status]",
      text: new RegExp(`Corrigée dans la DSN ${label}`),
    });
    expect(await textIn(page, panel, "summary")).toContain(`Corrigée dans la DSN ${label}`);

    // Visit every month page so that every anomaly is tracked, then restart the browser.
    for (const a of anomalies()) {
      await page.goto(demo.url("mon.urssaf.fr", monthPath(a)));
      await waitFilled(page);
    }
    const userDataDir = session.browser.userDataDir;
    await session.browser.context.close();
    session.browser = await launchChromium({ port: demo.port, userDataDir });
    page = await session.browser.context.newPage();
    await login(page, demo);
    await page.goto(demo.url("mon.urssaf.fr", monthPath(first)));
    await waitFilled(page);
    expect(await textIn(page, await panelOf(page, first.reference), "summary")).toContain(
      `Corrigée dans la DSN ${label}`,
    );

    const popup = await openExtensionPage(
      session.browser.context,
      session.browser.extensionId ?? "",
      "src/ui/popup/index.html",
    );
    await popup.getByTestId("popup-anomalies").waitFor();
    const open = await sendFromExtension<OpenAnomaly[]>(popup, { type: "anomaly/open" });
    const distinct = new Set(anomalies().map((a) => `${a.siret}|${mm(a)}|${a.reference}`));
    expect(open).toHaveLength(distinct.size - 1);
    expect(
      open.some((o) => o.siret === first.siret && o.period === mm(first) && o.reference === first.reference),
    ).toBe(false);
    expect(await popup.getByTestId("popup-anomalies").textContent()).toContain(
      `${open.length} anomalie(s) à traiter`,
    );
    const deadlines = open.map((o) => o.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    await popup.close();
  });
});
