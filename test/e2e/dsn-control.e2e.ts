// The options page's "Contrôle DSN" tab in real Chromium: generated DSN files (one with a planted
// error, one clean) chosen with the file button, unreadable files dropped on the zone; the report read
// in a Web Worker; the CSV export; the printable view; the history per client after reopening the page;
// seed 003's control file per establishment and month, its gaps, links and XLSX export.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisterSnapshot } from "../../src/core/messages.ts";
import { GENERATED_FIRM, generateDsn, generatedFirmContext } from "../../src/dsn/generate.ts";
import { checkDsn, type DsnReport } from "../../src/dsn/report.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { sendFromExtension } from "./jobs-support.ts";

const dir = mkdtempSync(join(tmpdir(), "tiers-assistant-dsn-"));
const cleanBytes = generateDsn({ employees: 15, seed: 21, month: "2026-02" });
const plantedBytes = generateDsn({ employees: 15, seed: 21, month: "2026-03", plant: ["urssaf-payment"] });
const clean = join(dir, "propre-2026-02.dsn");
const planted = join(dir, "erreur-2026-03.dsn");
writeFileSync(clean, cleanBytes);
writeFileSync(planted, plantedBytes);
// April: a CTP 772 line declared with its base only, 1 000 € short of the employees' bases.
const gapBytes = generateDsn({ employees: 15, seed: 21, month: "2026-04", plant: ["base-only-gap"] });
const gapFile = join(dir, "ecart-2026-04.dsn");
writeFileSync(gapFile, gapBytes);

let browser: LaunchedBrowser;
let page: Page;
let plantedReport: DsnReport;
let siren = "";

const url = () => `chrome-extension://${browser.extensionId}/src/ui/options/index.html#controle-dsn`;
const fileCard = (name: string) => page.locator('[data-testid="dsn-file"]').filter({ hasText: name });

beforeAll(async () => {
  plantedReport = await checkDsn(plantedBytes, generatedFirmContext());
  siren = plantedReport.declarations[0]?.siren ?? "";
  browser = await launchChromium({ port: 1 });
  page = await browser.context.newPage();
  await page.goto(url());
  // The firm of the generated files (active SIRET, old SIRET, DSN contact) and the declared client.
  const { settings } = await sendFromExtension<RegisterSnapshot>(page, { type: "register/get" });
  await sendFromExtension(page, {
    type: "settings/save",
    settings: {
      ...settings,
      nom: "Cabinet Durand",
      siretActif: GENERATED_FIRM.siret,
      anciensSirets: [GENERATED_FIRM.oldSiret],
      contactDsn: GENERATED_FIRM.contact,
    },
  });
  await sendFromExtension(page, {
    type: "client/create",
    client: { kind: "employeur", siren, raisonSociale: "Menuiserie Générée" },
  });
  await page.reload();
});
afterAll(async () => browser?.context.close());

describe("Contrôle DSN tab", () => {
  it("reads the chosen files in a worker and shows the planted error with its rubric, line and fix", async () => {
    await page.getByRole("tab", { name: "Contrôle DSN" }).waitFor();
    await page.getByTestId("dsn-input").setInputFiles([clean, planted]);
    await page.locator('[data-testid="dsn-file"][data-status="done"]').nth(1).waitFor();
    // Read off the main thread: the page started the DSN worker (a module built into the extension).
    expect(page.workers().map((w) => w.url())).toEqual([
      expect.stringMatching(
        new RegExp(`^chrome-extension://${browser.extensionId}/assets/dsn-worker-.*\\.js$`),
      ),
    ]);

    const ok = fileCard("propre-2026-02.dsn");
    expect(await ok.getAttribute("data-verdict")).toBe("ok");
    const infos = (await checkDsn(cleanBytes, generatedFirmContext())).findings.length;
    expect(await ok.getByTestId("dsn-summary").textContent()).toBe(
      `0 erreur(s), 0 avertissement(s), ${infos} information(s) — 1 déclaration(s), 1 établissement(s), 15 individu(s).`,
    );
    await ok.getByRole("cell", { name: "Menuiserie Générée" }).waitFor();

    const bad = fileCard("erreur-2026-03.dsn");
    expect(await bad.getAttribute("data-verdict")).toBe("errors");
    const expected = plantedReport.findings.find((f) => f.check === "control.urssaf-payment");
    expect(expected).toBeDefined();
    const group = bad.locator('[data-check="control.urssaf-payment"]');
    expect(await group.locator("h5").textContent()).toContain("Erreur");
    const row = group.getByTestId("dsn-finding").first();
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe("Erreur");
    expect(cells[1]).toBe(expected?.rubric);
    expect(cells[2]).toBe(String(expected?.line));
    expect(cells[3]).toContain("versement");
    expect(cells[4]?.length).toBeGreaterThan(10);
    expect(`${cells[3]} ${cells[4]}`.replace(/\s+/g, " ")).toContain(
      (expected?.message ?? "").split(". ")[0]?.replace(/\s+/g, " ") ?? "?",
    );
    // Grouped under the family label of the check.
    expect(await bad.locator('[data-family="control"] h4').textContent()).toBe(
      "Fichier de contrôle (cotisations, versements, effectif)",
    );
  });

  it("exports the report as CSV for Excel (BOM, ';', every finding of both files)", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("dsn-export-csv").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^controle-dsn-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.startsWith("\uFEFFFichier;SIREN;Période;Famille de contrôle;Contrôle;Gravité;")).toBe(true);
    const lines = csv.trimEnd().split("\r\n");
    const line = lines.find((l) => l.includes(";control.urssaf-payment;"));
    expect(line?.startsWith(`erreur-2026-03.dsn;${siren};03/2026;`)).toBe(true);
    expect(line).toContain(";Erreur;S21.G00.20.005;");
    expect(lines.filter((l) => l.startsWith("propre-2026-02.dsn;")).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith("erreur-2026-03.dsn;")).length).toBe(
      plantedReport.findings.length + plantedReport.errors.length,
    );
  });

  it("prints a view of the reports only", async () => {
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByTestId("dsn-print").click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("dsn-drop").isVisible()).toBe(false);
    expect(await page.getByRole("tablist").isVisible()).toBe(false);
    expect(await page.getByTestId("dsn-history").isVisible()).toBe(false);
    expect(
      await fileCard("erreur-2026-03.dsn").locator('[data-check="control.urssaf-payment"]').isVisible(),
    ).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.getByTestId("dsn-drop").isVisible()).toBe(true);
  });

  it("says in French why a dropped file cannot be read, and still reads the others", async () => {
    await page.getByTestId("dsn-clear").click();
    await page.evaluate((good) => {
      const dt = new DataTransfer();
      dt.items.add(new File([], "vide.dsn"));
      dt.items.add(new File(["%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\n"], "edition.dsn"));
      dt.items.add(new File([Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)], "image.dsn"));
      dt.items.add(new File([new Uint8Array(good)], "encore-propre.dsn"));
      const zone = document.querySelector('[data-testid="dsn-drop"]');
      zone?.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Array.from(cleanBytes));
    await page.locator('[data-testid="dsn-file"][data-status="done"]').nth(3).waitFor();
    const message = (name: string) => fileCard(name).getByTestId("dsn-unreadable").textContent();
    expect(await message("vide.dsn")).toBe(
      "Le fichier est vide (0 octet) : exportez à nouveau la DSN depuis le logiciel de paie.",
    );
    expect(await message("edition.dsn")).toMatch(/^Ce fichier est un document PDF, pas un fichier DSN/);
    expect(await message("image.dsn")).toMatch(/^Ce fichier contient des données binaires/);
    expect(await fileCard("encore-propre.dsn").getAttribute("data-verdict")).toBe("ok");
  });

  it("keeps the history of controls per client, month after month, after reopening the page", async () => {
    await page.close();
    page = await browser.context.newPage();
    await page.goto(url());
    const client = page.locator(`[data-testid="dsn-history-client"][data-siren="${siren}"]`);
    await client.waitFor();
    expect(await client.locator("h3").textContent()).toContain("Menuiserie Générée");
    // Month after month: the latest control of each month.
    expect(await client.getByTestId("dsn-months").locator("li").allTextContents()).toEqual([
      "03/2026 : Erreurs",
      "02/2026 : OK",
    ]);
    const rows = client.getByTestId("dsn-history-row");
    const months = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll("td")[0]?.textContent),
    );
    const files = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent));
    expect(months).toEqual(["03/2026", "02/2026", "02/2026"]);
    // Latest month first; inside a month, the latest control first.
    expect(files).toEqual(["erreur-2026-03.dsn", "encore-propre.dsn", "propre-2026-02.dsn"]);
    const errors = await rows.first().locator("td").nth(3).textContent();
    expect(Number(errors)).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain("control.urssaf-payment");
    // Unreadable files leave nothing in the history.
    expect(await page.locator('[data-testid="dsn-history-row"]').count()).toBe(3);
  });

  it("shows the control file with the previous months, highlights the gap, links the finding and exports XLSX", async () => {
    await page.getByTestId("dsn-input").setInputFiles([gapFile]);
    const card = fileCard("ecart-2026-04.dsn");
    const table = card.getByTestId("dsn-control-table");
    await table.waitFor();
    expect(await table.getAttribute("data-month")).toBe("2026-04");
    // March and February from the history, beside April.
    const heads = await table.locator("thead").first().locator("th").allTextContents();
    expect(heads.slice(4)).toEqual(["03/2026", "02/2026"]);
    // The CTP 772 row is the one with a gap: 1 000 € × 4,00 % = 40,00 € (computed here).
    const gaps = table.locator('[data-testid="dsn-control-ctp"][data-gap="yes"]');
    expect(await gaps.count()).toBe(1);
    expect(await gaps.getAttribute("data-ctp")).toBe("772");
    expect(await gaps.locator("td.dsn-gap").textContent()).toBe("-40,00 €");
    // The finding on that line links to its row.
    const link = card.locator('[data-check="control.ctp-base"]').getByTestId("dsn-finding-row-link");
    await link.click();
    // Shown and focused in place: the URL's hash (the tab) does not change.
    expect(await page.evaluate(() => location.hash)).toBe("#controle-dsn");
    expect(
      await gaps.evaluate((tr) => tr.classList.contains("dsn-targeted") && document.activeElement === tr),
    ).toBe(true);
    // The XLSX export: a workbook (a ZIP) named after the establishment and the month.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      table.getByTestId("dsn-control-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^controle-dsn-\d{14}-2026-04-\d{4}-\d\d-\d\d\.xlsx$/);
    const xlsx = readFileSync((await download.path()) ?? "");
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(xlsx.length).toBeGreaterThan(1000);
  });
});
