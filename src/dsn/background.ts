// Contrôle DSN's message handlers: the history of controls per client (extension pages only).
import type { HandlersOf } from "../core/message-spec.ts";
import type { Store } from "../core/storage/store.ts";
import { createDsnHistoryStore, fromExtensionPage } from "./history-store.ts";
import type { DSN_MESSAGES } from "./messages.ts";

export function createDsnHandlers(store: Store): HandlersOf<typeof DSN_MESSAGES> {
  const dsnHistory = createDsnHistoryStore(store);
  return {
    // The router already refuses these from a content script; the store's own check stays as a second lock.
    async "dsn-history/get"(_m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.get();
    },
    async "dsn-history/record"(m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.record(m.entries);
    },
    async "dsn-history/clear"(m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.clear(m.siren);
    },
  };
}
