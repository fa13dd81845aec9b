// CSV for Excel: UTF-8 with BOM, ";" separator, CRLF, formulas neutralised. Shared by every export.

/**
 * A cell that starts with = + - @ (or a tab / carriage return) is a formula to Excel: a raison sociale
 * such as "=HYPERLINK(...)" would run when the file is opened. Prefixing a quote makes it plain text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(cell: string): string {
  const safe = neutraliseFormula(cell);
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Excel-friendly CSV: UTF-8 with BOM, ";" separator, CRLF line ends, formulas neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
