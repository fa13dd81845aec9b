// The register's messages (options page), and the identifier hints of the Urssaf forms (content
// script). Schemas only: the handlers are in background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import type { SetAside } from "../core/storage/salvage.ts";
import {
  CLIENT_KINDS,
  CLIENT_STATUSES,
  type Client,
  type ClientRow,
  type ClientRowTuple,
  type Collaborator,
  CollaboratorSchema,
  type FirmSettings,
  ServicesProfileSchema,
} from "./model/register.ts";

/** A client as typed in the options page form (identifiers are validated again by the background). */
export const ClientFormSchema = z.object({
  kind: z.enum(CLIENT_KINDS),
  siren: z.string().nullish(),
  siret: z.string().nullish(),
  raisonSociale: z.string(),
  numeroCompte: z.string().nullish(),
  nir: z.string().nullish(),
  montantDerniereDeclaration: z.number().nullish(),
  effectif: z.number().int().nullish(),
  paieDecalee: z.boolean().optional(),
  collaborateurId: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  profil: ServicesProfileSchema.nullish(),
});
export type ClientForm = z.infer<typeof ClientFormSchema>;

const ID_CHECKS = ["siren", "siren-or-siret", "account", "nir"] as const;
export type IdCheckKind = (typeof ID_CHECKS)[number];

export type { SetAside } from "../core/storage/salvage.ts";

export interface RegisterSnapshot {
  settings: FirmSettings;
  collaborators: Collaborator[];
  clients: Client[];
}

/** The register as the clients table needs it: rows, not full clients (see ClientRow). */
export interface RegisterListing {
  settings: FirmSettings;
  collaborators: Collaborator[];
  rows: ClientRow[];
  /** Stored values today's schema rejected (kept aside): the options page says so. */
  setAside?: SetAside[];
}

/** What crosses the message channel for a listing: the rows packed as tuples (see ClientRowTuple). */
export interface PackedListing extends Omit<RegisterListing, "rows"> {
  rows: ClientRowTuple[];
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** The hint under an identifier field: its level and its text, in the browser's language. */
export interface IdHint {
  level: "ok" | "warn" | "bad";
  text: string;
}

export const REGISTER_MESSAGES = {
  "register/get": message("pages", {}).answers<RegisterSnapshot>(),
  "register/list": message("pages", {}).answers<PackedListing>(),
  "client/get": message("pages", { id: z.string() }).answers<Client>(),
  "settings/save": message("pages", { settings: z.unknown() }).answers<FirmSettings>(),
  "client/create": message("pages", {
    client: ClientFormSchema.extend({ statut: z.enum(CLIENT_STATUSES).optional() }),
  }).answers<Client>(),
  "client/edit": message("pages", { id: z.string(), edit: ClientFormSchema.partial() }).answers<Client>(),
  "clients/status": message("pages", {
    ids: z.array(z.string()).min(1),
    statut: z.enum(CLIENT_STATUSES),
    note: z.string().max(500).optional(),
  }).answers<{ changed: number }>(),
  "clients/delete": message("pages", { ids: z.array(z.string()).min(1) }).answers<{ deleted: number }>(),
  "clients/import": message("pages", { clients: z.array(z.unknown()) }).answers<ImportResult>(),
  "collaborator/save": message("pages", {
    collaborator: CollaboratorSchema.omit({ id: true, acces: true }).extend({
      id: z.string().optional(),
      acces: z.string().optional(),
    }),
  }).answers<Collaborator>(),
  "collaborator/delete": message("pages", { id: z.string() }).answers<{ unassigned: number }>(),
  "backup/export": message("pages", {}).answers<unknown>(),
  "backup/restore": message("pages", { backup: z.unknown() }).answers<{
    clients: number;
    collaborators: number;
  }>(),
  /** A value typed in an identifier field, checked by the background (the checks stay out of the page). */
  "id/check": message("content", { check: z.enum(ID_CHECKS), value: z.string().max(64) }).answers<IdHint>(),
};
