import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { nir, siren, siret } from "../../../test/support/ids.ts";
import {
  type Client,
  ClientSchema,
  changeStatus,
  clientKey,
  createClient,
  DEFAULT_SETTINGS,
  dsnDueDay,
  editClient,
  FirmSettingsSchema,
  mergeClients,
  queryClients,
  RegisterError,
} from "./register.ts";

const now = new Date("2026-11-25T10:00:00Z");
const later = new Date("2026-11-26T09:30:00Z");
const S1 = siren("52601815");
const S2 = siren("73282932");

const employer = (over: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ kind: "employeur", siren: S1, raisonSociale: "SARL Boulangerie Martin", ...over }, now);

function issues(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZodError) return Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message]));
    throw e;
  }
  throw new Error("expected a ZodError");
}

describe("createClient", () => {
  it("normalises identifiers and starts the history", () => {
    const c = employer({
      siren: `${S1.slice(0, 3)} ${S1.slice(3, 6)} ${S1.slice(6)}`,
      tags: [" paie ", "paie", "BTP"],
    });
    expect(c).toMatchObject({
      id: `employeur:${S1}`,
      siren: S1,
      statut: "a-inscrire",
      tags: ["BTP", "paie"],
    });
    expect(c.historique).toEqual([{ statut: "a-inscrire", le: now.toISOString() }]);
  });

  it("keys a client given by SIRET on its SIREN, and a gérant on its account number", () => {
    expect(employer({ siren: null, siret: siret(S1) }).id).toBe(`employeur:${S1}`);
    const g = createClient(
      {
        kind: "gerant-non-siretise",
        numeroCompte: "117 000 001 234 567 890",
        raisonSociale: "M. Durand",
        nir: nir("1750575123456"),
      },
      now,
    );
    expect(g.id).toBe("gerant-non-siretise:117000001234567890");
  });

  it("says in French what is wrong, field by field", () => {
    expect(issues(() => employer({ siren: "526018156" }))).toMatchObject({
      siren: expect.stringMatching(/clé/),
    });
    expect(issues(() => employer({ siren: null }))).toMatchObject({
      siren: "Renseignez le SIREN ou le SIRET du client.",
    });
    expect(issues(() => employer({ raisonSociale: "  " }))).toMatchObject({
      raisonSociale: "La raison sociale est obligatoire.",
    });
    expect(issues(() => employer({ siret: siret(S2) }))).toMatchObject({
      siret: expect.stringMatching(/ne commence pas par le SIREN/),
    });
    expect(issues(() => employer({ nir: nir("1750575123456") }))).toMatchObject({
      nir: expect.stringMatching(/travailleur indépendant/),
    });
    expect(
      issues(() => createClient({ kind: "gerant-non-siretise", raisonSociale: "X" }, now)),
    ).toMatchObject({
      numeroCompte: expect.stringMatching(/numéro de compte/),
    });
  });
});

describe("dsnDueDay", () => {
  it.each([
    [null, false, 15],
    [49, false, 15],
    [50, false, 5],
    [50, true, 15],
    [320, false, 5],
  ])("effectif %s, paie décalée %s → le %s", (effectif, paieDecalee, day) => {
    expect(dsnDueDay({ kind: "employeur", effectif, paieDecalee })).toBe(day);
  });
  it("has no DSN day for the self-employed", () => {
    expect(dsnDueDay({ kind: "profession-liberale", effectif: 100, paieDecalee: false })).toBeNull();
  });
});

describe("status and edits", () => {
  it("keeps the history of statuses, with notes, and ignores a no-op", () => {
    const c = changeStatus(changeStatus(employer(), "inscrit", now), "a-resilier", later, "client parti");
    expect(c.historique.map((h) => h.statut)).toEqual(["a-inscrire", "inscrit", "a-resilier"]);
    expect(c.historique.at(-1)).toEqual({
      statut: "a-resilier",
      le: later.toISOString(),
      note: "client parti",
    });
    expect(changeStatus(c, "a-resilier", later)).toBe(c);
  });

  it("edits fields but refuses to change the identity", () => {
    const c = employer();
    expect(editClient(c, { raisonSociale: "SAS Martin", effectif: 60 }, later)).toMatchObject({
      raisonSociale: "SAS Martin",
      effectif: 60,
      modifieLe: later.toISOString(),
    });
    expect(() => editClient(c, { siren: S2 }, later)).toThrow(RegisterError);
  });
});

describe("mergeClients (import is idempotent)", () => {
  it("adds new keys, updates changed ones, keeps status and history, and counts identical ones", () => {
    const a = changeStatus(employer(), "inscrit", now);
    const existing = new Map<string, Client>([[a.id, a]]);
    const b = createClient(
      { kind: "profession-liberale", siren: S2, raisonSociale: "Dr Petit", nir: nir("2850675123456") },
      later,
    );
    const renamed = employer({ raisonSociale: "SARL Boulangerie Martin & Fils" });
    const first = mergeClients(existing, [renamed, b, b], later);
    expect(first.added.map((c) => c.id)).toEqual([b.id]);
    expect(first.updated).toHaveLength(1);
    expect(first.updated[0]).toMatchObject({
      raisonSociale: "SARL Boulangerie Martin & Fils",
      statut: "inscrit",
      historique: a.historique,
    });
    const after = new Map(existing);
    for (const c of [...first.added, ...first.updated]) after.set(c.id, c);
    const again = mergeClients(after, [renamed, b], later);
    expect(again).toEqual({ added: [], updated: [], unchanged: 2 });
  });
});

describe("queryClients", () => {
  const clients = [
    employer({ raisonSociale: "Élan Menuiserie", tags: ["BTP"] }),
    changeStatus(
      createClient(
        { kind: "employeur", siren: S2, raisonSociale: "Atelier Zéphyr", collaborateurId: "c1" },
        now,
      ),
      "inscrit",
      now,
    ),
    createClient(
      {
        kind: "artisan-commercant",
        siren: siren("11122233"),
        raisonSociale: "Bar du Port",
        nir: nir("1690133123456"),
      },
      now,
    ),
  ];
  it("searches without accents or case, and by number", () => {
    expect(queryClients(clients, { text: "elan" }).map((c) => c.raisonSociale)).toEqual(["Élan Menuiserie"]);
    expect(queryClients(clients, { text: S2.slice(0, 5) }).map((c) => c.raisonSociale)).toEqual([
      "Atelier Zéphyr",
    ]);
    expect(queryClients(clients, { text: "btp" })).toHaveLength(1);
  });
  it("filters by status, collaborator and tag, and sorts in French order", () => {
    expect(queryClients(clients, {}).map((c) => c.raisonSociale)).toEqual([
      "Atelier Zéphyr",
      "Bar du Port",
      "Élan Menuiserie",
    ]);
    expect(queryClients(clients, { sort: { by: "raisonSociale", dir: "desc" } })[0]?.raisonSociale).toBe(
      "Élan Menuiserie",
    );
    expect(queryClients(clients, { statuts: ["inscrit"] })).toHaveLength(1);
    expect(queryClients(clients, { collaborateurId: "c1" })).toHaveLength(1);
    expect(queryClients(clients, { collaborateurId: null })).toHaveLength(2);
    expect(queryClients(clients, { tag: "BTP" })).toHaveLength(1);
  });
});

describe("settings", () => {
  it("validates the active and old SIRETs and the DSN contact", () => {
    expect(FirmSettingsSchema.parse({ ...DEFAULT_SETTINGS, siretActif: siret(S1) }).siretActif).toBe(
      siret(S1),
    );
    expect(
      FirmSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, anciensSirets: ["11122233344455"] }).success,
    ).toBe(false);
    expect(
      FirmSettingsSchema.safeParse({
        ...DEFAULT_SETTINGS,
        contactDsn: { ...DEFAULT_SETTINGS.contactDsn, email: "pas-un-mail" },
      }).success,
    ).toBe(false);
  });
  it("a stored client parses back to itself", () => {
    const c = employer();
    expect(ClientSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(clientKey(c)).toBe(c.id);
  });
});
