// When the browser gives a renderer of ours no texts (i18n.getMessage answers "" for every key, which
// Chromium keeps for the whole process once it happened), our pages and the content script show our
// French texts anyway, read from _locales (src/core/i18n-catalog.ts), never raw message keys.
import { afterAll, beforeAll, expect, it } from "vitest";
import { contentWorld, login, openSession, type Session } from "./support.ts";

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => session?.close());

// Runs before any script of the page: the browser's answer becomes "" for every key, as in CI.
const NO_TEXTS = () => {
  const scope = globalThis as unknown as Record<string, { i18n?: object } | undefined>;
  for (const api of [scope.chrome, scope.browser])
    if (api?.i18n) Object.defineProperty(api.i18n, "getMessage", { value: () => "", configurable: true });
};

it("the popup shows its French texts when the browser answers none", async () => {
  const { context, extensionId } = session.browser;
  const popup = await context.newPage();
  await popup.addInitScript(NO_TEXTS);
  await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html`);
  // The stub is in place: the browser gives nothing for a key that exists.
  expect(await popup.evaluate(() => chrome.i18n.getMessage("popupTitle"))).toBe("");
  await popup.locator("h1").waitFor();
  expect(await popup.locator("h1").textContent()).toBe("Tiers Assistant");
  const text = await popup.locator("main").innerText();
  expect(text).not.toMatch(/\b(popup|anomaly|reminder)[A-Z]\w+/);
  await popup.close();
});

it("the background gives the content script its texts in the browser's language, and no other", async () => {
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  const world = await contentWorld(page, session.browser.extensionId ?? "");
  const reply = await world?.evaluate<{ ok: boolean; data: Record<string, { message: string }> }>(
    `chrome.runtime.sendMessage({ type: "i18n/catalog" })`,
  );
  await world?.detach();
  expect(reply?.ok).toBe(true);
  expect(reply?.data.extName?.message).toBe("Tiers Assistant");
  expect(reply?.data.markActive?.message).toBe("Tiers Assistant actif");
  // The options page's texts stay with it (src/content/texts.ts).
  expect(reply?.data.optTabClients).toBeUndefined();
});
