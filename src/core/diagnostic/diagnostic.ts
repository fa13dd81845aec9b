// « Copier le diagnostic »: what a page « non comprise » looked like to the extension, small enough to
// paste in an e-mail: the kind guessed, the labels missing, the candidate elements seen (tag, role,
// wording with names and digits masked), the extension's version. Pure: a function of the Document.
import { maskLabel } from "./mask.ts";
import { maskedUrl, WORDING } from "./snapshot.ts";

export interface Candidate {
  tag: string;
  role: string | null;
  text: string;
}

export interface Diagnostic {
  version: string;
  at: string;
  url: string;
  kind: string | null;
  missing: string[];
  candidates: Candidate[];
}

/** Enough to see what the page calls things, not the whole page. */
export const MAX_CANDIDATES = 80;
const MAX_TEXT = 80;

function visibleText(el: Element): string {
  const own =
    el instanceof HTMLInputElement
      ? el.value
      : (el.textContent ?? "") || el.getAttribute("aria-label") || el.getAttribute("title") || "";
  return own.replace(/\s+/g, " ").trim();
}

export function buildDiagnostic(
  doc: Document,
  page: { kind: string; missing: string[] } | null,
  info: { url: string; version: string; at: string },
): Diagnostic {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const selector = `${WORDING}, input[type=submit], input[type=button], input[type=text], input:not([type]), select, textarea, table, form, [role]`;
  for (const el of doc.querySelectorAll(selector)) {
    if (candidates.length >= MAX_CANDIDATES) break;
    if (el.closest("[data-tiers-feature], script, style, template")) continue;
    const text = maskLabel(visibleText(el)).slice(0, MAX_TEXT);
    const tag = el.localName;
    const role = el.getAttribute("role");
    const id = `${tag}|${role}|${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    candidates.push({ tag, role, text });
  }
  return {
    version: info.version,
    at: info.at,
    url: maskedUrl(info.url),
    kind: page?.kind ?? null,
    missing: page?.missing ?? [],
    candidates,
  };
}

/** As copied to the clipboard: readable, and pasteable back into a test. */
export function diagnosticText(d: Diagnostic): string {
  return JSON.stringify(d, null, 2);
}
