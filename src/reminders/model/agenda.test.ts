import { describe, expect, it } from "vitest";
import { agenda, agendaWindow, announcedOn, forCollaborator } from "./agenda.ts";
import { parisInstant } from "./calendar.ts";
import { EMPTY_DELIVERY, planDelivery } from "./delivery.ts";
import { dsnPeriodOf, employer, input, S, window } from "./reminders.testkit.ts";
import { computeReminders, type Reminder, type ReminderSettings } from "./rules.ts";
import { EMPTY_STATE, markDone, snooze, undoReminder } from "./state.ts";

describe("lead-time announcements over the public holidays of 2025–2027", () => {
  // [holiday, id, next DSN due (15th rule), days between, last working day before the holiday]
  const holidays: [string, string, string, number, string][] = [
    ["2025-01-01", "jour-de-l-an", "2025-01-15", 14, "2024-12-31"],
    ["2025-04-21", "lundi-de-paques", "2025-05-15", 24, "2025-04-18"],
    ["2025-05-01", "fete-du-travail", "2025-05-15", 14, "2025-04-30"],
    ["2025-05-08", "victoire-1945", "2025-05-15", 7, "2025-05-07"],
    ["2025-05-29", "ascension", "2025-06-16", 18, "2025-05-28"],
    ["2025-06-09", "lundi-de-pentecote", "2025-06-16", 7, "2025-06-06"],
    ["2025-07-14", "fete-nationale", "2025-07-15", 1, "2025-07-11"],
    ["2025-08-15", "assomption", "2025-08-18", 3, "2025-08-14"],
    ["2025-11-01", "toussaint", "2025-11-17", 16, "2025-10-31"],
    ["2025-11-11", "armistice-1918", "2025-11-17", 6, "2025-11-10"],
    ["2025-12-25", "noel", "2026-01-15", 21, "2025-12-24"],
    ["2026-01-01", "jour-de-l-an", "2026-01-15", 14, "2025-12-31"],
    ["2026-04-06", "lundi-de-paques", "2026-04-15", 9, "2026-04-03"],
    ["2026-05-01", "fete-du-travail", "2026-05-15", 14, "2026-04-30"],
    ["2026-05-08", "victoire-1945", "2026-05-15", 7, "2026-05-07"],
    ["2026-05-14", "ascension", "2026-05-15", 1, "2026-05-13"],
    ["2026-05-25", "lundi-de-pentecote", "2026-06-15", 21, "2026-05-22"],
    ["2026-07-14", "fete-nationale", "2026-07-15", 1, "2026-07-13"],
    ["2026-08-15", "assomption", "2026-08-17", 2, "2026-08-14"],
    ["2026-11-01", "toussaint", "2026-11-16", 15, "2026-10-30"],
    ["2026-11-11", "armistice-1918", "2026-11-16", 5, "2026-11-10"],
    ["2026-12-25", "noel", "2027-01-15", 21, "2026-12-24"],
    ["2027-01-01", "jour-de-l-an", "2027-01-15", 14, "2026-12-31"],
    ["2027-03-29", "lundi-de-paques", "2027-04-15", 17, "2027-03-26"],
    ["2027-05-01", "fete-du-travail", "2027-05-18", 17, "2027-04-30"],
    ["2027-05-06", "ascension", "2027-05-18", 12, "2027-05-05"],
    ["2027-05-08", "victoire-1945", "2027-05-18", 10, "2027-05-07"],
    ["2027-05-17", "lundi-de-pentecote", "2027-05-18", 1, "2027-05-14"],
    ["2027-07-14", "fete-nationale", "2027-07-15", 1, "2027-07-13"],
    ["2027-08-15", "assomption", "2027-08-16", 1, "2027-08-13"],
    ["2027-11-01", "toussaint", "2027-11-15", 14, "2027-10-29"],
    ["2027-11-11", "armistice-1918", "2027-11-15", 4, "2027-11-10"],
    ["2027-12-25", "noel", "2028-01-17", 23, "2027-12-24"],
  ];
  it.each(holidays)(
    "%s (%s): the DSN due %s, %i days ahead, is announced on %s, no digest that day",
    (holiday, _id, due, lead, before) => {
      const settings: ReminderSettings = { ...S, leadDays: [lead] };
      const clients = [employer("a")];
      expect(announcedOn(due, [lead])).toEqual([before]);
      const on = (day: string) => {
        const list = computeReminders(input({ clients, settings }), agendaWindow(day, settings));
        return agenda(list, EMPTY_STATE, day, settings);
      };
      const dsn = (rs: readonly Reminder[]) => rs.filter((r) => r.kind === "dsn-echeance").map((r) => r.date);
      expect(dsn(on(before).lead)).toEqual([due]);
      expect(dsn(on(holiday).lead)).toEqual([]);
      // The digest itself is for working days: nothing on the holiday, the announcement the day before.
      const plan = planDelivery(on(holiday), EMPTY_DELIVERY, parisInstant(holiday, "09:00"), settings);
      expect(plan.digest).toBeNull();
      const previous = planDelivery(on(before), EMPTY_DELIVERY, parisInstant(before, "09:00"), settings);
      expect(previous.digest?.lead).toBeGreaterThanOrEqual(1);
      expect(previous.digest?.items.map((r) => r.id)).toContain(`dsn:a:${dsnPeriodOf(due)}`);
    },
  );

  it("keeps an announcement on a working day where it falls", () => {
    expect(announcedOn("2026-12-15", [7, 2])).toEqual(["2026-12-08", "2026-12-11"]); // 13 Dec is a Sunday
  });
});

describe("agenda: overdue, today, next 7 days; done and snooze", () => {
  const clients = [employer("a"), employer("b", { effectif: 60 })];
  const list = computeReminders(input({ clients }), window("2026-11-01", "2027-01-31"));
  const at = (today: string, state = EMPTY_STATE) => agenda(list, state, today, S);
  const ids = (rs: readonly Reminder[]) => rs.map((r) => r.id);

  it("sorts the items into today, overdue and the next 7 days", () => {
    const day = at("2026-12-14");
    expect(ids(day.dueToday)).toEqual(["ar:a:2026-11"]);
    expect(ids(day.overdue)).toEqual(["dsn:a:2026-10", "dsn:b:2026-11"]);
    expect(ids(day.upcoming)).toEqual(["dsn:a:2026-11"]);
    // Past information (the cutoff of 6 December) is not overdue.
    expect(ids(day.overdue)).not.toContain("ar:b:2026-11");
  });

  it("drops overdue items older than the window", () => {
    expect(ids(at("2027-01-20").overdue)).toEqual(["dsn:b:2026-12", "dsn:a:2026-12"]);
  });

  it("done hides an item for good; undo brings it back", () => {
    const done = markDone(EMPTY_STATE, "dsn:a:2026-10", "2026-12-14");
    expect(ids(at("2026-12-14", done).overdue)).toEqual(["dsn:b:2026-11"]);
    expect(ids(at("2026-12-20", done).overdue)).not.toContain("dsn:a:2026-10");
    expect(ids(at("2026-12-14", undoReminder(done, "dsn:a:2026-10")).overdue)).toContain("dsn:a:2026-10");
  });

  it("snooze 1 day hides until tomorrow, 1 week until the same weekday next week", () => {
    const day = snooze(EMPTY_STATE, "dsn:a:2026-11", "1j", "2026-12-15");
    expect(day.snoozed["dsn:a:2026-11"]).toBe("2026-12-16");
    expect(ids(at("2026-12-15", day).dueToday)).toEqual([]);
    expect(ids(at("2026-12-16", day).overdue)).toContain("dsn:a:2026-11");
    const week = snooze(EMPTY_STATE, "dsn:a:2026-11", "1s", "2026-12-15");
    expect(week.snoozed["dsn:a:2026-11"]).toBe("2026-12-22");
    expect(ids(at("2026-12-21", week).overdue)).not.toContain("dsn:a:2026-11");
    expect(ids(at("2026-12-22", week).overdue)).toContain("dsn:a:2026-11");
    // Done after a snooze: the snooze is forgotten.
    expect(markDone(week, "dsn:a:2026-11", "2026-12-16").snoozed).toEqual({});
  });

  it("filters by collaborator for a calendar export", () => {
    const mine = computeReminders(
      input({ clients: [employer("a", { collaborateurId: "k1" }), employer("b")] }),
      window("2026-12-01", "2026-12-31"),
    );
    expect(new Set(forCollaborator(mine, "k1").map((r) => r.clientId))).toEqual(new Set(["a"]));
    expect(forCollaborator(mine, null)).toHaveLength(mine.length);
  });
});
