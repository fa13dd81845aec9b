/**
 * An iCalendar file (RFC 5545) of deadlines, for Outlook and Google Calendar: CRLF line ends, lines
 * folded at 75 octets (never inside a UTF-8 character), TEXT values escaped, one UID per event that
 * stays the same from one export to the next (re-importing updates instead of duplicating), a DTSTAMP,
 * all-day events (VALUE=DATE) or timed ones in Europe/Paris with its VTIMEZONE. Pure: no browser API.
 */
import { addDays, type IsoDate, parisParts, parseIsoDate } from "./calendar.ts";

export interface IcsEvent {
  /** Stable identifier (the reminder's id): the calendar updates the event on a new import. */
  uid: string;
  summary: string;
  description?: string;
  /** All-day event on this Paris day (used when `end` is absent). */
  date: IsoDate;
  /** Timed event: the deadline instant; the event runs from `end` − `minutes` to `end`. */
  end?: Date;
  minutes?: number;
  categories?: string[];
  /** A display alarm this many minutes before the start. */
  alarmMinutesBefore?: number;
}

export interface IcsOptions {
  calendarName: string;
  /** The DTSTAMP of every event (the export's time). */
  now: Date;
  prodId?: string;
}

const CRLF = "\r\n";
const encoder = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds one content line: at most 75 octets per line, continuation lines start with one space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space takes one octet
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** 20261125T191500Z */
export function utcStamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(
    at.getUTCMinutes(),
  )}${pad(at.getUTCSeconds())}Z`;
}

/** Paris wall-clock time of an instant: 20261215T120000 (for TZID=Europe/Paris). */
export function parisLocalStamp(at: Date): string {
  const p = parisParts(at);
  return `${pad(p.y, 4)}${pad(p.m)}${pad(p.d)}T${pad(p.h)}${pad(p.mi)}${pad(p.s)}`;
}

const dateValue = (date: IsoDate) => {
  const { y, m, d } = parseIsoDate(date);
  return `${pad(y, 4)}${pad(m)}${pad(d)}`;
};

/** Europe/Paris since 1996: CEST from the last Sunday of March, CET from the last Sunday of October. */
const VTIMEZONE_PARIS = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export function buildIcs(events: readonly IcsEvent[], options: IcsOptions): string {
  const stamp = utcStamp(options.now);
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${options.prodId ?? "-//Tiers Assistant//Echeances//FR"}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    "X-WR-TIMEZONE:Europe/Paris",
  ];
  if (events.some((e) => e.end)) lines.push(...VTIMEZONE_PARIS);
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${escapeText(e.uid)}`, `DTSTAMP:${stamp}`);
    if (e.end) {
      const start = new Date(e.end.getTime() - (e.minutes ?? 30) * 60_000);
      lines.push(
        `DTSTART;TZID=Europe/Paris:${parisLocalStamp(start)}`,
        `DTEND;TZID=Europe/Paris:${parisLocalStamp(e.end)}`,
      );
    } else {
      lines.push(
        `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
        `DTEND;VALUE=DATE:${dateValue(addDays(e.date, 1))}`,
      );
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(",")}`);
    lines.push("TRANSP:TRANSPARENT");
    if (e.alarmMinutesBefore !== undefined)
      lines.push(
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${escapeText(e.summary)}`,
        `TRIGGER:-PT${Math.max(0, Math.round(e.alarmMinutesBefore))}M`,
        "END:VALARM",
      );
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
