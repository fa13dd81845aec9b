// Issue 14 (point 1) and issue 15 (B3, C5): the reader keeps what a real file carries out of order,
// checks an extract without its header, explains a truncation once, caps the sends of a file and
// refuses impossible dates and amounts.
import { describe, expect, it } from "vitest";
import { generateDsn, generatedFirmContext } from "./generate.ts";
import { capPerKind, checkDsn } from "./report.ts";
import { MAX_SENDS } from "./tree.ts";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (o: Parameters<typeof generateDsn>[0]) => new TextDecoder("latin1").decode(generateDsn(o));

/**
 * Moves the lines of block S21.G00.62 (and its S21.G00.63) of the first exit to the end of its
 * individual, after its S21.G00.50 payment and the payment's children, as some payroll software do.
 */
function endOfContractAfterPayment(lines: string[]): { lines: string[]; line62: number } {
  const i = lines.findIndex((l) => l.startsWith("S21.G00.62.001"));
  let j = i;
  while (lines[j]?.startsWith("S21.G00.62") || lines[j]?.startsWith("S21.G00.63")) j++;
  const moved = lines.slice(i, j);
  const rest = [...lines.slice(0, i), ...lines.slice(j)];
  const k = rest.findIndex((l, n) => n >= i && (l.startsWith("S21.G00.30.001") || l.startsWith("S90")));
  rest.splice(k, 0, ...moved);
  return { lines: rest, line62: k + 1 };
}

describe("tolerant reader", () => {
  it("attaches S21.G00.62 written after S21.G00.50 to its contract, with one warning naming the norm's order", async () => {
    // Seed 7, March 2026, 20 employees: three fixed-term contracts end during the month.
    const base = text({ employees: 20, seed: 7, month: "2026-03" }).split("\n");
    expect(base.filter((l) => l.startsWith("S21.G00.62.001")).length).toBeGreaterThan(0);
    const { lines, line62 } = endOfContractAfterPayment(base);
    const r = await checkDsn(latin1(lines.join("\n")), generatedFirmContext());
    const order = r.errors.filter((e) => e.kind === "out-of-order" || e.kind === "orphan-block");
    expect(order).toHaveLength(1);
    expect(order[0]).toMatchObject({ kind: "out-of-order", severity: "warning", line: line62 });
    expect(order[0]?.message).toContain(
      "le bloc S21.G00.62 (Fin du contrat) est écrit après le bloc S21.G00.50 (Versement individu)",
    );
    expect(order[0]?.message).toContain("la norme le place dans le bloc S21.G00.40 (Contrat");
    // The exit is not lost: the headcount at the end of the month still agrees (no control.headcount).
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.errors.filter((e) => e.severity === "error")).toEqual([]);
  });

  it("checks an extract without S10/S20 with one structure finding, not one per block", async () => {
    const lines = text({ employees: 5, seed: 4, month: "2026-03", plant: ["bordereau-total"] }).split("\n");
    const from = lines.findIndex((l) => l.startsWith("S21.G00.06.001"));
    const to = lines.findIndex((l) => l.startsWith("S90.G00.90.001"));
    const r = await checkDsn(latin1(lines.slice(from, to).join("\n")), generatedFirmContext());
    expect(r.errors.map((e) => e.kind)).toEqual(["extract"]);
    expect(r.errors[0]).toMatchObject({ severity: "warning", line: 1 });
    // The checks that need only the establishment's data still run: the planted total is found.
    expect(r.findings.filter((f) => f.severity === "error").map((f) => f.check)).toEqual([
      "control.bordereau-total",
    ]);
  });

  it("collapses the follow-on findings of a truncated file into the one error that explains them", async () => {
    const lines = text({ employees: 12, seed: 5, month: "2026-04" }).split("\n");
    // Cut in the middle of the 6th individual's contributions, inside a line.
    let n = 0;
    let cut = 0;
    for (let i = 0; i < lines.length; i++)
      if (lines[i]?.startsWith("S21.G00.30.001") && ++n === 6) cut = i + 40;
    const truncated = `${lines.slice(0, cut).join("\n")}\nS21.G00.81.00`;
    const r = await checkDsn(latin1(truncated), generatedFirmContext());
    expect(r.errors.filter((e) => e.severity === "error")).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ kind: "truncated", line: cut + 1 });
    expect(r.errors[0]?.message).toMatch(
      /\d+ autre\(s\) constat\(s\) sur les blocs coupés .* ne sont pas listés/,
    );
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it(`reads at most ${MAX_SENDS} sends of a file, then stops with one error`, async () => {
    const many = "S10.G00.00.001,'X'\n".repeat(MAX_SENDS + 50);
    const r = await checkDsn(latin1(many), { firmSiret: null, oldSirets: [] });
    expect(r.sends).toHaveLength(MAX_SENDS);
    const limit = r.errors.filter((e) => e.kind === "too-many-sends");
    expect(limit).toHaveLength(1);
    expect(limit[0]).toMatchObject({ line: MAX_SENDS + 1 });
    expect(limit[0]?.message).toContain("plus de 10 000 envois");
    expect(r.stats.lines).toBeLessThanOrEqual(MAX_SENDS + 2);
  });

  it("refuses 31 February, 29 February 2025 and a 400-digit amount, and prints no « Infinity »", async () => {
    const lines = text({ employees: 3, seed: 7, month: "2026-02" }).split("\n");
    const i = lines.findIndex((l) => l.startsWith("S21.G00.22.005"));
    lines[i] = `S21.G00.22.005,'${"9".repeat(400)}.00'`;
    const j = lines.findIndex((l) => l.startsWith("S21.G00.40.001"));
    lines[j] = "S21.G00.40.001,'29022025'";
    const k = lines.findIndex((l) => l.startsWith("S20.G00.05.007"));
    lines[k] = "S20.G00.05.007,'31022026'";
    const r = await checkDsn(latin1(lines.join("\n")), generatedFirmContext());
    const format = r.findings.filter((f) => f.check === "structure.rubric-format");
    expect(format.map((f) => f.line)).toEqual([k + 1, i + 1, j + 1]);
    expect(format[0]?.message).toContain("n'est pas une date JJMMAAAA du calendrier");
    expect(format[1]?.message).toContain("403 caractères, la norme en admet 18");
    const all = JSON.stringify(r);
    expect(all).not.toMatch(/Infinity|NaN/);
    // The unreadable total is named as such, not computed.
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        check: "control.bordereau-total",
        line: lines.findIndex((l) => l.startsWith("S21.G00.22.001")) + 1,
      }),
    );
  });
});

describe("human output capped per finding kind", () => {
  it("keeps the first ones of each kind and says « … et N autres »", () => {
    const items = [
      ...Array.from({ length: 1_000_000 }, (_, i) => ({ kind: "lecture.truncated", i })),
      { kind: "control.headcount", i: -1 },
    ];
    const { shown, more } = capPerKind(items, (x) => x.kind, 10);
    expect(shown).toHaveLength(11);
    expect(shown.at(-1)?.kind).toBe("control.headcount");
    expect(more).toEqual([
      { kind: "lecture.truncated", count: 999_990, text: "… et 999 990 autres « lecture.truncated »" },
    ]);
  });
});
