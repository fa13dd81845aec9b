/**
 * Shared pieces of the DSN checks: the check interface, amounts in cents, French formatting, and small
 * readers of an individual's data.
 */

import type { DsnContact } from "../../register/model/register.ts";
import type { ControlTable } from "../control-table.ts";
import { MAX_AMOUNT_INT_DIGITS } from "../data/amounts.ts";
import type { DeclarationInfo, DsnBlock, SendInfo } from "../tree.ts";
import type { Finding, RubricEvent, Severity } from "../types.ts";

export interface DsnCheckContext {
  /** The firm's active SIRET (settings), or null when not configured. */
  firmSiret: string | null;
  /** The firm's closed SIRETs. */
  oldSirets: string[];
  /** The firm's DSN contact (settings), compared with S10.G00.02. */
  contact?: DsnContact;
  /** SIRENs of the firm's clients (register). */
  clientSirens?: Set<string>;
  /**
   * Headcount of each client by SIREN (the register's « effectif »): P26V01 carries no company
   * headcount for private employers, so the size (< 50 or ≥ 50) comes from here, else from the FNAL CTP.
   */
  headcounts?: Readonly<Record<string, number>>;
}

export type Report = (f: Finding) => void;

/** One family of checks, fed as the file streams. */
export interface DsnCheckRunner {
  individual?(individual: DsnBlock, declaration: DeclarationInfo): void;
  declaration?(declaration: DeclarationInfo): void;
  send?(send: SendInfo): void;
  /** A platform wrapper line (S05, S06, S95, S96), after the send it closes. */
  wrapper?(event: RubricEvent): void;
  /** The end of the file (after the last send). */
  end?(): void;
}

/** What a family gives besides findings. */
export interface DsnCheckOutputs {
  /** The control file of one establishment and month (the control family). */
  table?(table: ControlTable): void;
}

export interface DsnCheckFamily {
  id: string;
  label: string;
  create(context: DsnCheckContext, report: Report, out?: DsnCheckOutputs): DsnCheckRunner;
}

export function finding(
  check: string,
  severity: Severity,
  rubric: string,
  line: number | null,
  message: string,
  source: string,
): Finding {
  return { check, severity, rubric, line, message, source };
}

/**
 * "1234.56" → 123456 cents; null when not a DSN amount (-?digits with at most 2 decimals) or when it has
 * more integer digits than the cents of a number keep exactly (the reader reports such values).
 */
export function cents(value: string | undefined): number | null {
  if (value === undefined) return null;
  const len = value.length;
  let i = 0;
  let neg = false;
  if (value.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let int = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > MAX_AMOUNT_INT_DIGITS) return null;
  let frac = 0;
  if (i < len) {
    if (value.charCodeAt(i) !== 46) return null;
    const decimals = len - i - 1;
    if (decimals < 1 || decimals > 2) return null;
    for (let j = i + 1; j < len; j++) {
      const c = value.charCodeAt(j) - 48;
      if (c < 0 || c > 9) return null;
      frac = frac * 10 + c;
    }
    if (decimals === 1) frac *= 10;
  }
  const v = int * 100 + frac;
  return neg ? -v : v;
}

/** Rate "13.26" → 13.26; null when not a number. */
export function rate(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/** 123456 → "1 234,56 €" (plain spaces); "montant illisible" for a value that is not a finite number. */
export function euros(c: number): string {
  if (!Number.isFinite(c)) return "montant illisible";
  const sign = c < 0 ? "-" : "";
  const abs = Math.abs(Math.round(c));
  const int = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${sign}${int},${String(abs % 100).padStart(2, "0")} €`;
}

/** "… déclaré 1 234,56 €, attendu 1 200,00 € (écart 34,56 €)". */
export function gap(
  declaredLabel: string,
  declared: number,
  expectedLabel: string,
  expected: number,
): string {
  return `${declaredLabel} ${euros(declared)}, ${expectedLabel} ${euros(expected)} (écart ${euros(declared - expected)})`;
}

/** Apprentices: dispositif S21.G00.40.008 = 64, 65 or 81 (facts/dsn.md). */
export const APPRENTICE_DISPOSITIFS = new Set(["64", "65", "81"]);

export function isApprentice(individual: DsnBlock): boolean {
  for (const c of individual.children) {
    if (c.block === "S21.G00.40" && APPRENTICE_DISPOSITIFS.has(c.get("008") ?? "")) return true;
  }
  return false;
}

export type Status = "cadre" | "non-cadre" | "autre";

/** Statut catégoriel S21.G00.40.003 of the first contract: 01/02 cadre, 04 non-cadre. */
export function status(individual: DsnBlock): Status {
  const v = individual.child("S21.G00.40")?.get("003");
  return v === "01" || v === "02" ? "cadre" : v === "04" ? "non-cadre" : "autre";
}

/** Versements (S21.G00.50) of an individual. */
export function versements(individual: DsnBlock): DsnBlock[] {
  return individual.all("S21.G00.50");
}

/** "Individu NOM Prénom (matricule 00012)" for messages. */
export function who(individual: DsnBlock): string {
  const name = [individual.get("002"), individual.get("004")].filter(Boolean).join(" ");
  const mat = individual.get("019");
  return `${name || "individu sans nom"}${mat ? ` (matricule ${mat})` : ""}`;
}

/** "établissement 12345678900012, mois 03/2026" for messages. */
export function where(d: DeclarationInfo): string {
  const siren = d.enterprise()?.get("001") ?? "?";
  const nic = d.establishment()?.get("001") ?? "?";
  const mois = d.period ? `${d.period.slice(5, 7)}/${d.period.slice(0, 4)}` : "mois inconnu";
  return `établissement ${siren}${nic}, ${mois}`;
}

export interface CompanySize {
  small: boolean;
  /** Where the size comes from, for messages. */
  source: string;
}

/**
 * Size of the declaring company (fewer than 50 employees or not): the FNAL CTP declared (332, 0,10 %
 * capped: under 50; 236, 0,50 % uncapped: 50 and more), else the register's headcount, else the
 * headcount rubric public employers fill (S21.G00.06.009); null when nothing tells. A FNAL CTP that
 * contradicts the register is the control family's warning (control.fnal-size).
 */
export function companySize(d: DeclarationInfo, context: DsnCheckContext): CompanySize | null {
  // The FNAL CTP first: the réduction générale's rates follow the FNAL rate the employer applies.
  const fnal = fnalDeclared(d);
  if (fnal === "332") return { small: true, source: "CTP FNAL 332 déclaré (moins de 50 salariés)" };
  if (fnal === "236") return { small: false, source: "CTP FNAL 236 déclaré (50 salariés et plus)" };
  const siren = d.enterprise()?.get("001");
  const known = siren ? context.headcounts?.[siren] : undefined;
  if (known !== undefined && Number.isFinite(known))
    return { small: known < 50, source: `effectif du registre : ${known}` };
  const eff = d.enterprise()?.get("009");
  if (eff !== undefined && /^\d+(\.\d+)?$/.test(eff))
    return { small: Number(eff) < 50, source: `effectif S21.G00.06.009 : ${eff}` };
  return null;
}

/** The FNAL CTP of the declaration's bordereaux ("332", "236"), or null (none, or both). */
export function fnalDeclared(d: DeclarationInfo): "332" | "236" | null {
  let found: "332" | "236" | null = null;
  for (const b of d.establishment()?.all("S21.G00.22") ?? [])
    for (const l of b.all("S21.G00.23")) {
      const c = l.get("001");
      if (c !== "332" && c !== "236") continue;
      if (found !== null && found !== c) return null;
      found = c;
    }
  return found;
}
