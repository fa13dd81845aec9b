import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_000, SHARED_PARENT } from "../../../test/support/team-sources.ts";
import {
  ctpRows,
  NORM_DIR,
  p24DataTypeValues,
  p24FieldDataType,
  p26Field,
} from "../../anomalies/data/norm-tables.testkit.ts";
import {
  BASE_CODES,
  BASE_QUALIFIERS,
  CONTRACT_NATURES,
  type CodeLabel,
  CTP_CODES,
  contractNatureTable,
  DECLARATION_NATURES,
  DECLARATION_TYPES,
  INDIVIDUAL_CONTRIBUTION_CODES,
  NET_INCOME_TYPES,
  REMUNERATION_TYPE_027,
  SEED_DIMNS002_NATURE_LABELS,
  SEED_FIXED_TERM_NATURES,
  WORKING_TIME_MODES,
} from "./codes.ts";

if (!NORM_DIR)
  console.warn("Tables de la norme DSN introuvables : tests de conformité ignorés (DSN_NORM_DIR)");

function expectP26Values(rubric: string, values: readonly CodeLabel[]): void {
  const options = p26Field(rubric)?.options;
  expect(options, rubric).toBeDefined();
  for (const v of values) expect(options?.get(v.code), `${rubric} ${v.code}`).toBe(v.label);
}

describe.skipIf(!NORM_DIR)("code tables match the official norm tables", () => {
  it("contract natures are the complete P26V01 list, in order", () => {
    const options = p26Field("S21.G00.40.007")?.options;
    expect(CONTRACT_NATURES.map((n) => [n.code, n.label])).toEqual([...(options ?? new Map()).entries()]);
  });

  it.each([
    ["S21.G00.78.001", BASE_CODES],
    ["S21.G00.58.003", NET_INCOME_TYPES],
    ["S21.G00.23.002", BASE_QUALIFIERS],
    ["S20.G00.05.002", DECLARATION_TYPES],
    ["S20.G00.05.001", DECLARATION_NATURES],
    ["S21.G00.40.014", WORKING_TIME_MODES],
    ["S21.G00.81.001", INDIVIDUAL_CONTRIBUTION_CODES],
  ] as const)("%s values carry their P26V01 labels", (rubric, values) => {
    expectP26Values(rubric, values);
  });

  it("027 « Montant net social » of S21.G00.51.011 is a P24V01 value withdrawn in P26V01", () => {
    const type = p24FieldDataType("S21.G00.51.011") ?? "";
    expect(p24DataTypeValues(type).get("027")).toBe(REMUNERATION_TYPE_027.label);
    expect(p26Field("S21.G00.51.011")?.options.has("027")).toBe(false);
  });

  it("CTP codes carry the label, short label and rates of the Urssaf CTP table", () => {
    const rows = ctpRows();
    for (const ctp of CTP_CODES) {
      const row = rows.find((r) => r.code === ctp.code && r.since === ctp.since);
      expect(row, ctp.code).toBeDefined();
      expect(row?.label).toBe(ctp.label);
      expect(row?.shortLabel).toBe(ctp.shortLabel);
      expect(row?.cappedRate === "" ? null : Number(row?.cappedRate)).toBe(ctp.cappedRate);
      expect(row?.uncappedRate === "" ? null : Number(row?.uncappedRate)).toBe(ctp.uncappedRate);
      // The most recent row of the code is the one kept.
      const newer = rows.filter(
        (r) =>
          r.code === ctp.code &&
          r.since.split("/").reverse().join("") > ctp.since.split("/").reverse().join(""),
      );
      expect(newer, ctp.code).toEqual([]);
    }
  });
});

describe("seed's fixed-term natures (UR_ANO_DIMNS002 question)", () => {
  const seedPath = resolve(SHARED_PARENT ?? "/nonexistent", SEED_000);

  it("are the ten natures of the seed, all present in the norm list and flagged", () => {
    expect([...SEED_FIXED_TERM_NATURES]).toEqual([
      "02",
      "03",
      "10",
      "29",
      "51",
      "53",
      "60",
      "70",
      "90",
      "92",
    ]);
    const table = contractNatureTable();
    expect(table.filter((n) => n.fixedTermInSeed).map((n) => n.code)).toEqual([...SEED_FIXED_TERM_NATURES]);
    expect(table.find((n) => n.code === "01")?.fixedTermInSeed).toBe(false);
  });

  it.skipIf(!SHARED_PARENT)("are listed with these labels in the seed", () => {
    const seed = readFileSync(seedPath, "utf8");
    for (const code of SEED_FIXED_TERM_NATURES)
      expect(seed, code).toContain(`${code} (${SEED_DIMNS002_NATURE_LABELS[code]})`);
  });
});
