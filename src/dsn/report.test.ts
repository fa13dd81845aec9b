import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDsn, generatedFirmContext, PLANTABLE_ERRORS, type PlantableError } from "./generate.ts";
import { checkDsn } from "./report.ts";

const sample = new Uint8Array(
  readFileSync(resolve(import.meta.dirname, "../../test/fixtures/dsn/open-neodes_sample_dsn_P25V01.dsn")),
);
const enc = (s: string) => new TextEncoder().encode(s);

describe("checkDsn on the public sample (three sends in a platform wrapper)", () => {
  it("parses the three sends with their S90 counts right and reports the emitter SIREN as invalid", async () => {
    const r = await checkDsn(sample, { firmSiret: null, oldSirets: [] });
    expect(r.sends.map((s) => [s.startLine, s.endLine, s.norm])).toEqual([
      [8, 168, "P25V01"],
      [169, 323, "P25V01"],
      [324, 430, "P25V01"],
    ]);
    expect(r.declarations).toHaveLength(3);
    expect(
      r.declarations.every((d) => d.nature === "07" && d.individuals === 1 && d.siren === "987654321"),
    ).toBe(true);
    expect(r.findings.filter((f) => f.check.startsWith("structure."))).toEqual([]);
    expect(r.errors.filter((e) => e.severity === "error")).toEqual([]);
    const emitter = r.findings.filter((f) => f.check === "emitter.siren-key");
    expect(emitter.map((f) => f.line)).toEqual([16, 177, 332]);
    expect(emitter[0]?.message).toMatch(/SIREN 123 456 789 a une clé invalide/);
    expect(r.sends.every((s) => s.emitterStatus === "invalid")).toBe(true);
  });
});

describe("checkDsn on generated monthly files", () => {
  it("raises no error or warning on clean files across 24 seeds (Latin-1/UTF-8, LF/CRLF, 1–3 establishments, platform wrapper or not)", async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const bytes = generateDsn({
        employees: 3 + seed * 5,
        seed,
        establishments: 1 + (seed % 3),
        encoding: seed % 2 ? "utf-8" : "latin-1",
        eol: seed % 4 === 0 ? "\r\n" : "\n",
        wrapper: seed % 3 === 0,
      });
      const r = await checkDsn(bytes, generatedFirmContext());
      const problems = [...r.errors, ...r.findings].filter((f) => f.severity !== "info");
      expect(problems, `graine ${seed}`).toEqual([]);
      expect(r.declarations.reduce((s, d) => s + d.individuals, 0)).toBe(3 + seed * 5);
      expect(r.stats.encoding).toBe(seed % 2 ? "utf-8" : "latin-1");
    }
  });

  it("the generator is deterministic for a seed", () => {
    expect(generateDsn({ employees: 20, seed: 9 })).toEqual(generateDsn({ employees: 20, seed: 9 }));
    expect(generateDsn({ employees: 20, seed: 9 })).not.toEqual(generateDsn({ employees: 20, seed: 10 }));
  });

  const plants = Object.keys(PLANTABLE_ERRORS) as PlantableError[];
  const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
  it.each(plants)("finds the planted error %s across 20 seeds", async (plant) => {
    // The check id (a finding) or the read error kind (an error of the file itself) it must raise.
    const expected = /\(([^)]+)\)$/.exec(PLANTABLE_ERRORS[plant])?.[1] as string;
    for (const seed of SEEDS) {
      const r = await checkDsn(
        generateDsn({ employees: 4 + (seed % 5), seed, establishments: 1 + (seed % 2), plant: [plant] }),
        generatedFirmContext(),
      );
      const found = [
        ...r.findings.filter((f) => f.check === expected),
        ...r.errors.filter((e) => e.kind === expected).map((e) => ({ ...e, source: "lecture" })),
      ];
      expect(found.length, `${plant}, graine ${seed}`).toBeGreaterThan(0);
      for (const f of found) {
        expect(f.message.length).toBeGreaterThan(30);
        expect(f.source).not.toBe("");
        expect(f.rubric).toMatch(/^S\d\d\.G\d\d\.\d\d/);
        expect(f.line).toBeGreaterThan(0);
      }
    }
  });

  it("gives both amounts and the difference for amount gaps", async () => {
    const r = await checkDsn(
      generateDsn({ employees: 10, seed: 4, plant: ["urssaf-payment"] }),
      generatedFirmContext(),
    );
    const f = r.findings.find((x) => x.check === "control.urssaf-payment");
    expect(f?.message).toMatch(/versement [\d ]+,\d\d €, bordereau [\d ]+,\d\d € \(écart -250,00 €\)/);
  });

  it("says whether the emitter is the active SIRET, an old one, a client's or unknown", async () => {
    const ctx = generatedFirmContext();
    const status = async (plant: PlantableError[], context = ctx) =>
      (await checkDsn(generateDsn({ employees: 2, seed: 1, plant }), context)).sends[0]?.emitterStatus;
    expect(await status([])).toBe("active");
    expect(await status(["emitter-old-siret"])).toBe("old");
    expect(await status(["emitter-client-siret"])).toBe("client");
    expect(await status([], { firmSiret: "73282932000074", oldSirets: [] })).toBe("unknown");
    expect(await status([], { firmSiret: null, oldSirets: [] })).toBe("not-configured");
  });

  it("reports a send cut before its S90 block and blocks out of the tree", async () => {
    const text = new TextDecoder().decode(generateDsn({ employees: 3, seed: 3, encoding: "utf-8" }));
    const lines = text.split("\n");
    const cut = await checkDsn(enc(lines.slice(0, 120).join("\n")), generatedFirmContext());
    expect(cut.errors.some((e) => e.kind === "truncated" && e.rubric === "S90.G00.90")).toBe(true);
    const orphan = await checkDsn(
      enc(["S10.G00.00.001,'A'", "S21.G00.23.001,'100'", ...lines.slice(1)].join("\n")),
      generatedFirmContext(),
    );
    expect(orphan.errors).toContainEqual(expect.objectContaining({ kind: "orphan-block", line: 2 }));
    const i = lines.findIndex((l) => l.startsWith("S21.G00.40.001"));
    const swapped = [...lines];
    swapped.splice(i + 2, 0, "S21.G00.30.020,'T123'");
    const ooo = await checkDsn(enc(swapped.join("\n")), generatedFirmContext());
    expect(ooo.errors).toContainEqual(expect.objectContaining({ kind: "out-of-order", line: i + 3 }));
  });
});
