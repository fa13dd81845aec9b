// CSV exports of the anomaly tracking (popup) and of the unknown references (options page): ";",
// UTF-8 with BOM, formulas neutralised, like every export (csv.ts). No zod here: the popup imports it.

import { toCsv } from "../../core/csv.ts";
import type { OpenAnomaly, UnknownReferences } from "./tracking.ts";

const frDate = (iso: string) => iso.slice(0, 10).split("-").reverse().join("/");
const frMonth = (period: string) => period.split("-").reverse().join("/");

export const OPEN_ANOMALIES_CSV_HEADERS = [
  "SIREN",
  "SIRET",
  "Période",
  "Référence",
  "Libellé",
  "Correction",
  "À corriger dans la DSN de",
  "Date limite",
  "Notifiée le",
  "En retard",
] as const;

/** The open anomalies as CSV for Excel (";", BOM, formulas neutralised), dates as JJ/MM/AAAA. */
export function openAnomaliesCsv(rows: readonly OpenAnomaly[]): string {
  return toCsv([
    [...OPEN_ANOMALIES_CSV_HEADERS],
    ...rows.map((r) => [
      r.siren,
      r.siret,
      frMonth(r.period),
      r.reference,
      r.libelle,
      r.how === "annule-et-remplace" ? "DSN annule et remplace" : "DSN ultérieure",
      frMonth(r.correctIn),
      frDate(r.deadline),
      frDate(r.notifiedOn),
      r.overdue ? "oui" : "non",
    ]),
  ]);
}

export const UNKNOWN_REFERENCES_CSV_HEADERS = [
  "Référence",
  "Libellé sur la page",
  "Vue la première fois",
  "Vue la dernière fois",
  "Fois",
] as const;

/** The unknown references, for the user to report them. */
export function unknownReferencesCsv(unknown: UnknownReferences): string {
  return toCsv([
    [...UNKNOWN_REFERENCES_CSV_HEADERS],
    ...Object.entries(unknown)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reference, u]) => [
        reference,
        u.libelle,
        frDate(u.firstSeen),
        frDate(u.lastSeen),
        String(u.seen),
      ]),
  ]);
}
