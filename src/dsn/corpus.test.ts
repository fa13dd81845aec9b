// The precision corpus (issue 14, point 4): test/fixtures/dsn/ holds realistic monthly files, each with
// the findings it must give (test/fixtures/dsn/corpus.ts). Their amounts are recomputed here from the
// published rates, written below with their sources — never from the checker's tables.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, type CorpusFile, corpusBytes } from "../../test/fixtures/dsn/corpus.ts";
import { smicMensuel } from "./data/parameters.ts";
import { generateDsn, generatedFirmContext, type PlantableError } from "./generate.ts";
import { checkDsn, type DsnReport } from "./report.ts";

const dir = resolve(import.meta.dirname, "../../test/fixtures/dsn");
const read = (c: CorpusFile) => new Uint8Array(readFileSync(resolve(dir, c.file)));
const textOf = (bytes: Uint8Array) => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
};
const sirenOf = (text: string) => /S21\.G00\.06\.001,'(\d+)'/.exec(text)?.[1] ?? "";

async function check(bytes: Uint8Array, headcount?: number): Promise<DsnReport> {
  const siren = sirenOf(textOf(bytes));
  return checkDsn(bytes, {
    ...generatedFirmContext(),
    ...(headcount !== undefined ? { headcounts: { [siren]: headcount } } : {}),
  });
}

/** Non-info findings and read errors, as "check" / "lecture.kind", sorted. */
function problems(r: DsnReport): string[] {
  return [
    ...r.errors.filter((e) => e.severity !== "info").map((e) => `lecture.${e.kind}`),
    ...r.findings.filter((f) => f.severity !== "info").map((f) => f.check),
  ].sort();
}

// ---- published rates (percent), by CTP / qualifier and first day of validity ----------------------
// CTP 100 « cas général »: 921 = vieillesse plafonnée 8,55 % employer + 6,90 % employee (Urssaf, taux
// de cotisations 2024–2026); 920 = maladie 7,00 % (taux réduit) + allocations familiales 3,45 % (taux
// réduit) + vieillesse déplafonnée employer 2,02 % (décret n° 2023-800, from 1 September 2023), 2,11 %
// from 1 January 2026 (décret n° 2025-1446) + employee 0,40 % + CSA 0,30 %; plus the AT/MP rate of the
// line. CTP 726 (apprentices): the same without the employee shares (8,55 % and 7 + 3,45 + 2,02|2,11
// + 0,30). CSG/CRDS 260: 9,20 % + 0,50 %. FNAL: 332 0,10 % capped (< 50), 236 0,50 % (≥ 50).
// Assurance chômage 772 / 423: 4,05 %, 4,00 % from 1 May 2025 (convention d'assurance chômage du
// 15 novembre 2024). AGS 937: 0,20 % from 1 January 2024 (AGS board, 27 November 2023), 0,25 % from
// 1 July 2024 (AGS, 18 June 2024). 2026 complements on every salary (net-entreprises, « Déclaration en
// 2026 des cotisations d'assurance maladie et d'allocations familiales »): 635 maladie 13 − 7 = 6,00 %,
// 430 AF 5,25 − 3,45 = 1,80 %. Réduction générale 668 and its regularisation 669 declared by their
// base with qualifier 921: 100 % of the base.
type Rate = { from: string; pct: number; at?: boolean };
const PUBLISHED: Record<string, Rate[]> = {
  "100/921": [{ from: "2024-01-01", pct: 8.55 + 6.9 }],
  "100/920": [
    { from: "2024-01-01", pct: 7 + 3.45 + 2.02 + 0.4 + 0.3, at: true },
    { from: "2026-01-01", pct: 7 + 3.45 + 2.11 + 0.4 + 0.3, at: true },
  ],
  "726/921": [{ from: "2024-01-01", pct: 8.55 }],
  "726/920": [
    { from: "2024-01-01", pct: 7 + 3.45 + 2.02 + 0.3, at: true },
    { from: "2026-01-01", pct: 7 + 3.45 + 2.11 + 0.3, at: true },
  ],
  "260/920": [{ from: "2024-01-01", pct: 9.2 + 0.5 }],
  "332/921": [{ from: "2024-01-01", pct: 0.1 }],
  "236/920": [{ from: "2024-01-01", pct: 0.5 }],
  "772/920": [
    { from: "2024-01-01", pct: 4.05 },
    { from: "2025-05-01", pct: 4 },
  ],
  "423/920": [
    { from: "2024-01-01", pct: 4.05 },
    { from: "2025-05-01", pct: 4 },
  ],
  "937/920": [
    { from: "2024-01-01", pct: 0.2 },
    { from: "2024-07-01", pct: 0.25 },
  ],
  "635/920": [{ from: "2026-01-01", pct: 13 - 7 }],
  "430/920": [{ from: "2026-01-01", pct: 5.25 - 3.45 }],
  "668/921": [{ from: "2024-01-01", pct: 100 }],
  "669/921": [{ from: "2024-01-01", pct: 100 }],
};
/** SMIC horaire: 11,65 € (décret n° 2023-1216), 11,88 € from 1 November 2024 (décret n° 2024-951), 12,02 € in 2026. */
const SMIC_HORAIRE = [
  { from: "2024-01-01", value: 11.65 },
  { from: "2024-11-01", value: 11.88 },
  { from: "2026-01-01", value: 12.02 },
];
const at = <T extends { from: string }>(rows: T[], iso: string) => rows.filter((r) => r.from <= iso).at(-1);
/** Monthly SMIC in cents: hourly × 35 × 52 / 12 (code du travail: 35 h a week, 52 weeks, 12 months). */
const smicMonth = (iso: string) => Math.round(((at(SMIC_HORAIRE, iso)?.value ?? 0) * 35 * 52 * 100) / 12);
const cents = (v: string | undefined) => Math.round(Number(v ?? "0") * 100);

interface Line {
  ctp: string;
  q: string;
  rate?: string;
  base?: string;
  amount?: string;
  line: number;
}
interface Establishment {
  period: string;
  total: number;
  lines: Line[];
  dgfip: number;
  pas: number;
  /** Individuals: uncapped base (03), apprentice flag and contract start (ISO). */
  people: { gross: number; apprentice: boolean; start: string }[];
}

/** A plain reading of the file (by line prefixes), independent of the product's reader. */
function parse(text: string): Establishment[] {
  const out: Establishment[] = [];
  let cur: Establishment | null = null;
  let line: Line | null = null;
  let person: Establishment["people"][number] | null = null;
  let org = "";
  let base = "";
  let n = 0;
  for (const raw of text.split(/\r?\n/)) {
    n++;
    const m = /^(S\d\d\.G\d\d\.\d\d\.\d{3}),'(.*)'$/.exec(raw);
    if (!m) continue;
    const [, code, value] = m as unknown as [string, string, string];
    if (code === "S20.G00.05.005") {
      cur = {
        period: `${value.slice(4)}-${value.slice(2, 4)}-01`,
        total: 0,
        lines: [],
        dgfip: 0,
        pas: 0,
        people: [],
      };
      out.push(cur);
    }
    if (!cur) continue;
    if (code === "S21.G00.20.001") org = value;
    if (code === "S21.G00.20.005" && org === "DGFIP") cur.dgfip += cents(value);
    if (code === "S21.G00.22.005") cur.total = cents(value);
    if (code === "S21.G00.23.001") {
      line = { ctp: value, q: "", line: n };
      cur.lines.push(line);
    }
    if (line && code === "S21.G00.23.002") line.q = value;
    if (line && code === "S21.G00.23.003") line.rate = value;
    if (line && code === "S21.G00.23.004") line.base = value;
    if (line && code === "S21.G00.23.005") line.amount = value;
    if (code === "S21.G00.30.001") {
      person = { gross: 0, apprentice: false, start: "" };
      cur.people.push(person);
    }
    if (person && code === "S21.G00.40.001")
      person.start = `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
    if (person && code === "S21.G00.40.008") person.apprentice = ["64", "65", "81"].includes(value);
    if (code === "S21.G00.50.009" || code === "S21.G00.56.007") cur.pas += cents(value);
    if (code === "S21.G00.78.001") base = value;
    if (person && code === "S21.G00.78.004" && base === "03") person.gross += cents(value);
  }
  return out;
}

/** A line's amount from the published rates: declared, or base × rate (+ the line's AT/MP rate). */
function amountOf(l: Line, period: string): number {
  if (l.amount !== undefined) return cents(l.amount);
  const rate = at(PUBLISHED[`${l.ctp}/${l.q}`] ?? [], period);
  if (!rate) throw new Error(`pas de taux publié pour ${l.ctp}/${l.q} en ${period}`);
  const pct = rate.pct + (rate.at ? Number(l.rate ?? "0") : 0);
  return Math.round((cents(l.base) * pct) / 100);
}

describe("precision corpus (test/fixtures/dsn)", () => {
  it("holds at least 12 files, each the generator's output for its definition", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(12);
    for (const c of CORPUS) expect(read(c), c.file).toEqual(corpusBytes(c));
  });

  it("has bordereau totals and DGFiP payments that the published rates give (the files are right)", () => {
    for (const c of CORPUS) {
      for (const e of parse(textOf(read(c)))) {
        let due = 0;
        for (const l of e.lines) due += (l.ctp === "668" ? -1 : 1) * amountOf(l, e.period);
        expect(Math.abs(e.total - due), `${c.file} : total ${e.total}, lignes ${due}`).toBeLessThanOrEqual(
          100,
        );
        expect(e.dgfip, c.file).toBe(e.pas);
      }
    }
  });

  it("splits apprentice pay at 79 % of the SMIC before March 2025 contracts, 50 % from them", () => {
    for (const c of CORPUS.filter((x) => x.options.apprentices)) {
      for (const e of parse(textOf(read(c)))) {
        const smic = smicMonth(e.period);
        let on726 = 0;
        for (const p of e.people.filter((x) => x.apprentice)) {
          const share = p.start >= "2025-03-01" ? 0.5 : 0.79;
          on726 += Math.min(p.gross, Math.round(share * smic));
        }
        const l = e.lines.find((x) => x.ctp === "726" && x.q === "920");
        expect(Math.abs(cents(l?.base) - on726), c.file).toBeLessThanOrEqual(2);
      }
    }
  });

  it.each(CORPUS.map((c) => [c.file, c] as const))("%s gives exactly its findings", async (_f, c) => {
    const r = await check(read(c), c.headcount);
    expect(problems(r)).toEqual([...c.expected].sort());
  });

  it("counts the corpus's false errors and warnings: none", async () => {
    let falseFindings = 0;
    for (const c of CORPUS) {
      const got = problems(await check(read(c), c.headcount));
      falseFindings += got.filter((g) => !c.expected.includes(g)).length;
    }
    expect(falseFindings).toBe(0);
  });
});

describe("issue 14's false errors, one by one", () => {
  const file = (name: string) => CORPUS.find((c) => c.file.startsWith(name)) as CorpusFile;

  it("CTP 668 and 669 with qualifier 921 match the individual 018s: no « aucune ligne CTP 668 »", async () => {
    for (const name of ["01-", "12-", "13-"]) {
      const r = await check(read(file(name)), file(name).headcount);
      expect(
        r.findings.filter((f) => f.check.startsWith("control.ctp")),
        name,
      ).toEqual([]);
    }
  });

  it("a réduction générale above 3 SMIC that is the annual regularisation is a warning that says so", async () => {
    const r = await check(read(file("13-")), 7);
    const f = r.findings.filter((x) => x.check.startsWith("reduction."));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: "reduction.regularisation", severity: "warning" });
    expect(f[0]?.message).toContain("150,00 €");
    expect(f[0]?.message).toContain("régularisation (calcul annuel cumulé");
  });

  it("S21.G00.62 after S21.G00.50 is read with its contract: the exits count in the headcount", async () => {
    const r = await check(read(file("03-")));
    expect(r.errors.map((e) => [e.kind, e.severity])).toEqual([["out-of-order", "warning"]]);
    expect(r.errors[0]?.message).toMatch(/Même ordre pour 2 autre\(s\) bloc\(s\) S21\.G00\.62/);
    expect(r.findings.filter((f) => f.check === "control.headcount")).toEqual([]);
  });

  it("PAS regularisations (S21.G00.56.007) are part of the DGFiP reconciliation", async () => {
    const c = file("08-");
    const text = textOf(read(c));
    expect(text).toContain("S21.G00.56.007,'37.50'");
    expect((await check(read(c))).findings.filter((f) => f.check === "control.dgfip-payment")).toEqual([]);
    // Without its regularisation in the payment, the gap is exactly the regularisation.
    const dgfip = /S21\.G00\.20\.001,'DGFIP'\nS21\.G00\.20\.005,'([\d.]+)'/.exec(text)?.[1] as string;
    const paid = (cents(dgfip) - 3750) / 100;
    const r = await check(
      new TextEncoder().encode(
        text.replace(`'DGFIP'\nS21.G00.20.005,'${dgfip}'`, `'DGFIP'\nS21.G00.20.005,'${paid.toFixed(2)}'`),
      ),
    );
    const f = r.findings.filter((x) => x.check === "control.dgfip-payment");
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toContain("(écart -37,50 €)");
  });

  it("a negative bordereau is an error only for the current pay (DSN-Val S21.G00.22.005/CCH-11)", async () => {
    const text = textOf(read(file("02-")));
    const negative = (from: string, to: string) =>
      text
        .replace(/S21\.G00\.22\.003,'\d+'/, `S21.G00.22.003,'${from}'`)
        .replace(/S21\.G00\.22\.004,'\d+'/, `S21.G00.22.004,'${to}'`)
        .replace(/S21\.G00\.22\.005,'[\d.]+'/, "S21.G00.22.005,'-150.00'");
    const past = await check(new TextEncoder().encode(negative("01012026", "31012026")));
    expect(past.findings.filter((f) => f.check === "control.bordereau-negative")).toEqual([]);
    const current = await check(new TextEncoder().encode(negative("01032026", "31032026")));
    expect(current.findings.filter((f) => f.check === "control.bordereau-negative")).toHaveLength(1);
  });

  it("the apprentice threshold follows the contract's start, not the month declared", async () => {
    // The 2024 apprentice at 75 % of the SMIC (threshold 79 %: all on 726) moved to a September 2025
    // contract: 25 % of the SMIC should then be on CTP 100, so the 726 base no longer matches.
    const text = textOf(read(file("06-")));
    const moved = text.replace("S21.G00.40.001,'01102024'", "S21.G00.40.001,'01092025'");
    expect(moved).not.toBe(text);
    const r = await check(new TextEncoder().encode(moved));
    const smic = smicMonth("2026-01-01");
    const gap = Math.round(0.75 * smic) - Math.round(0.5 * smic);
    const f = r.findings.filter((x) => x.check === "control.ctp-base" && x.message.startsWith("CTP 726/92"));
    expect(f.length).toBe(2);
    expect(f[0]?.message).toContain(`écart ${(gap / 100).toFixed(2).replace(".", ",")} €`);
  });

  it("the company size comes from the register, else from the FNAL CTP declared", async () => {
    const c = file("09-");
    expect(problems(await check(read(c)))).toEqual([]); // FNAL 236 declared: 50 and more
    expect(problems(await check(read(c), 62))).toEqual([]);
    expect(problems(await check(read(c), 12))).toEqual(["control.fnal-size"]); // the FNAL rate rules the coefficient
  });

  it("the monthly SMIC is hourly × 35 × 52 / 12", () => {
    expect(smicMensuel("2026-03-01")).toBe(1823.03); // 12,02 × 151,666…
    expect(smicMensuel("2025-06-01")).toBe(1801.8); // 11,88 × 151,666…
    expect(smicMensuel("2024-05-01")).toBe(1766.92); // 11,65 × 151,666…
    expect(Math.round((smicMensuel("2026-03-01") ?? 0) * 100)).toBe(smicMonth("2026-03-01"));
  });
});

describe("planted variants give exactly their finding", () => {
  // Every plant of the generator on a small 2026 file, and the findings it must give (hand-written).
  const PLANTS: [PlantableError, string[]][] = [
    ["emitter-client-siret", ["emitter.client-siret"]],
    ["emitter-old-siret", ["emitter.old-siret"]],
    ["emitter-bad-key", ["emitter.siren-key"]],
    ["contact-incomplete", ["emitter.contact-incomplete"]],
    ["s90-count", ["structure.s90-lines"]],
    ["missing-block", ["structure.missing-block"]],
    ["nir-duplicate", ["identifiers.nir-duplicate"]],
    // The norm's length (13) and the NIR rule (without its key) say it each their way.
    ["nir-format", ["identifiers.nir-format", "structure.rubric-format"]],
    ["bad-nic", ["identifiers.nic-key"]],
    ["ctp-amount", ["control.ctp-amount"]],
    ["bordereau-total", ["control.bordereau-total"]],
    ["urssaf-payment", ["control.urssaf-payment"]],
    ["dgfip-payment", ["control.dgfip-payment"]],
    ["payment-components", ["control.payment-components"]],
    ["ctp-base", ["control.ctp-base"]],
    ["ctp-missing", ["control.ctp-missing"]],
    ["headcount", ["control.headcount"]],
    ["capped-base", ["bases.capped-above-uncapped"]],
    ["capped-over-ceiling", ["bases.capped-over-ceiling"]],
    ["apprentice-ctp", ["bases.apprentice-ctp"]],
    ["reduction-above-ceiling", ["reduction.above-ceiling"]],
    ["reduction-amount", ["reduction.amount"]],
    ["missing-net-social", ["net-social.missing"]],
    ["type-027", ["net-social.type-027"]],
    ["rubric-format", ["structure.rubric-format"]],
    ["block-order", ["lecture.out-of-order"]],
    ["cardinality", ["structure.cardinality"]],
    ["wrapper-count", ["structure.wrapper-count"]],
    ["fnal-missing", ["control.fnal-missing"]],
    ["complement-missing", ["control.ctp-missing"]],
    ["base-only-gap", ["control.bordereau-total", "control.ctp-base"]],
  ];
  const base = { employees: 9, seed: 201, month: "2026-04" };

  it.each(PLANTS)("%s", async (plant, expected) => {
    const r = await check(generateDsn({ ...base, plant: [plant] }));
    expect(problems(r)).toEqual([...expected].sort());
  });

  it("finds every planted error of the corpus's variants (figure for the report)", async () => {
    let found = 0;
    for (const [plant, expected] of PLANTS) {
      const got = problems(await check(generateDsn({ ...base, plant: [plant] })));
      if (JSON.stringify(got) === JSON.stringify([...expected].sort())) found++;
    }
    expect(found).toBe(PLANTS.length);
  });

  it("names the amounts, computed here from the published rates", async () => {
    const clean = parse(textOf(generateDsn(base)))[0] as Establishment;
    const base03 = clean.people.reduce((s, p) => s + p.gross, 0);
    const eur = (c: number) =>
      `${(c / 100)
        .toFixed(2)
        .replace(".", ",")
        .replace(/\B(?=(\d{3})+(?!\d))/g, " ")} €`;
    // CTP 635 missing: base × 6,00 %.
    const m = (await check(generateDsn({ ...base, plant: ["complement-missing"] }))).findings[0]?.message;
    expect(m).toContain(`assiette de ${eur(base03)}`);
    expect(m).toContain(`soit ${eur(Math.round(base03 * 0.06))} au taux de 6,00 %`);
    // A CTP 772 base 1 000 € short: the bordereau's gap is 1 000 € × 4,00 % = 40 €, on that line.
    const g = (await check(generateDsn({ ...base, plant: ["base-only-gap"] }))).findings.find(
      (f) => f.check === "control.bordereau-total",
    )?.message;
    const l772 = clean.lines.find((l) => l.ctp === "772") as Line;
    expect(g).toContain(`CTP 772/920 : ${eur(Math.round(((cents(l772.base) - 100_000) * 4) / 100))}`);
    expect(g).toContain("(écart -40,00 €)");
  });
});
