// Table tests of the date rules for 2026 and 2027 (issue 16, point 6). Every expected date is written
// by hand from the calendar (weekday and public holidays noted beside each moved date), never computed
// by the code under test. Holidays used: 2026 — 1 Jan Thu, Easter Monday 6 Apr, 1 and 8 May Fri,
// Ascension 14 May, Whit Monday 25 May, 14 Jul Tue, 15 Aug Sat, 1 Nov Sun, 11 Nov Wed, 25 Dec Fri;
// 2027 — 1 Jan Fri, Easter Monday 29 Mar, 1 and 8 May Sat, Ascension 6 May, Whit Monday 17 May,
// 14 Jul Wed, 15 Aug Sun, 1 Nov Mon, 11 Nov Thu, 25 Dec Sat.
import { describe, expect, it } from "vitest";
import { anomalyDeadline } from "../../anomalies/model/path.ts";
import { dsnDueDate } from "./calendar.ts";
import { computeReminders, DEFAULT_REMINDER_SETTINGS, EMPTY_RECORD, type ReminderClient } from "./rules.ts";

describe("DSN due dates (5th / 15th of M+1 at noon, next working day), periods Dec 2025 – Nov 2027", () => {
  // [period, due on the 5th, due on the 15th]
  const TABLE: [string, string, string][] = [
    ["2025-12", "2026-01-05", "2026-01-15"],
    ["2026-01", "2026-02-05", "2026-02-16"], // 15 Feb Sunday
    ["2026-02", "2026-03-05", "2026-03-16"], // 15 Mar Sunday
    ["2026-03", "2026-04-07", "2026-04-15"], // 5 Apr Sunday (Easter), 6 Apr Easter Monday
    ["2026-04", "2026-05-05", "2026-05-15"],
    ["2026-05", "2026-06-05", "2026-06-15"],
    ["2026-06", "2026-07-06", "2026-07-15"], // 5 Jul Sunday
    ["2026-07", "2026-08-05", "2026-08-17"], // 15 Aug Saturday and Assomption
    ["2026-08", "2026-09-07", "2026-09-15"], // 5 Sep Saturday
    ["2026-09", "2026-10-05", "2026-10-15"],
    ["2026-10", "2026-11-05", "2026-11-16"], // 15 Nov Sunday
    ["2026-11", "2026-12-07", "2026-12-15"], // 5 Dec Saturday
    ["2026-12", "2027-01-05", "2027-01-15"],
    ["2027-01", "2027-02-05", "2027-02-15"],
    ["2027-02", "2027-03-05", "2027-03-15"],
    ["2027-03", "2027-04-05", "2027-04-15"],
    ["2027-04", "2027-05-05", "2027-05-18"], // 15 May Saturday, 17 May Whit Monday
    ["2027-05", "2027-06-07", "2027-06-15"], // 5 Jun Saturday
    ["2027-06", "2027-07-05", "2027-07-15"],
    ["2027-07", "2027-08-05", "2027-08-16"], // 15 Aug Sunday and Assomption
    ["2027-08", "2027-09-06", "2027-09-15"], // 5 Sep Sunday
    ["2027-09", "2027-10-05", "2027-10-15"],
    ["2027-10", "2027-11-05", "2027-11-15"],
    ["2027-11", "2027-12-06", "2027-12-15"], // 5 Dec Sunday
  ];
  it.each(TABLE)("DSN of %s: due %s (5th) / %s (15th)", (period, fifth, fifteenth) => {
    expect(dsnDueDate(period, 5).date).toBe(fifth);
    expect(dsnDueDate(period, 15).date).toBe(fifteenth);
  });
});

const client: ReminderClient = {
  id: "x",
  kind: "artisan-commercant",
  raisonSociale: "X",
  siren: "732829320",
  effectif: null,
  paieDecalee: false,
  statut: "inscrit",
  collaborateurId: null,
};

function datesOf(schedule: NonNullable<typeof EMPTY_RECORD.echeancier>, kind: string) {
  return computeReminders(
    {
      clients: [client],
      collaborators: [],
      records: { x: { ...EMPTY_RECORD, echeancier: schedule } },
      anomalies: [],
      settings: DEFAULT_REMINDER_SETTINGS,
    },
    { from: "2026-01-01", to: "2027-12-31" },
  )
    .filter((r) => r.kind === kind)
    .map((r) => r.date);
}

describe("self-employed dates moved to the next working day, 2026–2027", () => {
  it("direct debit on the 5th: the 7 weekend (or holiday) dates moved", () => {
    const dates = datesOf("ti-mensuel-5", "ti-prelevement");
    expect(dates).toHaveLength(24);
    for (const moved of [
      "2026-04-07", // Sun 5 Apr (Easter), Mon 6 Apr Easter Monday
      "2026-07-06", // Sun 5 Jul
      "2026-09-07", // Sat 5 Sep
      "2026-12-07", // Sat 5 Dec
      "2027-06-07", // Sat 5 Jun
      "2027-09-06", // Sun 5 Sep
      "2027-12-06", // Sun 5 Dec
    ])
      expect(dates).toContain(moved);
    expect(dates.filter((d) => !d.endsWith("-05"))).toHaveLength(7);
  });

  it("direct debit on the 20th: the 7 weekend dates moved", () => {
    const dates = datesOf("ti-mensuel-20", "ti-prelevement");
    expect(dates.filter((d) => !d.endsWith("-20"))).toEqual([
      "2026-06-22", // Sat 20 Jun
      "2026-09-21", // Sun 20 Sep
      "2026-12-21", // Sun 20 Dec
      "2027-02-22", // Sat 20 Feb
      "2027-03-22", // Sat 20 Mar
      "2027-06-21", // Sun 20 Jun
      "2027-11-22", // Sat 20 Nov
    ]);
  });

  it("quarterly debit on 5 February, May, August, November (all worked in 2026–2027)", () => {
    expect(datesOf("ti-trimestriel", "ti-prelevement")).toEqual([
      "2026-02-05",
      "2026-05-05",
      "2026-08-05",
      "2026-11-05",
      "2027-02-05",
      "2027-05-05",
      "2027-08-05",
      "2027-11-05",
    ]);
  });

  it("micro-entrepreneur monthly return: last day of the next month, the 8 weekend dates moved", () => {
    expect(datesOf("micro-mensuel", "micro-declaration")).toEqual([
      "2026-02-02", // Dec 2025 return: Sat 31 Jan → Mon 2 Feb
      "2026-03-02", // Jan: Sat 28 Feb → Mon 2 Mar
      "2026-03-31",
      "2026-04-30",
      "2026-06-01", // Apr: Sun 31 May → Mon 1 Jun
      "2026-06-30",
      "2026-07-31",
      "2026-08-31",
      "2026-09-30",
      "2026-11-02", // Sep: Sat 31 Oct → Sun 1 Nov (Toussaint) → Mon 2 Nov
      "2026-11-30",
      "2026-12-31",
      "2027-02-01", // Dec 2026: Sun 31 Jan → Mon 1 Feb
      "2027-03-01", // Jan: Sun 28 Feb → Mon 1 Mar
      "2027-03-31",
      "2027-04-30",
      "2027-05-31",
      "2027-06-30",
      "2027-08-02", // Jun: Sat 31 Jul → Mon 2 Aug
      "2027-08-31",
      "2027-09-30",
      "2027-11-02", // Sep: Sun 31 Oct → Mon 1 Nov (Toussaint) → Tue 2 Nov
      "2027-11-30",
      "2027-12-31",
    ]);
  });

  it("micro-entrepreneur quarterly return: 31 Jan, 30 Apr, 31 Jul, 31 Oct moved off weekends", () => {
    expect(datesOf("micro-trimestriel", "micro-declaration")).toEqual([
      "2026-02-02", // Sat 31 Jan
      "2026-04-30",
      "2026-07-31",
      "2026-11-02", // Sat 31 Oct, Sun 1 Nov Toussaint
      "2027-02-01", // Sun 31 Jan
      "2027-04-30",
      "2027-08-02", // Sat 31 Jul
      "2027-11-02", // Sun 31 Oct, Mon 1 Nov Toussaint
    ]);
  });
});

describe("anomaly correction deadline: the DSN due on or after notification + 30 days (CSS R133-14-2)", () => {
  // [period, due day, notified on, DSN month that carries the correction, its due date]
  const TABLE: [string, 5 | 15, string, string, string][] = [
    // +30 = Sun 22 Mar; the Feb DSN (16 Mar) is too early → Mar DSN, Wed 15 Apr.
    ["2026-01", 15, "2026-02-20", "2026-03", "2026-04-15"],
    // +30 = Wed 20 May; Apr DSN (Fri 15 May) too early → May DSN, Mon 15 Jun.
    ["2026-03", 15, "2026-04-20", "2026-05", "2026-06-15"],
    // +30 = Sun 10 May; Apr DSN (Tue 5 May) too early → May DSN, Fri 5 Jun.
    ["2026-03", 5, "2026-04-10", "2026-05", "2026-06-05"],
    // +30 = Fri 19 Jun; May DSN (Mon 15 Jun) too early → Jun DSN, Wed 15 Jul.
    ["2026-04", 15, "2026-05-20", "2026-06", "2026-07-15"],
    // +30 = Fri 14 Aug; Jul DSN due Sat 15 Aug (Assomption) → Mon 17 Aug.
    ["2026-06", 15, "2026-07-15", "2026-07", "2026-08-17"],
    // +30 = Wed 2 Sep; Aug DSN due Sat 5 Sep → Mon 7 Sep.
    ["2026-07", 5, "2026-08-03", "2026-08", "2026-09-07"],
    // +30 = Sun 20 Dec; Nov DSN (Tue 15 Dec) too early → Dec DSN, Fri 15 Jan 2027.
    ["2026-10", 15, "2026-11-20", "2026-12", "2027-01-15"],
    // +30 = Sat 9 Jan 2027; Dec DSN (Tue 5 Jan) too early → Jan DSN, Fri 5 Feb.
    ["2026-11", 5, "2026-12-10", "2027-01", "2027-02-05"],
    // +30 = Wed 21 Apr; Mar DSN (Thu 15 Apr) too early → Apr DSN: Sat 15 May, Mon 17 May Whit Monday → Tue 18 May.
    ["2027-02", 15, "2027-03-22", "2027-04", "2027-05-18"],
    // +30 = Sat 19 Jun; May DSN (Tue 15 Jun) too early → Jun DSN, Thu 15 Jul.
    ["2027-04", 15, "2027-05-20", "2027-06", "2027-07-15"],
    // +30 = Tue 9 Nov; Oct DSN (Fri 5 Nov) too early → Nov DSN: Sun 5 Dec → Mon 6 Dec.
    ["2027-09", 5, "2027-10-10", "2027-11", "2027-12-06"],
    // +30 = Mon 20 Dec; Nov DSN (Wed 15 Dec) too early → Dec DSN: Sat 15 Jan 2028 → Mon 17 Jan.
    ["2027-10", 15, "2027-11-20", "2027-12", "2028-01-17"],
  ];
  it.each(TABLE)("%s (due %i), notified %s → DSN %s due %s", (period, dueDay, notified, target, date) => {
    const deadline = anomalyDeadline(period, dueDay, notified);
    expect(deadline.period).toBe(target);
    expect(deadline.deadline.date).toBe(date);
  });
});
