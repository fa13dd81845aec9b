import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDsn, generatedFirmContext } from "./generate.ts";
import { checkDsn, type DsnReport } from "./report.ts";

const base = generateDsn({ employees: 6, seed: 21 });
const lines = new TextDecoder("latin1").decode(base).split("\n");
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function wellFormed(r: DsnReport) {
  expect(Array.isArray(r.findings)).toBe(true);
  for (const e of r.errors) {
    expect(e.message.length).toBeGreaterThan(10);
    expect(["error", "warning", "info"]).toContain(e.severity);
  }
  for (const f of r.findings) expect(f.message.length).toBeGreaterThan(10);
  // Either something was read, or a clear error says why not.
  expect(
    r.declarations.length > 0 || r.sends.length > 0 || r.errors.some((e) => e.severity === "error"),
  ).toBe(true);
}

describe("fuzzed inputs never crash and end in a report or a clear error", () => {
  it("truncations at any byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: base.length }), async (n) => {
        const r = await checkDsn(base.subarray(0, n), generatedFirmContext());
        wellFormed(r);
        if (n > 40 && n < base.length - 40) expect(r.errors.some((e) => e.kind === "truncated")).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("random bytes, alone or inside a valid file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 0, max: base.length }),
        async (noise, at) => {
          wellFormed(await checkDsn(noise, generatedFirmContext()));
          const mixed = new Uint8Array(base.length + noise.length);
          mixed.set(base.subarray(0, at));
          mixed.set(noise, at);
          mixed.set(base.subarray(at), at + noise.length);
          wellFormed(await checkDsn(mixed, generatedFirmContext()));
        },
      ),
      { numRuns: 120 },
    );
  });

  it("random line swaps and deletions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(lines.length - 1)), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        async (swaps, del) => {
          const l = [...lines];
          for (const [a, b] of swaps) {
            if (del) l.splice(a, 1);
            else [l[a], l[b]] = [l[b] as string, l[a] as string];
          }
          wellFormed(await checkDsn(latin1(l.join("\n")), generatedFirmContext()));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("chunking does not change the result", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5000 }), async (size) => {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < base.length; i += size) chunks.push(base.subarray(i, i + size));
        const a = await checkDsn(chunks, generatedFirmContext());
        const b = await checkDsn(base, generatedFirmContext());
        expect(a.findings).toEqual(b.findings);
        expect(a.errors).toEqual(b.errors);
        expect(a.stats.lines).toBe(b.stats.lines);
      }),
      { numRuns: 40 },
    );
  });
});
