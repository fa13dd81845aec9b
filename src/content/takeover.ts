// An extension that is updated or reloaded leaves its content script running in the tabs already open,
// cut off from the extension (Chromium: its `runtime.id` is gone, every message fails), with its
// controls still in the page. The worker gives those tabs the new script at once
// (src/core/content-injection.ts), which runs in a world of its own. Without this, the page would show
// the new controls next to the dead ones, and the old script would go on mounting them at its next
// reading of the page.
// - A cut-off script stops at its next wake (a reading of the page, a test of its claims): main.ts and
//   start-page.ts ask extensionGone() first.
// - A starting script that finds our hosts in the page removes them. Before that, it tells the script
//   that made them on the document, which every world hears: a cut-off one stops at once (a job step
//   it had scheduled included). A page learns nothing from that event: our hosts already show we are
//   there, and no event is sent where there are none.

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
