// The emitter-SIRET badge on the login form. Schemas only: the handler is in background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import type { EmitterStatus } from "./model/emitter-siret.ts";

/** The badge's verdict: no client name, only what the typed SIRET is for the firm. */
export interface SiretBadgeVerdict {
  status: EmitterStatus;
  /** For "invalid": why (length, character, key), in French. */
  problem: string | null;
}

export const EMITTER_SIRET_MESSAGES = {
  /** The SIRET typed in the login form's "Identifiant" (never the password), for the background to classify. */
  "siret/classify": message("content", {
    siret: z.string().regex(/^[0-9A-Z]{14}$/),
  }).answers<SiretBadgeVerdict>(),
};
