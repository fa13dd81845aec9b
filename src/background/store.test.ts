import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import type { Storage } from "../browser.ts";
import type { Migration } from "../domain/migrations.ts";
import { MIGRATIONS } from "./schema.ts";
import { createStore } from "./store.ts";

/** An in-memory storage area with the same contract as storage.local (values go through JSON). */
function memoryArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(structuredClone(initial)));
  let writes = 0;
  const area = {
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      await Promise.resolve();
      return Object.fromEntries(
        wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]),
      );
    },
    async set(items: Record<string, unknown>) {
      await Promise.resolve();
      writes++;
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
  return { area: area as unknown as Storage.StorageArea, data, writes: () => writes };
}

const now = () => new Date("2026-11-25T10:00:00Z");
const Counter = z.object({ n: z.number() });

describe("createStore", () => {
  it("migrates an empty store once at start-up", async () => {
    const mem = memoryArea();
    const store = createStore(mem.area, MIGRATIONS, now);
    await store.ready;
    expect(mem.data.get("meta")).toEqual({ schemaVersion: 1, installedAt: "2026-11-25T10:00:00.000Z" });
    const writes = mem.writes();
    await createStore(mem.area, MIGRATIONS, now).ready;
    expect(mem.writes()).toBe(writes);
  });

  it("upgrades stored data and removes keys a step dropped", async () => {
    const steps: Migration[] = [
      ...MIGRATIONS,
      {
        to: 2,
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
    expect(mem.data.get("meta")).toEqual({ schemaVersion: 2, installedAt: "2026-01-01T00:00:00.000Z" });
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
});
