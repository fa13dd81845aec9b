// Keeps the last MAX_DIAGNOSTICS diagnostics of pages « non comprise » (nothing leaves the browser:
// the user copies one from the options page to send it).
import type { HandlersOf } from "../message-spec.ts";
import { LOCAL_KEYS } from "../storage/keys.ts";
import type { Store } from "../storage/store.ts";
import { type DIAGNOSTIC_MESSAGES, DiagnosticSchema, MAX_DIAGNOSTICS } from "./messages.ts";

const ListSchema = DiagnosticSchema.array();

export function createDiagnosticHandlers(store: Store): HandlersOf<typeof DIAGNOSTIC_MESSAGES> {
  return {
    async "diagnostic/record"(m) {
      const kept = await store.update(LOCAL_KEYS.diagnostics, ListSchema.optional(), (list) =>
        [...(list ?? []), m.diagnostic].slice(-MAX_DIAGNOSTICS),
      );
      return { kept: kept?.length ?? 0 };
    },
    "diagnostic/list": () => store.getOr(LOCAL_KEYS.diagnostics, ListSchema, []),
  };
}
