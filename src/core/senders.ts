// Who may talk to the background: our own extension pages, and our content script in a tab on an
// Urssaf host over HTTPS. Anything else (another extension, a web page through externally_connectable,
// a tab elsewhere) is refused before its message is even parsed. Which of the two may send which
// message is each message's declaration (see message-spec.ts).
import type { Runtime } from "./browser.ts";
import type { SenderKind } from "./message-spec.ts";

export function isUrssafUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "https:" && (u.hostname === "urssaf.fr" || u.hostname.endsWith(".urssaf.fr"));
  } catch {
    return false;
  }
}

/** "page": one of our extension pages; "content": our content script on an Urssaf tab; null: anyone else. */
export function senderKind(
  sender: Runtime.MessageSender,
  ownId: string,
  ownOrigin: string,
): SenderKind | null {
  if (sender.id !== ownId) return null;
  // Our own pages (popup, options), also when the options page is open in a tab.
  if (typeof sender.url === "string" && sender.url.startsWith(ownOrigin)) return "page";
  // Our content script, only in a tab on an Urssaf host.
  return sender.tab !== undefined && isUrssafUrl(sender.url ?? sender.tab.url) ? "content" : null;
}

export function senderAllowed(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): boolean {
  return senderKind(sender, ownId, ownOrigin) !== null;
}

/** The tab of a content script's message (the router let only those through); `why` when it has none. */
export function senderTab(sender: Runtime.MessageSender, why: string): number {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error(why);
  return tabId;
}
