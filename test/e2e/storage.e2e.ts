// Storage belongs to the background: content scripts cannot reach it, what the background wrote
// survives a stopped service worker and a browser restart on the same profile, and malformed or
// unknown messages are refused.
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
});
