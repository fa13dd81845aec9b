// Backup and restore of the whole register as a versioned JSON file. Restore validates everything and
// replaces the register (it never merges silently); a file from a newer version or a damaged one is
// refused with the reason.
import { z } from "zod";
import {
  type Client,
  ClientSchema,
  type Collaborator,
  CollaboratorSchema,
  clientKey,
  type FirmSettings,
  FirmSettingsSchema,
} from "./register.ts";

export const BACKUP_FORMAT = "tiers-assistant/registre";
export const BACKUP_VERSION = 1;

/**
 * Bounds of a backup, far above a real firm's (10,000 clients take about 5 MB) and far below what
 * would freeze the options page or fill the storage: a file beyond them is refused, not cut.
 */
export const BACKUP_LIMITS = {
  clients: 100_000,
  collaborators: 1_000,
  /** Status changes of one client (one per add, resignation, code received…). */
  history: 10_000,
  formerSirets: 1_000,
} as const;

const tooMany = (what: string, max: number) => `plus de ${max.toLocaleString("fr-FR")} ${what}`;

const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exporteLe: z.iso.datetime({ offset: true }),
  settings: FirmSettingsSchema.extend({
    anciensSirets: FirmSettingsSchema.shape.anciensSirets.max(
      BACKUP_LIMITS.formerSirets,
      tooMany("anciens SIRET", BACKUP_LIMITS.formerSirets),
    ),
  }),
  collaborators: z
    .array(CollaboratorSchema)
    .max(BACKUP_LIMITS.collaborators, tooMany("collaborateurs", BACKUP_LIMITS.collaborators)),
  clients: z
    .array(
      // The history's bound is checked before each entry is parsed (a 200,000-entry history is refused at once).
      z
        .object({
          historique: z
            .array(z.unknown())
            .max(BACKUP_LIMITS.history, tooMany("changements de statut", BACKUP_LIMITS.history)),
        })
        .loose()
        .pipe(ClientSchema),
    )
    .max(BACKUP_LIMITS.clients, tooMany("clients", BACKUP_LIMITS.clients)),
});
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exporteLe: string;
  settings: FirmSettings;
  collaborators: Collaborator[];
  clients: Client[];
}

export function makeBackup(
  data: { settings: FirmSettings; collaborators: readonly Collaborator[]; clients: readonly Client[] },
  now: Date,
): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exporteLe: now.toISOString(),
    settings: data.settings,
    collaborators: [...data.collaborators],
    clients: [...data.clients],
  };
}

export type BackupCheck = { ok: true; backup: Backup } | { ok: false; error: string };

/** Validates a backup file's text (or already-parsed JSON); every refusal says why, in French. */
export function parseBackup(input: string | unknown): BackupCheck {
  let raw: unknown = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input.replace(/^\uFEFF/, ""));
    } catch {
      return {
        ok: false,
        error:
          "Ce fichier n'est pas une sauvegarde lisible (JSON invalide) : choisissez le fichier .json exporté par Tiers Assistant.",
      };
    }
  }
  if (typeof raw !== "object" || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, error: "Ce fichier n'est pas une sauvegarde du registre Tiers Assistant." };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: "Sauvegarde endommagée : sa version est illisible." };
  }
  if (version > BACKUP_VERSION) {
    return {
      ok: false,
      error: `Cette sauvegarde vient d'une version plus récente de Tiers Assistant (format ${version}, celle-ci lit le format ${BACKUP_VERSION}) : mettez l'extension à jour avant de la restaurer.`,
    };
  }
  const parsed = BackupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = describePath(raw, issue?.path ?? []);
    return {
      ok: false,
      error: `Sauvegarde endommagée (${where}) : ${issue?.message ?? "contenu invalide"}. Rien n'a été restauré.`,
    };
  }
  const backup = parsed.data as Backup;
  const ids = new Set<string>();
  for (const [i, c] of backup.clients.entries()) {
    // The register finds, edits and deletes a client by this key: a copy under another id would show in
    // the table but could be neither edited nor deleted.
    if (c.id !== clientKey(c))
      return {
        ok: false,
        error: `Sauvegarde endommagée : l'identifiant du client n° ${i + 1} (${c.raisonSociale}) ne correspond pas à ses numéros. Rien n'a été restauré.`,
      };
    if (ids.has(c.id))
      return {
        ok: false,
        error: `Sauvegarde endommagée : le client n° ${i + 1} (${c.raisonSociale}) y figure deux fois. Rien n'a été restauré.`,
      };
    ids.add(c.id);
  }
  const collaborators = new Set(backup.collaborators.map((c) => c.id));
  const orphan = backup.clients.find(
    (c) => c.collaborateurId !== null && !collaborators.has(c.collaborateurId),
  );
  if (orphan) {
    return {
      ok: false,
      error: `Sauvegarde endommagée : le client ${orphan.raisonSociale} est affecté à un collaborateur absent du fichier. Rien n'a été restauré.`,
    };
  }
  return { ok: true, backup };
}

function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const [area, index, field] = path;
  if (area === "clients" && typeof index === "number") {
    const client = (raw as { clients?: { raisonSociale?: unknown }[] }).clients?.[index];
    const name = typeof client?.raisonSociale === "string" ? ` « ${client.raisonSociale} »` : "";
    return `client n° ${index + 1}${name}${field ? `, champ ${String(field)}` : ""}`;
  }
  if (area === "collaborators" && typeof index === "number") return `collaborateur n° ${index + 1}`;
  if (path.length === 1 && area === "clients") return "liste des clients";
  if (path.length === 1 && area === "collaborators") return "liste des collaborateurs";
  return path.length > 0 ? path.map(String).join(".") : "fichier";
}
