// What the background keeps in storage.local, key by key, and the migrations that produce it.
// Data areas live under separate keys so that updating one never rewrites the others.
import * as z from "zod/mini";
import type { Migration } from "../domain/migrations.ts";
import { LastPageSchema } from "../messages.ts";

export const META_KEY = "meta";
export const PAGES_KEY = "pages";

export const MetaSchema = z.object({ schemaVersion: z.number(), installedAt: z.string() });
export type Meta = z.infer<typeof MetaSchema>;

export const PagesSchema = z.object({ last: z.nullable(LastPageSchema), count: z.number() });
export type Pages = z.infer<typeof PagesSchema>;

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    description: "Création du stockage : méta-données et pages reconnues.",
    up: (data, now) => ({
      ...data,
      [META_KEY]: { schemaVersion: 1, installedAt: now.toISOString() },
      [PAGES_KEY]: { last: null, count: 0 },
    }),
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
