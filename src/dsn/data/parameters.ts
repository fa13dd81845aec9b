/**
 * Dated social parameters used by the DSN checks (PMSS, SMIC, réduction générale). Each value carries its
 * validity start and its source; a lookup returns the value in force on a date, or null when the date is
 * before every known value (the check is then skipped, never guessed).
 *
 * Sources: /work/shared/facts/dsn.md, "Parameters" (PMSS 2025–2026, SMIC 2025–2026, réduction générale
 * up to 2025 and from 2026). The 2024 values (PMSS 3 864 €, SMIC 11,65 € then 11,88 € from 1 November
 * 2024) come from the arrêté du 19 décembre 2023 and the décret n° 2024-951 (not in the facts file).
 */

export interface Dated<T> {
  /** First day of validity, YYYY-MM-DD. */
  from: string;
  value: T;
  source: string;
}

const FACTS = "facts/dsn.md, Parameters";

/** Plafond mensuel de la sécurité sociale, euros. */
export const PMSS: readonly Dated<number>[] = [
  { from: "2024-01-01", value: 3864, source: "arrêté du 19 décembre 2023" },
  { from: "2025-01-01", value: 3925, source: FACTS },
  { from: "2026-01-01", value: 4005, source: FACTS },
];

/** SMIC horaire brut, euros. */
export const SMIC_HORAIRE: readonly Dated<number>[] = [
  { from: "2024-01-01", value: 11.65, source: "décret n° 2023-1216" },
  { from: "2024-11-01", value: 11.88, source: "décret n° 2024-951" },
  { from: "2025-01-01", value: 11.88, source: FACTS },
  { from: "2026-01-01", value: 12.02, source: FACTS },
];

/**
 * Monthly legal working time: 35 h × 52 weeks / 12 months = 151,666… h (not the rounded 151.67 of
 * payslips: 12,02 € × 151.67 h gives 1 823,07 €, the published monthly SMIC is 1 823,03 €).
 */
export const HEURES_MENSUELLES_LEGALES = (35 * 52) / 12;

export type ReductionRule =
  /** Up to 2025: (T / 0.6) × (1.6 × SMIC / rémunération − 1), zero from 1.6 SMIC. */
  | { kind: "fillon"; ceilingSmic: 1.6; tSmall: number; tLarge: number }
  /** From 2026: Tmin + Tdelta × [½ × (3 × SMIC / rémunération − 1)]^1.75, zero from 3 SMIC. */
  | {
      kind: "degressive-unique";
      ceilingSmic: 3;
      tMin: number;
      tMaxSmall: number;
      tMaxLarge: number;
      exponent: 1.75;
    };

/** Réduction générale des cotisations patronales; "small" = fewer than 50 employees. */
export const REDUCTION_GENERALE: readonly Dated<ReductionRule>[] = [
  {
    from: "2024-01-01",
    value: { kind: "fillon", ceilingSmic: 1.6, tSmall: 0.3194, tLarge: 0.3234 },
    source: FACTS,
  },
  {
    from: "2025-05-01",
    value: { kind: "fillon", ceilingSmic: 1.6, tSmall: 0.3193, tLarge: 0.3233 },
    source: FACTS,
  },
  {
    from: "2026-01-01",
    value: {
      kind: "degressive-unique",
      ceilingSmic: 3,
      tMin: 0.02,
      tMaxSmall: 0.3981,
      tMaxLarge: 0.4021,
      exponent: 1.75,
    },
    source: FACTS,
  },
];

/**
 * CTP 726 (apprentices): pay up to a share of the monthly SMIC stays on 726, above goes to 100. The share
 * follows the contract's start date, not the month declared: 50 % for contracts concluded from 1 March
 * 2025, 79 % before (facts/dsn.md; loi n° 2025-199 du 28 février 2025 de financement de la sécurité
 * sociale pour 2025, applied by the Urssaf to contracts concluded from 1 March 2025).
 */
export function apprenticeSmicShare(contractStart: string | null): number {
  return contractStart !== null && contractStart >= "2025-03-01" ? 0.5 : 0.79;
}

/**
 * From 1 January 2026, employers eligible to the réduction générale dégressive unique declare the
 * complements of the maladie and allocations familiales contributions on every salary: CTP 635
 * (individual code 907) and 430 (individual code 102); the deduction CTPs 637 and 437 are no longer
 * allowed (net-entreprises, « Déclaration en 2026 des cotisations d'assurance maladie et d'allocations
 * familiales »).
 */
export const COMPLEMENTS_FOR_ALL_FROM = "2026-01-01";

/** The value in force on `isoDate` (YYYY-MM-DD), or null before the first known value. */
export function valueAt<T>(table: readonly Dated<T>[], isoDate: string): Dated<T> | null {
  let found: Dated<T> | null = null;
  for (const row of table) if (row.from <= isoDate) found = row;
  return found;
}

/** Monthly SMIC: hourly SMIC × 35 × 52 / 12, rounded to the cent; null when unknown. */
export function smicMensuel(isoDate: string): number | null {
  const h = valueAt(SMIC_HORAIRE, isoDate);
  return h ? Math.round((h.value * 35 * 52 * 100) / 12) / 100 : null;
}

/**
 * Réduction générale coefficient for a gross pay and the SMIC of the same period (both monthly or both
 * annual), rounded to 4 decimals as the rule says; 0 at and above the ceiling. `small`: < 50 employees.
 */
export function reductionCoefficient(
  rule: ReductionRule,
  gross: number,
  smic: number,
  small: boolean,
): number {
  if (gross <= 0 || smic <= 0) return 0;
  if (gross >= rule.ceilingSmic * smic) return 0;
  let c: number;
  if (rule.kind === "fillon") {
    const t = small ? rule.tSmall : rule.tLarge;
    c = Math.min(t, (t / 0.6) * ((1.6 * smic) / gross - 1));
  } else {
    const tMax = small ? rule.tMaxSmall : rule.tMaxLarge;
    const base = Math.max(0, 0.5 * ((3 * smic) / gross - 1));
    c = Math.min(tMax, rule.tMin + (tMax - rule.tMin) * base ** rule.exponent);
  }
  return Math.round(c * 10_000) / 10_000;
}
