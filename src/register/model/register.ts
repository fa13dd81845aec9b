// The firm's register: its own list of clients, its collaborators and its settings. Pure: zod schemas
// (the boundary of storage, messages, backups) and operations that return new values.
import { z } from "zod";
import { CIVILITES, EMAIL_NOTIFICATIONS, ONLINE_SERVICES } from "../../portfolio/data/urssaf-services.ts";
import { checkAccountNumber, checkNir, checkSiren, checkSiret, type IdResult, sirenOfSiret } from "./ids.ts";
import {
  CLIENT_KINDS,
  CLIENT_STATUSES,
  type ClientKind,
  type ClientStatus,
  clientKey,
  normaliseTags,
} from "./register-model.ts";

export * from "./register-model.ts";

// ---------------------------------------------------------------------------------------------
// Schemas

const isoDateTime = z.iso.datetime({ offset: true });

/** A zod refinement from one of the ids.ts validators: the stored value is the normalised one. */
function idField(check: (input: string) => IdResult) {
  return z.string().transform((value, ctx) => {
    const result = check(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.problem.message });
      return z.NEVER;
    }
    return result.value;
  });
}

export const SirenSchema = idField(checkSiren);
export const SiretSchema = idField(checkSiret);
export const NirSchema = idField(checkNir);
export const AccountNumberSchema = idField(checkAccountNumber);

export const ServicesProfileSchema = z.object({
  services: z.array(z.enum(ONLINE_SERVICES)),
  courriels: z.array(z.enum(EMAIL_NOTIFICATIONS)),
});
export type ServicesProfile = z.infer<typeof ServicesProfileSchema>;

export const StatusChangeSchema = z.object({
  statut: z.enum(CLIENT_STATUSES),
  le: isoDateTime,
  note: z.string().max(500).optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const ClientSchema = z
  .object({
    /** Stable identity: see clientKey(). */
    id: z.string().min(1),
    kind: z.enum(CLIENT_KINDS),
    siren: SirenSchema.nullable(),
    siret: SiretSchema.nullable(),
    raisonSociale: z.string().trim().min(1, "La raison sociale est obligatoire.").max(200),
    numeroCompte: AccountNumberSchema.nullable(),
    nir: NirSchema.nullable(),
    /** Employers: amount to pay on the last declaration (the Urssaf add form asks for it). */
    montantDerniereDeclaration: z.number().nonnegative().finite().nullable(),
    /** Employers: headcount (the DSN is due on the 5th from 50 employees paying within the month). */
    effectif: z.number().int().nonnegative().nullable(),
    /** Employers of 50+ who pay the following month ("paie décalée") file on the 15th. */
    paieDecalee: z.boolean(),
    collaborateurId: z.string().nullable(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20),
    /** Services to tick when adding this client; null = the firm's default profile. */
    profil: ServicesProfileSchema.nullable(),
    statut: z.enum(CLIENT_STATUSES),
    historique: z.array(StatusChangeSchema).min(1),
    creeLe: isoDateTime,
    modifieLe: isoDateTime,
  })
  .superRefine((c, ctx) => {
    if (c.kind === "gerant-non-siretise") {
      if (!c.numeroCompte)
        ctx.addIssue({
          code: "custom",
          path: ["numeroCompte"],
          message: "Un gérant non sirétisé s'inscrit par son numéro de compte : renseignez-le.",
        });
    } else if (!c.siren && !c.siret) {
      ctx.addIssue({
        code: "custom",
        path: ["siren"],
        message: "Renseignez le SIREN ou le SIRET du client.",
      });
    }
    if (c.siren && c.siret && sirenOfSiret(c.siret) !== c.siren) {
      ctx.addIssue({
        code: "custom",
        path: ["siret"],
        message: "Le SIRET ne commence pas par le SIREN du client : vérifiez les deux numéros.",
      });
    }
    if (c.kind === "employeur" && c.nir) {
      ctx.addIssue({
        code: "custom",
        path: ["nir"],
        message: "Le NIR ne se renseigne que pour un travailleur indépendant.",
      });
    }
  });
export type Client = z.infer<typeof ClientSchema>;

export const CollaboratorSchema = z.object({
  id: z.string().min(1),
  nom: z.string().trim().min(1, "Le nom est obligatoire.").max(80),
  prenom: z.string().trim().min(1, "Le prénom est obligatoire.").max(80),
  telephone: z.string().trim().max(20),
  email: z.union([z.email("Adresse électronique invalide."), z.literal("")]),
  /** When the administrator created the access: it must be activated within 24 hours (seed 002). */
  acces: isoDateTime,
});
export type Collaborator = z.infer<typeof CollaboratorSchema>;

export const DsnContactSchema = z.object({
  civilite: z
    .enum(Object.keys(CIVILITES) as [keyof typeof CIVILITES, ...(keyof typeof CIVILITES)[]])
    .nullable(),
  nomPrenom: z.string().trim().max(80),
  email: z.union([z.email("Adresse électronique invalide."), z.literal("")]),
  telephone: z.string().trim().max(20),
});
export type DsnContact = z.infer<typeof DsnContactSchema>;

export const FirmSettingsSchema = z.object({
  nom: z.string().trim().max(120),
  /** The firm's active SIRET: the one to connect and declare with (seed 000, "Le SIRET connecté"). */
  siretActif: SiretSchema.nullable(),
  /** Closed SIRETs of the firm (after a move): never to be used again as the DSN emitter. */
  anciensSirets: z.array(SiretSchema),
  contactDsn: DsnContactSchema,
  profilParDefaut: ServicesProfileSchema,
});
export type FirmSettings = z.infer<typeof FirmSettingsSchema>;

export const DEFAULT_SETTINGS: FirmSettings = {
  nom: "",
  siretActif: null,
  anciensSirets: [],
  contactDsn: { civilite: null, nomPrenom: "", email: "", telephone: "" },
  profilParDefaut: { services: [...ONLINE_SERVICES], courriels: [] },
};

// ---------------------------------------------------------------------------------------------
// Operations (pure)

export interface NewClient {
  kind: ClientKind;
  siren?: string | null;
  siret?: string | null;
  raisonSociale: string;
  numeroCompte?: string | null;
  nir?: string | null;
  montantDerniereDeclaration?: number | null;
  effectif?: number | null;
  paieDecalee?: boolean;
  collaborateurId?: string | null;
  tags?: string[];
  profil?: ServicesProfile | null;
  statut?: ClientStatus;
}

/** Builds a validated client; throws a ZodError whose issues name the fields. */
export function createClient(input: NewClient, now: Date): Client {
  const at = now.toISOString();
  const statut = input.statut ?? "a-inscrire";
  const draft = {
    kind: input.kind,
    siren: input.siren || null,
    siret: input.siret || null,
    raisonSociale: input.raisonSociale,
    numeroCompte: input.numeroCompte || null,
    nir: input.nir || null,
    montantDerniereDeclaration: input.montantDerniereDeclaration ?? null,
    effectif: input.effectif ?? null,
    paieDecalee: input.paieDecalee ?? false,
    collaborateurId: input.collaborateurId ?? null,
    tags: normaliseTags(input.tags ?? []),
    profil: input.profil ?? null,
    statut,
    historique: [{ statut, le: at }],
    creeLe: at,
    modifieLe: at,
  };
  const parsed = ClientSchema.parse({ ...draft, id: "pending" });
  return { ...parsed, id: clientKey(parsed) };
}

/** Moves a client to a new status, keeping the history (latest last). No change when already there. */
export function changeStatus(client: Client, statut: ClientStatus, now: Date, note?: string): Client {
  if (client.statut === statut) return client;
  const le = now.toISOString();
  const change: StatusChange = note ? { statut, le, note } : { statut, le };
  return { ...client, statut, historique: [...client.historique, change], modifieLe: le };
}

/** Fields a user may edit; identity fields change the key, so an edit that changes it is refused. */
export type ClientEdit = Partial<Omit<NewClient, "statut">>;

export function editClient(client: Client, edit: ClientEdit, now: Date): Client {
  const next = ClientSchema.parse({
    ...client,
    ...edit,
    tags: edit.tags ? normaliseTags(edit.tags) : client.tags,
    modifieLe: now.toISOString(),
  });
  if (clientKey(next) !== client.id) {
    throw new RegisterError(
      "Le SIREN, le type ou le numéro de compte identifient le client : pour les changer, créez un nouveau client.",
    );
  }
  return next;
}

export class RegisterError extends Error {}

/**
 * Merges imported clients into the register, idempotent on clientKey: a new key is added, a known key
 * is updated only in the fields the import carries (its status and history are kept), an identical
 * import changes nothing. Returns what changed, so the caller writes only that.
 */
export function mergeClients(
  existing: ReadonlyMap<string, Client>,
  incoming: readonly Client[],
  now: Date,
): { added: Client[]; updated: Client[]; unchanged: number } {
  const added: Client[] = [];
  const updated: Client[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const client of incoming) {
    if (seen.has(client.id)) continue;
    seen.add(client.id);
    const current = existing.get(client.id);
    if (!current) {
      added.push(client);
      continue;
    }
    const merged: Client = {
      ...current,
      siren: client.siren ?? current.siren,
      siret: client.siret ?? current.siret,
      raisonSociale: client.raisonSociale,
      numeroCompte: client.numeroCompte ?? current.numeroCompte,
      nir: client.nir ?? current.nir,
      montantDerniereDeclaration: client.montantDerniereDeclaration ?? current.montantDerniereDeclaration,
      effectif: client.effectif ?? current.effectif,
      collaborateurId: client.collaborateurId ?? current.collaborateurId,
      tags: client.tags.length > 0 ? normaliseTags([...current.tags, ...client.tags]) : current.tags,
    };
    if (sameContent(merged, current)) unchanged++;
    else updated.push({ ...merged, modifieLe: now.toISOString() });
  }
  return { added, updated, unchanged };
}

function sameContent(a: Client, b: Client): boolean {
  return JSON.stringify({ ...a, modifieLe: "" }) === JSON.stringify({ ...b, modifieLe: "" });
}
