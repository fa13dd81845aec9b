// The control file of seed 003 per establishment and month (issue 14, point 6), on the corpus.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ControlCtpRow,
  type ControlTable,
  controlSheet,
  hasGap,
  rowOf,
  summarise,
} from "./control-table.ts";
import { DsnHistorySchema, historyEntries, previousMonths } from "./control-view.ts";
import { generateDsn, generatedFirmContext } from "./generate.ts";
import { checkDsn } from "./report.ts";

const fixture = (f: string) =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, "../../test/fixtures/dsn", f)));

describe("control table", () => {
  it("has the declared and reconstructed Urssaf totals, headcount, bases and every CTP line of a clean file", async () => {
    const bytes = fixture("01-tpe-2026-04.dsn");
    const text = new TextDecoder("latin1").decode(bytes);
    const r = await checkDsn(bytes, generatedFirmContext());
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0] as ControlTable;
    const total = Number(/S21\.G00\.22\.005,'([\d.]+)'/.exec(text)?.[1]) * 100;
    expect(t.urssaf.declared).toBe(total);
    expect(Math.abs(t.urssaf.gap ?? 999)).toBeLessThanOrEqual(100); // the total is rounded to the euro
    expect(t.month).toBe("2026-04");
    const statuses = [...text.matchAll(/S21\.G00\.40\.003,'(\d\d)'/g)].map((m) => m[1]);
    expect(t.headcount.cadres).toBe(statuses.filter((s) => s === "01").length);
    expect(t.headcount.cadres + t.headcount.nonCadres + t.headcount.apprentices + t.headcount.others).toBe(7);
    expect(t.ctp.map((c) => c.ctp)).toEqual(
      [...text.matchAll(/S21\.G00\.23\.001,'(\d+)'/g)].map((m) => m[1]),
    );
    expect(t.ctp.filter((c) => hasGap(c.gap))).toEqual([]);
    const reductions = [
      ...text.matchAll(/S21\.G00\.81\.001,'018'\n(?:.*\n){2}S21\.G00\.81\.004,'([\d.-]+)'/g),
    ];
    expect(t.reliefs.reductions).toHaveLength(reductions.length);
    expect(t.reliefs.totalReductions).toBe(
      Math.round(reductions.reduce((s, m) => s + Number(m[1]) * 100, 0)),
    );
    const base03 = [...text.matchAll(/S21\.G00\.78\.001,'03'\n(?:.*\n){2}S21\.G00\.78\.004,'([\d.]+)'/g)];
    expect(t.bases.uncapped + t.bases.apprentice).toBe(
      Math.round(base03.reduce((s, m) => s + Number(m[1]) * 100, 0)),
    );
  });

  it("highlights the line behind a gap, and the finding on it links to its row", async () => {
    const r = await checkDsn(
      generateDsn({ employees: 9, seed: 201, month: "2026-04", plant: ["base-only-gap"] }),
      generatedFirmContext(),
    );
    const t = r.tables[0] as ControlTable;
    const gaps = t.ctp.filter((c) => hasGap(c.gap));
    expect(gaps.map((c) => [c.ctp, c.gap])).toEqual([["772", -4000]]); // 1 000 € × 4,00 %
    const f = r.findings.find((x) => x.check === "control.ctp-base");
    expect(rowOf(t, f?.line ?? null)).toBe(
      `dsn-row-${t.siren}${t.nic}-2026-04-${t.ctp.indexOf(gaps[0] as ControlCtpRow)}`,
    );
  });

  it("writes the sheet with the previous months beside the current one", async () => {
    const r = await checkDsn(fixture("01-tpe-2026-04.dsn"), generatedFirmContext());
    const t = r.tables[0] as ControlTable;
    const march = { month: "2026-03", summary: { ...summarise(t), urssafDeclared: 123_400 } };
    const rows = controlSheet(t, [march], (k) => k);
    expect(rows[2]?.map((c) => c.value)).toEqual([
      "sheetItem",
      "sheetDeclared",
      "sheetReconstructed",
      "sheetGap",
      "2026-03",
    ]);
    expect(rows[3]?.[0]?.value).toBe("sheetUrssaf");
    expect(rows[3]?.[4]?.value).toBe(1234);
    expect(rows.some((row) => row[0]?.value === `100 RG CAS GENERAL`)).toBe(true);
  });
});

describe("previous months from the history", () => {
  it("keeps each establishment's figures in the history and gives the months before, latest first", async () => {
    const at = new Date("2026-05-10T08:00:00Z");
    const entries = [];
    for (const month of ["2026-01", "2026-02", "2026-03"]) {
      const r = await checkDsn(generateDsn({ employees: 6, seed: 301, month }), generatedFirmContext());
      entries.push(...historyEntries(`dsn-${month}.dsn`, r, at));
    }
    const current = await checkDsn(
      generateDsn({ employees: 6, seed: 301, month: "2026-04" }),
      generatedFirmContext(),
    );
    const tb = current.tables[0] as ControlTable;
    const prev = previousMonths(entries, tb.siren, tb.nic, tb.month, 2);
    expect(prev.map((p) => p.month)).toEqual(["2026-03", "2026-02"]);
    const march = entries.find((e) => e.mois === "2026-03");
    expect(prev[0]?.summary).toEqual(march?.controles?.[0]);
    expect(prev[0]?.summary.ctp.length).toBeGreaterThan(5);
    expect(DsnHistorySchema.parse(entries)).toEqual(entries);
  });
});
