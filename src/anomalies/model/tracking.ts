// Tracking of the DSN anomalies seen on "Suivi DSN" (issue 5), as pure functions over the stored data.
//
// Storage (background only, storage.local, read with a default when absent; the `notifiedOn` field
// came with schema migration `trackedAnomaliesNotifiedOn` below):
// - `anomalies/tracked` (ANOMALY_TRACKING_KEY): TrackingState
//     { items: { "<siret>|<YYYY-MM>|<reference>": TrackedAnomaly }, ids: { "<Urssaf anomaly id>": "<same key>" } }
//   TrackedAnomaly = { siren, siret, period: "YYYY-MM", reference, libelle, status: "a-traiter" | "corrigee" |
//   "contestee", correctedIn: "YYYY-MM" | null (the DSN month that carries the correction), firstSeen,
//   lastSeen, changedAt (ISO instants; changedAt null until the user sets a status), notifiedOn
//   ("YYYY-MM-DD": the notification date the page gives, else the Paris day the anomaly was first seen) }.
//   The correction deadline follows from the period, the client's due day and notifiedOn (30-day
//   rule, path.ts): it does not depend on today, so it never slides.
//   One entry per client (SIREN), establishment (SIRET), period and reference: two anomalies of the same
//   reference for two employees of one establishment and month share their status. `ids` remembers
//   which establishment an anomaly link belongs to, for the views that do not show the SIRET.
// - `anomalies/unknown` (ANOMALY_UNKNOWN_KEY): { "<reference>": UnknownReference } — references not in
//   the catalogue, with first/last seen, so the user can report them. Nothing is sent anywhere.
//
// `openTrackedAnomalies` gives the anomalies still to correct with their correction deadline; the
// reminders feature reads it.
import { z } from "zod";
import { LOCAL_KEYS } from "../../core/storage/keys.ts";
import {
  compareDates,
  type DueDay,
  type IsoDate,
  isIsoDate,
  type Period,
  parisDateOf,
} from "../../reminders/model/calendar.ts";
import { REMINDER_STATE_KEY, type ReminderState, splitAnomalyMarks } from "../../reminders/model/state.ts";
import { anomalyDeadline, correctionPath } from "./path.ts";

export const ANOMALY_TRACKING_KEY = LOCAL_KEYS.anomalyTracking;
export const ANOMALY_UNKNOWN_KEY = LOCAL_KEYS.anomalyUnknown;

export const TRACK_STATUSES = ["a-traiter", "corrigee", "contestee"] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const siret = z.string().regex(/^\d{14}$/);

export const TrackedAnomalySchema = z.object({
  siren: z.string().regex(/^\d{9}$/),
  siret,
  period,
  reference: z.string().min(1).max(80),
  libelle: z.string().max(500),
  status: z.enum(TRACK_STATUSES),
  correctedIn: period.nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  changedAt: z.string().nullable(),
  notifiedOn: z.string().refine(isIsoDate),
});
export type TrackedAnomaly = z.infer<typeof TrackedAnomalySchema>;

export const TrackingStateSchema = z.object({
  items: z.record(z.string(), TrackedAnomalySchema),
  ids: z.record(z.string(), z.string()),
});
export type TrackingState = z.infer<typeof TrackingStateSchema>;

export const UnknownReferenceSchema = z.object({
  libelle: z.string().max(500),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** How many times a page showed it (one per anomaly line per page load). */
  seen: z.number().int().min(0),
});
export const UnknownReferencesSchema = z.record(z.string(), UnknownReferenceSchema);
export type UnknownReference = z.infer<typeof UnknownReferenceSchema>;
export type UnknownReferences = z.infer<typeof UnknownReferencesSchema>;

export const EMPTY_TRACKING: TrackingState = { items: {}, ids: {} };

/** The tracking key of an anomaly: establishment, period, reference (the SIREN is the SIRET's start). */
export function trackKey(siretValue: string, periodValue: Period, reference: string): string {
  return `${siretValue}|${periodValue}|${reference}`;
}

export interface SeenAnomaly {
  reference: string;
  period: Period;
  libelle: string;
  /** Null on the views that do not show the establishment. */
  siret: string | null;
  /** The Urssaf's own id of the anomaly (from its link), when shown. */
  id: string | null;
  /** The notification date, when the page shows one ("YYYY-MM-DD"). */
  notifiedOn?: IsoDate | null;
}

/** The notification date of an anomaly seen at `now`: the page's own date when valid, else today. */
export function notificationDate(seen: Pick<SeenAnomaly, "notifiedOn">, now: Date): IsoDate {
  const today = parisDateOf(now);
  const given = seen.notifiedOn;
  return given && isIsoDate(given) && compareDates(given, today) <= 0 ? given : today;
}

/**
 * Records the anomalies a page showed: new ones start "à traiter", known ones get their last-seen date.
 * An anomaly without SIRET is resolved through its id when another view showed it with its SIRET.
 * Returns the new state and, for each input, its tracking key (null when the establishment is unknown).
 */
export function recordSeen(
  state: TrackingState,
  seen: readonly SeenAnomaly[],
  now: Date,
): { state: TrackingState; keys: (string | null)[] } {
  const at = now.toISOString();
  const items = { ...state.items };
  const ids = { ...state.ids };
  const keys = seen.map((a) => {
    let key: string | null = null;
    if (a.siret) key = trackKey(a.siret, a.period, a.reference);
    else if (a.id && ids[a.id]) {
      const known = items[ids[a.id] ?? ""];
      if (known && known.period === a.period && known.reference === a.reference) key = ids[a.id] ?? null;
    }
    if (!key) return null;
    const existing = items[key];
    // A date the page gives is the official one: it replaces the day we first saw the anomaly.
    const pageDate = a.notifiedOn && isIsoDate(a.notifiedOn) ? notificationDate(a, now) : null;
    if (existing)
      items[key] = {
        ...existing,
        lastSeen: at,
        libelle: a.libelle || existing.libelle,
        notifiedOn: pageDate ?? existing.notifiedOn,
      };
    else if (a.siret)
      items[key] = {
        siren: a.siret.slice(0, 9),
        siret: a.siret,
        period: a.period,
        reference: a.reference,
        libelle: a.libelle,
        status: "a-traiter",
        correctedIn: null,
        firstSeen: at,
        lastSeen: at,
        changedAt: null,
        notifiedOn: notificationDate(a, now),
      };
    if (a.id && a.siret) ids[a.id] = key;
    return key;
  });
  return { state: { items, ids }, keys };
}

/** Sets the user's status of one tracked anomaly ("corrigée" needs the month of the DSN that corrects). */
export function setTrackStatus(
  state: TrackingState,
  key: string,
  status: TrackStatus,
  correctedIn: Period | null,
  now: Date,
): TrackingState {
  const existing = state.items[key];
  if (!existing)
    throw new Error("Cette anomalie n'est pas encore connue de l'extension : rechargez la page.");
  if (status === "corrigee" && !correctedIn)
    throw new Error("Indiquez le mois de la DSN qui porte la correction.");
  return {
    ...state,
    items: {
      ...state.items,
      [key]: {
        ...existing,
        status,
        correctedIn: status === "corrigee" ? correctedIn : null,
        changedAt: now.toISOString(),
      },
    },
  };
}

/** Adds references the catalogue does not know (first seen kept, last seen and count updated). */
export function recordUnknown(
  unknown: UnknownReferences,
  seen: readonly { reference: string; libelle: string }[],
  now: Date,
): UnknownReferences {
  const at = now.toISOString();
  const next = { ...unknown };
  for (const { reference, libelle } of seen) {
    const existing = next[reference];
    next[reference] = existing
      ? { ...existing, lastSeen: at, seen: existing.seen + 1, libelle: libelle || existing.libelle }
      : { libelle, firstSeen: at, lastSeen: at, seen: 1 };
  }
  return next;
}

export interface OpenAnomaly {
  siren: string;
  siret: string;
  period: Period;
  reference: string;
  libelle: string;
  /** When the Urssaf notified it (or when it was first seen). */
  notifiedOn: IsoDate;
  /**
   * Last day to correct or contest it: the due date of the DSN filed at least 30 days after the
   * notification (CSS art. R133-14-2). Fixed: it does not move as days pass.
   */
  deadline: IsoDate;
  /** The deadline is behind today (the DSN it names was due at noon on that day). */
  overdue: boolean;
  /** How, today: "annule-et-remplace" until the day before the period's due date, else "dsn-ulterieure". */
  how: "annule-et-remplace" | "dsn-ulterieure";
  /** The DSN month that must carry the correction at the latest (30-day rule). */
  correctIn: Period;
  /** French line: "annule et remplace possible jusqu'au …" / "à corriger dans la DSN de …". */
  summary: string;
}

/**
 * The anomalies still to correct ("à traiter"), with their correction deadline, soonest first; `today`
 * only says which are overdue and how to correct now. `dueDayOf` gives a client's DSN due day (5 or
 * 15) from its SIREN.
 */
export function openTrackedAnomalies(
  state: TrackingState,
  today: IsoDate,
  dueDayOf: (siren: string) => DueDay,
): OpenAnomaly[] {
  const rows: OpenAnomaly[] = [];
  for (const a of Object.values(state.items)) {
    if (a.status !== "a-traiter") continue;
    const dueDay = dueDayOf(a.siren);
    const limit = anomalyDeadline(a.period, dueDay, a.notifiedOn);
    const notifiedOn = compareDates(a.notifiedOn, today) <= 0 ? a.notifiedOn : today;
    const path = correctionPath({ period: a.period, dueDay, today, notifiedOn });
    rows.push({
      siren: a.siren,
      siret: a.siret,
      period: a.period,
      reference: a.reference,
      libelle: a.libelle,
      notifiedOn: a.notifiedOn,
      deadline: limit.deadline.date,
      overdue: compareDates(limit.deadline.date, today) < 0,
      how: path.kind,
      correctIn: limit.period,
      summary: path.summary,
    });
  }
  return rows.sort(
    (x, y) =>
      x.deadline.localeCompare(y.deadline) ||
      x.siret.localeCompare(y.siret) ||
      x.period.localeCompare(y.period) ||
      x.reference.localeCompare(y.reference),
  );
}

/** Counts of the anomalies tracked for one establishment and month, by status. */
export function monthStatus(
  state: TrackingState,
  siretValue: string,
  periodValue: Period,
): { count: number; byStatus: Record<TrackStatus, number> } {
  const byStatus: Record<TrackStatus, number> = { "a-traiter": 0, corrigee: 0, contestee: 0 };
  let count = 0;
  for (const a of Object.values(state.items)) {
    if (a.siret !== siretValue || a.period !== periodValue) continue;
    count++;
    byStatus[a.status]++;
  }
  return { count, byStatus };
}

// ---------------------------------------------------------------------------------------------------
// Storage migration: tracked anomalies get their notification date
// ---------------------------------------------------------------------------------------------------

/**
 * Data written before `notifiedOn` existed: each tracked anomaly takes the Paris day of its stored
 * `firstSeen` (the day the extension first saw it, its notification date as far as we know). An item
 * whose `firstSeen` is unreadable is kept with the migration's day. Pure: used by the storage
 * migrations (src/core/storage/schema.ts) and unit-tested beside this file.
 */
export function migrateTrackedAnomalies(stored: unknown, now: Date): unknown {
  if (typeof stored !== "object" || stored === null) return stored;
  const state = stored as { items?: Record<string, Record<string, unknown>> };
  if (typeof state.items !== "object" || state.items === null) return stored;
  const items: Record<string, Record<string, unknown>> = {};
  for (const [key, item] of Object.entries(state.items)) {
    if (typeof item !== "object" || item === null || typeof item.notifiedOn === "string") {
      items[key] = item;
      continue;
    }
    const seen = typeof item.firstSeen === "string" ? new Date(item.firstSeen) : null;
    const day = seen && !Number.isNaN(seen.getTime()) ? parisDateOf(seen) : parisDateOf(now);
    items[key] = { ...item, notifiedOn: day };
  }
  return { ...state, items };
}

/**
 * The storage migration of issue 16 over a snapshot of storage.local: tracked anomalies get their
 * `notifiedOn`, and the done / snooze marks of their reminders get the period in their ids.
 */
export function migrateAnomalyNotification(
  data: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  if (!(ANOMALY_TRACKING_KEY in data)) return data;
  const tracking = migrateTrackedAnomalies(data[ANOMALY_TRACKING_KEY], now);
  const out: Record<string, unknown> = { ...data, [ANOMALY_TRACKING_KEY]: tracking };
  const marks = data[REMINDER_STATE_KEY] as Partial<ReminderState> | undefined;
  const items = (tracking as { items?: Record<string, { siret: string; period: string; reference: string }> })
    .items;
  if (marks && typeof marks === "object" && marks.done && marks.snoozed && items)
    out[REMINDER_STATE_KEY] = splitAnomalyMarks(
      { done: marks.done, snoozed: marks.snoozed },
      Object.values(items),
    );
  return out;
}
