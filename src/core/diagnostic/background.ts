// Keeps the last MAX_DIAGNOSTICS diagnostics of pages « non comprise » (nothing leaves the browser:
// the user copies one from the options page to send it).
import type { InjectInto } from "../content-injection.ts";
import type { HandlersOf } from "../message-spec.ts";
import { senderTab } from "../senders.ts";
import { LOCAL_KEYS } from "../storage/keys.ts";
import type { Store } from "../storage/store.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { maskDigits, maskLabel } from "./mask.ts";
import { type DIAGNOSTIC_MESSAGES, DiagnosticSchema, MAX_DIAGNOSTICS } from "./messages.ts";
import { maskedUrl } from "./snapshot.ts";

const ListSchema = DiagnosticSchema.array();

/**
 * The content script masks a diagnostic before sending it; masked again here, because what is kept
 * must hold no client's name or number even when the sender did not (a compromised page's renderer
 * can pose as our content script). Masking twice changes nothing of a masked text.
 */
export function maskDiagnostic(d: Diagnostic): Diagnostic {
  let url: string;
  try {
    url = maskedUrl(d.url);
  } catch {
    url = maskDigits(d.url);
  }
  return {
    ...d,
    url,
    missing: d.missing.map(maskLabel),
    candidates: d.candidates.map((c) => ({ ...c, text: maskLabel(c.text) })),
  };
}

export function createDiagnosticHandlers(
  store: Store,
  /** Injects the diagnostic code into a frame (src/content/diagnostics.ts). */
  inject: InjectInto = async () => undefined,
): HandlersOf<typeof DIAGNOSTIC_MESSAGES> {
  return {
    async "diagnostic/load"(_m, sender) {
      await inject(senderTab(sender, "Aucun onglet où charger le diagnostic."), sender.frameId ?? 0);
      return { loaded: true };
    },
    // Stored oldest first (appending is one write); listed newest first.
    async "diagnostic/record"(m) {
      const kept = await store.update(LOCAL_KEYS.diagnostics, ListSchema.optional(), (list) =>
        [...(list ?? []), maskDiagnostic(m.diagnostic)].slice(-MAX_DIAGNOSTICS),
      );
      return { kept: kept?.length ?? 0 };
    },
    async "diagnostic/list"() {
      return (await store.getOr(LOCAL_KEYS.diagnostics, ListSchema, [])).reverse();
    },
  };
}
