// The history of DSN controls per client (options page "Contrôle DSN"): a compact summary per control
// under its own storage key, read with a default when absent (no schema migration). Only the
// extension's own pages may read or change it: a content script on an Urssaf page is refused.
import type { Runtime } from "../core/browser.ts";
import { isUrssafUrl } from "../core/senders.ts";
import { LOCAL_KEYS } from "../core/storage/keys.ts";
import type { Store } from "../core/storage/store.ts";
import { addToHistory, type DsnHistoryEntry, DsnHistorySchema } from "./control-view.ts";

export const DSN_HISTORY_KEY = LOCAL_KEYS.dsnHistory;

export interface DsnHistoryStore {
  get(): Promise<DsnHistoryEntry[]>;
  record(entries: readonly DsnHistoryEntry[]): Promise<{ kept: number }>;
  clear(siren?: string): Promise<{ removed: number }>;
}

/** Throws unless the message comes from one of the extension's pages (not a content script). */
export function fromExtensionPage(sender: Runtime.MessageSender): void {
  if (sender.tab !== undefined && isUrssafUrl(sender.url ?? sender.tab.url))
    throw new Error("L'historique des contrôles DSN n'est accessible que depuis la page d'options.");
}

export function createDsnHistoryStore(store: Store): DsnHistoryStore {
  return {
    get: () => store.get(DSN_HISTORY_KEY, DsnHistorySchema),
    async record(entries) {
      const next = await store.update(DSN_HISTORY_KEY, DsnHistorySchema, (h) => addToHistory(h, entries));
      return { kept: next.length };
    },
    async clear(siren) {
      let removed = 0;
      await store.update(DSN_HISTORY_KEY, DsnHistorySchema, (h) => {
        const kept = siren === undefined ? [] : h.filter((e) => e.siren !== siren);
        removed = h.length - kept.length;
        return kept;
      });
      return { removed };
    },
  };
}
