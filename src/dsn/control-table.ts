/**
 * The monthly control file of seed 003 (issue 14, point 6), per establishment and month: the global
 * Urssaf amount declared and reconstructed, the headcount by status, the capped, uncapped and
 * apprentice bases, every CTP line with its base, rates, amounts declared and reconstructed from the
 * individuals and the gap, and the reliefs (réduction générale per employee, overtime reductions).
 * Built by the control family (checks/control.ts) as the file streams; pure data, amounts in cents.
 */
import { z } from "zod";

export interface ControlCtpRow {
  ctp: string;
  qualifier: string | null;
  label: string;
  /** File lines of the S21.G00.23 block: a finding on one of them links to this row. */
  line: number;
  lastLine: number;
  base: number | null;
  /** Rate written on the line (S21.G00.23.003: the AT/MP rate on 920 lines of CTP 100/726…). */
  rateDeclared: number | null;
  /** The period's rate of the Urssaf CTP table for the qualifier (+ the AT/MP rate where it applies). */
  rateReference: number | null;
  /** The line's amount: declared (.005), or base × rate for a line declared with its base only. */
  amountDeclared: number | null;
  /** What the individuals' bases (or contributions, for reductions) give for this line. */
  amountIndividuals: number | null;
  /** amountDeclared − amountIndividuals, or null when one of them is unknown. */
  gap: number | null;
  /** Reductions are deducted from the total. */
  deduction: boolean;
}

export interface ControlRelief {
  who: string;
  /** Réduction générale (code 018) of the employee, cents; negative for a regularisation paid back. */
  amount: number;
  line: number;
}

export interface ControlTable {
  siren: string;
  nic: string;
  /** "YYYY-MM", or "" when the month is missing. */
  month: string;
  urssaf: { declared: number | null; reconstructed: number; gap: number | null };
  headcount: { cadres: number; nonCadres: number; apprentices: number; others: number };
  bases: { capped: number; uncapped: number; apprentice: number };
  ctp: ControlCtpRow[];
  reliefs: {
    reductions: ControlRelief[];
    /** Employees with a reduction beyond those listed (the list is cut at MAX_RELIEFS). */
    moreReductions: number;
    totalReductions: number;
    /** Overtime reductions and deductions (individual codes 114 and 021), cents. */
    overtime: number;
  };
}

/** Employees listed in the reliefs of one table (the others are counted). */
export const MAX_RELIEFS = 500;
/** A gap up to this many cents is rounding, not highlighted. */
export const GAP_TOLERANCE = 100;

export function hasGap(gap: number | null): boolean {
  return gap !== null && Math.abs(gap) > GAP_TOLERANCE;
}

/** The row a finding's line belongs to ("ctp-3"), or null. */
export function rowOf(table: ControlTable, line: number | null): string | null {
  if (line === null) return null;
  const i = table.ctp.findIndex((r) => line >= r.line && line <= r.lastLine);
  return i < 0 ? null : rowId(table, i);
}

export function rowId(table: ControlTable, i: number): string {
  return `dsn-row-${table.siren}${table.nic}-${table.month}-${i}`;
}

// --- What the history keeps of a table, to show previous months beside the current one -----------

export const ControlSummarySchema = z.object({
  nic: z.string().max(5),
  urssafDeclared: z.number().nullable(),
  urssafReconstructed: z.number(),
  cadres: z.number().int(),
  nonCadres: z.number().int(),
  apprentices: z.number().int(),
  capped: z.number(),
  uncapped: z.number(),
  apprenticeBase: z.number(),
  reductions: z.number(),
  ctp: z
    .array(z.object({ key: z.string().max(8), base: z.number().nullable(), amount: z.number().nullable() }))
    .max(60),
});
export type ControlSummary = z.infer<typeof ControlSummarySchema>;

export const ctpKey = (r: Pick<ControlCtpRow, "ctp" | "qualifier">) => `${r.ctp}/${r.qualifier ?? "-"}`;

export function summarise(t: ControlTable): ControlSummary {
  return {
    nic: t.nic.slice(0, 5),
    urssafDeclared: t.urssaf.declared,
    urssafReconstructed: t.urssaf.reconstructed,
    cadres: t.headcount.cadres,
    nonCadres: t.headcount.nonCadres,
    apprentices: t.headcount.apprentices,
    capped: t.bases.capped,
    uncapped: t.bases.uncapped,
    apprenticeBase: t.bases.apprentice,
    reductions: t.reliefs.totalReductions,
    ctp: t.ctp.slice(0, 60).map((r) => ({ key: ctpKey(r), base: r.base, amount: r.amountDeclared })),
  };
}

// --- The spreadsheet (XLSX through write-excel-file, built in the page) ---------------------------

export type SheetCell = { value: string | number | null; bold?: boolean; gap?: boolean };

/** A previous month of the same establishment, from the history. */
export interface PreviousMonth {
  month: string;
  summary: ControlSummary;
}

const euros = (c: number | null) => (c === null ? null : Math.round(c) / 100);

/**
 * The control file of one table as rows of cells: the current month's columns, then one column per
 * previous month (amounts declared) when the history has them. Amounts in euros (numbers).
 */
export function controlSheet(
  t: ControlTable,
  previous: readonly PreviousMonth[],
  label: (k: string) => string,
): SheetCell[][] {
  const prev = [...previous].sort((a, b) => (a.month < b.month ? 1 : -1));
  const head = (s: string): SheetCell => ({ value: s, bold: true });
  const rows: SheetCell[][] = [];
  rows.push([head(`${label("sheetEstablishment")} ${t.siren}${t.nic} — ${t.month}`)]);
  rows.push([]);
  rows.push([
    head(label("sheetItem")),
    head(label("sheetDeclared")),
    head(label("sheetReconstructed")),
    head(label("sheetGap")),
    ...prev.map((p) => head(p.month)),
  ]);
  rows.push([
    { value: label("sheetUrssaf") },
    { value: euros(t.urssaf.declared) },
    { value: euros(t.urssaf.reconstructed) },
    { value: euros(t.urssaf.gap), gap: hasGap(t.urssaf.gap) },
    ...prev.map((p) => ({ value: euros(p.summary.urssafDeclared) })),
  ]);
  const plain = (name: string, v: number, past: (s: ControlSummary) => number): SheetCell[] => [
    { value: label(name) },
    { value: v },
    { value: null },
    { value: null },
    ...prev.map((p) => ({ value: past(p.summary) })),
  ];
  rows.push(plain("sheetCadres", t.headcount.cadres, (s) => s.cadres));
  rows.push(plain("sheetNonCadres", t.headcount.nonCadres, (s) => s.nonCadres));
  rows.push(plain("sheetApprentices", t.headcount.apprentices, (s) => s.apprentices));
  const money = (name: string, v: number, past: (s: ControlSummary) => number): SheetCell[] => [
    { value: label(name) },
    { value: euros(v) },
    { value: null },
    { value: null },
    ...prev.map((p) => ({ value: euros(past(p.summary)) })),
  ];
  rows.push(money("sheetCapped", t.bases.capped, (s) => s.capped));
  rows.push(money("sheetUncapped", t.bases.uncapped, (s) => s.uncapped));
  rows.push(money("sheetApprenticeBase", t.bases.apprentice, (s) => s.apprenticeBase));
  rows.push([]);
  rows.push([
    head(label("sheetCtp")),
    head(label("sheetQualifier")),
    head(label("sheetBase")),
    head(label("sheetRateDeclared")),
    head(label("sheetRateReference")),
    head(label("sheetDeclared")),
    head(label("sheetReconstructed")),
    head(label("sheetGap")),
    ...prev.map((p) => head(p.month)),
  ]);
  for (const r of t.ctp) {
    rows.push([
      { value: `${r.ctp} ${r.label}` },
      { value: r.qualifier },
      { value: euros(r.base) },
      { value: r.rateDeclared },
      { value: r.rateReference },
      { value: euros(r.amountDeclared) },
      { value: euros(r.amountIndividuals) },
      { value: euros(r.gap), gap: hasGap(r.gap) },
      ...prev.map((p) => ({ value: euros(p.summary.ctp.find((c) => c.key === ctpKey(r))?.amount ?? null) })),
    ]);
  }
  rows.push([]);
  rows.push([head(label("sheetReliefs")), head(label("sheetAmount"))]);
  for (const r of t.reliefs.reductions) rows.push([{ value: r.who }, { value: euros(r.amount) }]);
  if (t.reliefs.moreReductions > 0)
    rows.push([{ value: label("sheetMoreReductions").replace("$1", String(t.reliefs.moreReductions)) }]);
  rows.push([{ value: label("sheetTotalReductions") }, { value: euros(t.reliefs.totalReductions) }]);
  rows.push([{ value: label("sheetOvertime") }, { value: euros(t.reliefs.overtime) }]);
  return rows;
}
