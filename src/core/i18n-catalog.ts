// Our own reading of _locales/<locale>/messages.json. Chromium fetches an extension's messages once per
// renderer process (a synchronous call to the browser, which blocks the page) and keeps the answer, an
// empty one included, for the life of that process: every text of every page of ours in it would then
// show as its raw key. So the worker and the content script take their texts from here, and our pages
// when the browser answers nothing. Pure: no browser API; the callers load the files
// (src/core/browser.ts, src/core/ext.ts).

/** One locale's messages.json, as the WebExtension i18n format writes it. */
export type Catalog = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string } | undefined> } | undefined
>;

/**
 * The locale folders to read, best first, for a UI language such as "fr-FR": "fr_FR", "fr", then the
 * manifest's default locale (whose messages fill the gaps of the others, as the browser does).
 */
export function catalogLocales(uiLanguage: string, defaultLocale: string): string[] {
  const [language, region] = uiLanguage.replace("-", "_").split("_");
  const wanted = [region ? `${language}_${region.toUpperCase()}` : "", language ?? ""];
  return [...new Set([...wanted.filter(Boolean), defaultLocale])];
}

/** Merges catalogs given best first: a key takes the first catalog that has it. */
export function mergeCatalogs(catalogs: readonly Catalog[]): Catalog {
  return Object.assign({}, ...[...catalogs].reverse());
}

/**
 * The text of `key` with its substitutions, as i18n.getMessage gives it: named placeholders
 * ($NAME$, any case) take their content, then $1…$9 take the substitutions (a missing one is empty)
 * and $$ is a dollar sign. Substituted values are not read again. "" for an unknown key.
 */
export function formatMessage(catalog: Catalog, key: string, substitutions?: string | string[]): string {
  const entry = catalog[key] ?? catalog[key.toLowerCase()];
  if (!entry) return "";
  // Most texts hold no « $ »: no placeholder map, no pass of the two patterns (content scripts call
  // this on every page of ours).
  if (!entry.message.includes("$")) return entry.message;
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p?.content ?? ""]),
  );
  const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const content = placeholders.get(name.toLowerCase());
    return content ?? whole;
  });
  const values = substitutions === undefined ? [] : [substitutions].flat();
  return named.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === "$" ? "$" : (values[Number(which) - 1] ?? ""),
  );
}

/**
 * Reads the catalogs for a UI language (best first, see catalogLocales) with `read`, which answers
 * null for a locale we do not ship, and merges them. Empty when none could be read.
 */
export async function readCatalog(
  uiLanguage: string,
  defaultLocale: string,
  read: (locale: string) => Promise<Catalog | null>,
): Promise<Catalog> {
  const found = await Promise.all(catalogLocales(uiLanguage, defaultLocale).map((l) => read(l)));
  return mergeCatalogs(found.filter((c): c is Catalog => c !== null));
}

/** A key every catalog of ours has: when the browser answers "" for it, it has no messages for us. */
export const PROBE_KEY = "extName";

/**
 * The entries of `keys` (and PROBE_KEY, by which a reader knows the catalog is ours), those that
 * `catalog` has: a content script is sent only the texts it shows, not every page's.
 */
export function pickTexts(catalog: Catalog, keys: readonly string[]): Catalog {
  const picked: Catalog = {};
  for (const key of [PROBE_KEY, ...keys]) if (catalog[key]) picked[key] = catalog[key];
  return picked;
}
