// DSN code tables used by the anomaly catalogue and its panel. Codes and labels are copied from the
// official norm tables (test/fixtures/dsn-norm/): the value lists of norm P26V01 (norm-P26V01.yaml)
// unless stated otherwise, the rubric labels of P24V01 (fields2024.txt), the CTP labels of the Urssaf
// CTP table (ctp_rate_reference.tsv). dsn-codes.test.ts checks every label against those files.

export interface CodeLabel {
  readonly code: string;
  /** Official label, verbatim from the norm table (spacing included). */
  readonly label: string;
}

export const NORM_SOURCES = {
  P26V01: "Cahier technique de la norme DSN P26V01 (net-entreprises.fr, https://www.net-entreprises.fr)",
  P24V01_FIELDS: "Norme DSN P24V01, liste des rubriques (net-entreprises.fr, https://www.net-entreprises.fr)",
  P24V01_DATATYPES: "Norme DSN P24V01, types de données (net-entreprises.fr, https://www.net-entreprises.fr)",
  CTP: "Urssaf, « Table des codes types de personnel (CTP) » (https://open.urssaf.fr)",
  DSNVAL:
    "Norme DSN P24V01, messages des contrôles DSN-Val (net-entreprises.fr, https://www.net-entreprises.fr)",
} as const;

/** S21.G00.40.007 "Nature du contrat" (norm P26V01). */
export const CONTRACT_NATURES: readonly CodeLabel[] = [
  { code: "01", label: "Contrat de travail à durée indéterminée de droit privé" },
  { code: "02", label: "Contrat de travail à durée déterminée de droit privé" },
  { code: "03", label: "Contrat  de mission (contrat de travail temporaire)" },
  { code: "07", label: "Contrat à durée indéterminée intermittent" },
  { code: "08", label: "Contrat à durée indéterminée intérimaire" },
  { code: "09", label: "Contrat de travail à durée indéterminée de droit public" },
  { code: "10", label: "Contrat de travail à durée déterminée de droit public" },
  { code: "20", label: "[FP] Détachement d’un agent d’une Fonction Publique donnant lieu à pension (ECP)" },
  {
    code: "21",
    label: "[FP] Détachement d’un agent d’une Fonction Publique ne donnant pas lieu à pension (ENCP)",
  },
  { code: "29", label: "Convention de stage (hors formation professionnelle)" },
  { code: "32", label: "Contrat d’appui au projet d’entreprise" },
  { code: "50", label: "Nomination dans la fonction publique (par arrêté, par décision,…)" },
  {
    code: "51",
    label: "Contrat de mission d’un collaborateur occasionnel du service public (COSP) ou assimilé",
  },
  { code: "52", label: "[FP] Cumul d’activité à titre accessoire" },
  { code: "53", label: "Contrat d'emploi pénitentiaire" },
  { code: "54", label: "Contrat d'emploi pénitentiaire en apprentissage" },
  { code: "60", label: "Contrat d'engagement éducatif" },
  { code: "70", label: "Contrat de soutien et d'aide par le travail" },
  { code: "80", label: "Mandat social" },
  { code: "81", label: "Mandat d'élu" },
  { code: "82", label: "Contrat de travail à durée indéterminée de Chantier ou d'opération" },
  { code: "89", label: "Volontariat de service civique" },
  { code: "90", label: "Autre nature de contrat, convention, mandat (hors mandat social)" },
  { code: "91", label: "Contrat d'engagement maritime à durée indéterminée" },
  { code: "92", label: "Contrat d'engagement maritime à durée déterminée" },
  { code: "93", label: "Ligne de service" },
];

/**
 * The contract natures listed by the Suivi DSN question of UR_ANO_DIMNS002 (seed 000): fixed-term
 * and similar contracts. The seed's own wording of each label is kept in
 * SEED_DIMNS002_NATURE_LABELS (it differs slightly from the norm for 03, 51 and 90).
 */
export const SEED_FIXED_TERM_NATURES = ["02", "03", "10", "29", "51", "53", "60", "70", "90", "92"] as const;
export type SeedFixedTermNature = (typeof SEED_FIXED_TERM_NATURES)[number];

export const SEED_DIMNS002_NATURE_LABELS: Readonly<Record<SeedFixedTermNature, string>> = {
  "02": "Contrat de travail à durée déterminée de droit privé",
  "03": "Contrat de mission",
  "10": "Contrat de travail à durée déterminée de droit public",
  "29": "Convention de stage",
  "51": "Contrat de mission d'un collaborateur occasionnel du service public",
  "53": "Contrat d'emploi pénitentiaire",
  "60": "Contrat d'engagement éducatif",
  "70": "Contrat de soutien et d'aide par le travail",
  "90": "Autre nature de contrat, convention, mandat",
  "92": "Contrat d'engagement maritime à durée déterminée",
};

export function isSeedFixedTermNature(code: string): code is SeedFixedTermNature {
  return (SEED_FIXED_TERM_NATURES as readonly string[]).includes(code);
}

/** Contract natures with the seed's fixed-term flag, for the panel's value table. */
export function contractNatureTable(): { code: string; label: string; fixedTermInSeed: boolean }[] {
  return CONTRACT_NATURES.map((n) => ({ ...n, fixedTermInSeed: isSeedFixedTermNature(n.code) }));
}

/** S21.G00.78.001 "Code de base assujettie" — the values the catalogue uses (norm P26V01). */
export const BASE_CODES: readonly CodeLabel[] = [
  { code: "02", label: "Assiette  brute plafonnée" },
  { code: "03", label: "Assiette brute déplafonnée" },
  { code: "04", label: "Assiette de la contribution sociale généralisée" },
  { code: "07", label: "Assiette des contributions d'Assurance Chômage" },
];

/** S21.G00.58.003 "Type" of the "Elément de revenu calculé en net" block (norm P26V01). */
export const NET_INCOME_TYPES: readonly CodeLabel[] = [{ code: "03", label: "Montant net social" }];

/**
 * S21.G00.51.011 "Type" of the "Rémunération" block: value 027, withdrawn from the list in P26V01,
 * still present in P24V01 (datatypes2024.txt, DSN_Renumeration_Type).
 */
export const REMUNERATION_TYPE_027: CodeLabel = { code: "027", label: "Montant net social" };

/** S21.G00.23.002 "Qualifiant d'assiette" (norm P26V01). */
export const BASE_QUALIFIERS: readonly CodeLabel[] = [
  { code: "920", label: "Autre assiette" },
  { code: "921", label: "Assiette plafonnée" },
];

/** S20.G00.05.002 "Type de la déclaration" (norm P26V01). */
export const DECLARATION_TYPES: readonly CodeLabel[] = [
  { code: "01", label: "déclaration normale" },
  { code: "02", label: "déclaration normale sans individu" },
  { code: "03", label: "déclaration annule et remplace intégral" },
  { code: "04", label: "déclaration annule" },
  { code: "05", label: "annule et remplace sans individu" },
];

/** S20.G00.05.001 "Nature de la déclaration": the values the correction texts mention (norm P26V01). */
export const DECLARATION_NATURES: readonly CodeLabel[] = [
  { code: "01", label: "DSN Mensuelle" },
  { code: "09", label: "DSN de substitution" },
];

/** S21.G00.40.014 "Modalité d'exercice du temps de travail" — values used by DIPA01I/J/K (norm P26V01). */
export const WORKING_TIME_MODES: readonly CodeLabel[] = [
  { code: "10", label: "Temps plein" },
  { code: "20", label: "Temps partiel" },
];

/** S21.G00.81.001 "Code de cotisation" — individual codes the catalogue uses (norm P26V01). */
export const INDIVIDUAL_CONTRIBUTION_CODES: readonly CodeLabel[] = [
  {
    code: "048",
    label: "Cotisation AGS : assurance garantie des salaires sur rémunérations brutes après déduction",
  },
  { code: "049", label: "Cotisation Allocation de logement (FNAL)" },
  { code: "072", label: "Contribution sociale généralisée/salaires partiellement déductibles" },
  { code: "079", label: "Remboursement de la dette sociale" },
];

/** CTP codes (S21.G00.23.001) used by the catalogue, with the Urssaf CTP table's label and rates. */
export interface CtpCode extends CodeLabel {
  /** Short label of the CTP table (the one printed on payroll software DSN reports). */
  readonly shortLabel: string;
  /** Rate (%) on the capped base, when the table gives one. */
  readonly cappedRate: number | null;
  /** Rate (%) on the uncapped base, when the table gives one. */
  readonly uncappedRate: number | null;
  /** Effective date of that table row (JJ/MM/AAAA as in the table). */
  readonly since: string;
}

export const CTP_CODES: readonly CtpCode[] = [
  {
    code: "100",
    label: "RG CAS GENERAL",
    shortLabel: "CAS GENER",
    cappedRate: 15.45,
    uncappedRate: 13.26,
    since: "01/01/2026",
  },
  {
    code: "236",
    label: "FNAL TOTALITE",
    shortLabel: "FNAL TOTALITE",
    cappedRate: null,
    uncappedRate: 0.5,
    since: "01/01/2012",
  },
  {
    code: "332",
    label: "FNAL PLAFONNE",
    shortLabel: "FNAL PLAFONNE",
    cappedRate: 0.1,
    uncappedRate: null,
    since: "01/01/2012",
  },
  {
    code: "937",
    label: "COTISATIONS AGS CAS GENERAL U2",
    shortLabel: "COTIS.AGS CAS GENER.",
    cappedRate: null,
    uncappedRate: 0.25,
    since: "01/07/2024",
  },
];
