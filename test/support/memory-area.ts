// An in-memory storage area with the contract of storage.local (values go through JSON; every set
// call is one batch). Counts writes, and can be told to fail the next set, to test atomicity.
import type { Storage } from "../../src/core/browser.ts";

export function memoryArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(structuredClone(initial)));
  let writes = 0;
  let failNext = false;
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
      if (failNext) {
        failNext = false;
        throw new Error("QUOTA_BYTES quota exceeded");
      }
      writes++;
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
  return {
    area: area as unknown as Storage.StorageArea,
    data,
    writes: () => writes,
    failNextSet: () => {
      failNext = true;
    },
  };
}
