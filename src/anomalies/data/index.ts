// Entry point of the anomaly knowledge base: the validated catalogue, lookup by reference, and a plain
// explanation for references the catalogue does not know yet.

import { SEED_000 } from "../../dsn/data/codes.ts";
import { CATALOGUE_DATA } from "./catalogue.ts";
import { type AnomalyEntry, catalogueSchema, DSNVAL_CODE_RE } from "./schema.ts";

export type { AnomalyEntry, CodeLabelValue, Correction, Question, Rubric, Source } from "./schema.ts";

/** The catalogue, parsed through its schema (throws at load time if the data is malformed). */
export const ANOMALY_CATALOGUE: readonly AnomalyEntry[] = catalogueSchema.parse(CATALOGUE_DATA);

export interface AnomalyMatch {
  readonly entry: AnomalyEntry;
  /** The family member matched, for a pattern entry. */
  readonly variant?: NonNullable<AnomalyEntry["variants"]>[number];
}

/** Upper-cases and trims a reference as read on a page ("ur_ano_dimns002 " → "UR_ANO_DIMNS002"). */
export function normalizeReference(reference: string): string {
  return reference.trim().replace(/\s+/g, "").toUpperCase();
}

const exactIndex = new Map(ANOMALY_CATALOGUE.filter((e) => e.match === "exact").map((e) => [e.reference, e]));
const patternEntries = ANOMALY_CATALOGUE.filter((e) => e.match === "pattern").map(
  (e) => [new RegExp(`^(?:${e.reference})$`), e] as const,
);

/** The catalogue entry for a reference (exact first, then families), or undefined. */
export function findAnomaly(reference: string): AnomalyMatch | undefined {
  const ref = normalizeReference(reference);
  const exact = exactIndex.get(ref);
  if (exact) return { entry: exact };
  for (const [re, entry] of patternEntries) {
    if (!re.test(ref)) continue;
    const variant = entry.variants?.find((v) => v.reference === ref);
    return variant ? { entry, variant } : { entry };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// References not in the catalogue
// ---------------------------------------------------------------------------------------------------

/**
 * What the domain codes of the known references seem to cover. Inferred from the references
 * documented in shared/facts/dsn.md, not from an official list.
 */
export const URSSAF_DOMAIN_HINTS: Readonly<Record<string, string>> = {
  DEC: "montants déclarés au bordereau (données agrégées)",
  ASS: "assiettes de cotisations",
  DIMNS: "montant net social (données individuelles)",
};

export const URSSAF_SUBDOMAIN_HINTS: Readonly<Record<string, string>> = {
  MNT: "montants",
  PLF: "assiette plafonnée",
  DPLF: "assiette déplafonnée",
};

export const LEVEL_LABELS = {
  DA: "données agrégées (bordereau de l'établissement, blocs 22 et 23)",
  DI: "données individuelles (salarié : blocs 30 à 81)",
} as const;

export const DSNVAL_KIND_LABELS: Readonly<Record<string, string>> = {
  CSL: "contrôle de syntaxe",
  CCH: "contrôle de cohérence",
  CRE: "contrôle sur un référentiel",
  CME: "contrôle avec le répertoire SIRENE",
  CID: "contrôle inter-déclarations",
  CST: "contrôle de structure",
  SIG: "signalement (avertissement non bloquant)",
};

export interface UrssafReferenceParts {
  readonly domain: string;
  readonly domainHint?: string;
  readonly sub?: string;
  readonly subHint?: string;
  readonly level?: "DA" | "DI";
  readonly code?: string;
}

export type ReferenceExplanation =
  | {
      readonly status: "known";
      readonly reference: string;
      readonly match: AnomalyMatch;
      readonly summary: string;
    }
  | {
      readonly status: "unknown";
      readonly reference: string;
      readonly kind: "urssaf" | "dsn-val" | "autre";
      readonly urssaf?: UrssafReferenceParts;
      readonly dsnVal?: { readonly rubric: string; readonly controlKind: string; readonly number: string };
      /** Plain French explanation, which says that the reference is not in the catalogue. */
      readonly summary: string;
    };

const NOT_KNOWN =
  "Cette référence n'est pas encore dans notre catalogue : l'explication ci-dessus se déduit seulement de sa forme.";

/** Splits `UR_ANO_<domain>_<sub>_<DA|DI><code>` (or the shorter `UR_ANO_<domain><code>`). */
export function parseUrssafReference(reference: string): UrssafReferenceParts | undefined {
  const ref = normalizeReference(reference);
  const full = /^UR_ANO_([A-Z]+)_([A-Z]+)_(DA|DI)([A-Z0-9]+)$/.exec(ref);
  if (full) {
    const [, domain = "", sub = "", level, code = ""] = full;
    return {
      domain,
      domainHint: URSSAF_DOMAIN_HINTS[domain],
      sub,
      subHint: URSSAF_SUBDOMAIN_HINTS[sub],
      level: level === "DA" ? "DA" : "DI",
      code,
    };
  }
  const short = /^UR_ANO_([A-Z]+?)(\d+)$/.exec(ref);
  if (short) {
    const [, domain = "", code = ""] = short;
    return { domain, domainHint: URSSAF_DOMAIN_HINTS[domain], code };
  }
  const loose = /^UR_ANO_([A-Z0-9]+)(?:_.*)?$/.exec(ref);
  if (loose) return { domain: loose[1] ?? "" };
  return undefined;
}

function describeParts(parts: UrssafReferenceParts): string {
  const bits: string[] = [];
  bits.push(
    parts.domainHint
      ? `domaine ${parts.domain} (${parts.domainHint}, sens déduit des références connues)`
      : `domaine ${parts.domain} (inconnu à ce jour)`,
  );
  if (parts.sub)
    bits.push(parts.subHint ? `sous-domaine ${parts.sub} (${parts.subHint})` : `sous-domaine ${parts.sub}`);
  if (parts.level) bits.push(`porte sur des ${LEVEL_LABELS[parts.level]}`);
  if (parts.code) bits.push(`code ${parts.code}`);
  return bits.join(", ");
}

function knownSummary(match: AnomalyMatch): string {
  const { entry, variant } = match;
  return variant
    ? `${entry.title} — ${variant.title}. ${entry.explanation}`
    : `${entry.title}. ${entry.explanation}`;
}

/** A plain-French explanation of any reference, from the catalogue or from the reference's parts. */
export function explainReference(reference: string): ReferenceExplanation {
  const ref = normalizeReference(reference);
  const match = findAnomaly(ref);
  if (match) return { status: "known", reference: ref, match, summary: knownSummary(match) };

  const dsnVal = DSNVAL_CODE_RE.exec(ref);
  if (dsnVal) {
    const [, rubric = "", controlKind = "", number = ""] = dsnVal;
    return {
      status: "unknown",
      reference: ref,
      kind: "dsn-val",
      dsnVal: { rubric, controlKind, number },
      summary: `Contrôle DSN-Val n° ${number} sur la rubrique ${rubric} : ${DSNVAL_KIND_LABELS[controlKind] ?? controlKind}. ${NOT_KNOWN}`,
    };
  }
  const parts = parseUrssafReference(ref);
  if (parts) {
    return {
      status: "unknown",
      reference: ref,
      kind: "urssaf",
      urssaf: parts,
      summary: `Anomalie détectée par l'Urssaf : ${describeParts(parts)}. ${NOT_KNOWN}`,
    };
  }
  return {
    status: "unknown",
    reference: ref,
    kind: "autre",
    summary: `Référence « ${ref} » d'une forme inconnue (ni UR_ANO_…, ni contrôle DSN-Val). ${NOT_KNOWN}`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Suivi DSN good practices (seed 000), reworded
// ---------------------------------------------------------------------------------------------------

export const SUIVI_DSN_CHECKLIST: readonly { readonly step: string; readonly items: readonly string[] }[] = [
  {
    step: "Avant et après le dépôt",
    items: [
      "Contrôler les données des salariés.",
      "Contrôler le SIRET de l'établissement.",
      "Contrôler les blocs agrégés : tiers déclarant, entreprise, établissement.",
      "S'assurer que l'accusé de réception du dépôt est bien arrivé.",
      "Lire les comptes rendus métier (CRM) renvoyés après le dépôt.",
    ],
  },
  {
    step: "Depuis le tableau de bord",
    items: ["Analyser les anomalies.", "Les corriger."],
  },
  {
    step: "Comment corriger",
    items: [
      "Si la DSN est partie bien avant l'échéance, la remplacer par une DSN « annule et remplace ».",
      "Une fois l'échéance dépassée, corriger par une régularisation ou un bloc changement dans une DSN suivante.",
    ],
  },
];

export const SUIVI_DSN_CHECKLIST_SOURCE = `${SEED_000} (« Les bonnes pratiques du Suivi DSN : checklist »)`;
