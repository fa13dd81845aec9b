import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  alsaceMoselleHolidays,
  annuleEtRemplaceCutoff,
  type DueDay,
  dayOfWeek,
  daysBetween,
  deMoisFr,
  dsnDueDate,
  easterSunday,
  formatDateFr,
  formatDateLongFr,
  formatPeriodFr,
  frenchPublicHolidays,
  holidayOn,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  parisDateOf,
  parisInstant,
  parseIsoDate,
  todayInParis,
  toIsoDate,
} from "./calendar.ts";

// Oracle written independently of the implementation: the holidays of 2025–2027 by hand.
const HOLIDAYS: Record<number, Record<string, string>> = {
  2025: {
    "jour-de-l-an": "2025-01-01",
    "lundi-de-paques": "2025-04-21",
    "fete-du-travail": "2025-05-01",
    "victoire-1945": "2025-05-08",
    ascension: "2025-05-29",
    "lundi-de-pentecote": "2025-06-09",
    "fete-nationale": "2025-07-14",
    assomption: "2025-08-15",
    toussaint: "2025-11-01",
    "armistice-1918": "2025-11-11",
    noel: "2025-12-25",
  },
  2026: {
    "jour-de-l-an": "2026-01-01",
    "lundi-de-paques": "2026-04-06",
    "fete-du-travail": "2026-05-01",
    "victoire-1945": "2026-05-08",
    ascension: "2026-05-14",
    "lundi-de-pentecote": "2026-05-25",
    "fete-nationale": "2026-07-14",
    assomption: "2026-08-15",
    toussaint: "2026-11-01",
    "armistice-1918": "2026-11-11",
    noel: "2026-12-25",
  },
  2027: {
    "jour-de-l-an": "2027-01-01",
    "lundi-de-paques": "2027-03-29",
    "fete-du-travail": "2027-05-01",
    "victoire-1945": "2027-05-08",
    ascension: "2027-05-06",
    "lundi-de-pentecote": "2027-05-17",
    "fete-nationale": "2027-07-14",
    assomption: "2027-08-15",
    toussaint: "2027-11-01",
    "armistice-1918": "2027-11-11",
    noel: "2027-12-25",
  },
  2028: {
    "jour-de-l-an": "2028-01-01",
    "lundi-de-paques": "2028-04-17",
    "fete-du-travail": "2028-05-01",
    "victoire-1945": "2028-05-08",
    ascension: "2028-05-25",
    "lundi-de-pentecote": "2028-06-05",
    "fete-nationale": "2028-07-14",
    assomption: "2028-08-15",
    toussaint: "2028-11-01",
    "armistice-1918": "2028-11-11",
    noel: "2028-12-25",
  },
};
const ORACLE_HOLIDAY_SET = new Set(Object.values(HOLIDAYS).flatMap((y) => Object.values(y)));

function oracleWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

describe("Easter and public holidays", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
  ])("Pâques %i = %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  for (const year of [2025, 2026, 2027, 2028]) {
    it(`the eleven national holidays of ${year}`, () => {
      const list = frenchPublicHolidays(year);
      expect(list).toHaveLength(11);
      expect(Object.fromEntries(list.map((h) => [h.id, h.date]))).toEqual(HOLIDAYS[year]);
      expect(list.every((h) => !h.alsaceMoselleOnly)).toBe(true);
      expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
      for (const h of list) {
        expect(isWorkingDay(h.date)).toBe(false);
        expect(holidayOn(h.date)?.id).toBe(h.id);
      }
    });
  }

  it.each([
    [2025, "2025-04-18", "2025-12-26"],
    [2026, "2026-04-03", "2026-12-26"],
    [2027, "2027-03-26", "2027-12-26"],
  ])("Alsace-Moselle extras of %i are separate and off by default", (year, goodFriday, stEtienne) => {
    expect(alsaceMoselleHolidays(year).map((h) => [h.id, h.date])).toEqual([
      ["vendredi-saint", goodFriday],
      ["saint-etienne", stEtienne],
    ]);
    expect(holidayOn(goodFriday)).toBeUndefined();
    expect(holidayOn(goodFriday, { alsaceMoselle: true })?.alsaceMoselleOnly).toBe(true);
    expect(frenchPublicHolidays(year, { alsaceMoselle: true })).toHaveLength(13);
  });

  it("Alsace-Moselle changes the next working day only when asked", () => {
    expect(nextWorkingDay("2025-12-25")).toBe("2025-12-26");
    expect(nextWorkingDay("2025-12-25", { alsaceMoselle: true })).toBe("2025-12-29");
    expect(nextWorkingDay("2026-04-03")).toBe("2026-04-03");
    expect(nextWorkingDay("2026-04-03", { alsaceMoselle: true })).toBe("2026-04-07");
  });

  it("refuses years outside the supported range", () => {
    expect(() => easterSunday(1999)).toThrow(RangeError);
    expect(() => frenchPublicHolidays(2200)).toThrow(RangeError);
  });
});

describe("working days", () => {
  it.each([
    ["2025-05-01", "2025-05-02"], // Thursday, 1 May
    ["2025-05-08", "2025-05-09"],
    ["2026-05-01", "2026-05-04"], // Friday → Monday
    ["2026-05-08", "2026-05-11"],
    ["2027-05-08", "2027-05-10"], // Saturday holiday
    ["2025-05-29", "2025-05-30"], // Ascension
    ["2026-05-14", "2026-05-15"],
    ["2027-05-06", "2027-05-07"],
    ["2025-06-09", "2025-06-10"], // Whit Monday
    ["2026-05-25", "2026-05-26"],
    ["2027-05-17", "2027-05-18"],
    ["2025-04-21", "2025-04-22"], // Easter Monday
    ["2026-04-04", "2026-04-07"], // Saturday, Easter Sunday, Easter Monday
    ["2027-03-29", "2027-03-30"],
    ["2025-07-14", "2025-07-15"],
    ["2026-07-14", "2026-07-15"],
    ["2027-07-14", "2027-07-15"],
    ["2025-08-15", "2025-08-18"], // Friday → Monday
    ["2026-08-15", "2026-08-17"], // Saturday → Monday
    ["2027-08-15", "2027-08-16"], // Sunday → Monday
    ["2025-11-01", "2025-11-03"],
    ["2026-11-01", "2026-11-02"],
    ["2027-11-01", "2027-11-02"],
    ["2025-11-11", "2025-11-12"],
    ["2026-11-11", "2026-11-12"],
    ["2027-11-11", "2027-11-12"],
    ["2025-12-25", "2025-12-26"],
    ["2026-12-25", "2026-12-28"],
    ["2027-12-25", "2027-12-27"],
    ["2026-01-01", "2026-01-02"],
    ["2027-01-01", "2027-01-04"], // Friday → Monday
    ["2028-01-01", "2028-01-03"],
    ["2026-10-15", "2026-10-15"], // an ordinary Thursday
  ])("nextWorkingDay(%s) = %s", (date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });

  it("explains why a day is not worked", () => {
    expect(nonWorkingReason("2026-08-15")).toBe("Assomption (jour férié, samedi)");
    expect(nonWorkingReason("2026-04-06")).toBe("Lundi de Pâques (jour férié)");
    expect(nonWorkingReason("2026-08-16")).toBe("dimanche");
    expect(nonWorkingReason("2026-08-17")).toBeNull();
  });

  const dateArb = fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 11, 20)), noInvalidDate: true })
    .map((d) => toIsoDate({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));

  it("property: nextWorkingDay is on or after the input, a working day, idempotent, within 4 days", () => {
    fc.assert(
      fc.property(dateArb, fc.boolean(), (date, alsaceMoselle) => {
        const options = { alsaceMoselle };
        const next = nextWorkingDay(date, options);
        expect(next >= date).toBe(true);
        expect(isWorkingDay(next, options)).toBe(true);
        expect(nextWorkingDay(next, options)).toBe(next);
        expect(daysBetween(date, next)).toBeLessThanOrEqual(4);
        for (let d = date; d < next; d = addDays(d, 1)) expect(isWorkingDay(d, options)).toBe(false);
        if (isWorkingDay(date, options)) expect(next).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: Easter is a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2199 }), (year) => {
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      }),
    );
  });

  it("property: date arithmetic round-trips and weekdays match the UTC oracle", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1000, max: 1000 }), (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
        expect(daysBetween(date, addDays(date, n))).toBe(n);
        expect(dayOfWeek(date)).toBe(oracleWeekday(date));
        expect(toIsoDate(parseIsoDate(date))).toBe(date);
      }),
    );
  });
});

describe("dates and periods", () => {
  it("validates ISO dates and periods", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    expect(() => parseIsoDate("2026-02-30")).toThrow(RangeError);
    expect(() => dsnDueDate("2026-13", 15)).toThrow(RangeError);
    expect(() => dsnDueDate("2026-01", 10 as DueDay)).toThrow(RangeError);
  });

  it("adds months across years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-07", 18)).toBe("2027-01");
  });
});

// Every DSN deadline of the periods December 2024 – December 2027 that moves, checked by hand.
const MOVED: [period: string, dueDay: DueDay, due: string, cutoff: string][] = [
  ["2024-12", 5, "2025-01-06", "jusqu'au dimanche 5 janvier 2025 à minuit"],
  ["2025-01", 15, "2025-02-17", "jusqu'au dimanche 16 février 2025 à minuit"],
  ["2025-02", 15, "2025-03-17", "jusqu'au dimanche 16 mars 2025 à minuit"],
  ["2025-03", 5, "2025-04-07", "jusqu'au dimanche 6 avril 2025 à minuit"],
  ["2025-05", 15, "2025-06-16", "jusqu'au dimanche 15 juin 2025 à minuit"],
  ["2025-06", 5, "2025-07-07", "jusqu'au dimanche 6 juillet 2025 à minuit"],
  ["2025-07", 15, "2025-08-18", "jusqu'au dimanche 17 août 2025 à minuit"], // 15 August on a Friday
  ["2025-09", 5, "2025-10-06", "jusqu'au dimanche 5 octobre 2025 à minuit"],
  ["2025-10", 15, "2025-11-17", "jusqu'au dimanche 16 novembre 2025 à minuit"],
  ["2026-01", 15, "2026-02-16", "jusqu'au dimanche 15 février 2026 à minuit"],
  ["2026-02", 15, "2026-03-16", "jusqu'au dimanche 15 mars 2026 à minuit"],
  ["2026-03", 5, "2026-04-07", "jusqu'au lundi 6 avril 2026 à minuit"], // Easter Sunday then Easter Monday
  ["2026-06", 5, "2026-07-06", "jusqu'au dimanche 5 juillet 2026 à minuit"],
  ["2026-07", 15, "2026-08-17", "jusqu'au dimanche 16 août 2026 à minuit"], // 15 August on a Saturday
  ["2026-08", 5, "2026-09-07", "jusqu'au dimanche 6 septembre 2026 à minuit"],
  ["2026-10", 15, "2026-11-16", "jusqu'au dimanche 15 novembre 2026 à minuit"],
  ["2026-11", 5, "2026-12-07", "jusqu'au dimanche 6 décembre 2026 à minuit"],
  ["2027-04", 15, "2027-05-18", "jusqu'au lundi 17 mai 2027 à minuit"], // weekend then Whit Monday
  ["2027-05", 5, "2027-06-07", "jusqu'au dimanche 6 juin 2027 à minuit"],
  ["2027-07", 15, "2027-08-16", "jusqu'au dimanche 15 août 2027 à minuit"], // 15 August on a Sunday
  ["2027-08", 5, "2027-09-06", "jusqu'au dimanche 5 septembre 2027 à minuit"],
  ["2027-11", 5, "2027-12-06", "jusqu'au dimanche 5 décembre 2027 à minuit"],
  ["2027-12", 15, "2028-01-17", "jusqu'au dimanche 16 janvier 2028 à minuit"],
];

describe("DSN due dates and annule-et-remplace cutoffs", () => {
  it.each(MOVED)("DSN %s due on the %i → %s, %s", (period, dueDay, due, cutoffLabel) => {
    const deadline = dsnDueDate(period, dueDay);
    expect(deadline.date).toBe(due);
    expect(deadline.moved).toBe(true);
    expect(deadline.nominalDate).toBe(`${addMonths(period, 1)}-${dueDay === 5 ? "05" : "15"}`);
    expect(deadline.skipped.length).toBe(daysBetween(deadline.nominalDate, due));
    expect(deadline.time).toBe("12:00");
    const cutoff = annuleEtRemplaceCutoff(period, dueDay);
    expect(cutoff.label).toBe(cutoffLabel);
    expect(cutoff.lastDay).toBe(addDays(due, -1));
    expect(cutoff.lastTime).toBe("23:59:59");
    expect(parisDateOf(cutoff.endsAt)).toBe(due);
    expect(parisDateOf(new Date(cutoff.endsAt.getTime() - 1000))).toBe(cutoff.lastDay);
  });

  it("every other deadline of December 2024 – December 2027 stays on the 5th or the 15th", () => {
    const moved = new Set(MOVED.map(([p, d]) => `${p}/${d}`));
    let checked = 0;
    for (let period = "2024-12"; period <= "2027-12"; period = addMonths(period, 1)) {
      for (const dueDay of [5, 15] as const) {
        const deadline = dsnDueDate(period, dueDay);
        const nominal = deadline.nominalDate;
        const nominalWorked = ![0, 6].includes(oracleWeekday(nominal)) && !ORACLE_HOLIDAY_SET.has(nominal);
        expect(nominalWorked).toBe(!moved.has(`${period}/${dueDay}`));
        if (nominalWorked) {
          expect(deadline.date).toBe(nominal);
          expect(deadline.moved).toBe(false);
          expect(annuleEtRemplaceCutoff(period, dueDay).lastDay).toBe(addDays(nominal, -1));
        }
        checked++;
      }
    }
    expect(checked).toBe(74);
  });

  it("names the skipped days", () => {
    expect(dsnDueDate("2026-07", 15).skipped).toEqual([
      { date: "2026-08-15", reason: "Assomption (jour férié, samedi)" },
      { date: "2026-08-16", reason: "dimanche" },
    ]);
    expect(dsnDueDate("2027-04", 15).skipped.map((s) => s.reason)).toEqual([
      "samedi",
      "dimanche",
      "Lundi de Pentecôte (jour férié)",
    ]);
  });

  it("gives noon in Paris as an instant, summer and winter time", () => {
    expect(dsnDueDate("2026-07", 15).at.toISOString()).toBe("2026-08-17T10:00:00.000Z");
    expect(dsnDueDate("2026-11", 5).at.toISOString()).toBe("2026-12-07T11:00:00.000Z");
    expect(annuleEtRemplaceCutoff("2026-07", 15).endsAt.toISOString()).toBe("2026-08-16T22:00:00.000Z");
    expect(annuleEtRemplaceCutoff("2026-11", 5).endsAt.toISOString()).toBe("2026-12-06T23:00:00.000Z");
    expect(parisInstant("2026-03-29", "03:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(parisInstant("2026-10-25", "12:00").toISOString()).toBe("2026-10-25T11:00:00.000Z");
  });
});

describe("injected clock", () => {
  it.each([
    ["2026-03-29T22:30:00Z", "2026-03-30"],
    ["2025-12-31T22:59:59Z", "2025-12-31"],
    ["2025-12-31T23:00:00Z", "2026-01-01"],
    ["2026-08-16T21:59:59Z", "2026-08-16"],
    ["2026-08-16T22:00:00Z", "2026-08-17"],
  ])("todayInParis at %s = %s", (instant, expected) => {
    expect(todayInParis(() => new Date(instant))).toBe(expected);
  });
});

describe("French formatting", () => {
  it("formats dates and months", () => {
    expect(formatDateFr("2026-10-15")).toBe("15 octobre 2026");
    expect(formatDateLongFr("2026-10-15")).toBe("jeudi 15 octobre 2026");
    expect(formatDateLongFr("2026-08-17")).toBe("lundi 17 août 2026");
    expect(formatDateFr("2027-01-01")).toBe("1er janvier 2027");
    expect(formatPeriodFr("2026-02")).toBe("février 2026");
    expect(deMoisFr("2026-08")).toBe("d'août 2026");
    expect(deMoisFr("2026-04")).toBe("d'avril 2026");
    expect(deMoisFr("2026-10")).toBe("d'octobre 2026");
    expect(deMoisFr("2026-06")).toBe("de juin 2026");
  });
});
