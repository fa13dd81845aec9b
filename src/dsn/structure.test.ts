// The norm's structure beyond the block tree: rubric types and lengths, sibling block order, and the
// counters of a platform wrapper (S05/S06/S96/S95).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDsn, generatedFirmContext } from "./generate.ts";
import { DsnReader, feed } from "./read.ts";
import { checkDsn } from "./report.ts";

const sampleText = readFileSync(
  resolve(import.meta.dirname, "../../test/fixtures/dsn/open-neodes_sample_dsn_P25V01.dsn"),
  "latin1",
);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function invalids(bytes: Uint8Array): Promise<[number, string][]> {
  const out: [number, string][] = [];
  const reader = new DsnReader({
    rubric: () => undefined,
    invalid: (e, message) => out.push([e.line, message]),
    error: () => undefined,
  });
  await feed(reader, bytes);
  return out;
}

describe("rubric values against the norm's type and length (P26V01)", () => {
  // [rubric, value, accepted, reason in the message]
  const table: [string, string, boolean, RegExp | null][] = [
    ["S20.G00.05.005", "01032026", true, null],
    // Calendar dates only (issue 15, B3): no 31 February, 29 February in leap years only.
    ["S20.G00.05.005", "31022026", false, /pas une date JJMMAAAA du calendrier/],
    ["S20.G00.05.005", "29022025", false, /pas une date JJMMAAAA du calendrier/],
    ["S20.G00.05.005", "29022024", true, null],
    ["S20.G00.05.005", "31042026", false, /pas une date JJMMAAAA du calendrier/],
    ["S20.G00.05.005", "2026-03-01", false, /a 10 caractères, la norme en admet 8/],
    ["S20.G00.05.005", "0103206", false, /pas une date JJMMAAAA/],
    ["S20.G00.05.005", "32032026", false, /pas une date JJMMAAAA/],
    ["S20.G00.05.005", "01132026", false, /pas une date JJMMAAAA/],
    ["S20.G00.05.005", "0I032026", false, /pas une date JJMMAAAA/],
    // A number that is not an amount (S90.G00.90.001, a count): digits, sign, decimal point.
    ["S90.G00.90.001", "1234.56", true, null],
    ["S90.G00.90.001", "-12.00", true, null],
    ["S90.G00.90.001", "0", true, null],
    ["S90.G00.90.001", "1234,56", false, /pas un nombre/],
    ["S90.G00.90.001", "12.3.4", false, /pas un nombre/],
    ["S90.G00.90.001", "12.", false, /pas un nombre/],
    ["S90.G00.90.001", ".5", false, /pas un nombre/],
    ["S90.G00.90.001", "-", false, /pas un nombre/],
    ["S90.G00.90.001", "1 234.56", false, /pas un nombre/],
    // An amount (type Montant_… of the norm): -?digits.dd, two decimals mandatory (issue 15, B3).
    ["S21.G00.20.005", "1234.56", true, null],
    ["S21.G00.20.005", "-12.00", true, null],
    ["S21.G00.20.005", "0.00", true, null],
    ["S21.G00.20.005", "0", false, /pas un montant de la norme/],
    ["S21.G00.20.005", "12.5", false, /pas un montant de la norme/],
    ["S21.G00.20.005", "1234,56", false, /pas un montant de la norme/],
    ["S21.G00.20.005", "-", false, /pas un montant de la norme/],
    ["S21.G00.20.005", "1234567890123456789", false, /19 caractères, la norme en admet 18/],
    ["S21.G00.20.005", `${"9".repeat(400)}.00`, false, /403 caractères, la norme en admet 18/],
    ["S10.G00.01.001", "123456789", true, null],
    ["S10.G00.01.001", "1234567890", false, /10 caractères, la norme en admet 9/],
    ["S10.G00.01.003", "CABINET À PARIS", true, null],
  ];
  it.each(table)("%s = '%s' → accepted %s", async (code, value, ok, reason) => {
    const line = `${code},'${value}'`;
    // Twice: the first occurrence of a code takes the slow path, the next ones the hot path; in
    // Latin-1 (lines recognised on the bytes) and in UTF-8 (on the text).
    const text = `S10.G00.00.001,'É'\n${line}\n${line}\n`;
    for (const bytes of [latin1(text), utf8(text)]) {
      const found = await invalids(bytes);
      if (ok) expect(found).toEqual([]);
      else {
        expect(found.map(([l]) => l)).toEqual([2, 3]);
        expect(found[0]?.[1]).toMatch(reason as RegExp);
        expect(found[0]?.[1]).toMatch(new RegExp(`^Ligne 2 \\(${code.replaceAll(".", "\\.")}\\) : `));
      }
    }
  });

  it("turns them into structure.rubric-format errors of the report, the value still read", async () => {
    const text = new TextDecoder("latin1")
      .decode(generateDsn({ employees: 3, seed: 4 }))
      .replace(/^S21\.G00\.20\.006,'(\d+)'/m, "S21.G00.20.006,'2026-03-01'");
    const r = await checkDsn(latin1(text), generatedFirmContext());
    const f = r.findings.filter((x) => x.check === "structure.rubric-format");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", rubric: "S21.G00.20.006" });
    expect(f[0]?.line).toBe(text.split("\n").findIndex((l) => l.startsWith("S21.G00.20.006")) + 1);
  });
});

describe("sibling blocks in the norm's order", () => {
  it("says which block comes too early, after which one, and where", async () => {
    const bytes = generateDsn({ employees: 4, seed: 6, plant: ["block-order"] });
    const lines = new TextDecoder("latin1").decode(bytes).split("\n");
    const r = await checkDsn(bytes, generatedFirmContext());
    const errors = r.errors.filter((e) => e.kind === "out-of-order");
    expect(errors).toHaveLength(1);
    const line58 = lines.findIndex((l) => l.startsWith("S21.G00.58.001")) + 1;
    const line51 = lines.findIndex((l) => l.startsWith("S21.G00.51.001")) + 1;
    const line50 = lines.findIndex((l) => l.startsWith("S21.G00.50.001")) + 1;
    expect(line58).toBeLessThan(line51);
    // A warning since issue 14: the block is read under the right parent, nothing is lost.
    expect(errors[0]).toMatchObject({ line: line51, rubric: "S21.G00.51.001", severity: "warning" });
    expect(errors[0]?.message).toBe(
      `Ligne ${line51} : le bloc S21.G00.51 (Rémunération) vient après le bloc S21.G00.58 (Elément de revenu calculé en net) ouvert ligne ${line58}, alors que la norme le place avant (ordre des blocs dans S21.G00.50 (Versement individu), ligne ${line50}). Il est lu et contrôlé à sa place. Les blocs suivent l'arborescence de la norme, pas leurs numéros : corrigez l'ordre dans le logiciel de paie.`,
    );
  });

  it("accepts repeated blocks and the public sample's order", async () => {
    const r = await checkDsn(latin1(sampleText), { firmSiret: null, oldSirets: [] });
    expect(r.errors.filter((e) => e.kind === "out-of-order")).toEqual([]);
  });
});

describe("platform wrapper counters (S96.002 per sub-lot, S95.001/.002 for the lot)", () => {
  const check = async (text: string) =>
    (await checkDsn(latin1(text), { firmSiret: null, oldSirets: [] })).findings.filter((f) =>
      f.check.startsWith("structure.wrapper"),
    );

  it("finds nothing on the public sample (3 sends in DSNOK, 0 in the other sub-lots)", async () => {
    expect(await check(sampleText)).toEqual([]);
  });

  it("reports a wrong count or lot id with the line", async () => {
    const lines = sampleText.split(/\r?\n/);
    const at = (code: string, from = 0) => lines.findIndex((l, i) => i >= from && l.startsWith(code));
    const s96 = at("S96.G51.00.002");
    const set = (i: number, value: string) =>
      lines.map((l, j) => (j === i ? l.replace(/'.*'/, `'${value}'`) : l)).join("\n");
    const sub = await check(set(s96, "2"));
    expect(sub).toHaveLength(1);
    expect(sub[0]).toMatchObject({
      check: "structure.wrapper-count",
      line: s96 + 1,
      rubric: "S96.G51.00.002",
    });
    expect(sub[0]?.message).toMatch(
      /annonce « 2 » envoi\(s\) dans le sous-lot « DSNOK », le fichier en contient 3/,
    );
    const empty = await check(set(at("S96.G51.00.002", s96 + 1), "1"));
    expect(empty.map((f) => f.message)).toEqual([expect.stringMatching(/sous-lot « FP-KO ».*en contient 0/)]);
    const lot = await check(set(at("S95.G51.00.002"), "4"));
    expect(lot.map((f) => [f.rubric, f.line])).toEqual([["S95.G51.00.002", at("S95.G51.00.002") + 1]]);
    const id = await check(set(at("S95.G51.00.001"), "111111"));
    expect(id[0]?.message).toMatch(/numéro « 111111 », le lot ouvert ligne 1 \(S05\) le numéro « 769608 »/);
  });

  it("reports a lot cut before its S95 end line", async () => {
    const lines = sampleText.split(/\r?\n/);
    const cut = lines
      .slice(
        0,
        lines.findIndex((l) => l.startsWith("S96.")),
      )
      .join("\n");
    const f = await check(cut);
    expect(f.map((x) => x.check)).toEqual(["structure.wrapper-truncated"]);
    expect(f[0]?.message).toMatch(
      /ouvert ligne 1 \(S05\) n'a pas sa ligne de fin S95 : le fichier est tronqué après la ligne 430/,
    );
  });
});
