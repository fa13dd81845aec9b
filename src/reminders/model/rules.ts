/**
 * The firm's reminders, rules part: from the register, what the accountant recorded (revenue-estimate
 * requests, attestation dates, security-code letters) and the tracked DSN anomalies, to dated items.
 * What the user marked (state.ts), what the popup lists (agenda.ts), and the badge and notifications
 * (delivery.ts) take these items as input.
 *
 * Time is never read here: callers pass `today` (an IsoDate in Paris) or `now` (an instant from their
 * injected clock). The dates and delays are data in src/reminders/data/reminder-dates.ts and holidays.ts.
 * Texts are locale keys ("reminderKind…") with French parameters, formatted by the UI with t().
 */

import type { Client, Collaborator } from "../../register/model/register.ts";
import { dsnDueDay, statusSince } from "../../register/model/register-model.ts";
import { REMINDER_RULES } from "../data/reminder-dates.ts";
import {
  addDays,
  addMonths,
  annuleEtRemplaceCutoff,
  type DueDay,
  deMoisFr,
  dsnDueDate,
  formatDateFr,
  formatPeriodFr,
  type IsoDate,
  isIsoDate,
  type Period,
  parisDateOf,
  parseIsoDate,
  periodOf,
  toIsoDate,
} from "./calendar.ts";
import { type ScheduleDate, scheduleDates } from "./schedules.ts";

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

/**
 * A tracked DSN anomaly's correction deadline. The anomaly-tracking feature (built separately) is the
 * source: the background passes its list here. `deadline` is the last day (IsoDate, Paris) to correct
 * or contest the anomaly in "Suivi DSN"; `period` the DSN month it concerns ("YYYY-MM"); `reference`
 * the anomaly's technical reference as the Urssaf shows it (unique per anomaly).
 */
export interface TrackedAnomalyDeadline {
  siren: string;
  siret: string;
  period: Period;
  reference: string;
  deadline: IsoDate;
}

/** How a self-employed client pays and declares (chosen by the accountant; null = no reminder). */
export const SELF_EMPLOYED_SCHEDULES = [
  "ti-mensuel-5",
  "ti-mensuel-20",
  "ti-trimestriel",
  "micro-mensuel",
  "micro-trimestriel",
] as const;
export type SelfEmployedSchedule = (typeof SELF_EMPLOYED_SCHEDULES)[number];

/** What the accountant records for a client, beyond the register (stored under its own key). */
export interface ClientRecord {
  /** Each revenue-estimate request made for this client (IsoDate). */
  estimationsRevenu: IsoDate[];
  /** Issue date of the client's last attestation de vigilance. */
  attestationVigilanceLe: IsoDate | null;
  /** The day the security-code letter reached the firm (ends the follow-up). */
  codeRecuLe: IsoDate | null;
  echeancier: SelfEmployedSchedule | null;
}

export const EMPTY_RECORD: ClientRecord = {
  estimationsRevenu: [],
  attestationVigilanceLe: null,
  codeRecuLe: null,
  echeancier: null,
};

export const BADGE_MODES = ["echeances", "messages", "anomalies"] as const;
export type BadgeMode = (typeof BADGE_MODES)[number];

export interface ReminderSettings {
  /** Days before a deadline when the morning digest announces it (e.g. [7, 2]). */
  leadDays: number[];
  /** Days after the add of a self-employed client when "renvoyer le code" is suggested. */
  codeResendAfterDays: number;
  /** "HH:MM", Paris time, of the morning digest. */
  digestTime: string;
  /** Minutes before a timed deadline (DSN at noon, an activation) of the "due today" notification. */
  dueWarnMinutes: number;
  notifications: boolean;
  badge: BadgeMode;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  leadDays: [7, 2],
  codeResendAfterDays: REMINDER_RULES.securityCode.resendAfterDays,
  digestTime: "08:30",
  dueWarnMinutes: 120,
  notifications: true,
  badge: "echeances",
};

export type ReminderClient = Pick<
  Client,
  "id" | "kind" | "raisonSociale" | "siren" | "effectif" | "paieDecalee" | "statut" | "collaborateurId"
> &
  Partial<Pick<Client, "historique" | "modifieLe" | "creeLe">>;

export interface ReminderInput {
  clients: readonly ReminderClient[];
  collaborators: readonly Pick<Collaborator, "id" | "nom" | "prenom" | "acces">[];
  records: Readonly<Record<string, ClientRecord>>;
  anomalies: readonly TrackedAnomalyDeadline[];
  settings: ReminderSettings;
}

// ---------------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------------

export const REMINDER_KINDS = [
  "dsn-echeance",
  "dsn-annule-remplace",
  "activation-collaborateur",
  "code-relance",
  "code-renvoyer",
  "estimation-possible",
  "vigilance-bientot",
  "vigilance-expiree",
  "ti-prelevement",
  "ti-declaration-revenus",
  "ti-declaration-revenus-inconnue",
  "micro-declaration",
  "micro-periodicite",
  "anomalie-dsn",
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Locale key of each kind's text (parameters: `Reminder.params`). */
export const REMINDER_TEXT: Record<ReminderKind, string> = {
  "dsn-echeance": "reminderKindDsnDue",
  "dsn-annule-remplace": "reminderKindDsnCutoff",
  "activation-collaborateur": "reminderKindActivation",
  "code-relance": "reminderKindCodeFollowUp",
  "code-renvoyer": "reminderKindCodeResend",
  "estimation-possible": "reminderKindEstimateOpen",
  "vigilance-bientot": "reminderKindVigilanceSoon",
  "vigilance-expiree": "reminderKindVigilanceExpired",
  "ti-prelevement": "reminderKindTiDebit",
  "ti-declaration-revenus": "reminderKindTiIncomeReturn",
  "ti-declaration-revenus-inconnue": "reminderKindTiIncomeReturnUnknown",
  "micro-declaration": "reminderKindMicroReturn",
  "micro-periodicite": "reminderKindMicroPeriodicity",
  "anomalie-dsn": "reminderKindAnomaly",
};

/** The id of an anomaly's reminder: one per establishment, period and reference (own done/snooze). */
export const anomalyReminderId = (a: Pick<TrackedAnomalyDeadline, "siret" | "period" | "reference">) =>
  `anomalie:${a.siret}:${a.period}:${a.reference}`;

/** Kinds that stay overdue until marked done however old (the others leave the list after a month). */
export const OVERDUE_UNTIL_DONE: ReadonlySet<ReminderKind> = new Set<ReminderKind>(["anomalie-dsn"]);

/** Kinds that stay in the list as overdue until marked done (the others are information for the day). */
const PERSISTENT: ReadonlySet<ReminderKind> = new Set<ReminderKind>([
  "dsn-echeance",
  "activation-collaborateur",
  "code-relance",
  "code-renvoyer",
  "vigilance-expiree",
  "ti-declaration-revenus",
  "ti-declaration-revenus-inconnue",
  "micro-declaration",
  "anomalie-dsn",
]);

export interface Reminder {
  /** Stable: the same deadline keeps its id from one computation to the next (done / snooze). */
  id: string;
  kind: ReminderKind;
  /** The day it is due (Paris). */
  date: IsoDate;
  /** The instant, when the deadline has a time (DSN at noon, a 24-hour activation); ISO string. */
  at: string | null;
  persists: boolean;
  /** The register client concerned (null for a collaborator's activation or an unknown SIREN). */
  clientId: string | null;
  /** Who follows it in the firm (the client's collaborator, or the collaborator to activate). */
  collaborateurId: string | null;
  /** Client name (or collaborator's name) as the list shows it. */
  subject: string;
  /** Locale key and its French parameters. */
  textKey: string;
  params: string[];
  /** Suggested action on the Urssaf space. */
  action: "renvoyer-le-code" | null;
  /** Where the rule comes from. */
  source: string;
}

export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
  /**
   * When set, the "annule et remplace" cutoffs before this day are left out: information for a past
   * day that the agenda would drop anyway (a quarter of the items for a firm of employers).
   */
  today?: IsoDate;
}

/** `date` + n months, the day clamped to the month's length (31 March + 1 month = 30 April). */
export function addMonthsToDate(date: IsoDate, months: number): IsoDate {
  const { d } = parseIsoDate(date);
  const { y, m } = parseIsoDate(`${addMonths(periodOf(date), months)}-01`);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return toIsoDate({ y, m, d: Math.min(d, last) });
}

export function lastDayOfMonth(period: Period): IsoDate {
  return addDays(`${addMonths(period, 1)}-01`, -1);
}

export const inWindow = (date: IsoDate, w: DateWindow) => date >= w.from && date <= w.to;

interface DsnSlot {
  period: Period;
  dueDate: IsoDate;
  at: string;
  cutoffDay: IsoDate;
  /** [period label, due date label], shared by the items of this slot. */
  params: string[];
}

/** The DSN deadlines (per due day) whose due date or cutoff falls in the window: computed once per call. */
function dsnSlots(w: DateWindow): Record<DueDay, DsnSlot[]> {
  const out: Record<DueDay, DsnSlot[]> = { 5: [], 15: [] };
  // The DSN of month M is due in M + 1: periods from two months before the window to its last month.
  const first = addMonths(periodOf(w.from), -2);
  const last = periodOf(w.to);
  for (const dueDay of [5, 15] as const) {
    for (let p = first; p <= last; p = addMonths(p, 1)) {
      const due = dsnDueDate(p, dueDay);
      const cutoff = annuleEtRemplaceCutoff(p, dueDay);
      if (!inWindow(due.date, w) && !inWindow(cutoff.lastDay, w)) continue;
      out[dueDay].push({
        period: p,
        dueDate: due.date,
        at: due.at.toISOString(),
        cutoffDay: cutoff.lastDay,
        params: [deMoisFr(p), formatDateFr(due.date)],
      });
    }
  }
  return out;
}

function make(
  kind: ReminderKind,
  id: string,
  date: IsoDate,
  fields: Partial<Omit<Reminder, "id" | "kind" | "date" | "persists" | "textKey">> & { source: string },
): Reminder {
  return {
    id,
    kind,
    date,
    at: fields.at ?? null,
    persists: PERSISTENT.has(kind),
    clientId: fields.clientId ?? null,
    collaborateurId: fields.collaborateurId ?? null,
    subject: fields.subject ?? "",
    textKey: REMINDER_TEXT[kind],
    params: fields.params ?? [],
    action: fields.action ?? null,
    source: fields.source,
  };
}

const MONTHLY_SOURCE = REMINDER_RULES.dsn.source.ref;
const DSN_SOURCES = {
  5: `${MONTHLY_SOURCE} ; échéance du 5`,
  15: `${MONTHLY_SOURCE} ; échéance du 15`,
  cutoff: `${MONTHLY_SOURCE} ; annule et remplace jusqu'à minuit la veille`,
} as const;

/**
 * The Paris day of an ISO instant, cached by its UTC hour: Paris is a whole number of hours from UTC,
 * so the hour decides the day (10,000 clients share a few hundred creation hours).
 */
const parisDayCache = new Map<string, IsoDate>();
function parisDay(iso: string): IsoDate {
  // The register writes instants with toISOString() ("…Z"): the UTC hour is its first 13 characters.
  const utc = iso.length === 24 && iso.endsWith("Z");
  const at = utc ? null : new Date(iso);
  if (at && Number.isNaN(at.getTime())) return "";
  const key = at ? at.toISOString().slice(0, 13) : iso.slice(0, 13);
  let day = parisDayCache.get(key);
  if (day === undefined) {
    day = parisDateOf(at ?? new Date(iso));
    if (parisDayCache.size > 50_000) parisDayCache.clear();
    parisDayCache.set(key, day);
  }
  return day;
}

/** Every reminder dated within the window, in date order (within a day: clients, then collaborators, then anomalies). */
export function computeReminders(input: ReminderInput, w: DateWindow): Reminder[] {
  const out: Reminder[] = [];
  const slots = dsnSlots(w);
  const years: number[] = [];
  for (let y = parseIsoDate(w.from).y; y <= parseIsoDate(w.to).y; y++) years.push(y);
  const bySiren = new Map<string, ReminderClient>();
  const schedules = new Map<SelfEmployedSchedule, ScheduleDate[]>();
  const scheduleOf = (schedule: SelfEmployedSchedule) => {
    let dates = schedules.get(schedule);
    if (!dates) {
      dates = scheduleDates(schedule, w, years);
      schedules.set(schedule, dates);
    }
    return dates;
  };

  for (const c of input.clients) {
    if (c.statut === "resilie") continue;
    const who = { clientId: c.id, collaborateurId: c.collaborateurId, subject: c.raisonSociale };
    if (c.siren && c.kind === "employeur") bySiren.set(c.siren, c);

    // Monthly DSN (employers), due on the 5th or the 15th at noon, moved to a working day.
    const dueDay = dsnDueDay(c);
    if (dueDay) {
      // Deadlines before the client entered the register are not the firm's to remind.
      const since = c.creeLe ? parisDay(c.creeLe) : "";
      // The hot path (thousands of employers): objects built directly, in the Reminder field order.
      for (const s of slots[dueDay]) {
        if (s.dueDate < since) continue;
        if (inWindow(s.dueDate, w))
          out.push({
            id: `dsn:${c.id}:${s.period}`,
            kind: "dsn-echeance",
            date: s.dueDate,
            at: s.at,
            persists: true,
            clientId: c.id,
            collaborateurId: c.collaborateurId,
            subject: c.raisonSociale,
            textKey: REMINDER_TEXT["dsn-echeance"],
            params: s.params,
            action: null,
            source: DSN_SOURCES[dueDay],
          });
        if (inWindow(s.cutoffDay, w) && !(w.today && s.cutoffDay < w.today))
          out.push({
            id: `ar:${c.id}:${s.period}`,
            kind: "dsn-annule-remplace",
            date: s.cutoffDay,
            at: null,
            persists: false,
            clientId: c.id,
            collaborateurId: c.collaborateurId,
            subject: c.raisonSociale,
            textKey: REMINDER_TEXT["dsn-annule-remplace"],
            params: s.params,
            action: null,
            source: DSN_SOURCES.cutoff,
          });
      }
    }

    const record = input.records[c.id] ?? EMPTY_RECORD;

    // Security-code letter (self-employed clients waiting for it): follow-up, then "renvoyer le code".
    if (c.statut === "code-attendu" && !record.codeRecuLe && c.historique) {
      const since = parisDay(statusSince(c as Client));
      const sinceLabel = formatDateFr(since);
      const followUp = addDays(since, REMINDER_RULES.securityCode.followUpDays);
      const resend = addDays(since, input.settings.codeResendAfterDays);
      const src = REMINDER_RULES.securityCode.source.ref;
      if (followUp < resend && inWindow(followUp, w))
        out.push(
          make("code-relance", `code:${c.id}:${since}:relance`, followUp, {
            ...who,
            params: [sinceLabel],
            source: src,
          }),
        );
      if (inWindow(resend, w))
        out.push(
          make("code-renvoyer", `code:${c.id}:${since}:renvoyer`, resend, {
            ...who,
            params: [sinceLabel],
            action: "renvoyer-le-code",
            source: src,
          }),
        );
    }

    // Revenue estimate: locked one month after the last request.
    const lastRequest = record.estimationsRevenu.reduce<IsoDate | null>((a, b) => (a && a > b ? a : b), null);
    if (lastRequest) {
      const open = addMonthsToDate(lastRequest, REMINDER_RULES.revenueEstimate.lockMonths);
      if (inWindow(open, w))
        out.push(
          make("estimation-possible", `estimation:${c.id}:${lastRequest}`, open, {
            ...who,
            params: [formatDateFr(lastRequest)],
            source: REMINDER_RULES.revenueEstimate.source.ref,
          }),
        );
    }

    // Attestation de vigilance: issue + 6 months, a warning 30 days before.
    if (record.attestationVigilanceLe) {
      const issued = record.attestationVigilanceLe;
      const rule = REMINDER_RULES.attestationVigilance;
      const expiry = addMonthsToDate(issued, rule.validityMonths);
      const warn = addDays(expiry, -rule.warnDaysBefore);
      const params = [formatDateFr(issued), formatDateFr(expiry)];
      if (inWindow(warn, w))
        out.push(
          make("vigilance-bientot", `vigilance:${c.id}:${issued}:avant`, warn, {
            ...who,
            params,
            source: rule.source.ref,
          }),
        );
      if (inWindow(expiry, w))
        out.push(
          make("vigilance-expiree", `vigilance:${c.id}:${issued}`, expiry, {
            ...who,
            params,
            source: rule.source.ref,
          }),
        );
    }

    // Self-employed and micro-entrepreneur dates, as data.
    if (record.echeancier && c.kind !== "employeur")
      for (const d of scheduleOf(record.echeancier))
        out.push(
          make(d.kind, `${d.kind}:${c.id}:${d.key}`, d.date, { ...who, params: d.params, source: d.source }),
        );
  }

  // Collaborator activation: 24 hours after the access was created.
  const activation = REMINDER_RULES.collaboratorActivation;
  for (const k of input.collaborators) {
    const at = new Date(Date.parse(k.acces) + activation.hours * 3_600_000);
    if (Number.isNaN(at.getTime())) continue;
    const date = parisDateOf(at);
    if (!inWindow(date, w)) continue;
    out.push(
      make("activation-collaborateur", `activation:${k.id}:${k.acces}`, date, {
        at: at.toISOString(),
        collaborateurId: k.id,
        subject: `${k.prenom} ${k.nom}`,
        params: [formatDateFr(date), timeInParis(at)],
        source: activation.source.ref,
      }),
    );
  }

  // Tracked DSN anomalies' correction deadlines (input from the anomaly tracking). The deadline is
  // fixed (30-day rule from the notification): an agenda keeps an overdue one however old it is.
  for (const a of input.anomalies) {
    if (!isIsoDate(a.deadline) || a.deadline > w.to || (a.deadline < w.from && !w.today)) continue;
    const client = bySiren.get(a.siren);
    out.push(
      make("anomalie-dsn", anomalyReminderId(a), a.deadline, {
        clientId: client?.id ?? null,
        collaborateurId: client?.collaborateurId ?? null,
        subject: client?.raisonSociale ?? `SIRET ${a.siret}`,
        params: [a.reference, formatPeriodFr(a.period)],
        source: REMINDER_RULES.anomalies.source.ref,
      }),
    );
  }

  return byDate(out);
}

/**
 * Orders by date, keeping the computation's order within a day (a bucket per date: tens of dates for
 * tens of thousands of items, so no comparison sort of the whole list).
 */
function byDate(items: Reminder[]): Reminder[] {
  const buckets = new Map<IsoDate, Reminder[]>();
  for (const r of items) {
    const bucket = buckets.get(r.date);
    if (bucket) bucket.push(r);
    else buckets.set(r.date, [r]);
  }
  const out: Reminder[] = [];
  for (const date of [...buckets.keys()].sort()) for (const r of buckets.get(date) ?? []) out.push(r);
  return out;
}

const timeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
});
function timeInParis(at: Date): string {
  return timeFormat.format(at).replace(":", " h ");
}
