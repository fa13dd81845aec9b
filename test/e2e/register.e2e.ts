// The register in the options page, in real Chromium: settings and identifiers checked as you type,
// a CSV with mixed errors imported after fixing the mapping, the register kept across a browser
// restart on the same profile, and export → re-import changing nothing; backup → restore.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cell, sheetXml, xlsxOf } from "../fuzz/zip.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/clients/clients-a-corriger.csv");
const profile = mkdtempSync(join(tmpdir(), "tiers-assistant-register-"));
const downloads = mkdtempSync(join(tmpdir(), "tiers-assistant-downloads-"));
let browser: LaunchedBrowser;
let page: Page;

async function openOptions(tab: string): Promise<void> {
  await page.goto(`chrome-extension://${browser.extensionId}/src/ui/options/index.html#${tab}`);
  await page.getByRole("tab", { selected: true }).waitFor();
}

const feedback = () => page.getByTestId("feedback").textContent();

beforeAll(async () => {
  browser = await launchChromium({ port: 1, userDataDir: profile });
  page = await browser.context.newPage();
});
afterAll(async () => browser?.context.close());

describe("options page", () => {
  it("checks the firm's active SIRET as it is typed, then saves it", async () => {
    await openOptions("cabinet");
    const siret = page.getByTestId("siret-actif");
    await siret.fill("111 222 333 44455");
    await page
      .getByText(/la clé du SIREN qu'il contient \(111 222 333, 9 premiers chiffres\) est fausse/)
      .waitFor();
    expect(await page.getByRole("button", { name: "Enregistrer" }).isDisabled()).toBe(true);
    await siret.fill("81234567600017");
    await page.getByText("812 345 676 00017").waitFor();
    await page.getByLabel("Nom du cabinet").fill("Cabinet Démo");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    expect(await feedback()).toBe("Réglages du cabinet enregistrés.");
  });

  it("adds a collaborator", async () => {
    await openOptions("collaborateurs");
    await page.getByLabel(/^Nom/).fill("Dubois");
    await page.getByLabel(/^Prénom/).fill("Claire");
    await page.getByLabel("Adresse électronique").fill("claire.dubois@cabinet-demo.fr");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    expect(await feedback()).toBe("Claire Dubois a été enregistré.");
    await page.getByRole("cell", { name: "Claire Dubois" }).waitFor();
  });

  it("creates a client by hand, refusing a wrong SIREN key with the reason", async () => {
    await openOptions("clients");
    await page.getByTestId("client-new").click();
    await page.getByTestId("client-name").fill("Atelier Durand");
    await page.getByTestId("client-siren").fill("443061842");
    await page.getByText("Le SIREN 443 061 842 a une clé invalide : vérifiez les 9 chiffres.").waitFor();
    expect(await page.getByTestId("client-save").isDisabled()).toBe(true);
    await page.getByTestId("client-siren").fill("443061841");
    await page.getByTestId("client-save").click();
    expect(await feedback()).toBe("Atelier Durand a été ajouté au registre.");
    expect(await page.getByTestId("clients-count").textContent()).toBe("1 affichés sur 1");
  });

  it("imports a CSV with mixed errors after the mapping is fixed: valid rows only", async () => {
    await openOptions("import");
    await page.getByTestId("import-file").setInputFiles(FIXTURE);
    await page.getByTestId("import-summary").waitFor();
    expect(await page.getByTestId("import-summary").textContent()).toBe(
      "6 lignes : 0 valides, 6 à corriger.",
    );
    await page.getByText(/Aucune colonne n'est associée à la raison sociale/).waitFor();
    await page.getByLabel("Champ du registre pour la colonne Zone libre 1").selectOption("raisonSociale");
    expect(await page.getByTestId("import-summary").textContent()).toBe(
      "6 lignes : 3 valides, 3 à corriger.",
    );
    const preview = page.getByTestId("import-preview");
    expect(await preview.locator('tr[data-line="4"]').textContent()).toContain(
      "Le SIREN 111 222 333 a une clé invalide",
    );
    expect(await preview.locator('tr[data-line="5"]').textContent()).toContain("même client que la ligne 2");
    expect(await preview.locator('tr[data-line="6"]').textContent()).toContain("notation scientifique");
    expect(await preview.locator('tr[data-line="2"]').textContent()).toContain("nouveau client");
    await page.getByTestId("import-valid").click();
    expect(await feedback()).toBe("Import terminé : 3 ajouté(s), 0 mis à jour, 0 inchangé(s).");
    await openOptions("clients");
    expect(await page.getByTestId("clients-count").textContent()).toBe("4 affichés sur 4");
    const row = page.locator("tr", { hasText: "Boulangerie des Halles" });
    expect(await row.textContent()).toContain("Claire Dubois");
  });

  it("refuses hostile workbooks in its worker within seconds, naming the limit, the page still live", async () => {
    await openOptions("import");
    const far = join(downloads, "loin.xlsx");
    writeFileSync(
      far,
      xlsxOf(
        sheetXml(`<row r="1">${cell("A1", "SIREN")}</row><row r="1048576">${cell("XFD1048576", "x")}</row>`),
      ),
    );
    const bomb = join(downloads, "bombe.xlsx");
    writeFileSync(bomb, xlsxOf(sheetXml(`<row r="1">${cell("A1", "x".repeat(70 * 1024 * 1024))}</row>`)));
    const t = Date.now();
    await page.getByTestId("import-file").setInputFiles(far);
    await page
      .getByText(/jusqu'à la ligne 1\s048\s576 .*la limite est de 50\s001 lignes par feuille/)
      .waitFor({ timeout: 10_000 });
    await page.getByTestId("import-file").setInputFiles(bomb);
    await page
      .getByText(/la feuille n° 1 du classeur dépasse 64 Mo \(limite par feuille\)/)
      .waitFor({ timeout: 10_000 });
    expect(Date.now() - t).toBeLessThan(10_000);
    // The page never froze: a tab switch answers at once.
    await page.getByRole("tab", { name: /Clients/ }).click();
    await page.getByTestId("clients-count").waitFor({ timeout: 2000 });
  });

  it("keeps the register across a browser restart on the same profile", async () => {
    await browser.context.close();
    browser = await launchChromium({ port: 1, userDataDir: profile });
    page = await browser.context.newPage();
    await openOptions("clients");
    await page.getByTestId("clients-count").waitFor();
    expect(await page.getByTestId("clients-count").textContent()).toBe("4 affichés sur 4");
    await page.getByTestId("clients-search").fill("plomberie");
    expect(await page.getByTestId("clients-count").textContent()).toBe("1 affichés sur 4");
  });

  it("exports a CSV that imports back without any change", async () => {
    await openOptions("export");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const csv = readFileSync(file, "utf8");
    expect(csv.startsWith("\uFEFFType de client;SIREN;SIRET;Raison sociale")).toBe(true);
    await openOptions("import");
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-summary").waitFor();
    expect(await page.getByTestId("import-summary").textContent()).toBe(
      "4 lignes : 4 valides, 0 à corriger.",
    );
    await page.getByTestId("import-valid").click();
    expect(await feedback()).toBe("Import terminé : 0 ajouté(s), 0 mis à jour, 4 inchangé(s).");
  });

  it("backs up, and restores by replacing the register after saying what will happen", async () => {
    await openOptions("export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup").click()]);
    const backupFile = join(downloads, "sauvegarde.json");
    await download.saveAs(backupFile);
    await openOptions("clients");
    await page.getByLabel("Tout sélectionner").check();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Supprimer du registre" }).click();
    expect(await feedback()).toBe("4 client(s) supprimé(s) du registre.");

    await openOptions("export");
    const damaged = join(downloads, "abimee.json");
    writeFileSync(damaged, readFileSync(backupFile, "utf8").replace(/"version": 1/, '"version": 7'));
    await page.getByTestId("restore").setInputFiles(damaged);
    await page.getByText(/version plus récente de Tiers Assistant/).waitFor();

    let question = "";
    page.once("dialog", (d) => {
      question = d.message();
      void d.accept();
    });
    await page.getByTestId("restore").setInputFiles(backupFile);
    await page.getByTestId("feedback").waitFor();
    expect(question).toMatch(
      /^Remplacer le registre actuel \(0 clients\) par la sauvegarde du \d{4}-\d\d-\d\d \(4 clients\)/,
    );
    expect(await feedback()).toBe("Registre restauré : 4 clients, 1 collaborateurs.");
    await openOptions("clients");
    expect(await page.getByTestId("clients-count").textContent()).toBe("4 affichés sur 4");
  });
});
