// Contrôle DSN (options page): the history of controls per client, kept by the background. Schemas
// only: the handlers are in background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import { type DsnHistoryEntry, DsnHistoryEntrySchema } from "./control-view.ts";

export const DSN_MESSAGES = {
  "dsn-history/get": message("pages", {}).answers<DsnHistoryEntry[]>(),
  /** The compact summaries of one controlled file (one per SIREN and month declared in it). */
  "dsn-history/record": message("pages", {
    entries: z.array(DsnHistoryEntrySchema).min(1).max(500),
  }).answers<{ kept: number }>(),
  /** Forgets the history of one client, or all of it without a SIREN. */
  "dsn-history/clear": message("pages", {
    siren: z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
  }).answers<{ removed: number }>(),
};
