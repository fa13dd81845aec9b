/**
 * How, and by when, a DSN anomaly of a given period can still be corrected, for a given "today".
 *
 * Rules (data in src/reminders/data/holidays.ts, sources in docs/sources.md):
 * - until midnight the day before the period's (moved) DSN deadline, the DSN can be replaced by an
 *   "annule et remplace intégral";
 * - afterwards the correction goes into a later monthly DSN: the first one whose deadline is still
 *   ahead (a deadline falling today counts as ahead: it runs until noon);
 * - an anomaly notified by the Urssaf must be corrected (or contested in "Suivi DSN") at the latest in
 *   the DSN filed at least 30 days after the notification, i.e. the first monthly DSN whose due date is
 *   on or after notification + 30 days (Code de la sécurité sociale, art. R133-14-2). What happens
 *   without correction depends on the anomaly and the year (DSN de substitution: see the catalogue).
 *
 * Dates are ISO "YYYY-MM-DD" calendar days in Paris, periods "YYYY-MM" (see calendar.ts).
 */

import { DSN_DEADLINE_RULES } from "../../reminders/data/holidays.ts";
import {
  type AnnuleEtRemplaceCutoff,
  addDays,
  addMonths,
  annuleEtRemplaceCutoff,
  compareDates,
  type DsnDeadline,
  type DueDay,
  daysBetween,
  deMoisFr,
  dsnDueDate,
  formatDateLongFr,
  formatPeriodFr,
  type IsoDate,
  isIsoDate,
  type Period,
  parsePeriod,
} from "../../reminders/model/calendar.ts";

export interface CorrectionPathInput {
  /** Month of the DSN in anomaly, "YYYY-MM". */
  readonly period: Period;
  /** Due day of this client's DSN (5 or 15). */
  readonly dueDay: DueDay;
  /** Today's date in Paris (inject it; see todayInParis). */
  readonly today: IsoDate;
  /** Date the Urssaf notified the anomaly, when known. */
  readonly notifiedOn?: IsoDate;
}

export interface TargetDsn {
  /** Month of the DSN that must carry the correction. */
  readonly period: Period;
  readonly deadline: DsnDeadline;
}

export interface ThirtyDayRule {
  readonly notifiedOn: IsoDate;
  /** notifiedOn + 30 days: the target DSN is the first one due on or after this day. */
  readonly from: IsoDate;
  readonly target: TargetDsn;
  /** True when that DSN's deadline is already behind `today`. */
  readonly missed: boolean;
}

interface PathBase {
  readonly period: Period;
  readonly dueDay: DueDay;
  readonly today: IsoDate;
  /** The DSN deadline of the period in anomaly. */
  readonly periodDeadline: DsnDeadline;
  readonly cutoff: AnnuleEtRemplaceCutoff;
  /** Short French line for the panel ("annule et remplace possible jusqu'au …" / "à corriger dans …"). */
  readonly summary: string;
  /** Full French sentences, in display order. */
  readonly sentences: readonly string[];
}

export interface AnnuleEtRemplacePath extends PathBase {
  readonly kind: "annule-et-remplace";
  /** Whole days left until the last day (0 = today is the last day). */
  readonly daysLeft: number;
}

export interface LaterDsnPath extends PathBase {
  readonly kind: "dsn-ulterieure";
  /** The DSN that must carry the correction (30-day rule when notified, else the next one ahead). */
  readonly target: TargetDsn;
  /** The first DSN whose deadline is still ahead of today. */
  readonly next: TargetDsn;
  readonly thirtyDayRule: ThirtyDayRule | null;
  /**
   * True when the 30-day rule's DSN deadline has already passed; `target` is then the next DSN ahead
   * (correct as soon as possible) and `thirtyDayRule.target` the missed one.
   */
  readonly overdue: boolean;
  /** Days from today to the target's due date (0 = due today, until noon). */
  readonly daysLeft: number;
}

export type CorrectionPath = AnnuleEtRemplacePath | LaterDsnPath;

export const THIRTY_DAY_RULE_FR =
  "Une anomalie notifiée par l'Urssaf doit être corrigée, ou contestée dans « Suivi DSN », au plus tard dans la DSN déposée au moins 30 jours après la notification.";

/**
 * The correction deadline of an anomaly of `period` notified on `notifiedOn`: the DSN due on or after
 * notification + 30 days (art. R133-14-2). It depends on nothing else, so it never slides.
 */
export function anomalyDeadline(period: Period, dueDay: DueDay, notifiedOn: IsoDate): TargetDsn {
  if (!isIsoDate(notifiedOn)) throw new RangeError(`Date de notification invalide : ${notifiedOn}`);
  return firstDsnDueOnOrAfter(
    period,
    dueDay,
    addDays(notifiedOn, DSN_DEADLINE_RULES.notifiedAnomalyDelayDays),
  );
}

/** The first monthly DSN after `period` whose due date is on or after `from`. */
export function firstDsnDueOnOrAfter(period: Period, dueDay: DueDay, from: IsoDate): TargetDsn {
  let candidate = addMonths(period, 1);
  // The DSN of month P is due in P + 1, so a couple of months past `from` is always enough.
  for (;;) {
    const deadline = dsnDueDate(candidate, dueDay);
    if (compareDates(deadline.date, from) >= 0) return { period: candidate, deadline };
    candidate = addMonths(candidate, 1);
  }
}

function laterDsnLine(target: TargetDsn): string {
  return `à corriger dans la DSN ${deMoisFr(target.period)}, à déposer au plus tard le ${formatDateLongFr(target.deadline.date)} à midi`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function correctionPath(input: CorrectionPathInput): CorrectionPath {
  const { period, dueDay, today, notifiedOn } = input;
  parsePeriod(period);
  if (!isIsoDate(today)) throw new RangeError(`Date du jour invalide : ${today}`);
  if (notifiedOn !== undefined) {
    if (!isIsoDate(notifiedOn)) throw new RangeError(`Date de notification invalide : ${notifiedOn}`);
    if (compareDates(notifiedOn, today) > 0)
      throw new RangeError(`Date de notification postérieure à aujourd'hui : ${notifiedOn}`);
  }
  const periodDeadline = dsnDueDate(period, dueDay);
  const cutoff = annuleEtRemplaceCutoff(period, dueDay);
  const base = { period, dueDay, today, periodDeadline, cutoff };

  if (compareDates(today, cutoff.lastDay) <= 0) {
    const summary = `annule et remplace possible ${cutoff.label}`;
    const next = dsnDueDate(addMonths(period, 1), dueDay);
    return {
      ...base,
      kind: "annule-et-remplace",
      daysLeft: daysBetween(today, cutoff.lastDay),
      summary,
      sentences: [
        `${capitalize(summary)} : déposez pour ${formatPeriodFr(period)} une DSN « annule et remplace intégral » corrigée.`,
        `Passé ce délai, la correction devra figurer dans une DSN ultérieure (au plus tôt celle ${deMoisFr(next.period)}, à déposer au plus tard le ${formatDateLongFr(next.date)} à midi).`,
      ],
    };
  }

  const next = firstDsnDueOnOrAfter(period, dueDay, today);
  let thirtyDayRule: ThirtyDayRule | null = null;
  let target = next;
  if (notifiedOn !== undefined) {
    const from = addDays(notifiedOn, DSN_DEADLINE_RULES.notifiedAnomalyDelayDays);
    const ruleTarget = firstDsnDueOnOrAfter(period, dueDay, from);
    const missed = compareDates(ruleTarget.deadline.date, today) < 0;
    thirtyDayRule = { notifiedOn, from, target: ruleTarget, missed };
    target = missed ? next : ruleTarget;
  }
  const overdue = thirtyDayRule?.missed ?? false;
  const summary = laterDsnLine(target);
  const sentences: string[] = [];
  sentences.push(
    `Le délai de l'annule et remplace est passé (il courait ${cutoff.label}) : ${summary}, avec des blocs de régularisation datés de la période d'origine ou un bloc changement selon l'anomalie.`,
  );
  if (thirtyDayRule) {
    sentences.push(
      `${THIRTY_DAY_RULE_FR} Notifiée le ${formatDateLongFr(thirtyDayRule.notifiedOn)}, celle-ci relève de la DSN ${deMoisFr(thirtyDayRule.target.period)} (échéance le ${formatDateLongFr(thirtyDayRule.target.deadline.date)} à midi).`,
    );
    if (overdue)
      sentences.push(
        `Ce délai est dépassé depuis le ${formatDateLongFr(thirtyDayRule.target.deadline.date)} : corrigez au plus vite dans la DSN ${deMoisFr(next.period)} ou contestez l'anomalie dans « Suivi DSN ».`,
      );
    else if (thirtyDayRule.target.period !== next.period)
      sentences.push(`Vous pouvez corriger dès la DSN ${deMoisFr(next.period)}.`);
  }
  return {
    ...base,
    kind: "dsn-ulterieure",
    target,
    next,
    thirtyDayRule,
    overdue,
    daysLeft: daysBetween(today, target.deadline.date),
    summary,
    sentences,
  };
}
