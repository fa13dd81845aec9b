// The site's addresses the extension knows without reading a page: the login page it opens itself, and
// where its content script runs (the worker injects it after each page's load, see
// src/core/content-injection.ts).
import { isUrssafUrl } from "../core/senders.ts";

/** The login page of the online space (the welcome's link, and where a job starts when no list is known). */
export const LOGIN_URL = "https://www.urssaf.fr/accueil/se-connecter.html";

/**
 * The words of a login address on www.urssaf.fr: the real `/accueil/se-connecter.html`, the demo's
 * `/connexion`, and what a move of that page would likely be called. The public site is thousands of
 * pages whose only feature is the login form's SIRET badge: running there would cost every one of them.
 */
const LOGIN_WORDS = ["connect", "connexion", "login", "identif", "authentif"];

/**
 * Whether the content script runs on this address: every page of the Urssaf hosts (the online space
 * changes pages in place, so no address says « nothing to do here »), but on www.urssaf.fr only the
 * login addresses.
 */
export function contentScriptRunsOn(url: string | undefined): boolean {
  if (!url || !isUrssafUrl(url)) return false;
  const { hostname, pathname, search } = new URL(url);
  if (hostname !== "www.urssaf.fr") return true;
  const where = `${pathname}${search}`.toLowerCase();
  return LOGIN_WORDS.some((word) => where.includes(word));
}
