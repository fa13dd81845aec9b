// The private protocol between the isolated content script and the MAIN-world dialog bridge.
// Pure: no DOM, no extension API, so the matching rule is unit-tested in Node.
import { ANSWER_PAGE_KEY, PENDING_ALERT_KEY } from "../core/storage/keys.ts";

/** window.postMessage channel name of the message that hands the bridge its MessagePort. */
export const BRIDGE_CHANNEL = "tiers-assistant/dialog-bridge/v1";

export type DialogKind = "alert" | "confirm";

/**
 * The one expectation that crosses a page load: the site shows its success alert on the page that
 * answers the form ("Votre modification a bien été prise en compte.", seed 001 step 4), before our
 * content script of that page could ask the background anything. Before submitting, the content script
 * leaves the expected alert text here (sessionStorage: this tab and origin only); the bridge reads and
 * removes it when the page shows an alert, on this page or a later one, until it expires. Not before:
 * a page's first storage access is a synchronous trip to the browser, and most pages show no alert.
 * Only alerts: a confirmation never reads it.
 */
export { PENDING_ALERT_KEY };

export interface PendingAlert {
  mustContain: string[];
  /** Epoch ms after which the expectation is void. */
  until: number;
}

export function parsePendingAlert(raw: string | null, now: number): PendingAlert | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<PendingAlert>;
    if (!Array.isArray(value.mustContain) || !value.mustContain.every((s) => typeof s === "string"))
      return null;
    if (typeof value.until !== "number" || value.until <= now || value.until > now + MAX_ARM_MS) return null;
    return { mustContain: value.mustContain, until: value.until };
  } catch {
    return null;
  }
}

/**
 * The site's answer page of a job's « Enregistrer » (src/portfolio/features/bulk-job/answer-page.ts):
 * the page that shows the success alert, then leaves by itself for the account list. The step that
 * submits the form leaves `{ until }` here: the next page is expected to be that answer. The bridge,
 * once it answered the success alert and the page starts to leave (beforeunload), leaves
 * `{ leaving }`, this document's time origin: its content script, which comes after the page's load,
 * then lets the site's next page come however slow it is, instead of taking this page for the
 * job's next one. Another document (the next page) has another time origin.
 */
export { ANSWER_PAGE_KEY };

export type AnswerPageMark = { until: number } | { leaving: number };

/** A page whose job step may have submitted a form: not the answer, the answer expected, or leaving. */
export type AnswerPageState = "none" | "expected" | "leaving";

export function parseAnswerPageMark(raw: string | null): AnswerPageMark | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    // A bare number: the mark of a step run before this format (until), during an update.
    if (typeof value === "number") return Number.isFinite(value) ? { until: value } : null;
    const mark = value as Partial<{ until: unknown; leaving: unknown }>;
    if (typeof mark?.leaving === "number") return { leaving: mark.leaving };
    if (typeof mark?.until === "number") return { until: mark.until };
    return null;
  } catch {
    return null;
  }
}

/**
 * What a page whose job step may have submitted a form makes of the mark: « leaving » when this
 * document answered the success alert and is leaving; « expected » when it is the answer a step
 * expects (until not past); « none » otherwise, and for another document's mark.
 */
export function answerPageState(
  mark: AnswerPageMark | null,
  now: number,
  timeOrigin: number,
): AnswerPageState {
  if (!mark) return "none";
  if ("leaving" in mark) return mark.leaving === timeOrigin ? "leaving" : "none";
  return mark.until > now ? "expected" : "none";
}

/** Longest an arm may wait for its dialog: one page step, never a standing authorisation. */
export const MAX_ARM_MS = 30_000;

export interface ArmRequest {
  type: "arm";
  id: number;
  kind: DialogKind;
  /** Every one of these must appear in the dialog's text (digits compared without spaces). */
  mustContain: string[];
  timeoutMs: number;
}

export type BridgeRequest = ArmRequest | { type: "disarm"; id: number };

export type BridgeEvent =
  | { type: "armed"; id: number }
  | { type: "dialog"; id: number; kind: DialogKind; text: string; answer: "ok" | "cancel" | "native" }
  | { type: "expired"; id: number };

function normalise(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim()
    .toLocaleLowerCase("fr");
}

/**
 * Whether a dialog's text names what the user's action expects. Case and white space are ignored;
 * an expected value made only of digits (a SIREN, a SIRET, an account number) also matches when the
 * site groups the digits with spaces. An empty expectation never matches: the bridge must never be
 * armed to accept "anything".
 */
export function dialogMatches(text: string, mustContain: readonly string[]): boolean {
  const expected = mustContain.map(normalise).filter((s) => s.length > 0);
  if (expected.length === 0) return false;
  const haystack = normalise(text);
  const digitsOnly = haystack.replace(/(\d) (?=\d)/g, "$1");
  return expected.every((needle) => {
    if (/^\d+$/.test(needle.replace(/ /g, ""))) {
      const digits = needle.replace(/ /g, "");
      // A SIREN must match as a whole number, not as a part of a longer one.
      return new RegExp(`(^|\\D)${digits}(\\D|$)`).test(digitsOnly);
    }
    return containsWords(haystack, needle);
  });
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Whether `needle` appears in `haystack` as whole words: "Régime Général" is in « … Comptes Régime
 * Général du siren … » but not in « Régime Générale » nor « SousRégime Général ». A substring test would
 * let a dialog about another regime (or a page's longer text) pass for the expected one.
 */
function containsWords(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startsWord = !WORD.test(needle[0] ?? "") || before === undefined || !WORD.test(before);
    const endsWord = !WORD.test(needle.at(-1) ?? "") || after === undefined || !WORD.test(after);
    if (startsWord && endsWord) return true;
  }
  return false;
}
