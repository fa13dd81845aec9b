// zod schemas of what the reminders keep in storage and carry in messages (the boundary); the rules
// themselves are in rules.ts, state.ts and delivery.ts.
import { z } from "zod";
import { isIsoDate } from "./calendar.ts";
import { type DeliveryState, EMPTY_DELIVERY } from "./delivery.ts";
import {
  BADGE_MODES,
  type ClientRecord,
  DEFAULT_REMINDER_SETTINGS,
  EMPTY_RECORD,
  type ReminderSettings,
  SELF_EMPLOYED_SCHEDULES,
} from "./rules.ts";
import { EMPTY_STATE, type ReminderState } from "./state.ts";

export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, "Date invalide : attendu AAAA-MM-JJ (par exemple 2026-03-31).");

export const ReminderSettingsSchema = z.object({
  leadDays: z
    .array(
      z
        .number()
        .int()
        .min(1, "Un délai de rappel est d'au moins 1 jour.")
        .max(60, "Un délai de rappel est d'au plus 60 jours."),
    )
    .max(5, "Au plus 5 délais de rappel."),
  codeResendAfterDays: z
    .number()
    .int()
    .min(1, "Le délai avant « renvoyer le code » est d'au moins 1 jour.")
    .max(180, "Le délai avant « renvoyer le code » est d'au plus 180 jours."),
  digestTime: z
    .string()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d$/,
      "Heure du récapitulatif invalide : attendu HH:MM (par exemple 08:30).",
    ),
  dueWarnMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  notifications: z.boolean(),
  badge: z.enum(BADGE_MODES),
}) satisfies z.ZodType<ReminderSettings>;

export const ClientRecordSchema = z.object({
  estimationsRevenu: z.array(IsoDateSchema).max(50),
  attestationVigilanceLe: IsoDateSchema.nullable(),
  codeRecuLe: IsoDateSchema.nullable(),
  echeancier: z.enum(SELF_EMPLOYED_SCHEDULES).nullable(),
}) satisfies z.ZodType<ClientRecord>;

export const ClientRecordsSchema = z.record(z.string(), ClientRecordSchema);

export const ReminderStateSchema = z.object({
  done: z.record(z.string(), z.string()),
  snoozed: z.record(z.string(), z.string()),
}) satisfies z.ZodType<ReminderState>;

export const DeliveryStateSchema = z.object({
  digestOn: z.string().nullable(),
  day: z.string().nullable(),
  notified: z.record(z.string(), z.enum(["digest", "due"])),
}) satisfies z.ZodType<DeliveryState>;

/** One reading of the dashboard's key indicators (seed 000). */
export const IndicatorValuesSchema = z.object({
  derniereMiseAJour: z.string().max(60),
  incidents: z.number().int().min(0),
  anomaliesDsn: z.number().int().min(0),
  anneeAnomalies: z.number().int().min(2000).max(2199),
  messagesNonLus: z.number().int().min(0),
});
export type IndicatorValues = z.infer<typeof IndicatorValuesSchema>;

export const IndicatorHistorySchema = z.object({
  /** Understood readings, oldest first (capped). */
  readings: z.array(IndicatorValuesSchema.extend({ at: z.string() })),
  /** The last visit of the dashboard: when it was not understood, nothing is shown. */
  lastVisit: z.object({ at: z.string(), understood: z.boolean(), missing: z.array(z.string()) }).nullable(),
});
export type IndicatorHistory = z.infer<typeof IndicatorHistorySchema>;

export const DEFAULTS = {
  settings: DEFAULT_REMINDER_SETTINGS,
  records: {} as Record<string, ClientRecord>,
  state: EMPTY_STATE,
  delivery: EMPTY_DELIVERY,
  indicators: { readings: [], lastVisit: null } as IndicatorHistory,
  record: EMPTY_RECORD,
};
