// The register's model without its schemas: kinds, statuses, identity, listing rows and queries.
// Kept apart from register.ts (zod) so that the options page's clients table loads without zod.

import { stripAccents } from "../../core/text.ts";
import { sirenOfSiret } from "./ids.ts";
import type { Client } from "./register.ts";

// ---------------------------------------------------------------------------------------------
// Kinds and statuses

/** What the Urssaf add form needs differs by kind (seed 001, step 3; seed 004 for the gérant). */
export const CLIENT_KINDS = [
  "employeur",
  "artisan-commercant",
  "profession-liberale",
  "gerant-non-siretise",
] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const CLIENT_KIND_LABELS: Record<ClientKind, string> = {
  employeur: "Employeur (régime général)",
  "artisan-commercant": "Travailleur indépendant — artisan commerçant",
  "profession-liberale": "Travailleur indépendant — profession libérale",
  "gerant-non-siretise": "Gérant majoritaire non sirétisé",
};

/** Self-employed kinds: NIR + self-employed account number, a security code by post (seed 002). */
export const isSelfEmployed = (kind: ClientKind): boolean => kind !== "employeur";

export const CLIENT_STATUSES = ["a-inscrire", "code-attendu", "inscrit", "a-resilier", "resilie"] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = {
  "a-inscrire": "À inscrire",
  "code-attendu": "Code de sécurité attendu",
  inscrit: "Inscrit",
  "a-resilier": "À résilier",
  resilie: "Résilié",
};

// ---------------------------------------------------------------------------------------------
// Identity and derived facts

/**
 * A client's identity in the register: its SIREN (or SIRET when no SIREN is given, via its SIREN) and
 * its kind — the same company can be an employer and, through its manager, a self-employed account.
 * A gérant non sirétisé is known by its account number. Re-importing a file is idempotent on this key.
 */
export function clientKey(c: Pick<Client, "kind" | "siren" | "siret" | "numeroCompte">): string {
  if (c.kind === "gerant-non-siretise") return `${c.kind}:${c.numeroCompte ?? ""}`;
  const siren = c.siren ?? (c.siret ? sirenOfSiret(c.siret) : null);
  return `${c.kind}:${siren ?? ""}`;
}

/** Day of month M+1 on which the DSN of month M is due (CSS art. R243-6: the 5th for 50 employees and more, else the 15th). */
export function dsnDueDay(c: Pick<Client, "kind" | "effectif" | "paieDecalee">): 5 | 15 | null {
  if (c.kind !== "employeur") return null;
  return (c.effectif ?? 0) >= 50 && !c.paieDecalee ? 5 : 15;
}

/** Since when the client has been in its current status. */
export function statusSince(client: Client): string {
  return client.historique.at(-1)?.le ?? client.modifieLe;
}

export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))].sort((a, b) =>
    a.localeCompare(b, "fr"),
  );
}

// ---------------------------------------------------------------------------------------------
// Listing: search, filter, sort (the options page's table; pure so it is tested and benchmarked)

/** What names a client in messages: its kind, name and numbers. */
export type ClientIdentity = Pick<Client, "kind" | "raisonSociale" | "siren" | "siret" | "numeroCompte">;

/**
 * One line of the clients table: what it shows, filters and sorts on. The options page lists these
 * (about a third of a full client, whose history it does not need) and fetches a full client to edit.
 */
export type ClientRow = ClientIdentity &
  Pick<Client, "id" | "collaborateurId" | "tags" | "statut" | "modifieLe"> & { depuis: string };

/**
 * A row as a tuple, for the listing message: with 10,000 clients, repeating the field names in every
 * object would make up half of what crosses the message channel. The id is not sent: it is the
 * clientKey of the other fields.
 */
export type ClientRowTuple = [
  kind: ClientKind,
  raisonSociale: string,
  siren: string | null,
  siret: string | null,
  numeroCompte: string | null,
  collaborateurId: string | null,
  tags: string[],
  statut: ClientStatus,
  modifieLe: string,
  depuis: string,
];

export function packRow(c: Client): ClientRowTuple {
  return [
    c.kind,
    c.raisonSociale,
    c.siren,
    c.siret,
    c.numeroCompte,
    c.collaborateurId,
    c.tags,
    c.statut,
    c.modifieLe,
    statusSince(c),
  ];
}

export function unpackRow(t: ClientRowTuple): ClientRow {
  const [kind, raisonSociale, siren, siret, numeroCompte, collaborateurId, tags, statut, modifieLe, depuis] =
    t;
  const identity = { kind, siren, siret, numeroCompte };
  return {
    id: clientKey(identity),
    ...identity,
    raisonSociale,
    collaborateurId,
    tags,
    statut,
    modifieLe,
    depuis,
  };
}

export function toRow(c: Client): ClientRow {
  return {
    id: c.id,
    kind: c.kind,
    raisonSociale: c.raisonSociale,
    siren: c.siren,
    siret: c.siret,
    numeroCompte: c.numeroCompte,
    collaborateurId: c.collaborateurId,
    tags: c.tags,
    statut: c.statut,
    modifieLe: c.modifieLe,
    depuis: statusSince(c),
  };
}

export interface ClientQuery {
  text?: string;
  statuts?: ClientStatus[];
  collaborateurId?: string | null;
  tag?: string;
  sort?: { by: "raisonSociale" | "siren" | "statut" | "kind" | "modifieLe"; dir: "asc" | "desc" };
}

const fold = (s: string) => stripAccents(s).toLocaleLowerCase("fr");

/** French order of names: accents and case ignored, numbers in numeric order ("Lot 2" before "Lot 10"). */
export const NAME_ORDER = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export function queryClients<T extends Omit<ClientRow, "id" | "depuis">>(
  clients: readonly T[],
  q: ClientQuery,
): T[] {
  const words = fold(q.text ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const digits = (q.text ?? "").replace(/[\s.\u00a0]/g, "");
  const filtering =
    words.length > 0 || (q.statuts?.length ?? 0) > 0 || q.collaborateurId !== undefined || Boolean(q.tag);
  const out = !filtering
    ? [...clients]
    : clients.filter((c) => {
        if (q.statuts && q.statuts.length > 0 && !q.statuts.includes(c.statut)) return false;
        if (q.collaborateurId !== undefined && c.collaborateurId !== q.collaborateurId) return false;
        if (q.tag && !c.tags.includes(q.tag)) return false;
        if (words.length === 0) return true;
        if (/^\d{3,}$/.test(digits) && [c.siren, c.siret, c.numeroCompte].some((n) => n?.includes(digits)))
          return true;
        const hay = fold(
          `${c.raisonSociale} ${c.tags.join(" ")} ${c.siren ?? ""} ${c.siret ?? ""} ${c.numeroCompte ?? ""}`,
        );
        return words.every((w) => hay.includes(w));
      });
  const sort = q.sort ?? { by: "raisonSociale", dir: "asc" };
  const key = (c: T): string => {
    switch (sort.by) {
      case "siren":
        return c.siren ?? c.siret ?? c.numeroCompte ?? "";
      case "statut":
        return String(CLIENT_STATUSES.indexOf(c.statut));
      default:
        return c[sort.by];
    }
  };
  // Array.prototype.sort is a merge sort that finds ordered runs: a list that arrives already in name
  // order (the background sends it so) costs one comparison per row.
  const sign = sort.dir === "asc" ? 1 : -1;
  out.sort((a, b) => NAME_ORDER.compare(key(a), key(b)) * sign);
  return out;
}
