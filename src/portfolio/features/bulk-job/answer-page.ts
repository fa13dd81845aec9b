// The site's answer to « Enregistrer » is a page that shows its success alert and then leaves by itself
// for the account list (seed 001, steps 4 and 5). A job step has nothing to do there: the dialog bridge
// answers the alert, and the list that follows is where the job checks the account. So on that page our
// content script waits for the site to leave instead of recognising the page, reporting it and drawing
// the toolbar — a whole page of our work saved on every client added. A page that stays (a refusal
// shown on the form, an alert the bridge did not answer) is then handled as any other.

import {
  ANSWER_PAGE_KEY,
  type AnswerPageMark,
  type AnswerPageState,
  answerPageState,
  parseAnswerPageMark,
} from "../../../content/bridge-protocol.ts";

/** After the page's load, how long it is given to leave by itself before we handle it. */
export const ANSWER_PAGE_GRACE_MS = 1_500;

/**
 * Once the page has started to leave (the bridge saw it, see ANSWER_PAGE_KEY), how long the site's next
 * page may take to replace it: a slow network or a busy machine, well past the grace above. Less than
 * the job's page timeout (30 s by default), which then takes over.
 */
export const LEAVING_MS = 15_000;

/** Set by the step that submits the form, read once by the next page of this tab (sessionStorage). */
export function expectAnswerPage(until: number): void {
  const mark: AnswerPageMark = { until };
  sessionStorage.setItem(ANSWER_PAGE_KEY, JSON.stringify(mark));
}

function readMark(remove: boolean): AnswerPageMark | null {
  try {
    const raw = sessionStorage.getItem(ANSWER_PAGE_KEY);
    if (raw !== null && remove) sessionStorage.removeItem(ANSWER_PAGE_KEY);
    return parseAnswerPageMark(raw);
  } catch {
    return null;
  }
}

/**
 * Whether this page is the answer a job step expected, or that answer already leaving (read once: a
 * reload is handled normally).
 */
export function takeAnswerPage(now: number): AnswerPageState {
  return answerPageState(readMark(true), now, performance.timeOrigin);
}

/** Whether this page answered the success alert and started to leave since (the mark is left in place). */
function startedToLeave(): boolean {
  return answerPageState(readMark(false), Date.now(), performance.timeOrigin) === "leaving";
}

/**
 * Resolves true when the page is left (pagehide), false when it is still there: LEAVING_MS after this
 * call for a page already leaving; for one expected, `graceMs` after its load, or LEAVING_MS more if
 * it started to leave meanwhile.
 */
export function leavesByItself(
  state: Exclude<AnswerPageState, "none">,
  graceMs = ANSWER_PAGE_GRACE_MS,
  leavingMs = LEAVING_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const left = () => {
      clearTimeout(timer);
      resolve(true);
    };
    addEventListener("pagehide", left, { once: true });
    const stays = () => {
      removeEventListener("pagehide", left);
      resolve(false);
    };
    const whileLeaving = () => {
      timer = setTimeout(stays, leavingMs);
    };
    if (state === "leaving") {
      whileLeaving();
      return;
    }
    const wait = () => {
      timer = setTimeout(() => (startedToLeave() ? whileLeaving() : stays()), graceMs);
    };
    if (document.readyState === "complete") wait();
    else addEventListener("load", wait, { once: true });
  });
}
