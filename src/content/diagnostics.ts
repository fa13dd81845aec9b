// Injected by the worker into a frame whose page stays « non comprise », on the content script's demand
// (src/core/on-demand.ts): the diagnostic and the page's snapshot, which most pages never need, are not
// in the content script every Urssaf page evaluates.
import type { DiagnosticsCode } from "../core/diagnostic/code.ts";
import { buildDiagnostic, diagnosticText } from "../core/diagnostic/diagnostic.ts";
import { buildSnapshot } from "../core/diagnostic/snapshot.ts";
import { provide } from "../core/on-demand.ts";

const code: DiagnosticsCode = { buildDiagnostic, diagnosticText, buildSnapshot };
provide("diagnostics", code);
