// The one place that touches the WebExtension API object. Chromium ≥ 148 exposes a promise-based
// `browser` natively; webextension-polyfill (frozen upstream) returns that object untouched when it
// exists and wraps `chrome` otherwise. Everything else imports `browser` from here, so the day we drop
// the polyfill only this file changes.
import polyfill from "webextension-polyfill";

export const browser: typeof polyfill = polyfill;
export type { Runtime, Storage, Tabs } from "webextension-polyfill";

/** French (default) or English UI text from _locales; falls back to the key so a missing string shows. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
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
