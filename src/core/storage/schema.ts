// What the background keeps in storage.local, key by key, and the migrations that produce it.
// Data areas live under separate keys so that updating one never rewrites the others: each client of
// the register has a key of its own (`client/<generation>/<id>`), so editing one client writes one
// small value whatever the size of the register.
import { z } from "zod";
import { migrateAnomalyNotification } from "../../anomalies/model/tracking.ts";
import type { Job } from "../../portfolio/model/jobs.ts";
import { CollaboratorSchema, DEFAULT_SETTINGS, FirmSettingsSchema } from "../../register/model/register.ts";
import { LastPageSchema } from "../seen-page.ts";
import { clientKeyPrefix, jobItemKey, LOCAL_KEYS } from "./keys.ts";
import type { Migration } from "./migrations.ts";

export { clientKeyPrefix, jobItemKey };

export const META_KEY = LOCAL_KEYS.meta;
export const PAGES_KEY = LOCAL_KEYS.pages;
export const SETTINGS_KEY = LOCAL_KEYS.settings;
export const COLLABORATORS_KEY = LOCAL_KEYS.collaborators;
/** Which generation of client keys is current; a restore writes a new generation and flips this. */
export const REGISTER_KEY = LOCAL_KEYS.register;
/** The bulk job in progress (or the last one, with its report), null when none ever ran. */
export const JOB_KEY = LOCAL_KEYS.job;
/** The last portfolio read on the Urssaf list (a dated snapshot). */
export const PORTFOLIO_KEY = LOCAL_KEYS.portfolio;

export const MetaSchema = z.object({ schemaVersion: z.number(), installedAt: z.string() });
export const PagesSchema = z.object({ last: LastPageSchema.nullable(), count: z.number() });
export const RegisterMetaSchema = z.object({ generation: z.number().int().positive() });
export const SettingsSchema = FirmSettingsSchema;
export const CollaboratorsSchema = z.array(CollaboratorSchema);
export const PortfolioSlotSchema = z
  .object({
    readAt: z.string(),
    pages: z.number(),
    accounts: z.array(
      z.object({ regime: z.string(), siren: z.string().nullable(), numeroCompte: z.string().nullable() }),
    ),
  })
  .nullable();
/**
 * The job's items each have a key of their own (`job-item/<index>`): a step rewrites the job's header
 * and the one item it changed, not the hundreds of others. The header keeps `items: []` and says how
 * many item keys belong to it; a header with its items inline (written before this layout) still reads.
 */
export type StoredJob = Job & { itemCount?: number };

/** Jobs are written only by the background from the pure machine; the check is on their shape. */
export const JobSlotSchema = z.custom<StoredJob | null>(
  (v) =>
    v === null ||
    (typeof v === "object" &&
      typeof (v as Job).id === "string" &&
      typeof (v as Job).status === "string" &&
      Array.isArray((v as Job).items)),
  "Travail groupé illisible dans le stockage.",
);

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
  {
    to: 2,
    description: "Registre du cabinet : réglages, collaborateurs, clients (une clé par client).",
    up: (data) => ({
      ...data,
      [SETTINGS_KEY]: DEFAULT_SETTINGS,
      [COLLABORATORS_KEY]: [],
      [REGISTER_KEY]: { generation: 1 },
    }),
  },
  {
    to: 3,
    description: "Travaux groupés sur l'espace Urssaf (inscriptions, résiliations).",
    up: (data) => ({ ...data, [JOB_KEY]: null }),
  },
  {
    to: 4,
    description: "Dernière lecture du portefeuille Urssaf.",
    up: (data) => ({ ...data, [PORTFOLIO_KEY]: null }),
  },
  {
    to: 5,
    description:
      "Anomalies DSN suivies : date de notification (reprise de la première vue) ; rappels par période.",
    up: migrateAnomalyNotification,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
