// The WebExtension API as the content script uses it, without webextension-polyfill: that library
// (9.7 KB, 2.9 KB gzipped) would be parsed on every urssaf.fr page, while what the
// content script calls is promise-based natively on every browser we support — Firefox's `browser`,
// and Chrome's MV3 `chrome` (≥ 121: runtime.sendMessage returns a promise; i18n and getManifest are
// synchronous; our runtime.onMessage listeners return nothing). The background and the extension
// pages keep src/core/browser.ts (the polyfill), whose onMessage listeners answer with promises.
import type Browser from "webextension-polyfill";
import { type Catalog, formatMessage, PROBE_KEY } from "./i18n-catalog.ts";

type Api = typeof Browser;
const scope = globalThis as unknown as { browser?: Api; chrome?: Api };

/** Firefox's (and Chromium ≥ 148's) native `browser`, else Chrome's `chrome`. */
export const browser: Api = (scope.browser ?? scope.chrome) as Api;

// Each i18n.getMessage call crosses the extension bindings (tens of microseconds, far more on a
// loaded machine), and a page of 50 anomaly panels asks for the same few texts hundreds of times.
const texts = new Map<string, string>();
let ownCatalog: Catalog | null = null;

/** French (default) or English UI text from _locales; falls back to the key so a missing string shows. */
export function t(key: string, substitutions?: string | string[]): string {
  const id = substitutions === undefined ? key : `${key}\u0000${[substitutions].flat().join("\u0000")}`;
  let text = texts.get(id);
  if (text === undefined) {
    text =
      browser.i18n.getMessage(key, substitutions) ||
      (ownCatalog ? formatMessage(ownCatalog, key, substitutions) : "") ||
      key;
    texts.set(id, text);
  }
  return text;
}

/**
 * Before the first feature of a page mounts: when the browser has no messages for us in this renderer
 * (see i18n-catalog.ts), t() uses our _locales texts, which `ask` gets from the background (a content
 * script cannot read extension files without exposing them to the page). Resolves to whether it had to.
 */
export async function ensureMessages(ask: () => Promise<Catalog>): Promise<boolean> {
  if (browser.i18n.getMessage(PROBE_KEY)) return false;
  ownCatalog = await ask();
  texts.clear();
  console.warn(
    "Tiers Assistant : le navigateur n'a pas donné les textes de l'extension ; lus dans _locales.",
  );
  return true;
}
