// Storage belongs to the background: content scripts cannot reach it, what the background wrote
// survives a stopped service worker and a browser restart on the same profile, and malformed or
// unknown messages are refused; a stored value today's schema rejects does not lock the register.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/core/storage/schema.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { contentWorld, login, openExtensionPage, readMark, stopServiceWorkers } from "./support.ts";

let demo: DemoSpace;
let browser: LaunchedBrowser;
const profile = mkdtempSync(join(tmpdir(), "tiers-assistant-restart-"));

beforeAll(async () => {
  demo = await startDemoSpace({ port: 0, quiet: true });
  browser = await launchChromium({ port: demo.port, userDataDir: profile });
});
afterAll(async () => {
  await browser?.context.close();
  await demo?.close();
});

async function popupText(): Promise<string> {
  const popup = await openExtensionPage(
    browser.context,
    browser.extensionId ?? "",
    "src/ui/popup/index.html",
  );
  await popup.locator('[data-testid="last-page"] p').first().waitFor();
  const text = await popup.locator("main").innerText();
  await popup.close();
  return text;
}

describe("storage", () => {
  let page: Page;

  it("is out of the content script's reach", async () => {
    page = await browser.context.newPage();
    await login(page, demo);
    expect(await readMark(page)).toMatchObject({ kind: "tableau-de-bord" });
    const world = await contentWorld(page, browser.extensionId ?? "");
    const result = await world?.evaluate<string>(
      "chrome.storage.local.get(null).then((v) => 'lu : ' + JSON.stringify(v), (e) => 'refusé : ' + e.message)",
    );
    expect(result).toMatch(/^refusé : Access to storage is not allowed/);
    await world?.detach();
  });

  it("keeps what the background recorded when the service worker is stopped", async () => {
    expect(await popupText()).toContain("Dernière page Urssaf reconnue : Tableau de bord tiers-déclarant");
    const before = await browser.serviceWorker();
    await before.evaluate(() => Object.assign(globalThis, { __sameInstance: true }));
    await stopServiceWorkers(browser.context, browser.extensionId ?? "");
    // The popup's message wakes a new worker: the in-memory marker is gone, the stored data is not.
    expect(await popupText()).toContain("Tableau de bord tiers-déclarant");
    const after = browser.context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://"));
    expect(await after?.evaluate(() => "__sameInstance" in globalThis)).toBe(false);
  });

  it("refuses unknown and malformed messages from our own pages", async () => {
    const options = await openExtensionPage(
      browser.context,
      browser.extensionId ?? "",
      "src/ui/options/index.html",
    );
    const replies = await options.evaluate(async () => [
      await chrome.runtime.sendMessage({ type: "storage/clear" }),
      await chrome.runtime.sendMessage({ type: "client/get", id: 42 }),
      await chrome.runtime.sendMessage("status/get"),
      // A content script's message: our pages may not send it (least privilege, both ways).
      await chrome.runtime.sendMessage({ type: "page/seen", page: { understood: true, kind: "connexion" } }),
      await chrome.runtime.sendMessage({ type: "status/get" }),
    ]);
    expect(replies.slice(0, 4)).toEqual([
      { ok: false, error: expect.stringMatching(/^Message refusé \(storage\/clear\)/) },
      { ok: false, error: expect.stringMatching(/^Message refusé \(client\/get\)/) },
      { ok: false, error: expect.stringMatching(/^Message refusé/) },
      { ok: false, error: "Message refusé (page/seen) : expéditeur non autorisé pour ce message." },
    ]);
    expect(replies[4]).toMatchObject({
      ok: true,
      data: { schemaVersion: SCHEMA_VERSION, pagesSeen: expect.any(Number) },
    });
    await options.close();
  });

  it("survives a browser restart on the same profile", async () => {
    await browser.context.close();
    browser = await launchChromium({ port: demo.port, userDataDir: profile });
    expect(await popupText()).toContain("Tableau de bord tiers-déclarant");
  });

  it("opens the register with a value today's schema rejects, says so, and still exports and restores", async () => {
    const options = () =>
      openExtensionPage(browser.context, browser.extensionId ?? "", "src/ui/options/index.html");
    const send = (page: Page, message: unknown) =>
      page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<{
        ok: boolean;
        data?: unknown;
        error?: string;
      }>;
    let page = await options();
    expect(await send(page, { type: "register/list" })).toMatchObject({ ok: true });
    // Values an older version could have written: a 121-character firm name, a 21-character phone.
    const worker = await browser.serviceWorker();
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get("settings");
      await chrome.storage.local.set({
        settings: { ...(settings as object), nom: `Cabinet ${"x".repeat(113)}` },
        collaborators: [
          {
            id: "c1",
            nom: "Durand",
            prenom: "Léa",
            telephone: "+33 (0)1 23 45 67 890",
            email: "",
            acces: "2026-11-25T10:00:00.000Z",
          },
        ],
      });
    });
    await page.close();
    await stopServiceWorkers(browser.context, browser.extensionId ?? "");

    page = await options();
    const notice = page.getByTestId("set-aside");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^2 valeur\(s\) enregistrée\(s\)/);
    const exported = await send(page, { type: "backup/export" });
    expect(exported.ok).toBe(true);
    const backup = exported.data as { settings: { nom: string }; collaborators: { telephone: string }[] };
    expect(backup.settings.nom).toHaveLength(120);
    expect(backup.collaborators[0]?.telephone).toHaveLength(20);
    expect(await send(page, { type: "backup/restore", backup })).toEqual({
      ok: true,
      data: { clients: 0, collaborators: 1 },
    });
    // The originals stay aside in storage; the register itself is clean again.
    const aside = await (await browser.serviceWorker()).evaluate(() =>
      chrome.storage.local.get(["aside/settings", "aside/collaborators"]),
    );
    expect(Object.keys(aside).sort()).toEqual(["aside/collaborators", "aside/settings"]);
    await page.reload();
    await page.locator("#panel").waitFor();
    expect(await page.getByTestId("set-aside").count()).toBe(0);
    await page.close();
  });
});
