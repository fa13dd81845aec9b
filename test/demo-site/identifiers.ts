// Identifier rules used by the demo server (kept local to the demo so it does not depend on src/).

/** Removes spaces, dots, dashes and non-breaking spaces that users paste with numbers. */
export function normalizeNumber(raw: string): string {
  return raw.replace(/[\s.\-\u00a0\u202f]/g, "").toUpperCase();
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Appends the Luhn check digit to `partial`. */
export function withLuhnKey(partial: string): string {
  for (let k = 0; k <= 9; k++) {
    if (luhnValid(`${partial}${k}`)) return `${partial}${k}`;
  }
  throw new Error("unreachable");
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && !/^0+$/.test(siren) && luhnValid(siren);
}

export function isValidSiret(siret: string): boolean {
  return /^\d{14}$/.test(siret) && !/^0+$/.test(siret) && luhnValid(siret) && luhnValid(siret.slice(0, 9));
}

/** Key of a 13-character NIR body (Corsica: 2A read as 19, 2B as 18). */
export function nirKey(body: string): number {
  const numeric = body.replace(/^(\d{5})2A/, "$119").replace(/^(\d{5})2B/, "$118");
  if (!/^\d{13}$/.test(numeric)) throw new Error(`NIR body malformed: ${body}`);
  const rest = Number(BigInt(numeric) % 97n);
  return 97 - rest;
}

export function isWellFormedNirBody(body: string): boolean {
  return /^[12378]\d{4}(\d{2}|2A|2B)\d{6}$/.test(body);
}

/** A 15-character NIR with a valid key. */
export function isValidNir(nir: string): boolean {
  if (nir.length !== 15) return false;
  const body = nir.slice(0, 13);
  if (!isWellFormedNirBody(body)) return false;
  const key = nir.slice(13);
  return /^\d{2}$/.test(key) && Number(key) === nirKey(body);
}

/** Parses "1 234,56", "1234.56", "1234,56 €", "1.234,56" into a number, or null. */
export function parseFrenchAmount(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f€]/g, "");
  if (s === "") return null;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) s = s.replace(/\./g, "");
  s = s.replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Number(s);
}

/** "1 234,56 €" */
export function formatEuro(amount: number): string {
  const [int = "0", dec = "00"] = amount.toFixed(2).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0")},${dec}\u00a0€`;
}
