/**
 * Calendar rules: French public holidays, working days, the monthly DSN deadline and the "annule et
 * remplace" cutoff. The rules themselves (holidays, due days, times) are data in
 * src/reminders/data/holidays.ts.
 *
 * Date convention: every date is a plain calendar day in Europe/Paris written as an ISO string
 * "YYYY-MM-DD" (`IsoDate`), and a month as "YYYY-MM" (`Period`). Strings sort and compare correctly,
 * survive JSON and storage unchanged. Day arithmetic uses UTC day numbers, so nothing depends on the
 * machine's time zone. "Today" is never read implicitly: callers pass it, or derive it from an
 * injected clock with `todayInParis(clock)`. Instants (a `Date`) appear only where a wall-clock time in
 * Paris must become a moment, e.g. for an alarm: `parisInstant(date, "12:00")`.
 */

import {
  ALSACE_MOSELLE_EASTER_HOLIDAYS,
  ALSACE_MOSELLE_FIXED_HOLIDAYS,
  DSN_DEADLINE_RULES,
  EASTER_HOLIDAYS,
  type EasterHoliday,
  FIXED_HOLIDAYS,
  type FixedHoliday,
  SUPPORTED_YEARS,
} from "../data/holidays.ts";

/** A calendar day in Europe/Paris, "YYYY-MM-DD". */
export type IsoDate = string;
/** A month, "YYYY-MM". */
export type Period = string;
export type DueDay = 5 | 15;
/** Injected clock: returns the current instant. */
export type Clock = () => Date;

export interface LocalDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export interface CalendarOptions {
  /** Add the Alsace-Moselle holidays (Good Friday, 26 December). Off by default. */
  readonly alsaceMoselle?: boolean;
}

export const PARIS_TIME_ZONE = DSN_DEADLINE_RULES.timeZone;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Plain dates
// ---------------------------------------------------------------------------------------------------

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_RE.exec(value);
  if (!match) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses "YYYY-MM-DD"; throws a RangeError on anything else (including 2026-02-30). */
export function parseIsoDate(value: IsoDate): LocalDate {
  if (!isIsoDate(value)) throw new RangeError(`Date invalide (attendu AAAA-MM-JJ) : ${value}`);
  return { y: Number(value.slice(0, 4)), m: Number(value.slice(5, 7)), d: Number(value.slice(8, 10)) };
}

export function toIsoDate(date: LocalDate): IsoDate {
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

function dayNumber(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * DAY_MS);
  return toIsoDate({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

// ---------------------------------------------------------------------------------------------------
// Periods (months)
// ---------------------------------------------------------------------------------------------------

export function isPeriod(value: string): boolean {
  const match = PERIOD_RE.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function parsePeriod(period: Period): { y: number; m: number } {
  if (!isPeriod(period)) throw new RangeError(`Période invalide (attendu AAAA-MM) : ${period}`);
  return { y: Number(period.slice(0, 4)), m: Number(period.slice(5, 7)) };
}

export function addMonths(period: Period, months: number): Period {
  const { y, m } = parsePeriod(period);
  const index = y * 12 + (m - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

export function periodOf(date: IsoDate): Period {
  parseIsoDate(date);
  return date.slice(0, 7);
}

// ---------------------------------------------------------------------------------------------------
// Holidays
// ---------------------------------------------------------------------------------------------------

export interface Holiday {
  readonly date: IsoDate;
  readonly id: string;
  readonly name: string;
  /** True for the Alsace-Moselle extras (Good Friday, 26 December). */
  readonly alsaceMoselleOnly: boolean;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to)
    throw new RangeError(
      `Année hors du calendrier pris en charge (${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}) : ${year}`,
    );
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate({ y: year, m: month, d: day });
}

function buildHolidays(
  year: number,
  fixed: readonly FixedHoliday[],
  easter: readonly EasterHoliday[],
  alsaceMoselleOnly: boolean,
): Holiday[] {
  const sunday = easterSunday(year);
  return [
    ...fixed.map((h) => ({
      date: toIsoDate({ y: year, m: h.month, d: h.day }),
      id: h.id,
      name: h.name,
      alsaceMoselleOnly,
    })),
    ...easter.map((h) => ({
      date: addDays(sunday, h.easterOffset),
      id: h.id,
      name: h.name,
      alsaceMoselleOnly,
    })),
  ];
}

/** The eleven national public holidays of a year, sorted by date. */
export function frenchPublicHolidays(year: number, options: CalendarOptions = {}): Holiday[] {
  const list = buildHolidays(year, FIXED_HOLIDAYS, EASTER_HOLIDAYS, false);
  if (options.alsaceMoselle) list.push(...alsaceMoselleHolidays(year));
  return list.sort((x, y) => compareDates(x.date, y.date));
}

/** The Alsace-Moselle extras only (Good Friday, 26 December). */
export function alsaceMoselleHolidays(year: number): Holiday[] {
  return buildHolidays(year, ALSACE_MOSELLE_FIXED_HOLIDAYS, ALSACE_MOSELLE_EASTER_HOLIDAYS, true).sort(
    (x, y) => compareDates(x.date, y.date),
  );
}

const holidayCache = new Map<string, Map<IsoDate, Holiday>>();

function holidayIndex(year: number, options: CalendarOptions): Map<IsoDate, Holiday> {
  const key = `${year}:${options.alsaceMoselle ? "am" : "fr"}`;
  let index = holidayCache.get(key);
  if (!index) {
    index = new Map(frenchPublicHolidays(year, options).map((h) => [h.date, h]));
    holidayCache.set(key, index);
  }
  return index;
}

export function holidayOn(date: IsoDate, options: CalendarOptions = {}): Holiday | undefined {
  return holidayIndex(parseIsoDate(date).y, options).get(date);
}

export function isWeekend(date: IsoDate): boolean {
  return (DSN_DEADLINE_RULES.nonWorkingWeekdays as readonly number[]).includes(dayOfWeek(date));
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: IsoDate, options: CalendarOptions = {}): boolean {
  return !isWeekend(date) && holidayOn(date, options) === undefined;
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: IsoDate, options: CalendarOptions = {}): IsoDate {
  let current = date;
  while (!isWorkingDay(current, options)) current = addDays(current, 1);
  return current;
}

/** Why a day is not worked, in French ("samedi", "dimanche", "Lundi de Pâques (jour férié)"), or null. */
export function nonWorkingReason(date: IsoDate, options: CalendarOptions = {}): string | null {
  const holiday = holidayOn(date, options);
  const weekday = isWeekend(date) ? WEEKDAYS_FR[dayOfWeek(date)] : undefined;
  if (holiday) return weekday ? `${holiday.name} (jour férié, ${weekday})` : `${holiday.name} (jour férié)`;
  return weekday ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Paris wall-clock time
// ---------------------------------------------------------------------------------------------------

const parisFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The Paris wall-clock reading of an instant, field by field. */
export function parisParts(instant: Date): {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
} {
  const parts: Record<string, number> = {};
  for (const part of parisFormatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    y: parts.year ?? 0,
    m: parts.month ?? 0,
    d: parts.day ?? 0,
    h: parts.hour ?? 0,
    mi: parts.minute ?? 0,
    s: parts.second ?? 0,
  };
}

/** The calendar day in Paris at the clock's current instant. */
export function todayInParis(clock: Clock): IsoDate {
  const { y, m, d } = parisParts(clock());
  return toIsoDate({ y, m, d });
}

/** Paris calendar day of an instant. */
export function parisDateOf(instant: Date): IsoDate {
  const { y, m, d } = parisParts(instant);
  return toIsoDate({ y, m, d });
}

/** The instant at which Paris wall clocks show `date` `time` ("HH:MM" or "HH:MM:SS"). */
export function parisInstant(date: IsoDate, time: string): Date {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) throw new RangeError(`Heure invalide (attendu HH:MM) : ${time}`);
  const { y, m, d } = parseIsoDate(date);
  const wall = Date.UTC(y, m - 1, d, Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  // Two passes: the offset at the guessed instant, then at the corrected one (CET/CEST changes).
  let guess = wall;
  for (let pass = 0; pass < 2; pass++) {
    const p = parisParts(new Date(guess));
    const shownAsUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
    guess = wall - (shownAsUtc - guess);
  }
  return new Date(guess);
}

// ---------------------------------------------------------------------------------------------------
// DSN deadlines
// ---------------------------------------------------------------------------------------------------

export interface DsnDeadline {
  readonly period: Period;
  readonly dueDay: DueDay;
  /** The 5th or the 15th of month M + 1, before any move. */
  readonly nominalDate: IsoDate;
  /** The actual due date (next working day when the nominal one is not worked). */
  readonly date: IsoDate;
  /** "12:00", Paris time. */
  readonly time: string;
  readonly timeZone: string;
  /** The instant of the deadline (noon in Paris on `date`). */
  readonly at: Date;
  readonly moved: boolean;
  /** The skipped days with the reason each is not worked (empty when not moved). */
  readonly skipped: readonly { date: IsoDate; reason: string }[];
}

function checkDueDay(dueDay: number): asserts dueDay is DueDay {
  if (!(DSN_DEADLINE_RULES.dueDays as readonly number[]).includes(dueDay))
    throw new RangeError(`Jour d'échéance DSN invalide (5 ou 15) : ${dueDay}`);
}

/** When the DSN of `period` is due: the 5th or 15th of the next month at noon, moved to a working day. */
export function dsnDueDate(period: Period, dueDay: DueDay): DsnDeadline {
  checkDueDay(dueDay);
  const { y, m } = parsePeriod(addMonths(period, DSN_DEADLINE_RULES.monthOffset));
  const nominalDate = toIsoDate({ y, m, d: dueDay });
  const skipped: { date: IsoDate; reason: string }[] = [];
  let date = nominalDate;
  for (let reason = nonWorkingReason(date); reason !== null; reason = nonWorkingReason(date)) {
    skipped.push({ date, reason });
    date = addDays(date, 1);
  }
  return {
    period,
    dueDay,
    nominalDate,
    date,
    time: DSN_DEADLINE_RULES.dueTime,
    timeZone: PARIS_TIME_ZONE,
    at: parisInstant(date, DSN_DEADLINE_RULES.dueTime),
    moved: date !== nominalDate,
    skipped,
  };
}

export interface AnnuleEtRemplaceCutoff {
  readonly period: Period;
  readonly dueDay: DueDay;
  /** The (moved) DSN due date. */
  readonly dueDate: IsoDate;
  /**
   * The last calendar day on which an "annule et remplace" is still accepted: the day before the due
   * date (a calendar day, which may be a Sunday or a holiday).
   */
  readonly lastDay: IsoDate;
  /** "23:59:59": the cutoff is midnight at the end of `lastDay`. */
  readonly lastTime: string;
  /** The first instant when it is no longer possible: 00:00 Paris time on the due date. */
  readonly endsAt: Date;
  /** "jusqu'au dimanche 16 août 2026 à minuit". */
  readonly label: string;
}

/**
 * Until when the DSN of `period` can be replaced by an "annule et remplace intégral": midnight at the
 * end of the calendar day before the (moved) due date — "jusqu'au <veille> à minuit", i.e. up to
 * 23:59:59 Paris time on that day.
 */
export function annuleEtRemplaceCutoff(period: Period, dueDay: DueDay): AnnuleEtRemplaceCutoff {
  const due = dsnDueDate(period, dueDay);
  const lastDay = addDays(due.date, -DSN_DEADLINE_RULES.annuleEtRemplaceDaysBefore);
  return {
    period,
    dueDay,
    dueDate: due.date,
    lastDay,
    lastTime: "23:59:59",
    endsAt: parisInstant(due.date, "00:00"),
    label: `jusqu'au ${formatDateLongFr(lastDay)} à minuit`,
  };
}

// ---------------------------------------------------------------------------------------------------
// French formatting
// ---------------------------------------------------------------------------------------------------

export const MONTHS_FR = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

export const WEEKDAYS_FR = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;

/** "15 octobre 2026", "1er janvier 2027". */
export function formatDateFr(date: IsoDate): string {
  const { y, m, d } = parseIsoDate(date);
  return `${d === 1 ? "1er" : d} ${MONTHS_FR[m - 1]} ${y}`;
}

/** "jeudi 15 octobre 2026". */
export function formatDateLongFr(date: IsoDate): string {
  return `${WEEKDAYS_FR[dayOfWeek(date)]} ${formatDateFr(date)}`;
}

/** "juillet 2026". */
export function formatPeriodFr(period: Period): string {
  const { y, m } = parsePeriod(period);
  return `${MONTHS_FR[m - 1]} ${y}`;
}

/** "de juillet 2026", "d'août 2026" (elision before a vowel), for "la DSN de …". */
export function deMoisFr(period: Period): string {
  const month = formatPeriodFr(period);
  return /^[aeiouéèê]/.test(month) ? `d'${month}` : `de ${month}`;
}
