/**
 * The Urssaf CTP table (src/dsn/data/ctp.ts) as a dated lookup, and the rules to turn an aggregated
 * line S21.G00.23 into an amount (facts/dsn.md, "Controls").
 */
import { CTP_ROWS, type CtpRow } from "./data/ctp.ts";
import { CTP_SUPPLEMENT } from "./data/ctp-supplement.ts";

export interface CtpRate {
  code: string;
  label: string;
  /** A: AT/MP rate of the company (S21.G00.23.003) added on qualifier 920; F/R: not recomputable. */
  format: string;
  capped: number | null;
  uncapped: number | null;
  atRate: boolean;
  from: string;
}

const byCode = new Map<string, CtpRow[]>();
const supplement: CtpRow[] = CTP_SUPPLEMENT.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6]] as const);
for (const row of [...CTP_ROWS, ...supplement]) {
  const list = byCode.get(row[0]);
  if (list) list.push(row);
  else byCode.set(row[0], [row]);
}
for (const list of byCode.values()) list.sort((a, b) => (a[6] < b[6] ? -1 : a[6] > b[6] ? 1 : 0));

/** The CTP's row in force on `isoDate` (the latest effective date ≤ the date), or null. */
export function ctpAt(code: string, isoDate: string | null): CtpRate | null {
  const list = byCode.get(code);
  if (!list) return null;
  let found: CtpRow | undefined;
  for (const row of list) if (isoDate === null || row[6] <= isoDate) found = row;
  if (!found) return null;
  const [c, label, format, capped, uncapped, atRate, from] = found;
  return { code: c, label, format, capped, uncapped, atRate, from };
}

export function knownCtp(code: string): boolean {
  return byCode.has(code);
}

/** Lines whose amount is declared, not recomputed (formats F and R). */
export function isDeclaredOnly(row: CtpRate): boolean {
  return row.format === "F" || row.format === "R";
}

/**
 * Reductions and exemptions: their (positive) amount is deducted from the bordereau. Heuristic on the
 * label of F/R lines: réduction, déduction, exonération, aide, ACCRE, embauche, écrêtement, ZFU, LODEOM,
 * report; regularisations ("REGUL…") are added.
 */
export function isDeduction(row: CtpRate): boolean {
  if (!isDeclaredOnly(row)) return false;
  if (/^REGUL/.test(row.label)) return false;
  return /(REDUC|RED\.|DEDUC|DED |EXO|ACCRE|AIDE|EMBAUCHE|ECRETEMENT|ZFU|LODEOM|REPORT)/.test(row.label);
}

/** Apprentice CTP codes (label mentions apprentices). */
export function isApprenticeCtp(code: string): boolean {
  const list = byCode.get(code);
  return !!list?.some((r) => /APPREN|\bAPP\b|APPRENTI/.test(r[1]));
}
