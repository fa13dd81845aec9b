// The fuzz suite at small sizes, in `npm test` (issue 15 point 6): 330 seeded bad inputs over every
// class of cases.ts, through the bundled command line in child processes (heap capped at 512 MB, 10 s
// per case). Every case must give a clear error or findings; a failure names the seed that reproduces
// it (`npm run fuzz -- --small --case CLASS:SEED`). `npm run fuzz` runs the real sizes.
import { describe, expect, it } from "vitest";
import { cliBundle } from "../support/cli-bundle.ts";
import { CLASSES, generateCases, makeCase, rng } from "./cases.ts";
import { formatSummary, MEMORY_LIMIT_MB, runCases, summarise, TIME_LIMIT_MS } from "./run.ts";

const SEED = 20260415;

describe("fuzz cases", () => {
  it("are rebuilt identically from their class and seed", () => {
    const a = generateCases(SEED, 20, "small");
    const b = generateCases(SEED, 20, "small");
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    for (const c of a) {
      const one = makeCase(c.klass, c.seed, "small");
      const again = makeCase(c.klass, c.seed, "small");
      expect(again).toEqual(one);
      expect(one.id).toBe(c.id);
    }
    expect(rng(1)()).toBe(rng(1)());
  });

  it("cover every class at least 8 times in the 330 of npm test", () => {
    const counts = new Map<string, number>();
    for (const c of generateCases(SEED, 330, "small")) counts.set(c.klass, (counts.get(c.klass) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(Object.keys(CLASSES).sort());
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(8);
  });
});

describe("fuzz suite (small sizes)", () => {
  it("answers every case with a clear error or findings, within 10 s and 512 MB", async () => {
    const cases = generateCases(SEED, 330, "small");
    const t = performance.now();
    const results = await runCases(cases, cliBundle(), (c) => `npm run fuzz -- --small --case ${c.id}`, {
      batchSize: 40,
    });
    const summary = summarise(results, performance.now() - t);
    console.log(formatSummary(summary, `petites tailles, graine ${SEED}`));
    expect(summary.failures.map((f) => `${f.verdict} ${f.id}: ${f.why}`)).toEqual([]);
    expect(summary.cases).toBe(330);
    expect(summary.errors).toBeGreaterThan(100);
    expect(summary.findings).toBeGreaterThan(100);
    expect(summary.worstCpu.cpuMs).toBeLessThan(TIME_LIMIT_MS);
    expect(summary.worstRss.rssMb).toBeLessThan(MEMORY_LIMIT_MB);
  }, 240_000);
});
