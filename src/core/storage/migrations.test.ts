import { describe, expect, it } from "vitest";
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
