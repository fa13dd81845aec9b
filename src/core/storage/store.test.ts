import { describe, expect, it } from "vitest";
import { z } from "zod";
import { memoryArea } from "../../../test/support/memory-area.ts";
import type { Migration } from "./migrations.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema.ts";
import { createStore } from "./store.ts";

const now = () => new Date("2026-11-25T10:00:00Z");
const Counter = z.object({ n: z.number() });

describe("createStore", () => {
  it("migrates an empty store once at start-up", async () => {
    const mem = memoryArea();
    const store = createStore(mem.area, MIGRATIONS, now);
    await store.ready;
    expect(mem.data.get("meta")).toEqual({
      schemaVersion: SCHEMA_VERSION,
      installedAt: "2026-11-25T10:00:00.000Z",
    });
    const writes = mem.writes();
    await createStore(mem.area, MIGRATIONS, now).ready;
    expect(mem.writes()).toBe(writes);
  });

  it("upgrades stored data and removes keys a step dropped", async () => {
    const steps: Migration[] = [
      ...MIGRATIONS,
      {
        to: SCHEMA_VERSION + 1,
        description: "counter",
        up: ({ pages, ...rest }) => ({ ...rest, counter: { n: (pages as { count: number }).count } }),
      },
    ];
    const mem = memoryArea({
      meta: { schemaVersion: 1, installedAt: "2026-01-01T00:00:00.000Z" },
      pages: { last: null, count: 7 },
    });
    const store = createStore(mem.area, steps, now);
    expect(await store.get("counter", Counter)).toEqual({ n: 7 });
    expect(mem.data.has("pages")).toBe(false);
    expect(mem.data.get("meta")).toEqual({
      schemaVersion: SCHEMA_VERSION + 1,
      installedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("refuses data from a newer version and leaves it untouched", async () => {
    const stored = { meta: { schemaVersion: 9, installedAt: "x" }, pages: { last: null, count: 3 } };
    const mem = memoryArea(stored);
    const store = createStore(mem.area, MIGRATIONS, now);
    await expect(store.ready).rejects.toThrow(/plus récente/);
    await expect(store.get("pages", Counter)).rejects.toThrow(/plus récente/);
    expect(Object.fromEntries(mem.data)).toEqual(stored);
  });

  it("serialises concurrent updates so none is lost", async () => {
    const mem = memoryArea();
    const steps: Migration[] = [
      {
        to: 1,
        description: "c",
        up: (d) => ({ ...d, meta: { schemaVersion: 1, installedAt: "x" }, c: { n: 0 } }),
      },
    ];
    const store = createStore(mem.area, steps, now);
    await Promise.all(
      Array.from({ length: 50 }, () => store.update("c", Counter, ({ n }) => ({ n: n + 1 }))),
    );
    expect(await store.get("c", Counter)).toEqual({ n: 50 });
  });

  it("says which stored value is unreadable", async () => {
    const mem = memoryArea({ meta: { schemaVersion: 1, installedAt: "x" }, c: { n: "trois" } });
    const store = createStore(mem.area, MIGRATIONS, now);
    await expect(store.get("c", Counter)).rejects.toThrow(/« c » illisibles/);
  });

  it("reads a value its schema rejects as the fallback, and keeps the original aside once", async () => {
    const mem = memoryArea({ meta: { schemaVersion: SCHEMA_VERSION, installedAt: "x" }, c: { n: "trois" } });
    const store = createStore(mem.area, MIGRATIONS, now);
    expect(await store.getOr("c", Counter, { n: 0 })).toEqual({ n: 0 });
    expect(mem.data.get("aside/c")).toEqual({ n: "trois" });
    mem.data.set("c", { n: "quatre" });
    expect(await store.getOr("c", Counter, { n: 0 })).toEqual({ n: 0 });
    expect(mem.data.get("aside/c")).toEqual({ n: "trois" });
    expect(await store.getOr("absent", Counter, { n: 1 })).toEqual({ n: 1 });
    expect(mem.data.has("aside/absent")).toBe(false);
  });
});
