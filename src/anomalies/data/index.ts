// Entry point of the anomaly knowledge base: the validated catalogue, lookup by reference, and a plain
// explanation for references the catalogue does not know yet.

import { CATALOGUE_DATA } from "./catalogue.ts";
import { type AnomalyEntry, catalogueSchema, DSNVAL_CODE_RE } from "./schema.ts";
import { CSS_R133_14_2, DSN_CORRECTION, URSSAF_DOCEXPERTS, URSSAF_GOOD_PRACTICES } from "./sources.ts";

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
 * What the domain codes of the references seem to cover, inferred from the references the Urssaf
 * publishes (docs/sources.md), not from an official list.
 */
export const URSSAF_DOMAIN_HINTS: Readonly<Record<string, string>> = {
  ASS: "assiettes de cotisations (bases déclarées)",
  CTP: "lignes de cotisation par code type de personnel (CTP)",
  DEC: "montants déclarés au bordereau",
  RED: "réductions et exonérations de cotisations",
  EFF: "effectif de l'établissement ou de l'entreprise",
  APP: "apprentis",
  DIMNS: "montant net social (données individuelles)",
};

export const URSSAF_SUBDOMAIN_HINTS: Readonly<Record<string, string>> = {
  MNT: "montants",
  PLF: "assiette plafonnée",
  DPLF: "assiette déplafonnée",
  CSG: "assiette CSG/CRDS",
  FNAL: "contribution FNAL",
  AGS: "cotisation AGS",
  RGDU: "réduction générale dégressive unique",
  CTP: "code type de personnel",
};

/** Generic correction route, for a reference the catalogue does not know. */
export const GENERIC_CORRECTION = {
  before:
    "Avant l'échéance (jusqu'à minuit la veille) : déposez une DSN « annule et remplace intégral » qui reprend toute la déclaration avec la donnée corrigée.",
  after:
    "Après l'échéance : corrigez dans une DSN suivante, par des blocs de régularisation datés de la période d'origine (données de cotisation) ou un bloc changement (données du contrat ou du salarié). Si la donnée déclarée est juste, contestez l'anomalie dans « Suivi DSN ».",
} as const;

/** What a DSN de substitution can correct, per kind of data, as the panel says it. */
export const SUBSTITUTION_TEXT: Readonly<Record<NonNullable<AnomalyEntry["substitution"]>, string>> = {
  retraite:
    "Cette anomalie touche des données de retraite (assiette plafonnée, jours de la période d'emploi). Sans correction ni contestation dans le délai, l'Urssaf peut établir une DSN de substitution qui les corrige et réclamer l'écart de cotisations : en 2026, pour les périodes de 2025, la substitution ne porte que sur ces données de retraite.",
};

/** The sources shown for a reference the catalogue does not know. */
export const UNKNOWN_REFERENCE_SOURCES: readonly string[] = [
  `${URSSAF_DOCEXPERTS} — forme des références UR_ANO_ (domaine, objet, DA données agrégées / DI données individuelles)`,
  `${DSN_CORRECTION} — annule et remplace avant l'échéance, régularisation ou bloc changement ensuite`,
  `${CSS_R133_14_2} — correction au plus tard dans la DSN déposée 30 jours après la notification`,
];

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
  const noSub = /^UR_ANO_([A-Z]+)_(DA|DI)([A-Z0-9]+)$/.exec(ref);
  if (noSub) {
    const [, domain = "", level, code = ""] = noSub;
    return { domain, domainHint: URSSAF_DOMAIN_HINTS[domain], level: level === "DA" ? "DA" : "DI", code };
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
      ? `domaine ${parts.domain} (${parts.domainHint}, sens déduit des références publiées)`
      : `domaine ${parts.domain} (inconnu à ce jour)`,
  );
  if (parts.sub)
    bits.push(
      parts.subHint ? `objet ${parts.sub} (${parts.subHint})` : `objet ${parts.sub} (inconnu à ce jour)`,
    );
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

export const SUIVI_DSN_CHECKLIST_SOURCE = `${URSSAF_GOOD_PRACTICES}, « Les bonnes pratiques du Suivi DSN : checklist »`;
