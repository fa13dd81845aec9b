import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, type DueDay, dsnDueDate, toIsoDate } from "../../reminders/model/calendar.ts";
import { correctionPath, firstDsnDueOnOrAfter } from "./path.ts";

type Row = [period: string, dueDay: DueDay, today: string, expected: string];

// Before the cutoff (midnight the day before the moved deadline): annule et remplace.
const ANNULE_ET_REMPLACE: Row[] = [
  ["2026-07", 15, "2026-08-01", "annule et remplace possible jusqu'au dimanche 16 août 2026 à minuit"],
  ["2026-07", 15, "2026-08-16", "annule et remplace possible jusqu'au dimanche 16 août 2026 à minuit"],
  ["2025-07", 15, "2025-08-17", "annule et remplace possible jusqu'au dimanche 17 août 2025 à minuit"],
  ["2027-07", 15, "2027-08-15", "annule et remplace possible jusqu'au dimanche 15 août 2027 à minuit"],
  ["2026-03", 5, "2026-04-06", "annule et remplace possible jusqu'au lundi 6 avril 2026 à minuit"],
  ["2027-04", 15, "2027-05-17", "annule et remplace possible jusqu'au lundi 17 mai 2027 à minuit"],
  ["2024-12", 5, "2025-01-05", "annule et remplace possible jusqu'au dimanche 5 janvier 2025 à minuit"],
  ["2026-09", 5, "2026-10-04", "annule et remplace possible jusqu'au dimanche 4 octobre 2026 à minuit"],
  ["2026-09", 15, "2026-10-14", "annule et remplace possible jusqu'au mercredi 14 octobre 2026 à minuit"],
  ["2026-12", 5, "2027-01-04", "annule et remplace possible jusqu'au lundi 4 janvier 2027 à minuit"],
  ["2027-12", 15, "2028-01-16", "annule et remplace possible jusqu'au dimanche 16 janvier 2028 à minuit"],
];

// From the due date on: the first DSN whose deadline is still ahead.
const LATER: Row[] = [
  [
    "2026-07",
    15,
    "2026-08-17",
    "à corriger dans la DSN d'août 2026, à déposer au plus tard le mardi 15 septembre 2026 à midi",
  ],
  [
    "2025-07",
    15,
    "2025-08-18",
    "à corriger dans la DSN d'août 2025, à déposer au plus tard le lundi 15 septembre 2025 à midi",
  ],
  [
    "2026-03",
    5,
    "2026-04-07",
    "à corriger dans la DSN d'avril 2026, à déposer au plus tard le mardi 5 mai 2026 à midi",
  ],
  [
    "2027-04",
    15,
    "2027-05-18",
    "à corriger dans la DSN de mai 2027, à déposer au plus tard le mardi 15 juin 2027 à midi",
  ],
  [
    "2024-12",
    5,
    "2025-01-06",
    "à corriger dans la DSN de janvier 2025, à déposer au plus tard le mercredi 5 février 2025 à midi",
  ],
  [
    "2026-09",
    5,
    "2026-10-05",
    "à corriger dans la DSN d'octobre 2026, à déposer au plus tard le jeudi 5 novembre 2026 à midi",
  ],
  // A month later: the next DSN's deadline has passed too, so it is the one after.
  [
    "2025-01",
    15,
    "2025-06-20",
    "à corriger dans la DSN de juin 2025, à déposer au plus tard le mardi 15 juillet 2025 à midi",
  ],
  // A deadline falling today is still ahead (until noon); moved from Sunday 15 March 2026.
  [
    "2026-01",
    15,
    "2026-03-16",
    "à corriger dans la DSN de février 2026, à déposer au plus tard le lundi 16 mars 2026 à midi",
  ],
  [
    "2026-01",
    15,
    "2026-03-17",
    "à corriger dans la DSN de mars 2026, à déposer au plus tard le mercredi 15 avril 2026 à midi",
  ],
  // 15 August 2026 is a Saturday: the July DSN is due on Monday 17 August.
  [
    "2026-06",
    15,
    "2026-08-16",
    "à corriger dans la DSN de juillet 2026, à déposer au plus tard le lundi 17 août 2026 à midi",
  ],
  [
    "2026-06",
    15,
    "2026-08-18",
    "à corriger dans la DSN d'août 2026, à déposer au plus tard le mardi 15 septembre 2026 à midi",
  ],
  // Whit Monday 2027 after a weekend: the April 2027 DSN is due on Tuesday 18 May.
  [
    "2027-03",
    15,
    "2027-05-17",
    "à corriger dans la DSN d'avril 2027, à déposer au plus tard le mardi 18 mai 2027 à midi",
  ],
  [
    "2027-11",
    5,
    "2028-01-01",
    "à corriger dans la DSN de décembre 2027, à déposer au plus tard le mercredi 5 janvier 2028 à midi",
  ],
];

describe("correctionPath — annule et remplace", () => {
  it.each(ANNULE_ET_REMPLACE)("%s (due %i), today %s → %s", (period, dueDay, today, expected) => {
    const path = correctionPath({ period, dueDay, today });
    expect(path.kind).toBe("annule-et-remplace");
    expect(path.summary).toBe(expected);
    expect(path.sentences[0]).toContain("annule et remplace intégral");
    expect(path.sentences.join(" ")).not.toContain("DSN de substitution");
  });

  it("counts the days left until the last day", () => {
    const path = correctionPath({ period: "2026-07", dueDay: 15, today: "2026-08-10" });
    expect(path.kind === "annule-et-remplace" && path.daysLeft).toBe(6);
  });
});

describe("correctionPath — later DSN", () => {
  it.each(LATER)("%s (due %i), today %s → %s", (period, dueDay, today, expected) => {
    const path = correctionPath({ period, dueDay, today });
    if (path.kind !== "dsn-ulterieure") throw new Error(`attendu une DSN ultérieure, obtenu ${path.kind}`);
    expect(path.summary).toBe(expected);
    expect(path.target).toEqual(path.next);
    expect(path.thirtyDayRule).toBeNull();
    expect(path.overdue).toBe(false);
    expect(path.target.deadline.date >= today).toBe(true);
    expect(path.sentences[0]).toContain("régularisation");
    expect(path.sentences.join(" ")).not.toContain("DSN de substitution");
  });

  it("due today means 0 days left", () => {
    const path = correctionPath({ period: "2026-01", dueDay: 15, today: "2026-03-16" });
    expect(path.kind === "dsn-ulterieure" && path.daysLeft).toBe(0);
  });
});

describe("correctionPath — 30-day rule for notified anomalies", () => {
  it.each([
    // notified, today, DSN to correct, its due date
    ["2026-07", 15, "2026-08-16", "2026-08-20", "2026-08", "2026-09-15"], // +30 = 15 Sept: the August DSN is due that day
    ["2026-07", 15, "2026-08-17", "2026-08-20", "2026-09", "2026-10-15"], // +30 = 16 Sept: one month later
    ["2026-07", 15, "2026-09-01", "2026-09-02", "2026-09", "2026-10-15"],
    // Easter Monday moves the March 2026 DSN (5th) to 7 April: notified on 8 March, +30 = 7 April.
    ["2026-01", 5, "2026-03-08", "2026-03-10", "2026-03", "2026-04-07"],
    ["2026-01", 5, "2026-03-09", "2026-03-10", "2026-04", "2026-05-05"],
    // 15 August 2025 (Friday) moves the July DSN to Monday 18 August.
    ["2025-06", 15, "2025-07-19", "2025-07-20", "2025-07", "2025-08-18"],
    ["2025-06", 15, "2025-07-20", "2025-07-21", "2025-08", "2025-09-15"],
    // Whit Monday 2027 moves the April DSN (15th) to Tuesday 18 May.
    ["2027-02", 15, "2027-04-18", "2027-04-20", "2027-04", "2027-05-18"],
    ["2027-02", 15, "2027-04-19", "2027-04-20", "2027-05", "2027-06-15"],
  ] as const)(
    "anomaly of %s (due %i) notified %s, today %s → DSN %s due %s",
    (period, dueDay, notifiedOn, today, dsn, due) => {
      const path = correctionPath({ period, dueDay, today, notifiedOn });
      if (path.kind !== "dsn-ulterieure") throw new Error(`attendu une DSN ultérieure, obtenu ${path.kind}`);
      expect(path.target.period).toBe(dsn);
      expect(path.target.deadline.date).toBe(due);
      expect(path.thirtyDayRule?.from).toBe(addDays(notifiedOn, 30));
      expect(path.thirtyDayRule?.missed).toBe(false);
      expect(path.overdue).toBe(false);
      expect(path.sentences.join(" ")).toContain("au moins 30 jours après la notification");
    },
  );

  it("says when the 30-day deadline is already missed and points to the next DSN", () => {
    const path = correctionPath({
      period: "2026-07",
      dueDay: 15,
      today: "2026-11-20",
      notifiedOn: "2026-09-01",
    });
    if (path.kind !== "dsn-ulterieure") throw new Error("attendu une DSN ultérieure");
    expect(path.overdue).toBe(true);
    expect(path.thirtyDayRule?.target.period).toBe("2026-09");
    expect(path.target.period).toBe("2026-11");
    expect(path.summary).toBe(
      "à corriger dans la DSN de novembre 2026, à déposer au plus tard le mardi 15 décembre 2026 à midi",
    );
    expect(path.sentences.join(" ")).toContain("Ce délai est dépassé depuis le jeudi 15 octobre 2026");
  });

  it("mentions that an earlier DSN may already carry the correction", () => {
    const path = correctionPath({
      period: "2026-07",
      dueDay: 15,
      today: "2026-09-02",
      notifiedOn: "2026-09-01",
    });
    expect(path.sentences.join(" ")).toContain("Vous pouvez corriger dès la DSN d'août 2026.");
  });

  it("refuses inconsistent input", () => {
    expect(() =>
      correctionPath({ period: "2026-07", dueDay: 15, today: "2026-09-01", notifiedOn: "2026-09-02" }),
    ).toThrow(RangeError);
    expect(() => correctionPath({ period: "2026-7", dueDay: 15, today: "2026-09-01" })).toThrow(RangeError);
    expect(() => correctionPath({ period: "2026-07", dueDay: 15, today: "01/09/2026" })).toThrow(RangeError);
  });
});

describe("correctionPath — properties over 2025–2027", () => {
  const periodArb = fc.integer({ min: 0, max: 35 }).map((i) => addMonths("2025-01", i));
  const dueDayArb = fc.constantFrom<DueDay>(5, 15);

  it("annule et remplace exactly until the day before the period's deadline, else the first DSN ahead", () => {
    fc.assert(
      fc.property(periodArb, dueDayArb, fc.integer({ min: 0, max: 200 }), (period, dueDay, offset) => {
        const today = addDays(`${period}-01`, offset);
        const path = correctionPath({ period, dueDay, today });
        const due = dsnDueDate(period, dueDay).date;
        if (today < due) {
          expect(path.kind).toBe("annule-et-remplace");
          return;
        }
        if (path.kind !== "dsn-ulterieure") throw new Error("attendu une DSN ultérieure");
        expect(path.target.period > period).toBe(true);
        expect(path.target.deadline.date >= today).toBe(true);
        const previous = addMonths(path.target.period, -1);
        if (previous > period) expect(dsnDueDate(previous, dueDay).date < today).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("the 30-day DSN is the first one due on or after notification + 30 days", () => {
    fc.assert(
      fc.property(
        periodArb,
        dueDayArb,
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        (period, dueDay, notifOffset, todayOffset) => {
          const notifiedOn = addDays(`${period}-01`, notifOffset);
          const today = addDays(notifiedOn, todayOffset);
          const path = correctionPath({ period, dueDay, today, notifiedOn });
          if (path.kind !== "dsn-ulterieure") return;
          const rule = path.thirtyDayRule;
          if (!rule) throw new Error("règle des 30 jours attendue");
          expect(rule.target.deadline.date >= addDays(notifiedOn, 30)).toBe(true);
          const previous = addMonths(rule.target.period, -1);
          if (previous > period)
            expect(dsnDueDate(previous, dueDay).date < addDays(notifiedOn, 30)).toBe(true);
          expect(rule.missed).toBe(rule.target.deadline.date < today);
          expect(path.target.deadline.date >= today).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("firstDsnDueOnOrAfter never returns the period itself", () => {
    expect(firstDsnDueOnOrAfter("2026-07", 15, "2026-01-01").period).toBe("2026-08");
    expect(toIsoDate({ y: 2026, m: 8, d: 1 })).toBe("2026-08-01");
  });
});
