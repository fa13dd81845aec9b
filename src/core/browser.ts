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
 * Keep storage.local out of content scripts' reach (Chrome ≥ 102; the polyfill has no typing for it).
 * TRUSTED_CONTEXTS is the documented default for local storage, but we state it rather than rely on it.
 */
export async function restrictStorageToTrustedContexts(): Promise<void> {
  const local = globalThis.chrome?.storage?.local;
  if (typeof local?.setAccessLevel !== "function") return;
  await local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => undefined);
}
