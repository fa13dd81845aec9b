// The DSN anomaly panel on "Suivi DSN" (content script) and the lists of the popup and options page.
// Schemas only: the handlers are in background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import type { AnomalyPanelsView } from "./model/panel.ts";
import type { OpenAnomaly, TrackedAnomaly, UnknownReferences } from "./model/tracking.ts";

const anomalyPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const anomalySiret = z.string().regex(/^\d{14}$/);
/** One anomaly as a Suivi DSN page shows it. */
export const AnomalySeenSchema = z.object({
  reference: z.string().min(1).max(80),
  libelle: z.string().max(500),
  period: anomalyPeriod,
  siret: anomalySiret.nullable(),
  id: z.string().max(40).nullable(),
  /** The notification date, when the page shows one (the deadline counts 30 days from it). */
  notifiedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});

export const ANOMALY_MESSAGES = {
  /**
   * The content script's one batched request for a Suivi DSN page: its anomalies (and month-grid cells);
   * the background answers with everything the panels show (it holds the catalogue: the content script
   * never loads it) and records what was seen (tracking, unknown references).
   */
  "anomaly/panels": message("content", {
    items: z.array(AnomalySeenSchema).max(5_000),
    months: z
      .array(z.object({ siret: anomalySiret, period: anomalyPeriod }))
      .max(1_200)
      .optional(),
  }).answers<AnomalyPanelsView>(),
  "anomaly/track": message("content", {
    key: z.string().max(120),
    status: z.enum(["a-traiter", "corrigee", "contestee"]),
    correctedIn: anomalyPeriod.nullable().optional(),
  }).answers<TrackedAnomaly>(),
  /** Open anomalies of every client with their correction deadline (popup). */
  "anomaly/open": message("pages", {}).answers<OpenAnomaly[]>(),
  /** References met on Suivi DSN that the catalogue does not know (options page). */
  "anomaly/unknown": message("pages", {}).answers<UnknownReferences>(),
};
