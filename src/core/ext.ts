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

/**
 * True in a content script whose extension was updated, reloaded or removed since the script started:
 * Chromium leaves such a script running, without `runtime.id` (src/content/takeover.ts).
 */
export function extensionGone(): boolean {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
}

// The content script's texts come from the background (i18n/catalog), asked once per page before the
// first feature mounts (loadTexts). The browser's i18n.getMessage is not used for them: in Chromium
// its first call in a renderer is a synchronous request to the browser, which reads and parses every
// message file while the page waits (measured at 5 to 27 ms of the page's script time on Suivi DSN),
// and its answer, an empty one too, is kept for the renderer's life (see i18n-catalog.ts). It remains
// the fallback when the background could not answer. Texts are cached per page: 50 anomaly panels ask
// for the same few texts hundreds of times.
const texts = new Map<string, string>();
let catalog: Catalog | null = null;

/** French (default) or English UI text from _locales; falls back to the key so a missing string shows. */
export function t(key: string, substitutions?: string | string[]): string {
  const id = substitutions === undefined ? key : `${key}\u0000${[substitutions].flat().join("\u0000")}`;
  let text = texts.get(id);
  if (text === undefined) {
    text =
      (catalog ? formatMessage(catalog, key, substitutions) : browser.i18n.getMessage(key, substitutions)) ||
      key;
    texts.set(id, text);
  }
  return text;
}

/**
 * Before the first feature of a page mounts: our _locales texts for the browser's language, which
 * `ask` gets from the background (a content script cannot read extension files without exposing them
 * to the page). Resolves to whether t() uses them; when the background fails, t() asks the browser.
 */
export async function loadTexts(ask: () => Promise<Catalog>): Promise<boolean> {
  const answer = await ask().catch(() => null);
  if (!answer?.[PROBE_KEY]) return false;
  catalog = answer;
  texts.clear();
  return true;
}
