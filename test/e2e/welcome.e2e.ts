// The first minutes after install (issue 17): the welcome opens by itself in the options page, each
// step shows its state until done (skippable), the firm's SIRET and a first client complete two
// steps; an update's « Nouveautés » note shows once; « À propos » shows the privacy statement
// shipped in the extension.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { welcomeTab } from "./chromium.ts";
import { registerCompanies, sendFromExtension } from "./jobs-support.ts";
import { openExtensionPage, openSession, type Session } from "./support.ts";

let session: Session;
let page: Page;
beforeAll(async () => {
  session = await openSession({ keepWelcome: true });
  page = await welcomeTab(session.browser.context);
});
afterAll(async () => session?.close());

const stateOf = (step: string) => page.locator(`[data-step="${step}"]`).getAttribute("data-state");

describe("welcome", () => {
  it("opens on the first install with three steps to do", async () => {
    await page.getByTestId("welcome").waitFor();
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe(
      "Bienvenue dans Tiers Assistant",
    );
    expect([await stateOf("siret"), await stateOf("clients"), await stateOf("urssaf")]).toEqual([
      "todo",
      "todo",
      "todo",
    ]);
    expect(await page.getByRole("tab", { selected: true }).textContent()).toBe("Bienvenue (0/3)");
    expect(await page.getByRole("link", { name: "Ouvrir l'espace Urssaf" }).getAttribute("href")).toBe(
      "https://www.urssaf.fr/accueil/se-connecter.html",
    );
  });

  it("shows a skipped step as such until it is done, and keeps it across a reload", async () => {
    await page.locator('[data-step="clients"]').getByRole("button", { name: "Passer cette étape" }).click();
    await page.locator('[data-step="clients"][data-state="skipped"]').waitFor();
    expect(await page.locator('[data-step="clients"] .welcome-state').textContent()).toBe(
      "passée, à faire plus tard",
    );
    await page.reload();
    await page.locator('[data-step="clients"][data-state="skipped"]').waitFor();
    // A client in the register completes the step, skipped or not.
    await registerCompanies(page, session.demo.state.portfolio.filter((c) => c.kind === "RG").slice(0, 1));
    await page.locator('[data-step="siret"]').getByRole("button", { name: "Renseigner le cabinet" }).click();
    await page.getByRole("tab", { selected: true, name: "Cabinet" }).waitFor();
    const settings = await sendFromExtension<{ settings: Record<string, unknown> }>(page, {
      type: "register/get",
    });
    await sendFromExtension(page, {
      type: "settings/save",
      settings: { ...settings.settings, siretActif: "73282932000074" },
    });
    await page.goto(page.url().replace(/#.*$/, "#bienvenue"));
    await page.reload();
    await page.locator('[data-step="clients"][data-state="done"]').waitFor();
    expect([await stateOf("siret"), await stateOf("clients"), await stateOf("urssaf")]).toEqual([
      "done",
      "done",
      "todo",
    ]);
    expect(await page.getByRole("tab", { selected: true }).textContent()).toBe("Bienvenue (2/3)");
  });

  it("shows the « Nouveautés » note of an update once, in the options page or the popup", async () => {
    // What onInstalled keeps after an update from 0.0.9 (src/core/install.ts, unit-tested there).
    const worker = await session.browser.serviceWorker();
    await worker.evaluate(async () => {
      const { welcome } = (await chrome.storage.local.get("welcome")) as { welcome: object };
      await chrome.storage.local.set({ welcome: { ...welcome, news: { from: "0.0.9", to: "0.1.0" } } });
    });
    await page.reload();
    const news = page.getByTestId("news");
    await news.waitFor();
    expect(await news.textContent()).toMatch(
      /^Nouveautés de la version 0\.1\.0 : l'extension existe pour Firefox/,
    );
    await page.waitForFunction(async () => {
      const { welcome } = (await chrome.storage.local.get("welcome")) as { welcome?: { news: unknown } };
      return welcome?.news === null;
    });
    await page.reload();
    await page.getByTestId("welcome").waitFor();
    expect(await news.count()).toBe(0);

    // The next update's note opens first in the popup: then not in the options page.
    await worker.evaluate(async () => {
      const { welcome } = (await chrome.storage.local.get("welcome")) as { welcome: object };
      await chrome.storage.local.set({ welcome: { ...welcome, news: { from: "0.1.0", to: "0.2.0" } } });
    });
    const popup = await openExtensionPage(
      session.browser.context,
      session.browser.extensionId ?? "",
      "src/ui/popup/index.html",
    );
    await popup.getByTestId("news").waitFor();
    expect(await popup.getByTestId("news").textContent()).toMatch(/^Nouveautés de la version 0\.2\.0 :/);
    await popup.waitForFunction(async () => {
      const { welcome } = (await chrome.storage.local.get("welcome")) as { welcome?: { news: unknown } };
      return welcome?.news === null;
    });
    await popup.close();
    await page.reload();
    await page.getByTestId("welcome").waitFor();
    expect(await news.count()).toBe(0);
  });

  it("links « À propos » to the privacy statement shipped in the extension", async () => {
    await page.getByRole("tab", { name: "À propos" }).click();
    await page.getByTestId("privacy-link").click();
    const privacy = page.getByTestId("privacy");
    await privacy.waitFor();
    expect(await privacy.getByRole("heading", { level: 2 }).textContent()).toBe(
      "Tiers Assistant — confidentialité",
    );
    expect(await privacy.textContent()).toContain("rien n'est envoyé nulle part");
    expect(await privacy.locator("li").filter({ hasText: "unlimitedStorage" }).count()).toBe(1);
  });
});
