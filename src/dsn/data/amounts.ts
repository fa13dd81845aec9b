/**
 * Rubrics whose norm data type is an amount ("Montant_…" in the Fields sheet of the official
 * net-entreprises workbook for P24V01, unchanged in P26V01): their value must match the type's pattern
 * `-?digits.dd` (two decimals mandatory; the sign only where the type allows it, not checked here).
 * Source: dsn-datatypes-CT2024.xlsx (sheets Fields and Data Types), published by net-entreprises.
 */
export const AMOUNT_RUBRICS: ReadonlySet<string> = new Set([
  "S21.G00.13.003",
  "S21.G00.82.001",
  "S21.G00.20.005",
  "S21.G00.55.001",
  "S21.G00.22.005",
  "S21.G00.23.004",
  "S21.G00.23.005",
  "S21.G00.44.002",
  "S21.G00.66.003",
  "S21.G00.62.013",
  "S21.G00.50.002",
  "S21.G00.50.004",
  "S21.G00.50.009",
  "S21.G00.50.011",
  "S21.G00.50.012",
  "S21.G00.50.013",
  "S21.G00.51.013",
  "S21.G00.52.002",
  "S21.G00.54.002",
  "S21.G00.56.003",
  "S21.G00.56.004",
  "S21.G00.56.007",
  "S21.G00.56.008",
  "S21.G00.56.009",
  "S21.G00.56.010",
  "S21.G00.56.015",
  "S21.G00.78.004",
  "S21.G00.79.004",
  "S21.G00.81.003",
  "S21.G00.81.004",
  "S21.G00.84.004",
  "S21.G00.95.004",
  "S21.G00.98.003",
  "S89.G00.67.003",
  "S89.G00.92.003",
  "S89.G00.92.006",
  "S89.G00.92.010",
  "S89.G00.92.012",
  "S89.G00.92.013",
  "S89.G00.92.014",
  "S89.G00.92.016",
  "S89.G00.93.007",
  "S89.G00.93.008",
  "S89.G00.93.009",
  "S89.G00.93.010",
  "S89.G00.93.013",
]);

/** Most integer digits kept exact by a number of cents (Number.MAX_SAFE_INTEGER has 16 digits). */
export const MAX_AMOUNT_INT_DIGITS = 13;
