// Which adapters could claim a page, told cheaply: the content script asks whether any could before it
// loads the adapters and the features at all (src/content/main.ts), and the page detector which ones
// before it builds a page's index (pageDetector in index.ts, given these claims by main.js).
// What every claim needs, tested on the page's raw text (one native textContent, lower case), its
// action names and its URL. A page that passes none of these cannot be claimed by any adapter: it is
// told so without building the page's index (src/pages/dom.ts). That is most urssaf.fr pages (the
// whole of www.urssaf.fr but the login), at start and after every burst of changes. Each test is
// looser than the claim it stands for (any spacing, accents precomposed or not, no block or case
// rule): a page passing a test is only « maybe », and the adapters decide as before.
import type { PageKind } from "./kinds.ts";

/**
 * What the adapters read of a page's address: its `location` as it is, or a URL. Building a URL in our
 * world is dear on a page's first call (about 3 ms by the pageload bench): the content script builds
 * none on its way to a reading.
 */
export type PageAddress = Pick<URL, "hostname" | "pathname">;

const E = "[eé]\u0301?";
const GERER = new RegExp(`rer\\s*les\\s*${E}tablissements`); // the list and an account's detail
/** What each kind's claim needs in the page's raw text (see above); inscription and messagerie below. */
const TEXT_CLAIMS: readonly (readonly [RegExp, readonly PageKind[]])[] = [
  [/erreur\s*technique/, ["erreur"]],
  [/connectez.?vous\s*[aà]\u0300?\s*votre\s*espace|je\s*me\s*connecte/, ["connexion"]],
  [/tableau\s*de\s*bord\s*tiers/, ["tableau-de-bord"]],
  [GERER, ["etablissement-detail", "etablissements"]],
  [new RegExp(`r${E}f${E}rence\\s*technique`), ["suivi-dsn-anomalie"]],
  // An anomaly list: its references or its heading.
  [/ur_ano_|s\d\d\.g\d\d|anomalies\s*(?:de\s*la\s*p|par\s)/, ["suivi-dsn-liste"]],
  [/connaissance\s*des\s*anomalies/, ["suivi-dsn"]],
];
/** Any of the above, in one pass: most pages have none, and one pattern is cheaper to compile than 7. */
const ANY_TEXT_CLAIM = new RegExp(TEXT_CLAIMS.map(([pattern]) => pattern.source).join("|"));
/** Soft hyphens and zero-width characters, which may sit inside a word (the readers drop them too). */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Whether an action or a field is named `word` by an attribute (its text is in the page's text). */
function namedByAttribute(doc: Document, word: string): boolean {
  return (
    doc.querySelector(["value", "aria-label", "title", "alt"].map((a) => `[${a}*="${word}" i]`).join(",")) !==
    null
  );
}

/**
 * The kinds whose adapter may claim this page: the page detector asks only those (an adapter's claim may build
 * a dear part of the page's index, e.g. its actions). Empty when no adapter could claim it.
 */
export function claimableKinds(doc: Document, url: PageAddress): Set<PageKind> {
  const kinds = new Set<PageKind>();
  if (/se-connecter/.test(url.pathname)) kinds.add("connexion"); // claimed by its URL
  const text = ((doc.body ?? doc.documentElement)?.textContent ?? "").toLowerCase().replace(INVISIBLE, "");
  if (ANY_TEXT_CLAIM.test(text))
    for (const [pattern, claimed] of TEXT_CLAIMS)
      if (pattern.test(text)) for (const k of claimed) kinds.add(k);
  if (url.hostname.startsWith("dcl.") && text.includes("messagerie")) kinds.add("messagerie");
  // Inscription: « Enregistrer » and the « DPAE » service.
  const has = (word: string) => text.includes(word) || namedByAttribute(doc, word);
  if (!kinds.has("connexion") && namedByAttribute(doc, "connecte")) kinds.add("connexion");
  if (has("dpae") && has("enregistrer")) kinds.add("inscription-compte");
  return kinds;
}

/** False when no adapter could claim this page; true says only « maybe ». */
export function mayClaim(doc: Document, url: PageAddress): boolean {
  return claimableKinds(doc, url).size > 0;
}
