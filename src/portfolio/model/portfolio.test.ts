import { describe, expect, it } from "vitest";
import { siren } from "../../../test/support/ids.ts";
import type { ClientRow } from "../../register/model/register-model.ts";
import { advance, createReadJob, type Observation, onTimeout, type RowSeen } from "./jobs.ts";
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
  const list = (
    url: string,
    rows: RowSeen[],
    hasNext: boolean,
    search = "",
  ): Extract<Observation, { page: "etablissements" }> => ({
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

  const R = (i: number) => row("Régime Général", S[i] as string);

  it("a page that stays incomplete is not read: this page again with back-off, then the read stops", () => {
    let job = createReadJob("r", now, 100);
    job = advance(job, list(`${base}?page=1`, [R(0)], true), now).job;
    const partial: Observation = {
      ...list(`${base}?page=2`, [], true),
      incomplete: "aucune ligne et aucun message « Aucun compte »",
    };
    const steps = [];
    for (let i = 0; i < 4; i++) {
      const s = advance(job, partial, now);
      steps.push(s);
      job = s.job;
    }
    expect(steps.slice(0, 3).map((s) => s.command)).toEqual([
      { type: "goto-list", url: `${base}?page=2`, delayMs: 200 },
      { type: "goto-list", url: `${base}?page=2`, delayMs: 400 },
      { type: "goto-list", url: `${base}?page=2`, delayMs: 800 },
    ]);
    const end = steps[3];
    expect(end?.job.status).toBe("stopped");
    expect(end?.job.reason).toBe(
      "La liste des comptes ne s'affiche pas entièrement (aucune ligne et aucun message « Aucun compte »), 4 fois de suite : la lecture est arrêtée.",
    );
    expect(end?.job.read?.pages).toEqual([`${base}?page=1`]);
    expect(end?.job.read?.accounts).toEqual([R(0)]);
  });

  it("an incomplete page that becomes whole is read; never « done » on an incomplete last page", () => {
    let job = createReadJob("r", now, 100);
    const partial = { ...list(`${base}?page=1`, [R(0)], false), incomplete: "chargement en cours" };
    let s = advance(job, partial, now);
    expect(s.job.status).toBe("running");
    expect(s.job.read?.accounts).toEqual([]);
    job = s.job;
    s = advance(job, list(`${base}?page=1`, [R(0), R(1)], false), now);
    expect(s.job.status).toBe("done");
    expect(s.job.read?.accounts).toEqual([R(0), R(1)]);
  });

  it("in-place paging: waits while the previous rows are shown, reads the next page once they changed", () => {
    let job = createReadJob("r", now, 100);
    job = advance(job, list(`${base}?page=1`, [R(0), R(1)], true), now).job;
    // « Suivant » pushed ?page=2 but the rows of page 1 are still there: nothing read, no command.
    const stale = advance(job, list(`${base}?page=2`, [R(0), R(1)], true), now);
    expect(stale).toEqual({ job, command: null, finished: [] });
    const read = advance(job, list(`${base}?page=2`, [R(2), R(3)], true), now);
    expect(read.command).toEqual({ type: "next-page", delayMs: 100 });
    expect(read.job.read?.accounts).toEqual([R(0), R(1), R(2), R(3)]);
    expect(read.job.read?.pages).toEqual([`${base}?page=1`, `${base}?page=2`]);
  });

  it("in-place paging: the same page number with other rows is still the previous page", () => {
    const at = (page: number, rows: RowSeen[], hasNext: boolean): Observation => ({
      ...list(`${base}?page=1`, rows, hasNext),
      pageNumber: page,
    });
    let job = createReadJob("r", now, 100);
    job = advance(job, at(1, [R(0)], true), now).job;
    const half = advance(job, at(1, [R(1)], true), now);
    expect(half.command).toBeNull();
    expect(half.job.read?.accounts).toEqual([R(0)]);
    const next = advance(job, at(2, [R(1)], false), now);
    expect(next.job.status).toBe("done");
    expect(next.job.read?.accounts).toEqual([R(0), R(1)]);
  });

  it("a reload after a timeout does not wait for a page change", () => {
    let job = createReadJob("r", now, 100, base);
    job = advance(job, list(`${base}?page=1`, [R(0)], true), now).job;
    job = onTimeout(job, now).job;
    const again = advance(job, list(`${base}?page=1`, [R(0)], true), now);
    expect(again.command).toEqual({ type: "next-page", delayMs: 100 });
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
