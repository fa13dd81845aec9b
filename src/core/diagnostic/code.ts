// What the diagnostic code injected on demand (src/content/diagnostics.ts) provides to the content script.
import type { buildDiagnostic, diagnosticText } from "./diagnostic.ts";
import type { buildSnapshot } from "./snapshot.ts";

export interface DiagnosticsCode {
  buildDiagnostic: typeof buildDiagnostic;
  diagnosticText: typeof diagnosticText;
  buildSnapshot: typeof buildSnapshot;
}
