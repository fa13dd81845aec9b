// The Firefox build in Debian's Firefox ESR, headless, against the demo space: the extension installs,
// opens its welcome, and its background answers; the options page imports a CSV of 5 clients; the content script
// attaches on « Gérer les établissements » and résilie one account in one click, the site's native
// confirmation answered by the MAIN-world bridge; the Suivi DSN pages show their panels. Firefox
// missing or not starting fails this file (never a skip). Same steps and selectors as the Chromium
// tests (support.ts), with Puppeteer's API.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElementHandle, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobView, Status } from "../../src/core/messages.ts";
import { SCHEMA_VERSION } from "../../src/core/storage/schema.ts";
import type { Anomaly } from "../demo-site/data.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import {
  EXTENSION_ORIGIN,
  type LaunchedFirefox,
  launchFirefox,
  openExtensionPage,
  sendFromExtension,
  showOptionsTab,
} from "./firefox.ts";

const MARK = '[data-tiers-feature="extension-status"]';
const RESIGN = '[data-tiers-feature="one-click-resign"]';
const PANEL = '[data-tiers-feature="anomaly-panel"]';

let demo: DemoSpace;
let firefox: LaunchedFirefox;
let page: Page;
let options: Page;

// Firefox starts inside the first test, not in a hook: if it cannot start, every test fails (a failed
// hook would only mark them skipped).
beforeAll(async () => {
  demo = await startDemoSpace({ port: 0, quiet: true });
});
afterAll(async () => {
  await firefox?.close();
  await demo?.close();
});

/** Logs in through the demo's own login form, then goes past the news page to the dashboard. */
async function login(): Promise<void> {
  await page.goto(demo.url("www.urssaf.fr", "/connexion"));
  await (await field("Identifiant")).type(demo.credentials.identifiant);
  await (await field("Mot de passe")).type(demo.credentials.motDePasse);
  await Promise.all([page.waitForNavigation(), page.locator("::-p-aria(Je me connecte)").click()]);
  await Promise.all([page.waitForNavigation(), page.locator("::-p-aria(Continuer)").click()]);
  expect(page.url()).toMatch(/tdbec\.urssaf\.fr\/tableau-de-bord/);
}

/** The form field of a label, by the label's text (Firefox's BiDi finds no field by its ARIA name). */
async function field(label: string): Promise<ElementHandle<Element>> {
  await page.waitForSelector(`label::-p-text(${label})`);
  const handle = await page.evaluateHandle(
    (text) => [...document.querySelectorAll("label")].find((l) => l.textContent?.trim() === text)?.control,
    label,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`pas de champ « ${label} »`);
  return element as ElementHandle<Element>;
}

/** A button of one of our shadow roots, by its visible text. */
async function shadowButton(host: ElementHandle<Element>, name: string): Promise<ElementHandle<Element>> {
  const handle = await host.waitForSelector(`>>> button::-p-text(${name})`);
  if (!handle) throw new Error(`pas de bouton « ${name} »`);
  return handle;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} : toujours pas après ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("Firefox", () => {
  it("starts Debian's Firefox headless and installs the built extension, whose background answers", async () => {
    firefox = await launchFirefox({ port: demo.port });
    page = await firefox.browser.newPage();
    expect(firefox.version).toMatch(/^firefox\/\d+/);
    expect(firefox.extensionId).toBe("tiers-assistant@tiers-assistant.fr");
    options = await openExtensionPage(firefox.browser, "src/ui/options/index.html#clients");
    const status = await sendFromExtension<Status>(options, { type: "status/get" });
    expect(status.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await options.evaluate(() => location.origin)).toBe(EXTENSION_ORIGIN);
    // The first install opened the welcome in a tab of its own (Puppeteer does not list it).
    const tabs = await options.evaluate(async () =>
      (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({})).map((t) => t.url),
    );
    expect(tabs).toContain(`${EXTENSION_ORIGIN}/src/ui/options/index.html#bienvenue`);
  });

  it("imports a CSV of 5 clients from the options page", async () => {
    const companies = demo.state.portfolio.filter((c) => c.kind === "RG" && c.siren).slice(0, 5);
    const csv = join(tmpdir(), `tiers-assistant-firefox-${process.pid}.csv`);
    writeFileSync(
      csv,
      [
        "Type;SIREN;Raison sociale;N° compte Urssaf",
        ...companies.map((c) => `Employeur;${c.siren};${c.raisonSociale};${c.accountNumber}`),
      ].join("\r\n"),
    );
    await showOptionsTab(options, "import");
    const input = (await options.waitForSelector(
      '[data-testid="import-file"]',
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(csv);
    const summary = await options.waitForSelector('[data-testid="import-summary"]');
    expect(await summary?.evaluate((e) => e.textContent)).toBe("5 lignes : 5 valides, 0 à corriger.");
    await options.locator('[data-testid="import-valid"]').click();
    const feedback = await options.waitForSelector('[data-testid="feedback"]');
    expect(await feedback?.evaluate((e) => e.textContent)).toBe(
      "Import terminé : 5 ajouté(s), 0 mis à jour, 0 inchangé(s).",
    );
    await showOptionsTab(options, "clients");
    const count = await options.waitForSelector('[data-testid="clients-count"]');
    expect(await count?.evaluate((e) => e.textContent)).toBe("5 affichés sur 5");
  });

  it("shows its status mark on the site, while the page's own scripts see no extension API", async () => {
    await login();
    const mark = await page.waitForSelector(MARK);
    expect(
      await mark?.evaluate((h) => h.shadowRoot?.querySelector<HTMLElement>(".mark")?.dataset.pageKind),
    ).toBe("tableau-de-bord");
    // Firefox has no storage.local.setAccessLevel: the page's world (where the dialog bridge runs)
    // has no `browser` nor `chrome`, and the content script never touches storage (build.e2e.ts).
    expect(await page.evaluate(() => [typeof globalThis.browser, typeof globalThis.chrome])).toEqual([
      "undefined",
      "undefined",
    ]);
  });

  it("résilie one account in one click on « Gérer les établissements », the site's confirmation answered", async () => {
    const prompts: string[] = [];
    const onDialog = (d: { message(): string }) => prompts.push(d.message());
    page.on("dialog", onDialog);
    await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
    const target = demo.state.portfolio[1];
    if (!target?.siren) throw new Error("no SIREN on the second row");
    await page.waitForSelector(RESIGN);
    await until(async () => (await page.$$(RESIGN)).length === 10, "10 boutons Résilier");
    const host = (await page.$$(RESIGN))[1] as ElementHandle<Element>;
    await (await shadowButton(host, "Résilier")).click();
    const previous = await sendFromExtension<JobView | null>(options, { type: "job/get" });
    await (await shadowButton(host, "Oui, résilier")).click();
    await until(async () => {
      const view = await sendFromExtension<JobView | null>(options, { type: "job/get" });
      return view?.job.id !== previous?.job.id && view?.job.status === "done";
    }, "fin de la résiliation");
    const resigned = demo.log().filter((e) => e.action === "resiliation");
    expect(resigned.map((e) => e.details.siren ?? e.details.accountNumber)).toEqual([target.siren]);
    // The bridge answered the site's confirm() itself: no dialog reached the browser.
    expect(prompts).toEqual([]);
    page.off("dialog", onDialog);
  });

  it("puts a panel beside every anomaly on Suivi DSN", async () => {
    const year = demo.state.year;
    const anomalies = visibleAnomalies(demo.state).filter((a: Anomaly) => a.year === year);
    await page.goto(demo.url("mon.urssaf.fr", "/suivi-dsn/typologies"));
    await page.waitForSelector(PANEL);
    await until(
      async () =>
        (await page.$$eval(
          PANEL,
          (hosts) => hosts.filter((h) => h.shadowRoot?.querySelector("details")).length,
        )) === anomalies.length,
      `${anomalies.length} panneaux`,
    );
    const links = await page.$$eval(
      "a",
      (as) => as.filter((a) => /^UR_ANO_/.test(a.textContent ?? "")).length,
    );
    expect(links).toBe(anomalies.length);
  });
});
