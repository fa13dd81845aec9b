import { describe, expect, it } from "vitest";
import { agenda, agendaWindow } from "./agenda.ts";
import { parisInstant } from "./calendar.ts";
import { BADGE_COLORS, badgeFor, type DeliveryState, EMPTY_DELIVERY, planDelivery } from "./delivery.ts";
import { employer, input, S } from "./reminders.testkit.ts";
import { computeReminders, type Reminder } from "./rules.ts";
import { EMPTY_STATE } from "./state.ts";

describe("badge", () => {
  const r = (id: string) => ({ id }) as Reminder;
  it("counts today and overdue, red when something is overdue, orange for today only", () => {
    expect(badgeFor({ overdue: [], dueToday: [] }, "echeances", null)).toEqual({
      text: "",
      color: BADGE_COLORS.none,
      tone: "none",
    });
    expect(badgeFor({ overdue: [], dueToday: [r("a"), r("b")] }, "echeances", null)).toEqual({
      text: "2",
      color: "#b34700",
      tone: "today",
    });
    expect(badgeFor({ overdue: [r("c")], dueToday: [r("a")] }, "echeances", null)).toEqual({
      text: "2",
      color: "#b00020",
      tone: "overdue",
    });
    const many = Array.from({ length: 1200 }, (_, i) => r(String(i)));
    expect(badgeFor({ overdue: many, dueToday: [] }, "echeances", null).text).toBe("999+");
  });
  it("shows unread messages or anomalies from the last reading, nothing without a reading", () => {
    const ind = { messagesNonLus: 3, anomaliesDsn: 12 };
    expect(badgeFor({ overdue: [r("x")], dueToday: [] }, "messages", ind).text).toBe("3");
    expect(badgeFor({ overdue: [], dueToday: [] }, "anomalies", ind)).toMatchObject({
      text: "12",
      tone: "info",
    });
    expect(badgeFor({ overdue: [r("x")], dueToday: [] }, "anomalies", null).text).toBe("");
  });
});

describe("notifications: one morning digest, grouped immediate ones", () => {
  const many = Array.from({ length: 300 }, (_, i) => employer(`c${String(i).padStart(3, "0")}`));
  const day = "2026-12-15"; // Tuesday: the DSN of November is due at noon for all of them
  const w = { ...agendaWindow(day, S), from: "2026-12-01" }; // last month's DSN taken as filed
  const list = computeReminders(input({ clients: many }), w);
  const a = agenda(list, EMPTY_STATE, day, S);

  it("sends nothing before the digest time and wakes at it", () => {
    const plan = planDelivery(a, EMPTY_DELIVERY, parisInstant(day, "07:00"), S);
    expect(plan.digest).toBeNull();
    expect(plan.immediate).toBeNull();
    expect(plan.wakeAt).toEqual(parisInstant(day, "08:30"));
  });

  it("groups 300 items due today into one digest, then nothing more until their time", () => {
    const first = planDelivery(a, EMPTY_DELIVERY, parisInstant(day, "08:31"), S);
    expect(first.digest).toMatchObject({ day, dueToday: 300, overdue: 0 });
    expect(first.digest?.items).toHaveLength(5);
    expect(first.immediate).toBeNull();
    expect(first.wakeAt).toEqual(parisInstant(day, "10:00")); // noon minus the 2-hour warning
    const again = planDelivery(a, first.state, parisInstant(day, "09:15"), S);
    expect([again.digest, again.immediate]).toEqual([null, null]);
    // Near noon: one grouped notification for all 300, once.
    const near = planDelivery(a, again.state, parisInstant(day, "10:00"), S);
    expect(near.digest).toBeNull();
    expect(near.immediate).toHaveLength(300);
    const after = planDelivery(a, near.state, parisInstant(day, "11:00"), S);
    expect([after.digest, after.immediate]).toEqual([null, null]);
    expect(after.wakeAt).toEqual(parisInstant("2026-12-16", "00:00"));
  });

  it("announces an item added after the digest in one grouped notification", () => {
    const first = planDelivery(a, EMPTY_DELIVERY, parisInstant(day, "08:31"), S);
    const added = computeReminders(
      input({
        clients: [...many],
        collaborators: [{ id: "k", nom: "N", prenom: "P", acces: "2026-12-14T16:00:00.000Z" }],
      }),
      w,
    );
    const plan = planDelivery(agenda(added, EMPTY_STATE, day, S), first.state, parisInstant(day, "09:00"), S);
    expect(plan.digest).toBeNull();
    expect(plan.immediate?.map((r) => r.kind)).toEqual(["activation-collaborateur"]);
  });

  it("starts afresh the next day and sends nothing when notifications are off", () => {
    const first = planDelivery(a, EMPTY_DELIVERY, parisInstant(day, "08:31"), S);
    const next = agenda(list, EMPTY_STATE, "2026-12-16", S);
    const plan = planDelivery(next, first.state, parisInstant("2026-12-16", "08:40"), S);
    expect(plan.digest).toMatchObject({ overdue: 300, dueToday: 0 });
    expect(plan.state.day).toBe("2026-12-16");
    const off: DeliveryState = EMPTY_DELIVERY;
    const silent = planDelivery(a, off, parisInstant(day, "10:30"), { ...S, notifications: false });
    expect([silent.digest, silent.immediate]).toEqual([null, null]);
  });

  it("sends no digest when nothing is due, overdue or announced", () => {
    const empty = agenda([], EMPTY_STATE, day, S);
    const plan = planDelivery(empty, EMPTY_DELIVERY, parisInstant(day, "09:00"), S);
    expect(plan.digest).toBeNull();
    expect(plan.state.digestOn).toBe(day);
  });
});
