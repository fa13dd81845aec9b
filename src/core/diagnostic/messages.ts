// The diagnostics of pages « non comprise », kept by the background for the options page (the last
// MAX_DIAGNOSTICS). Schemas only: the handlers are in background.ts.
import { z } from "zod";
import { message } from "../message-spec.ts";
import type { Diagnostic } from "./diagnostic.ts";

export const MAX_DIAGNOSTICS = 20;

const short = (n: number) => z.string().max(n);
export const DiagnosticSchema = z.object({
  version: short(40),
  at: z.iso.datetime({ offset: true }),
  url: short(300),
  kind: short(40).nullable(),
  missing: z.array(short(120)).max(20),
  candidates: z.array(z.object({ tag: short(40), role: short(40).nullable(), text: short(120) })).max(80),
}) satisfies z.ZodType<Diagnostic>;

export const DIAGNOSTIC_MESSAGES = {
  /** The content script, when a page stays « non comprise »: its diagnostic (masked, see mask.ts). */
  "diagnostic/record": message("content", { diagnostic: DiagnosticSchema }).answers<{ kept: number }>(),
  /**
   * The content script, before it builds a diagnostic: the worker injects the diagnostic code into the
   * sender's frame (src/content/diagnostics.ts), which most pages never need.
   */
  "diagnostic/load": message("content", {}).answers<{ loaded: true }>(),
  /** The options page: the last diagnostics, newest first. */
  "diagnostic/list": message("pages", {}).answers<Diagnostic[]>(),
};
