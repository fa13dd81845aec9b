// The dates of the self-employed schedules (travailleurs indépendants and micro-entrepreneurs), the
// same for every client on a schedule. Every due date falling on a Saturday, a Sunday or a public
// holiday moves to the next working day, as the DSN deadlines do. The rules and their sources are
// data in src/reminders/data/reminder-dates.ts.

import { REMINDER_RULES } from "../data/reminder-dates.ts";
import {
  addMonths,
  formatDateFr,
  formatPeriodFr,
  type IsoDate,
  nextWorkingDay,
  type Period,
  periodOf,
  toIsoDate,
} from "./calendar.ts";
import {
  type DateWindow,
  inWindow,
  lastDayOfMonth,
  type ReminderKind,
  type SelfEmployedSchedule,
} from "./rules.ts";

export interface ScheduleDate {
  kind: ReminderKind;
  /** Stable part of the reminder id: the period or the nominal date (before any move). */
  key: string;
  /** The due date, moved to a working day. */
  date: IsoDate;
  params: string[];
  source: string;
}

const monthDay = (y: number, md: { month: number; day: number }) => toIsoDate({ y, m: md.month, d: md.day });

/** A due date: `nominal` moved to a working day, under a stable key (the period or the nominal date). */
const due = (
  kind: ReminderKind,
  key: string,
  nominal: IsoDate,
  params: string[],
  source: string,
): ScheduleDate => ({
  kind,
  key,
  date: nextWorkingDay(nominal),
  params,
  source,
});

/** "T1 2026" for the quarter that ends the month before the deadline's month (30 April → T1). */
function quarterBefore(date: IsoDate): string {
  const end = addMonths(periodOf(date), -1);
  return `T${Math.ceil(Number(end.slice(5, 7)) / 3)} ${end.slice(0, 4)}`;
}

/** Self-employed (not micro): direct debits and the yearly income return. */
function selfEmployedDates(
  schedule: SelfEmployedSchedule,
  periods: readonly Period[],
  years: readonly number[],
): ScheduleDate[] {
  const out: ScheduleDate[] = [];
  const ti = REMINDER_RULES.selfEmployed;
  const source = ti.source.ref;
  if (schedule === "ti-mensuel-5" || schedule === "ti-mensuel-20") {
    const day = schedule === "ti-mensuel-5" ? 5 : 20;
    if (ti.monthlyDebitDays.includes(day))
      for (const p of periods)
        out.push(due("ti-prelevement", p, `${p}-${String(day).padStart(2, "0")}`, ["mensuel"], source));
  }
  if (schedule === "ti-trimestriel")
    for (const y of years)
      for (const md of ti.quarterlyDebits) {
        const nominal = monthDay(y, md);
        out.push(due("ti-prelevement", nominal, nominal, ["trimestriel"], source));
      }
  for (const y of years) {
    const published = ti.incomeReturn.find((r) => r.year === y);
    if (published)
      for (const d of published.deadlines) {
        const nominal = monthDay(y, d);
        out.push(
          due("ti-declaration-revenus", nominal, nominal, [d.departements, String(y - 1)], published.source),
        );
      }
    else {
      // Not published yet (or not yet in our table): say so rather than show nothing.
      const notice = monthDay(y, ti.incomeReturnNotice.on);
      out.push(
        due(
          "ti-declaration-revenus-inconnue",
          String(y),
          notice,
          [String(y), String(y - 1)],
          ti.incomeReturnNotice.source,
        ),
      );
    }
  }
  return out;
}

/** Micro-entrepreneurs: monthly or quarterly returns, and the yearly periodicity-change limit. */
function microDates(schedule: SelfEmployedSchedule, periods: readonly Period[], years: readonly number[]) {
  const out: ScheduleDate[] = [];
  const micro = REMINDER_RULES.microEntrepreneur;
  const source = micro.source.ref;
  if (schedule === "micro-mensuel")
    for (const p of periods) {
      const nominal = lastDayOfMonth(addMonths(p, micro.monthlyReturnMonthOffset));
      out.push(due("micro-declaration", p, nominal, [formatPeriodFr(p)], source));
    }
  if (schedule === "micro-trimestriel")
    for (const y of years)
      for (const md of micro.quarterlyReturns) {
        const nominal = monthDay(y, md);
        out.push(due("micro-declaration", nominal, nominal, [quarterBefore(nominal)], source));
      }
  // A request to make before a date, not a due date: it stays on its calendar day.
  for (const y of years) {
    const date = monthDay(y, micro.periodicityChangeBefore);
    out.push({ kind: "micro-periodicite", key: date, date, params: [formatDateFr(date)], source });
  }
  return out;
}

/** The dates of one self-employed schedule within the window (the same for every client on it). */
export function scheduleDates(
  schedule: SelfEmployedSchedule,
  w: DateWindow,
  years: readonly number[],
): ScheduleDate[] {
  const periods: Period[] = [];
  for (let p = addMonths(periodOf(w.from), -2); p <= periodOf(w.to); p = addMonths(p, 1)) periods.push(p);
  const all = schedule.startsWith("micro-")
    ? microDates(schedule, periods, years)
    : selfEmployedDates(schedule, periods, years);
  return all.filter((d) => inWindow(d.date, w));
}
