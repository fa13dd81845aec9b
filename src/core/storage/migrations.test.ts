import { describe, expect, it } from "vitest";
import { TrackingStateSchema } from "../../anomalies/model/tracking.ts";
import { REMINDER_KEYS } from "../../reminders/background.ts";
import { REMINDER_STATE_KEY } from "../../reminders/model/state.ts";
import { applyMigrations, type Migration, MigrationError, planMigrations } from "./migrations.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema.ts";

const now = new Date("2026-11-25T10:00:00Z");

const steps: Migration[] = [
  { to: 1, description: "create", up: (d) => ({ ...d, meta: { schemaVersion: 1 }, clients: [] }) },
  {
    to: 2,
    description: "rename clients → register",
    up: ({ clients, ...rest }) => ({ ...rest, register: { clients } }),
  },
  { to: 3, description: "add settings", up: (d) => ({ ...d, settings: { paceMs: 1500 } }) },
];

describe("planMigrations", () => {
  it("runs every step, in order, from an empty store", () => {
    const plan = planMigrations(0, [steps[2], steps[0], steps[1]] as Migration[]);
    expect(plan.steps.map((s) => s.to)).toEqual([1, 2, 3]);
    expect(plan.to).toBe(3);
  });

  it("runs only the missing steps", () => {
    expect(planMigrations(2, steps).steps.map((s) => s.to)).toEqual([3]);
    expect(planMigrations(3, steps).steps).toEqual([]);
  });

  it("refuses data written by a newer version, saying what to do", () => {
    expect(() => planMigrations(4, steps)).toThrow(/plus récente.*Mettez l'extension à jour/);
  });

  it("refuses a gap in the chain and a corrupt version", () => {
    expect(() => planMigrations(0, [steps[0], steps[2]] as Migration[])).toThrow(MigrationError);
    expect(() => planMigrations(-1, steps)).toThrow(/invalide/);
    expect(() => planMigrations(1.5, steps)).toThrow(/invalide/);
  });
});

describe("applyMigrations", () => {
  it("produces the latest shape and lists the keys to remove", () => {
    const { data, removed } = applyMigrations(
      { meta: { schemaVersion: 1 }, clients: [{ siren: "1" }] },
      planMigrations(1, steps),
      now,
    );
    expect(data).toEqual({
      meta: { schemaVersion: 1 },
      register: { clients: [{ siren: "1" }] },
      settings: { paceMs: 1500 },
    });
    expect(removed).toEqual(["clients"]);
  });

  it("does not mutate its input", () => {
    const input = { meta: { schemaVersion: 1 }, clients: [] };
    applyMigrations(input, planMigrations(1, steps), now);
    expect(input).toEqual({ meta: { schemaVersion: 1 }, clients: [] });
  });
});

describe("the extension's own migrations", () => {
  it("are contiguous and bring an empty store to the current schema", () => {
    const plan = planMigrations(0, MIGRATIONS);
    expect(plan.to).toBe(SCHEMA_VERSION);
    const { data } = applyMigrations({}, plan, now);
    expect(data.meta).toEqual({ schemaVersion: 1, installedAt: now.toISOString() });
    expect(data.pages).toEqual({ last: null, count: 0 });
  });
});

describe("migration 5: tracked anomalies keep the day they were first seen", () => {
  const step = MIGRATIONS.find((m) => m.to === 5) as Migration;
  const item = (firstSeen: string) => ({
    siren: "526018155",
    siret: "52601815500012",
    period: "2026-03",
    reference: "UR_ANO_DIMNS002",
    libelle: "Écart",
    status: "a-traiter",
    correctedIn: null,
    firstSeen,
    lastSeen: "2026-11-20T08:00:00.000Z",
    changedAt: null,
  });

  it("takes notifiedOn from the stored firstSeen, as a Paris calendar day", () => {
    const stored = {
      "anomalies/tracked": {
        items: {
          a: item("2026-04-20T09:15:00.000Z"),
          // 23:30 UTC on 30 June is already 1 July in Paris (UTC+2 in summer).
          b: item("2026-06-30T23:30:00.000Z"),
          // 23:30 UTC on 31 January is 00:30 on 1 February in Paris (UTC+1 in winter).
          c: item("2026-01-31T23:30:00.000Z"),
        },
        ids: { "123": "a" },
      },
    };
    const out = step.up(stored, now) as {
      "anomalies/tracked": { items: Record<string, unknown>; ids: unknown };
    };
    const items = out["anomalies/tracked"].items as Record<string, { notifiedOn: string; firstSeen: string }>;
    expect(items.a?.notifiedOn).toBe("2026-04-20");
    expect(items.b?.notifiedOn).toBe("2026-07-01");
    expect(items.c?.notifiedOn).toBe("2026-02-01");
    expect(items.a?.firstSeen).toBe("2026-04-20T09:15:00.000Z");
    expect(out["anomalies/tracked"].ids).toEqual({ "123": "a" });
    expect(TrackingStateSchema.safeParse(out["anomalies/tracked"]).success).toBe(true);
  });

  it("keeps a date already there, uses the migration day for an unreadable firstSeen, leaves a store without anomalies alone", () => {
    const withDate = { ...item("2026-04-20T09:15:00.000Z"), notifiedOn: "2026-04-18" };
    const out = step.up(
      { "anomalies/tracked": { items: { a: withDate, b: item("pas une date") }, ids: {} } },
      now,
    ) as {
      "anomalies/tracked": { items: Record<string, { notifiedOn: string }> };
    };
    expect(out["anomalies/tracked"].items.a?.notifiedOn).toBe("2026-04-18");
    expect(out["anomalies/tracked"].items.b?.notifiedOn).toBe("2026-11-25");
    expect(step.up({ meta: { schemaVersion: 4 } }, now)).toEqual({ meta: { schemaVersion: 4 } });
  });

  it("gives the period to the done / snooze marks of anomaly reminders, one per tracked month", () => {
    const stored = {
      "anomalies/tracked": {
        items: {
          a: { ...item("2026-04-20T09:15:00.000Z"), period: "2026-03" },
          b: { ...item("2026-05-20T09:15:00.000Z"), period: "2026-04" },
        },
        ids: {},
      },
      "reminders/state": {
        done: { "anomalie:52601815500012:UR_ANO_DIMNS002": "2026-06-01", "dsn:c1:2026-05": "2026-06-15" },
        snoozed: { "anomalie:52601815500012:2026-04:UR_ANO_DIMNS002": "2026-12-01" },
      },
    };
    const out = step.up(stored, now) as { "reminders/state": unknown };
    expect(out["reminders/state"]).toEqual({
      done: {
        "anomalie:52601815500012:2026-03:UR_ANO_DIMNS002": "2026-06-01",
        "anomalie:52601815500012:2026-04:UR_ANO_DIMNS002": "2026-06-01",
        "dsn:c1:2026-05": "2026-06-15",
      },
      snoozed: { "anomalie:52601815500012:2026-04:UR_ANO_DIMNS002": "2026-12-01" },
    });
    expect(REMINDER_STATE_KEY).toBe(REMINDER_KEYS.state);
  });
});
