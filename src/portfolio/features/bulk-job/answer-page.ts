// The site's answer to « Enregistrer » is a page that shows its success alert and then leaves by itself
// for the account list (seed 001, steps 4 and 5). A job step has nothing to do there: the dialog bridge
// answers the alert, and the list that follows is where the job checks the account. So on that page our
// content script waits for the site to leave instead of recognising the page, reporting it and drawing
// the toolbar — a whole page of our work saved on every client added. A page that stays (a refusal
// shown on the form, an alert the bridge did not answer) is then handled as any other.

import { ANSWER_PAGE_KEY } from "../../../core/storage/keys.ts";

/** Set by the step that submits the form, read once by the next page of this tab (sessionStorage). */

/** After the page's load, how long it is given to leave by itself before we handle it. */
export const ANSWER_PAGE_GRACE_MS = 1_500;

export function expectAnswerPage(until: number): void {
  sessionStorage.setItem(ANSWER_PAGE_KEY, String(until));
}

/** Whether this page is the answer a job step expected (read once: a reload is handled normally). */
export function takeAnswerPage(now: number): boolean {
  try {
    const raw = sessionStorage.getItem(ANSWER_PAGE_KEY);
    if (raw === null) return false;
    sessionStorage.removeItem(ANSWER_PAGE_KEY);
    return Number(raw) > now;
  } catch {
    return false;
  }
}

/**
 * Resolves true when the page is left (pagehide) before its load event plus the grace, false when it
 * is still there then.
 */
export function leavesByItself(graceMs = ANSWER_PAGE_GRACE_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const left = () => {
      clearTimeout(timer);
      resolve(true);
    };
    addEventListener("pagehide", left, { once: true });
    const wait = () => {
      timer = setTimeout(() => {
        removeEventListener("pagehide", left);
        resolve(false);
      }, graceMs);
    };
    if (document.readyState === "complete") wait();
    else addEventListener("load", wait, { once: true });
  });
}
