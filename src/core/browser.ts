// The one place that touches the WebExtension API object. Chromium ≥ 148 exposes a promise-based
// `browser` natively; webextension-polyfill (frozen upstream) returns that object untouched when it
// exists and wraps `chrome` otherwise. Everything else imports `browser` from here, so the day we drop
// the polyfill only this file changes.
import polyfill from "webextension-polyfill";
import { type Catalog, formatMessage, PROBE_KEY, readCatalog } from "./i18n-catalog.ts";

export const browser: typeof polyfill = polyfill;
export type { Runtime, Storage, Tabs } from "webextension-polyfill";

let ownCatalog: Catalog | null = null;
/** In the worker: our catalog only, the browser's messages are never asked for (see workerMessages). */
let catalogOnly = false;

/** French (default) or English UI text from _locales; falls back to the key so a missing string shows. */
export function t(key: string, substitutions?: string | string[]): string {
  const native = catalogOnly ? "" : browser.i18n.getMessage(key, substitutions);
  return native || (ownCatalog ? formatMessage(ownCatalog, key, substitutions) : "") || key;
}

/**
 * Before a page of ours renders: when the browser has no messages for us in this process (see
 * i18n-catalog.ts), t() reads our own _locales files instead. Resolves to the catalog it loaded, or
 * null when the browser's own messages are there.
 */
export async function ensureMessages(): Promise<Catalog | null> {
  if (browser.i18n.getMessage(PROBE_KEY)) return null;
  ownCatalog = await readOwnCatalog();
  console.warn(
    "Tiers Assistant : le navigateur n'a pas donné les textes de l'extension ; lus dans _locales.",
  );
  return ownCatalog;
}

/**
 * The worker's texts (notifications, errors) come from our own catalog, read once at start. Chromium
 * keeps the first answer to i18n.getMessage for the whole process, and the worker shares its process
 * with our pages: a worker that asks while the browser has no answer yet would leave them all without
 * texts. Resolves when t() is ready.
 */
export async function workerMessages(): Promise<void> {
  catalogOnly = true;
  try {
    ownCatalog = await readOwnCatalog();
  } finally {
    // Files we cannot read: the browser's answers, rather than raw keys.
    if (!ownCatalog || Object.keys(ownCatalog).length === 0) catalogOnly = false;
  }
}

let reading: Promise<Catalog> | null = null;

/** Our _locales files for the browser's UI language, read once (the content script asks for them). */
export function readOwnCatalog(): Promise<Catalog> {
  reading ??= readCatalog(
    browser.i18n.getUILanguage?.() ?? navigator.language,
    browser.runtime.getManifest().default_locale ?? "fr",
    async (locale) => {
      const url = browser.runtime.getURL(`_locales/${locale}/messages.json`);
      const response = await fetch(url).catch(() => null);
      return response?.ok ? ((await response.json()) as Catalog) : null;
    },
  );
  return reading;
}

/**
 * Keeps storage.local out of content scripts' reach where the browser can (Chrome ≥ 102; the polyfill
 * has no typing for it). TRUSTED_CONTEXTS is the documented default for local storage in Chrome, but we
 * state it rather than rely on it. Firefox has no storage.local.setAccessLevel: there, content scripts
 * could call storage.local, and what keeps the register out of their hands is that ours never does —
 * it only sends messages, each checked by a zod schema and its sender in the background (router.ts) —
 * and that page scripts reach neither its isolated world nor any extension API (the MAIN-world bridge
 * has none). Both are tested (test/e2e/build.e2e.ts, test/e2e/firefox.e2e.ts).
 * Resolves to whether the browser applied the restriction.
 */
export async function restrictStorageToTrustedContexts(): Promise<boolean> {
  const local = globalThis.chrome?.storage?.local;
  if (typeof local?.setAccessLevel !== "function") return false;
  return local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).then(
    () => true,
    () => false,
  );
}
