import { describe, expect, it } from "vitest";
import { EMAIL_NOTIFICATIONS, invalidSirens, makeSeedData, ONLINE_SERVICES } from "./data.ts";
import { isValidNir, isValidSiren, isValidSiret, nirKey, parseFrenchAmount } from "./identifiers.ts";

describe("identifiers", () => {
  it("checks SIREN, SIRET and NIR like the facts say", () => {
    expect(isValidSiren("526018155")).toBe(true);
    expect(isValidSiret("11122233344455")).toBe(false);
    expect(isValidSiret("35600000000048")).toBe(true);
    for (const nir of ["253072B07300470", "253072A07300443", "186022A21532523"])
      expect(isValidNir(nir)).toBe(true);
    expect(isValidNir("253072C07300443")).toBe(false);
    expect(nirKey("253072A073004")).toBe(43);
    for (const s of invalidSirens) expect(isValidSiren(s)).toBe(false);
  });

  it("parses French and plain amounts", () => {
    expect(parseFrenchAmount("1 234,56")).toBe(1234.56);
    expect(parseFrenchAmount("1\u00a0234,56 €")).toBe(1234.56);
    expect(parseFrenchAmount("1234.56")).toBe(1234.56);
    expect(parseFrenchAmount("1.234,56")).toBe(1234.56);
    expect(parseFrenchAmount("12a")).toBeNull();
  });
});

describe("seed data", () => {
  const data = makeSeedData(1);

  it("is deterministic and depends on the seed", () => {
    expect(makeSeedData(1)).toEqual(data);
    expect(makeSeedData(2).portfolio[0]).not.toEqual(data.portfolio[0]);
  });

  it("has the expected shape", () => {
    expect(data.portfolio.length).toBeGreaterThanOrEqual(150);
    expect(data.directory.length).toBeGreaterThanOrEqual(40);
    const radies = data.portfolio.filter((c) => c.radie).length;
    expect(radies).toBeGreaterThanOrEqual(10);
    expect(radies).toBeLessThanOrEqual(14);
    for (const list of [data.portfolio, data.directory]) {
      expect(new Set(list.map((c) => c.kind))).toEqual(new Set(["RG", "AC", "PL", "GERANT"]));
    }
    expect(ONLINE_SERVICES).toHaveLength(9);
    expect(EMAIL_NOTIFICATIONS).toHaveLength(6);
    expect(data.credentials.motDePasse).toMatch(/^(?=.*\d)(?=.*[a-zA-Z])[a-zA-Z\d]{8}$/);
    expect(isValidSiret(data.credentials.identifiant)).toBe(true);
  });

  it("only has valid identifiers", () => {
    const all = [...data.portfolio, ...data.directory];
    for (const c of all) {
      expect(c.accountNumber).toMatch(/^\d{18}$/);
      if (c.kind === "GERANT") {
        expect(c.siren).toBeNull();
      } else {
        expect(isValidSiren(c.siren ?? "")).toBe(true);
        expect(isValidSiret(c.siret ?? "")).toBe(true);
        expect(c.siret?.startsWith(c.siren ?? "x")).toBe(true);
      }
      if (c.kind === "RG") expect(c.amountDue).toBeGreaterThan(0);
      else {
        expect(isValidNir(c.nir ?? "")).toBe(true);
        expect(c.selfEmployedNumber).toMatch(/^\d{18}$/);
      }
    }
    expect(all.some((c) => /^\d{5}2[AB]/.test(c.nir ?? ""))).toBe(true);
    const accounts = all.map((c) => c.accountNumber);
    expect(new Set(accounts).size).toBe(accounts.length);
    const sirens = data.directory.map((c) => c.siren).filter((s) => s !== null);
    expect(sirens.some((s) => data.portfolio.some((c) => c.siren === s))).toBe(false);
    for (const s of data.unknownSirens) {
      expect(isValidSiren(s)).toBe(true);
      expect(all.some((c) => c.siren === s)).toBe(false);
    }
  });

  it("seeds DSN anomalies on portfolio establishments", () => {
    const refs = new Set(data.anomalies.map((a) => a.reference));
    expect(refs.size).toBeGreaterThanOrEqual(10);
    for (const r of [
      "UR_ANO_DIMNS002",
      "UR_ANO_DEC_MNT_DA263",
      "UR_ANO_ASS_PLF_DIPA01I",
      "UR_ANO_ASS_PLF_DIPA01J",
      "UR_ANO_ASS_PLF_DIPA01K",
      "UR_ANO_ASS_DPLF_DIPA01H",
    ]) {
      expect(refs.has(r)).toBe(true);
    }
    const sirets = new Set(data.portfolio.filter((c) => c.kind === "RG").map((c) => c.siret));
    for (const a of data.anomalies) {
      expect(sirets.has(a.siret)).toBe(true);
      if (a.individu) expect(a.individu.nir13).toHaveLength(13);
    }
    expect(new Set(data.anomalies.map((a) => a.siret)).size).toBeGreaterThanOrEqual(3);
  });
});
