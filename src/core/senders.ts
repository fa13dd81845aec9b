// Who may talk to the background: our own extension pages, and our content script in a tab on an
// Urssaf host over HTTPS. Anything else (another extension, a web page through externally_connectable,
// a tab elsewhere) is refused before its message is even parsed.
import type { Runtime } from "./browser.ts";

export function isUrssafUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "https:" && (u.hostname === "urssaf.fr" || u.hostname.endsWith(".urssaf.fr"));
  } catch {
    return false;
  }
}

export function senderAllowed(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  // Our own pages (popup, options), also when the options page is open in a tab.
  if (typeof sender.url === "string" && sender.url.startsWith(ownOrigin)) return true;
  // Our content script, only in a tab on an Urssaf host.
  return sender.tab !== undefined && isUrssafUrl(sender.url ?? sender.tab.url);
}
