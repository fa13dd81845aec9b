// The register as a table for Excel: CSV with ";" and a BOM (what French Excel opens without an
// import wizard) and rows for XLSX. The headers are the import's own wording, so an exported file
// imports back to the same register.
import { neutraliseFormula } from "../../core/csv.ts";
import {
  CLIENT_KIND_LABELS,
  CLIENT_STATUS_LABELS,
  type Client,
  type Collaborator,
  dsnDueDay,
  statusSince,
} from "./register.ts";

export const EXPORT_HEADERS = [
  "Type de client",
  "SIREN",
  "SIRET",
  "Raison sociale",
  "N° de compte",
  "NIR",
  "Montant dernière déclaration",
  "Effectif",
  "Paie décalée",
  "Échéance DSN",
  "Collaborateur",
  "Étiquettes",
  "Statut",
  "Statut depuis",
] as const;

const frenchAmount = new Intl.NumberFormat("fr-FR", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});

export function clientsToRows(
  clients: readonly Client[],
  collaborators: readonly Collaborator[],
): string[][] {
  const names = new Map(collaborators.map((c) => [c.id, `${c.prenom} ${c.nom}`]));
  const rows = clients.map((c) => {
    const due = dsnDueDay(c);
    return [
      CLIENT_KIND_LABELS[c.kind],
      c.siren ?? "",
      c.siret ?? "",
      c.raisonSociale,
      c.numeroCompte ?? "",
      c.nir ?? "",
      c.montantDerniereDeclaration === null ? "" : frenchAmount.format(c.montantDerniereDeclaration),
      c.effectif === null ? "" : String(c.effectif),
      c.kind === "employeur" ? (c.paieDecalee ? "oui" : "non") : "",
      due === null ? "" : `le ${due}`,
      (c.collaborateurId && names.get(c.collaborateurId)) || "",
      c.tags.join(", "),
      CLIENT_STATUS_LABELS[c.statut],
      statusSince(c).slice(0, 10),
    ];
  });
  return [[...EXPORT_HEADERS], ...rows];
}

/** The same neutralisation for XLSX text cells (Excel treats text cells as text, but a re-save to CSV would not). */
export function toSheetCells(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((r) => r.map(neutraliseFormula));
}

export { neutraliseFormula, toCsv } from "../../core/csv.ts";
