/**
 * The firm's reminders: pure rules from the register, what the accountant recorded (revenue-estimate
 * requests, attestation dates, security-code letters) and the tracked DSN anomalies, to dated items;
 * then what the popup lists (overdue, today, next 7 days), what the badge counts, and which
 * notifications to send (one morning digest, grouped "due today" ones, never a flood).
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
  isWorkingDay,
  type Period,
  parisDateOf,
  parisInstant,
  parseIsoDate,
  periodOf,
  toIsoDate,
} from "./calendar.ts";

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
  "micro-declaration": "reminderKindMicroReturn",
  "micro-periodicite": "reminderKindMicroPeriodicity",
  "anomalie-dsn": "reminderKindAnomaly",
};

/** Kinds that stay in the list as overdue until marked done (the others are information for the day). */
const PERSISTENT: ReadonlySet<ReminderKind> = new Set<ReminderKind>([
  "dsn-echeance",
  "activation-collaborateur",
  "code-relance",
  "code-renvoyer",
  "vigilance-expiree",
  "ti-declaration-revenus",
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

export interface Window {
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

function lastDayOfMonth(period: Period): IsoDate {
  return addDays(`${addMonths(period, 1)}-01`, -1);
}

const inWindow = (date: IsoDate, w: Window) => date >= w.from && date <= w.to;

interface DsnSlot {
  period: Period;
  dueDate: IsoDate;
  at: string;
  cutoffDay: IsoDate;
  /** [period label, due date label], shared by the items of this slot. */
  params: string[];
}

/** The DSN deadlines (per due day) whose due date or cutoff falls in the window: computed once per call. */
function dsnSlots(w: Window): Record<DueDay, DsnSlot[]> {
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
export function computeReminders(input: ReminderInput, w: Window): Reminder[] {
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

  // Tracked DSN anomalies' correction deadlines (input from the anomaly tracking).
  for (const a of input.anomalies) {
    if (!isIsoDate(a.deadline) || !inWindow(a.deadline, w)) continue;
    const client = bySiren.get(a.siren);
    out.push(
      make("anomalie-dsn", `anomalie:${a.siret}:${a.reference}`, a.deadline, {
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

interface ScheduleDate {
  kind: ReminderKind;
  key: string;
  date: IsoDate;
  params: string[];
  source: string;
}

/** The dates of one self-employed schedule within the window (the same for every client on it). */
function scheduleDates(schedule: SelfEmployedSchedule, w: Window, years: readonly number[]): ScheduleDate[] {
  const out: ScheduleDate[] = [];
  const ti = REMINDER_RULES.selfEmployed;
  const micro = REMINDER_RULES.microEntrepreneur;
  const push = (kind: ReminderKind, key: string, date: IsoDate, params: string[], source: string) => {
    if (inWindow(date, w)) out.push({ kind, key, date, params, source });
  };
  const monthDay = (y: number, md: { month: number; day: number }) =>
    toIsoDate({ y, m: md.month, d: md.day });
  const periods: Period[] = [];
  for (let p = addMonths(periodOf(w.from), -2); p <= periodOf(w.to); p = addMonths(p, 1)) periods.push(p);

  if (schedule === "ti-mensuel-5" || schedule === "ti-mensuel-20") {
    const day = schedule === "ti-mensuel-5" ? 5 : 20;
    if (!ti.monthlyDebitDays.includes(day)) return out;
    for (const p of periods)
      push("ti-prelevement", p, `${p}-${String(day).padStart(2, "0")}`, ["mensuel"], ti.source.ref);
  }
  if (schedule === "ti-trimestriel")
    for (const y of years)
      for (const md of ti.quarterlyDebits) {
        const date = monthDay(y, md);
        push("ti-prelevement", date, date, ["trimestriel"], ti.source.ref);
      }
  if (schedule.startsWith("ti-"))
    for (const y of years) {
      const year = ti.incomeReturn.find((r) => r.year === y);
      for (const d of year?.deadlines ?? []) {
        const date = monthDay(y, d);
        push("ti-declaration-revenus", date, date, [d.departements, String(y - 1)], ti.source.ref);
      }
    }
  if (schedule === "micro-mensuel")
    for (const p of periods) {
      const due = lastDayOfMonth(addMonths(p, micro.monthlyReturnMonthOffset));
      push("micro-declaration", p, due, [formatPeriodFr(p)], micro.source.ref);
    }
  if (schedule === "micro-trimestriel")
    for (const y of years)
      for (const md of micro.quarterlyReturns) {
        const date = monthDay(y, md);
        // The quarter that ends the month before the deadline's month: 30 April → 1st quarter.
        const end = addMonths(periodOf(date), -1);
        const { m } = parseIsoDate(`${end}-01`);
        const quarter = `T${Math.ceil(m / 3)} ${end.slice(0, 4)}`;
        push("micro-declaration", date, date, [quarter], micro.source.ref);
      }
  if (schedule.startsWith("micro-"))
    for (const y of years) {
      const date = monthDay(y, micro.periodicityChangeBefore);
      push("micro-periodicite", date, date, [formatDateFr(date)], micro.source.ref);
    }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Done / snooze, and what the popup and the badge show
// ---------------------------------------------------------------------------------------------------

export interface ReminderState {
  /** id → the day it was marked done. */
  done: Record<string, IsoDate>;
  /** id → the first day it shows again. */
  snoozed: Record<string, IsoDate>;
}

export const EMPTY_STATE: ReminderState = { done: {}, snoozed: {} };

export const SNOOZE_DAYS = { "1j": 1, "1s": 7 } as const;
export type SnoozeLength = keyof typeof SNOOZE_DAYS;

export function markDone(state: ReminderState, id: string, today: IsoDate): ReminderState {
  const { [id]: _, ...snoozed } = state.snoozed;
  return { done: { ...state.done, [id]: today }, snoozed };
}

export function snooze(
  state: ReminderState,
  id: string,
  length: SnoozeLength,
  today: IsoDate,
): ReminderState {
  return { ...state, snoozed: { ...state.snoozed, [id]: addDays(today, SNOOZE_DAYS[length]) } };
}

export function undoReminder(state: ReminderState, id: string): ReminderState {
  const { [id]: _d, ...done } = state.done;
  const { [id]: _s, ...snoozed } = state.snoozed;
  return { done, snoozed };
}

/** Drops marks older than `keepDays` (their reminders left the window long ago). */
export function pruneState(state: ReminderState, today: IsoDate, keepDays = 400): ReminderState {
  const limit = addDays(today, -keepDays);
  return {
    done: Object.fromEntries(Object.entries(state.done).filter(([, d]) => d >= limit)),
    snoozed: Object.fromEntries(Object.entries(state.snoozed).filter(([, d]) => d > today)),
  };
}

export interface Agenda {
  today: IsoDate;
  overdue: Reminder[];
  dueToday: Reminder[];
  /** The next 7 days (tomorrow to today + 7). */
  upcoming: Reminder[];
  /**
   * Announced by today's digest: due one of the lead times from today; an announcement that would fall
   * on a weekend or a public holiday is brought forward to the previous working day.
   */
  lead: Reminder[];
}

export const UPCOMING_DAYS = 7;
const LEAD_MARGIN_DAYS = 7;

/** The window to compute for an agenda of `today`. */
export function agendaWindow(today: IsoDate, settings: ReminderSettings): Window {
  // A lead-time announcement moved off a weekend or holiday comes a few days earlier: margin of a week.
  const ahead = Math.max(UPCOMING_DAYS, ...settings.leadDays) + LEAD_MARGIN_DAYS;
  return { from: addDays(today, -REMINDER_RULES.dsn.overdueWindowDays), to: addDays(today, ahead), today };
}

export function agenda(
  reminders: readonly Reminder[],
  state: ReminderState,
  today: IsoDate,
  settings: ReminderSettings,
): Agenda {
  const out: Agenda = { today, overdue: [], dueToday: [], upcoming: [], lead: [] };
  const soonest = addDays(today, -REMINDER_RULES.dsn.overdueWindowDays);
  const lastUpcoming = addDays(today, UPCOMING_DAYS);
  const lastLead = addDays(today, Math.max(0, ...settings.leadDays) + LEAD_MARGIN_DAYS);
  // Announcement days per deadline date (a few distinct dates for thousands of items).
  const announcements = new Map<IsoDate, IsoDate[]>();
  // Maps, and no lookup at all when empty: 10,000 clients make tens of thousands of ids to look up.
  const done = new Map(Object.entries(state.done));
  const snoozed = new Map(Object.entries(state.snoozed));
  for (const r of reminders) {
    if (done.size > 0 && done.has(r.id)) continue;
    const until = snoozed.size > 0 ? snoozed.get(r.id) : undefined;
    if (until && until > today) continue;
    if (r.date < today) {
      if (r.persists && r.date >= soonest) out.overdue.push(r);
    } else if (r.date === today) out.dueToday.push(r);
    else {
      if (r.date <= lastUpcoming) out.upcoming.push(r);
      if (r.date <= lastLead) {
        let days = announcements.get(r.date);
        if (!days) {
          days = announcedOn(r.date, settings.leadDays);
          announcements.set(r.date, days);
        }
        if (days.includes(today)) out.lead.push(r);
      }
    }
  }
  return out;
}

/** The date itself when worked, otherwise the last working day before it. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

/** The days on which a deadline is announced in the digest (one per lead time, on working days). */
export function announcedOn(date: IsoDate, leadDays: readonly number[]): IsoDate[] {
  return [...new Set(leadDays.filter((n) => n > 0).map((n) => previousWorkingDay(addDays(date, -n))))];
}

export interface Badge {
  text: string;
  /** CSS colour. */
  color: string;
  tone: "overdue" | "today" | "info" | "none";
}

export const BADGE_COLORS = {
  overdue: "#b00020",
  today: "#b34700",
  info: "#00539b",
  none: "#00539b",
} as const;

const badgeText = (n: number) => (n <= 0 ? "" : n > 999 ? "999+" : String(n));

/**
 * The toolbar badge: by default the number of items due today or overdue (red when any is overdue,
 * orange when all are for today); or, as set, the unread messages or the DSN anomalies of the last
 * dashboard reading — nothing when that reading was not understood.
 */
export function badgeFor(
  a: Pick<Agenda, "overdue" | "dueToday">,
  mode: BadgeMode,
  indicators: { messagesNonLus: number; anomaliesDsn: number } | null,
): Badge {
  if (mode === "echeances") {
    const n = a.overdue.length + a.dueToday.length;
    const tone = a.overdue.length > 0 ? "overdue" : n > 0 ? "today" : "none";
    return { text: badgeText(n), color: BADGE_COLORS[tone], tone };
  }
  if (!indicators) return { text: "", color: BADGE_COLORS.none, tone: "none" };
  const n = mode === "messages" ? indicators.messagesNonLus : indicators.anomaliesDsn;
  return { text: badgeText(n), color: BADGE_COLORS.info, tone: n > 0 ? "info" : "none" };
}

// ---------------------------------------------------------------------------------------------------
// Notifications: one morning digest, grouped "due today" ones
// ---------------------------------------------------------------------------------------------------

export interface DeliveryState {
  /** The day whose digest was sent. */
  digestOn: IsoDate | null;
  /** The day `notified` is about (reset each day). */
  day: IsoDate | null;
  /** Today's items already announced: "digest" (in the digest or a grouped notice), "due" (near their time). */
  notified: Record<string, "digest" | "due">;
}

export const EMPTY_DELIVERY: DeliveryState = { digestOn: null, day: null, notified: {} };

export interface Digest {
  day: IsoDate;
  overdue: number;
  dueToday: number;
  lead: number;
  /** What the notification lists (due today first, then overdue, then announced), at most a few. */
  items: Reminder[];
}

export interface DeliveryPlan {
  digest: Digest | null;
  /** One grouped notification for today's items not yet announced, or near their time. */
  immediate: Reminder[] | null;
  state: DeliveryState;
  /** False when `state` is the previous one unchanged (nothing to write). */
  changed: boolean;
  /** When to look again (the next digest, the next timed item, or the next midnight). */
  wakeAt: Date;
}

export const NOTIFICATION_ITEMS = 5;

/**
 * What to notify at `now`: the morning digest once a day (at or after the digest time), then at most
 * one grouped notification per call for today's items that the digest did not announce (added later)
 * or whose time comes near (a DSN due at noon, an activation). Pure: the caller sends and stores.
 */
export function planDelivery(
  a: Agenda,
  previous: DeliveryState,
  now: Date,
  settings: ReminderSettings,
): DeliveryPlan {
  const today = a.today;
  const notified: Record<string, "digest" | "due"> = previous.day === today ? { ...previous.notified } : {};
  const digestAt = parisInstant(today, settings.digestTime);
  const warnMs = settings.dueWarnMinutes * 60_000;
  let digest: Digest | null = null;
  let digestOn = previous.digestOn;

  // The digest is for working days: on a weekend or a holiday nothing is announced (the lead-time
  // announcements were brought forward to the working day before).
  if (settings.notifications && now >= digestAt && digestOn !== today && isWorkingDay(today)) {
    digestOn = today;
    const total = a.overdue.length + a.dueToday.length + a.lead.length;
    if (total > 0)
      digest = {
        day: today,
        overdue: a.overdue.length,
        dueToday: a.dueToday.length,
        lead: a.lead.length,
        items: [...a.dueToday, ...a.overdue, ...a.lead].slice(0, NOTIFICATION_ITEMS),
      };
    for (const r of a.dueToday) notified[r.id] = "digest";
  }

  let immediate: Reminder[] | null = null;
  if (settings.notifications) {
    const group = a.dueToday.filter((r) => {
      const stage = notified[r.id];
      const near = r.at !== null && now.getTime() >= Date.parse(r.at) - warnMs;
      // Added after today's digest, or its time comes near (also on a day without digest).
      return (stage === undefined && digestOn === today) || (near && stage !== "due");
    });
    if (group.length > 0) {
      immediate = group;
      for (const r of group)
        notified[r.id] = r.at !== null && now.getTime() >= Date.parse(r.at) - warnMs ? "due" : "digest";
    }
  }

  // Next wake-up: the digest (today's if still ahead, else tomorrow's), a timed item's warning, midnight.
  const candidates = [
    now < digestAt ? digestAt : parisInstant(addDays(today, 1), settings.digestTime),
    parisInstant(addDays(today, 1), "00:00"),
  ];
  for (const r of [...a.dueToday, ...a.upcoming]) {
    if (r.at === null) continue;
    const warn = Date.parse(r.at) - warnMs;
    if (warn > now.getTime()) candidates.push(new Date(warn));
  }
  const wakeAt = new Date(Math.min(...candidates.map((d) => d.getTime())));
  const changed =
    digestOn !== previous.digestOn ||
    today !== previous.day ||
    Object.keys(notified).length !== Object.keys(previous.notified).length ||
    immediate !== null;
  return { digest, immediate, state: { digestOn, day: today, notified }, changed, wakeAt };
}

/** Only the reminders of one collaborator (for a per-collaborator calendar export). */
export function forCollaborator(reminders: readonly Reminder[], collaborateurId: string | null): Reminder[] {
  return collaborateurId === null
    ? [...reminders]
    : reminders.filter((r) => r.collaborateurId === collaborateurId);
}
