// An extension that is updated or reloaded leaves its content script running in the tabs already open,
// cut off from the extension (Chromium: its `runtime.id` is gone, every message fails), with its
// controls still in the page. The worker gives those tabs the new script at once
// (src/core/content-injection.ts), which runs in a world of its own. Without this, the page would show
// the new controls next to the dead ones, and the old script would go on mounting them at its next
// reading of the page.
// - A cut-off script stops at its next wake: start-page.ts asks extensionGone() before each reading of
//   the page, main.ts before it hands a page over or asks the worker (askedWhileThere).
// - A starting script that finds our hosts in the page removes them. Before that, it tells the script
//   that made them on the document, which every world hears: a cut-off one stops at once (a job step
//   it had scheduled included). A page learns nothing from that event: our hosts already show we are
//   there, and no event is sent where there are none.

import type { SentinelQuestions } from "./sentinel.ts";

/** Dispatched on the document by a content script that starts where our hosts are. */
export const STARTED_EVENT = "tiers-assistant-started";

/** Our hosts' attribute (src/core/features.ts, mountHost). */
const HOST_SELECTOR = "[data-tiers-feature]";

/** Called once by a content script that starts, before it mounts anything. */
export function replacePrevious(doc: Document): void {
  // A fresh document has none: the common case costs one failed query.
  if (doc.querySelector(HOST_SELECTOR) === null) return;
  doc.dispatchEvent(new Event(STARTED_EVENT));
  // What a script unloaded by the browser left (Firefox), or one that stopped without a wake.
  for (const host of doc.querySelectorAll(HOST_SELECTOR)) host.remove();
}

/**
 * Aborts `lifetime` when another content script starts in this page while this one's extension is
 * gone. A page's own script can send the same event: it changes nothing while the extension is there.
 */
export function endWhenReplaced(
  doc: Document,
  extensionGone: () => boolean,
  lifetime: AbortController,
): void {
  const onStarted = () => {
    if (extensionGone()) lifetime.abort();
  };
  doc.addEventListener(STARTED_EVENT, onStarted, { signal: lifetime.signal });
}

/**
 * The sentinel's questions, asking first whether the extension is still there only when the answer
 * matters: before a page is handed over, and before the worker is asked about a job at the end of a
 * quiet period. A page no adapter claims then never uses the extension API while it loads or changes:
 * a page's first use of it costs about 1 ms in a new tab (pageload bench). A cut-off script stops
 * there (`lifetime` aborted); until then it only tests the page's claims, as a live one does.
 */
export function askedWhileThere(
  questions: SentinelQuestions,
  extensionGone: () => boolean,
  lifetime: AbortController,
): SentinelQuestions {
  const gone = () => {
    if (!extensionGone()) return false;
    lifetime.abort();
    return true;
  };
  return {
    mayClaim: () => questions.mayClaim() && !gone(),
    jobUnderWay: async () => !gone() && questions.jobUnderWay(),
  };
}
