// The background's storage: the only writer of storage.local. It migrates the stored data once at
// start-up (callers await `ready`), parses every read through its zod schema, and serialises
// read-modify-write updates so two messages arriving together cannot lose each other's change.
import type { z } from "zod";
import type { Storage } from "../browser.ts";
import { asideKey } from "./keys.ts";
import { applyMigrations, type Migration, planMigrations, type StoredData } from "./migrations.ts";
import { META_KEY, MetaSchema } from "./schema.ts";

export interface Store {
  ready: Promise<void>;
  area: Storage.StorageArea;
  /** Replaces a value (no read first), in turn with the other writes. */
  set(key: string, value: unknown): Promise<void>;
  /** Replaces several values in one storage write (all or nothing), in turn with the other writes. */
  setMany(values: Record<string, unknown>): Promise<void>;
  /** Raw values of several keys (absent keys are missing from the result); callers check their shape. */
  getMany(keys: string[]): Promise<Record<string, unknown>>;
  /** Runs `work` after start-up, alone: no other read-modify-write of this store interleaves with it. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  get<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S>>;
  /**
   * Like get, but a stored value the schema rejects does not block its readers: it is kept aside
   * (asideKey, once) and `fallback` is returned.
   */
  getOr<S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): Promise<z.infer<S>>;
  update<S extends z.ZodType>(
    key: string,
    schema: S,
    change: (value: z.infer<S>) => z.infer<S>,
  ): Promise<z.infer<S>>;
}

export function createStore(
  area: Storage.StorageArea,
  migrations: readonly Migration[],
  now: () => Date,
): Store {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const ready = serial(async () => {
    // Only the version is read on a normal start: reading everything (10,000 client keys) is for the
    // rare start that has migrations to run.
    const meta = MetaSchema.safeParse((await area.get(META_KEY))[META_KEY]);
    const plan = planMigrations(meta.success ? meta.data.schemaVersion : 0, migrations);
    if (plan.steps.length === 0) return;
    const snapshot = (await area.get(null)) as StoredData;
    const { data, removed } = applyMigrations(snapshot, plan, now());
    const migratedMeta = MetaSchema.parse(data[META_KEY]);
    data[META_KEY] = { ...migratedMeta, schemaVersion: plan.to };
    await area.set(data);
    if (removed.length > 0) await area.remove(removed);
  });

  async function read<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S>> {
    const stored = (await area.get(key))[key];
    const parsed = schema.safeParse(stored);
    if (!parsed.success) throw new Error(`Données « ${key} » illisibles dans le stockage de l'extension.`);
    return parsed.data;
  }

  return {
    ready,
    area,
    async set(key, value) {
      await ready;
      return serial(() => area.set({ [key]: value }));
    },
    async setMany(values) {
      await ready;
      return serial(() => area.set(values));
    },
    async getMany(keys) {
      await ready;
      return keys.length === 0 ? {} : area.get(keys);
    },
    async exclusive(work) {
      await ready;
      return serial(work);
    },
    async get(key, schema) {
      await ready;
      return read(key, schema);
    },
    async getOr(key, schema, fallback) {
      await ready;
      const stored = (await area.get(key))[key];
      const parsed = schema.safeParse(stored);
      if (parsed.success) return parsed.data;
      if (stored !== undefined) {
        console.warn(
          `Tiers Assistant : données « ${key} » illisibles, gardées à part sous « ${asideKey(key)} ».`,
        );
        await serial(async () => {
          const aside = asideKey(key);
          if ((await area.get(aside))[aside] === undefined) await area.set({ [aside]: stored });
        });
      }
      return fallback;
    },
    async update(key, schema, change) {
      await ready;
      return serial(async () => {
        const next = change(await read(key, schema));
        await area.set({ [key]: next });
        return next;
      });
    },
  };
}
