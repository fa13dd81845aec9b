import { describe, expect, it } from "vitest";
import { siren } from "../../../test/support/ids.ts";
import type { ClientRow } from "../../register/model/register-model.ts";
import { advance, createReadJob, type Observation, type RowSeen } from "./jobs.ts";
import { comparePortfolio, snapshotRows } from "./portfolio.ts";

const now = new Date("2026-11-25T10:00:00Z");
const S = Array.from({ length: 6 }, (_, i) => siren(`7328293${i}`));
const row = (regime: string, s: string | null, compte: string | null = null): RowSeen => ({
  regime,
  siren: s,
  numeroCompte: compte,
});
const client = (over: Partial<ClientRow> & Pick<ClientRow, "kind">): ClientRow => ({
  id: `${over.kind}:${over.siren ?? over.numeroCompte}`,
  raisonSociale: "Client",
  siren: null,
  siret: null,
  numeroCompte: null,
  collaborateurId: null,
  tags: [],
  statut: "inscrit",
  modifieLe: now.toISOString(),
  depuis: now.toISOString(),
  ...over,
});

describe("comparePortfolio", () => {
  const accounts = [
    row("Régime Général", S[0] as string),
    row("Artisan Commerçant", S[1] as string),
    row("Régime Général", S[2] as string),
    row("gérant majoritaire non sirétisé", null, "117000000000000001"),
    row("Profession Libérale", S[4] as string),
  ];
  const clients = [
    client({ kind: "employeur", siren: S[0] as string }),
    client({ kind: "employeur", siren: S[1] as string, raisonSociale: "Même SIREN, employeur" }),
    client({ kind: "gerant-non-siretise", numeroCompte: "117000000000000001" }),
    client({ kind: "profession-liberale", siren: S[4] as string, statut: "a-resilier" }),
    client({ kind: "employeur", siren: S[5] as string, raisonSociale: "Nouveau" }),
    client({ kind: "employeur", siren: S[3] as string, statut: "resilie" }),
  ];
  const diff = comparePortfolio(accounts, clients);

  it("matches accounts to clients by the list's wording of their kind and their SIREN (or account number)", () => {
    expect(diff.matched).toBe(2);
  });
  it("lists the register's clients missing from the portfolio, not the resigned ones", () => {
    expect(diff.toRegister.map((c) => c.raisonSociale)).toEqual(["Nouveau"]);
  });
  it("lists the accounts to resign, with the reason", () => {
    expect(diff.toResign.map((r) => [r.account.siren, r.reason])).toEqual([
      [S[2], "absent du registre"],
      [S[4], "marqué « à résilier » dans le registre"],
    ]);
  });
  it("reports a SIREN whose account kind differs from the register's", () => {
    expect(diff.mismatches.map((m) => [m.account.regime, m.client.raisonSociale])).toEqual([
      ["Artisan Commerçant", "Même SIREN, employeur"],
    ]);
  });
  it("exports the snapshot with its date", () => {
    expect(snapshotRows({ readAt: now.toISOString(), pages: 1, accounts: accounts.slice(0, 1) })).toEqual([
      ["Compte", "SIREN", "N° de compte", "Lu le"],
      ["Régime Général", S[0], "", "2026-11-25"],
    ]);
  });
});

describe("reading the portfolio (job in read mode)", () => {
  const list = (url: string, rows: RowSeen[], hasNext: boolean, search = ""): Observation => ({
    page: "etablissements",
    url,
    rows,
    searchSiret: search,
    searchCompte: "",
    message: null,
    notice: null,
    hasNext,
  });
  const base = "https://mon.urssaf.fr/etablissements";

  it("walks the pages with « Suivant », collects every account once, and ends with the last page", () => {
    let job = createReadJob("r", now, 100);
    let step = advance(job, list(`${base}?page=1`, [row("Régime Général", S[0] as string)], true), now);
    expect(step.command).toEqual({ type: "next-page", delayMs: 100 });
    job = step.job;
    // A reload of page 1 adds nothing twice.
    step = advance(job, list(`${base}?page=1`, [row("Régime Général", S[0] as string)], true), now);
    job = step.job;
    step = advance(job, list(`${base}?page=2`, [row("Régime Général", S[1] as string)], false), now);
    expect(step.job.status).toBe("done");
    expect(step.job.read?.accounts).toHaveLength(2);
    expect(step.job.read?.pages).toEqual([`${base}?page=1`, `${base}?page=2`]);
    expect(step.job.listUrl).toBe(base);
  });

  it("leaves a search result for the whole list, and waits for the login when the session expired", () => {
    const job = createReadJob("r", now, 100);
    const searched = advance(job, list(`${base}?siret=1`, [], false, "526018155"), now);
    expect(searched.command).toEqual({ type: "goto-list", url: base, delayMs: 100 });
    expect(advance(job, { page: "connexion" }, now).job.status).toBe("waiting-login");
  });

  it("retries technical errors with back-off, then stops", () => {
    let job = createReadJob("r", now, 100);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = advance(job, { page: "erreur", message: "Erreur technique" }, now);
      delays.push(s.command?.delayMs ?? -1);
      job = s.job;
    }
    expect(delays).toEqual([200, 400, 800]);
    expect(advance(job, { page: "erreur", message: "Erreur technique" }, now).job.status).toBe("stopped");
  });
});
