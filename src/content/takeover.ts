// An extension that is updated or reloaded leaves its content script running in the tabs already open,
// cut off from the extension (Chromium: its `runtime.id` is gone, every message fails), with its
// controls still in the page. The worker gives those tabs the new script at once
// (src/core/content-injection.ts), which runs in a world of its own: without this, the page would show
// the new controls next to the dead ones, and the old script would go on mounting them. So a starting
// script says so on the document, which every world of the page hears; a script whose extension is
// gone stops there and takes its UI down. A browser that unloaded the old script itself (Firefox) left
// its hosts behind: the new script removes them.

/** Dispatched on the document by a content script that starts. */
export const STARTED_EVENT = "tiers-assistant-started";

/** Our hosts' attribute (src/core/features.ts, mountHost). */
const HOST_SELECTOR = "[data-tiers-feature]";

/** Called once by a content script that starts, before it mounts anything. */
export function replacePrevious(doc: Document): void {
  doc.dispatchEvent(new Event(STARTED_EVENT));
  // A fresh document has none: the common case costs one failed query.
  if (doc.querySelector(HOST_SELECTOR) === null) return;
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
