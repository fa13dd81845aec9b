// The ICS file parsed back with a real RFC 5545 parser (ical.js, the one Thunderbird uses).
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { parisInstant } from "./calendar.ts";
import { buildIcs, escapeText, foldLine, type IcsEvent } from "./ics.ts";

const now = new Date("2026-11-25T19:15:00.000Z");

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return { root, events: root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe("ICS export", () => {
  const events: IcsEvent[] = [
    {
      uid: "dsn:employeur:526018155:2026-11",
      summary: "DSN de novembre 2026 — SARL Boulangerie Martin, « Pains; viennoiseries, gâteaux »",
      description: "Échéance du 15 à midi\nSource : CSS, art. R243-6",
      date: "2026-12-15",
      end: parisInstant("2026-12-15", "12:00"),
      minutes: 30,
      categories: ["DSN", "Échéance"],
      alarmMinutesBefore: 120,
    },
    { uid: "ar:employeur:526018155:2026-11", summary: "Dernier jour annule et remplace", date: "2026-12-14" },
    {
      uid: "dsn:employeur:111:2027-06",
      summary: "DSN de juin 2027",
      date: "2027-07-15",
      end: parisInstant("2027-07-15", "12:00"),
    },
  ];
  const text = buildIcs(events, { calendarName: "Échéances du cabinet", now });

  it("uses CRLF and folds every line at 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain("\r\n ");
  });

  it("parses back with ical.js: UIDs, stamps, summaries, all-day and timed events in Europe/Paris", () => {
    const { root, events: parsed } = parse(text);
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(parsed.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(parsed[0]?.summary).toBe(events[0]?.summary);
    expect(parsed[0]?.description).toBe(events[0]?.description);
    expect(parsed[0]?.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-25T19:15:00Z");
    // Timed: 11:30–12:00 Paris (CET, UTC+1 in December; CEST, UTC+2 in July).
    expect(parsed[0]?.startDate.zone?.tzid).toBe("Europe/Paris");
    expect(parsed[0]?.startDate.toJSDate().toISOString()).toBe("2026-12-15T10:30:00.000Z");
    expect(parsed[0]?.endDate.toJSDate().toISOString()).toBe("2026-12-15T11:00:00.000Z");
    expect(parsed[2]?.endDate.toJSDate().toISOString()).toBe("2027-07-15T10:00:00.000Z");
    // All-day.
    expect(parsed[1]?.startDate.isDate).toBe(true);
    expect(parsed[1]?.startDate.toString()).toBe("2026-12-14");
    expect(parsed[1]?.endDate.toString()).toBe("2026-12-15");
    const alarm = parsed[0]?.component.getFirstSubcomponent("valarm");
    expect((alarm?.getFirstPropertyValue("trigger") as ICAL.Duration | undefined)?.toSeconds()).toBe(-7200);
    expect(parsed[0]?.component.getFirstProperty("categories")?.getValues()).toEqual(["DSN", "Échéance"]);
  });

  it("escapes backslashes, semicolons, commas and newlines", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
    const { events: parsed } = parse(
      buildIcs([{ uid: "x", summary: "a\\b;c,d\ne", date: "2026-01-02" }], { calendarName: "c", now }),
    );
    expect(parsed[0]?.summary).toBe("a\\b;c,d\ne");
  });

  it("never cuts a UTF-8 character when folding", () => {
    const long = `SUMMARY:${"é".repeat(100)}`;
    const folded = foldLine(long);
    for (const line of folded.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("leaves out the time zone when every event is all-day", () => {
    expect(
      buildIcs([{ uid: "x", summary: "s", date: "2026-01-02" }], { calendarName: "c", now }),
    ).not.toContain("VTIMEZONE");
  });
});
