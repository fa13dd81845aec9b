// The portfolio as read on the Urssaf list, and its comparison with the firm's register: clients to
// register, accounts to resign, mismatches. Pure.

import { stripAccents } from "../../core/text.ts";
import type { ClientKind, ClientRow } from "../../register/model/register-model.ts";
import type { RowSeen } from "./jobs.ts";

export interface PortfolioSnapshot {
  readAt: string;
  accounts: RowSeen[];
  pages: number;
}

/** The list's wording of each kind of client (seed 001: "Comptes Régime Général du SIREN …"). */
export const REGIME_OF_KIND: Record<ClientKind, string | null> = {
  employeur: "Régime Général",
  "artisan-commercant": "Artisan Commerçant",
  "profession-liberale": "Profession Libérale",
  "gerant-non-siretise": null,
};

const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "");
const fold = (s: string) => stripAccents(s).toLowerCase();

export interface Mismatch {
  account: RowSeen;
  client: ClientRow;
  reason: string;
}

export interface PortfolioDiff {
  /** In the register (not resigned), not on the Urssaf list. */
  toRegister: ClientRow[];
  /** On the Urssaf list, and either not in the register or marked to resign / resigned there. */
  toResign: { account: RowSeen; client: ClientRow | null; reason: string }[];
  /** Same SIREN on both sides, but the register's kind is not the account's. */
  mismatches: Mismatch[];
  matched: number;
}

function clientKeyOnList(c: ClientRow): string | null {
  const regime = REGIME_OF_KIND[c.kind];
  if (regime === null) return c.numeroCompte ? `compte|${digits(c.numeroCompte)}` : null;
  const siren = c.siren ?? c.siret?.slice(0, 9) ?? null;
  return siren ? `${fold(regime)}|${siren}` : null;
}

function accountKeyOnList(a: RowSeen): string {
  return a.siren ? `${fold(a.regime)}|${a.siren}` : `compte|${digits(a.numeroCompte)}`;
}

export function comparePortfolio(accounts: readonly RowSeen[], clients: readonly ClientRow[]): PortfolioDiff {
  const byKey = new Map<string, ClientRow>();
  const bySiren = new Map<string, ClientRow[]>();
  for (const c of clients) {
    const key = clientKeyOnList(c);
    if (key) byKey.set(key, c);
    const siren = c.siren ?? c.siret?.slice(0, 9);
    if (siren) bySiren.set(siren, [...(bySiren.get(siren) ?? []), c]);
  }
  const seen = new Set<string>();
  const toResign: PortfolioDiff["toResign"] = [];
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const account of accounts) {
    const key = accountKeyOnList(account);
    seen.add(key);
    const client = byKey.get(key);
    if (client) {
      if (client.statut === "a-resilier" || client.statut === "resilie") {
        toResign.push({
          account,
          client,
          reason:
            client.statut === "resilie"
              ? "résilié dans le registre"
              : "marqué « à résilier » dans le registre",
        });
      } else matched++;
      continue;
    }
    const sameSiren = account.siren ? (bySiren.get(account.siren) ?? []) : [];
    if (sameSiren.length > 0 && sameSiren[0]) {
      mismatches.push({
        account,
        client: sameSiren[0],
        reason: `l'Urssaf a un compte « ${account.regime} », le registre un autre type de client`,
      });
      continue;
    }
    toResign.push({ account, client: null, reason: "absent du registre" });
  }
  const toRegister = clients.filter((c) => {
    if (c.statut === "a-resilier" || c.statut === "resilie") return false;
    const key = clientKeyOnList(c);
    return key !== null && !seen.has(key) && !mismatches.some((m) => m.client.id === c.id);
  });
  return { toRegister, toResign, mismatches, matched };
}

/** The snapshot as CSV rows (header first). */
export function snapshotRows(s: PortfolioSnapshot): string[][] {
  return [
    ["Compte", "SIREN", "N° de compte", "Lu le"],
    ...s.accounts.map((a) => [a.regime, a.siren ?? "", a.numeroCompte ?? "", s.readAt.slice(0, 10)]),
  ];
}
