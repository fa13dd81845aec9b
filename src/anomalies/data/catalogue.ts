// The anomaly catalogue, as data. Parsed through schema.ts by index.ts; checked against the official
// norm tables by catalogue.test.ts. Codes, labels, official messages and figures come from the sources
// named in each entry; explanations, causes, advice are written by us.

import {
  BASE_CODES,
  BASE_QUALIFIERS,
  CONTRACT_NATURES,
  type CodeLabel,
  CTP_CODES,
  DECLARATION_TYPES,
  INDIVIDUAL_CONTRIBUTION_CODES,
  NET_INCOME_TYPES,
  REMUNERATION_TYPE_027,
  SEED_FIXED_TERM_NATURES,
  WORKING_TIME_MODES,
} from "../../dsn/data/codes.ts";
import type { AnomalyEntryInput, Source } from "./schema.ts";
import {
  CSS_R133_14_2,
  CTP_TABLE,
  DA263_NOTE,
  DIPA01_RUBRICS_NOTE,
  DSN_CORRECTION,
  NORM_P24,
  NORM_P26,
  normControl,
  URSSAF_DOCEXPERTS,
  URSSAF_GOOD_PRACTICES,
  URSSAF_SUBSTITUTION,
} from "./sources.ts";

// Every `ref` and question `source` below is shown to the user: public references only (sources.ts).

/** Official rubric labels (norm P24V01 workbook, « Fields » sheet; identical in P26V01). */
export const RUBRIC_LABELS = {
  "S10.G00.01.001": "Siren de l'émetteur de l'envoi",
  "S10.G00.01.002": "Nic de l'émetteur de l'envoi",
  "S20.G00.05.002": "Type de la déclaration",
  "S20.G00.05.005": "Date du mois principal déclaré",
  "S21.G00.11.004": "Code postal",
  "S21.G00.11.008": "Effectif de fin de période déclarée de l'établissement",
  "S21.G00.22.001": "Identifiant Organisme de Protection Sociale",
  "S21.G00.22.003": "Date de début de période de rattachement",
  "S21.G00.22.004": "Date de fin de période de rattachement",
  "S21.G00.22.005": "Montant total de cotisations",
  "S21.G00.23.001": "Code de cotisation",
  "S21.G00.23.002": "Qualifiant d'assiette",
  "S21.G00.23.003": "Taux de cotisation",
  "S21.G00.23.004": "Montant d'assiette",
  "S21.G00.23.005": "Montant de cotisation",
  "S21.G00.40.007": "Nature du contrat",
  "S21.G00.40.008": "Dispositif de politique publique et conventionnel",
  "S21.G00.40.011": "Unité de mesure de la quotité de travail",
  "S21.G00.40.012": "Quotité de travail de référence de l'entreprise pour la catégorie de salarié",
  "S21.G00.40.013": "Quotité de travail du contrat",
  "S21.G00.40.014": "Modalité d'exercice du temps de travail",
  "S21.G00.40.044": "Salarié à temps partiel cotisant à temps plein",
  "S21.G00.41.001": "Date de la modification",
  "S21.G00.41.004": "Ancienne nature du contrat",
  "S21.G00.41.006": "Ancienne unité de mesure de la quotité de travail",
  "S21.G00.41.007": "Ancienne quotité de travail du contrat",
  "S21.G00.41.008": "Ancienne modalité d'exercice du temps de travail",
  "S21.G00.50.001": "Date de versement",
  "S21.G00.51.001": "Date de début de période de paie",
  "S21.G00.51.002": "Date de fin de période de paie",
  "S21.G00.51.011": "Type",
  "S21.G00.51.012": "Nombre d'heures",
  "S21.G00.53.002": "Mesure",
  "S21.G00.53.003": "Unité de mesure",
  "S21.G00.58.001": "Date de début de période de rattachement",
  "S21.G00.58.002": "Date de fin de période de rattachement",
  "S21.G00.58.003": "Type",
  "S21.G00.58.004": "Montant",
  "S21.G00.78.001": "Code de base assujettie",
  "S21.G00.78.002": "Date de début de période de rattachement",
  "S21.G00.78.003": "Date de fin de période de rattachement",
  "S21.G00.78.004": "Montant",
  "S21.G00.81.001": "Code de cotisation",
  "S21.G00.81.003": "Montant d'assiette",
  "S21.G00.81.004": "Montant de cotisation",
} as const;

export type KnownRubric = keyof typeof RUBRIC_LABELS;

interface RubricInput {
  code: string;
  label: string;
  role: string;
  values?: { code: string; label: string; highlight?: boolean }[];
  valueTable?: "CONTRACT_NATURES";
}

function rubric(code: KnownRubric, role: string, values?: readonly CodeLabel[]): RubricInput {
  return values
    ? { code, label: RUBRIC_LABELS[code], role, values: values.map((v) => ({ ...v })) }
    : { code, label: RUBRIC_LABELS[code], role };
}

function pick(table: readonly CodeLabel[], ...codes: string[]): CodeLabel[] {
  return codes.map((code) => {
    const found = table.find((v) => v.code === code);
    if (!found) throw new Error(`code ${code} absent de la table`);
    return found;
  });
}

const CTP_AS_VALUES: CodeLabel[] = CTP_CODES.map((c) => ({ code: c.code, label: c.label }));

const SEED_NATURE_VALUES = CONTRACT_NATURES.filter((n) =>
  (SEED_FIXED_TERM_NATURES as readonly string[]).includes(n.code),
).map((n) => ({ ...n, highlight: true }));

// Sources shared by several entries --------------------------------------------------------------------

const SRC_FIELDS: Source = {
  ref: NORM_P24,
  supports: "codes et libellés officiels des rubriques",
};
const SRC_P26: Source = {
  ref: NORM_P26,
  supports: "listes de valeurs et leurs libellés officiels",
};
const SRC_CALENDAR: Source = {
  ref: DSN_CORRECTION,
  supports:
    "annule et remplace jusqu'à minuit la veille de l'échéance ; ensuite correction dans une DSN ultérieure (blocs de régularisation datés de la période d'origine, un mois civil à la fois, ou bloc changement)",
};
const SRC_SEED_CHECKLIST: Source = {
  ref: URSSAF_GOOD_PRACTICES,
  supports:
    "bonne pratique Suivi DSN : annule et remplace avant l'échéance, bloc de régularisation ou bloc changement après",
};
// Causes, questions and advice are ours, written from the sources of each entry: no source of their own.
const SRC_DEADLINE_RULE: Source = {
  ref: CSS_R133_14_2,
  supports: "délai de correction des anomalies notifiées",
};
const SRC_DSNVAL_KINDS: Source = {
  ref: URSSAF_DOCEXPERTS,
  supports:
    "forme des codes de contrôle <rubrique>/<nature>-<nn> ; CSL syntaxe, CCH cohérence ; seuls les SIG sont de simples avertissements",
};

const BEFORE_DEADLINE =
  "Avant l'échéance (jusqu'à minuit la veille) : déposez une DSN « annule et remplace intégral » (S20.G00.05.002 = 03) qui reprend toute la déclaration avec la donnée corrigée.";

const REJECTED_BEFORE =
  "Ce contrôle est bloquant : le fichier est refusé au dépôt, la DSN n'est donc pas reçue. Corrigez la rubrique dans le logiciel de paie et déposez de nouveau la DSN avant l'échéance (le 5 ou le 15 à midi).";
const REJECTED_AFTER =
  "Si l'échéance est passée, déposez la DSN corrigée sans attendre : tant qu'aucun dépôt n'est accepté, la DSN du mois manque.";

// The catalogue ---------------------------------------------------------------------------------------

const CATALOGUE_DATA_BASE: AnomalyEntryInput[] = [
  {
    reference: "UR_ANO_DIMNS002",
    match: "exact",
    kind: "urssaf",
    scope: "DI",
    title: "Montant net social déclaré incohérent avec celui estimé par l'Urssaf",
    officialLabel: "Écart incohérent entre le montant net social estimé et le montant net social déclaré.",
    explanation:
      "À partir de ce que la DSN déclare pour le salarié (rémunérations, bases assujetties du bloc 78, cotisations individuelles du bloc 81), l'Urssaf recalcule un montant net social. Celui que vous avez déclaré dans le bloc 58 (type 03) s'en éloigne trop : soit le montant net social est faux, soit ce sont les bases ou cotisations qui le sont.",
    rubrics: [
      rubric("S21.G00.58.003", "Doit valoir 03 pour porter le montant net social.", NET_INCOME_TYPES),
      rubric("S21.G00.58.004", "Le montant net social déclaré, comparé à l'estimation de l'Urssaf."),
      rubric(
        "S21.G00.58.001",
        "À remplir seulement si le montant se rattache à une autre période que le versement (avec .002).",
      ),
      rubric("S21.G00.58.002", "Fin de la période de rattachement, à remplir avec .001."),
      rubric("S21.G00.50.001", "Le versement auquel le bloc 58 est rattaché."),
      rubric(
        "S21.G00.78.001",
        "Les bases déclarées servent à l'estimation.",
        pick(BASE_CODES, "02", "03", "04"),
      ),
      rubric("S21.G00.78.004", "Montant de chaque base."),
      rubric(
        "S21.G00.81.001",
        "Les cotisations salariales déclarées (dont CSG et CRDS) entrent dans l'estimation.",
        pick(INDIVIDUAL_CONTRIBUTION_CODES, "072", "079"),
      ),
      rubric("S21.G00.81.004", "Montant de chaque cotisation individuelle."),
      {
        ...rubric(
          "S21.G00.40.007",
          "Nature du contrat : objet de la question posée par l'Urssaf.",
          SEED_NATURE_VALUES,
        ),
        valueTable: "CONTRACT_NATURES",
      },
    ],
    causes: [
      "Bloc 58 de type 03 absent, ou rattaché au mauvais versement ou au mauvais mois.",
      "Montant net social calculé sur un mauvais périmètre : il s'obtient en retirant du revenu brut toutes les cotisations et contributions sociales salariales obligatoires, CSG et CRDS comprises ; ce n'est ni le net à payer ni le net imposable.",
      "Bases assujetties (bloc 78) ou cotisations individuelles (bloc 81) manquantes ou erronées : l'estimation de l'Urssaf est alors fausse.",
      "Nature de contrat (S21.G00.40.007) qui ne correspond pas au contrat réel.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans la prochaine DSN mensuelle, déclarez le bon montant net social dans un bloc 58 de type 03 rattaché à la période d'origine (S21.G00.58.001 et .002), et régularisez les bases 78 ou cotisations 81 erronées par des blocs datés de cette même période, un mois civil à la fois. Si c'est la nature du contrat qui était fausse, déclarez-la par un bloc changement (S21.G00.41.004).",
      afterDeadlineMethod: "regularisation-et-changement",
    },
    questions: [
      {
        id: "dimns002-nature-contrat",
        fromUrssaf: true,
        text: "La nature de contrat déclarée en S21.G00.40.007 (Nature du contrat) est-elle l'une des valeurs suivantes : 02, 03, 10, 29, 51, 53, 60, 70, 90 ou 92 ?",
        values: SEED_NATURE_VALUES,
        answers: [
          {
            answer: "Oui",
            advice:
              "Contrat à durée déterminée ou assimilé. Vérifiez d'abord que cette nature est bien celle du contrat réel ; sinon, corrigez-la (bloc changement après l'échéance). Si elle est juste, regardez les sommes propres à ce type de contrat versées sur la période (fin de contrat, congés payés de départ, gratification de stage…) et leur traitement dans les blocs 78, 81 et 58. Si toutes les données sont exactes, contestez l'anomalie dans « Suivi DSN » en expliquant le calcul.",
          },
          {
            answer: "Non",
            advice:
              "Contrat d'une autre nature (CDI, mandat…). Recalculez le montant net social (brut moins cotisations et contributions salariales obligatoires, CSG et CRDS comprises), vérifiez que le bloc 58 de type 03 existe et qu'il est rattaché au bon versement, puis contrôlez les bases 78 et les cotisations 81 du salarié. Corrigez la donnée fausse.",
          },
        ],
        source: `${URSSAF_GOOD_PRACTICES} (question de la page « Suivi DSN » et liste des natures)`,
      },
    ],
    sources: [
      {
        ref: URSSAF_GOOD_PRACTICES,
        supports:
          "libellé et référence technique UR_ANO_DIMNS002, action attendue, question Oui/Non et ses natures de contrat",
      },
      {
        ref: URSSAF_DOCEXPERTS,
        supports:
          "montant net social = S21.G00.58 type 03 ; périmètre du montant net social ; causes typiques",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_SEED_CHECKLIST,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_DEC_MNT_DA263",
    match: "exact",
    kind: "urssaf",
    scope: "DA",
    title: "Total du bordereau Urssaf différent du total recalculé des lignes CTP",
    explanation:
      "L'Urssaf refait la somme des cotisations de chaque ligne CTP du bordereau (bloc 23) : assiette multipliée par le taux du code pour la période, ou montant déclaré pour les réductions et régularisations. Le montant total du bordereau (S21.G00.22.005, arrondi à l'euro) ne correspond pas à ce total recalculé.",
    rubrics: [
      rubric("S21.G00.22.001", "L'organisme du bordereau (ici une Urssaf)."),
      rubric("S21.G00.22.005", "Le total déclaré, comparé au total recalculé."),
      rubric("S21.G00.23.001", "Le code type de personnel (CTP) de chaque ligne.", CTP_AS_VALUES),
      rubric(
        "S21.G00.23.002",
        "Plafonné (921) ou autre assiette (920) : fixe le taux de la table CTP.",
        BASE_QUALIFIERS,
      ),
      rubric(
        "S21.G00.23.003",
        "Sur les CTP 100, 726, 734 et 863 en 920, porte le taux AT/MP de l'entreprise, qui s'ajoute au taux de la table.",
      ),
      rubric("S21.G00.23.004", "L'assiette de la ligne."),
      rubric("S21.G00.23.005", "Le montant, déclaré seul pour les lignes de réduction ou de régularisation."),
    ],
    causes: [
      "Total S21.G00.22.005 saisi ou arrondi indépendamment des lignes CTP.",
      "Taux d'une ligne qui n'est pas celui de la table CTP pour la période (changement de taux, taux AT/MP oublié ou erroné en S21.G00.23.003).",
      "Ligne CTP manquante, en double ou avec le mauvais qualifiant (920/921).",
      "Réduction déclarée en négatif ou mal placée : les montants agrégés ne sont jamais négatifs, c'est l'Urssaf qui déduit les réductions.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, ajoutez un bordereau Urssaf rattaché au mois d'origine (S21.G00.22.003 et .004) avec les lignes CTP qui rectifient l'écart, un mois civil par bordereau.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [
      {
        id: "da263-total",
        fromUrssaf: false,
        text: "Le montant S21.G00.22.005 est-il égal, à l'euro près, à la somme des montants des lignes CTP de votre état DSN Urssaf ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Le total est cohérent avec vos lignes : l'écart vient du recalcul de l'Urssaf. Comparez chaque ligne avec la table CTP de la période (taux plafonné pour 921, déplafonné pour 920, taux AT/MP en plus sur 100/726/734/863) et vérifiez les assiettes avec le détail des cotisations.",
          },
          {
            answer: "Non",
            advice:
              "Le total lui-même est faux : il doit être la somme des lignes CTP, arrondie à l'euro. Corrigez-le dans le logiciel de paie.",
          },
        ],
        source: `${URSSAF_DOCEXPERTS} (principe de rapprochement)`,
      },
      {
        id: "da263-reduction",
        fromUrssaf: false,
        text: "Le bordereau comporte-t-il une ligne de réduction ou de régularisation (par exemple 668 ou 669) ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Ces lignes ne se recalculent pas : l'Urssaf reprend leur montant S21.G00.23.005, déclaré en positif, et déduit elle-même les réductions. Vérifiez le signe et le montant de la ligne.",
          },
          {
            answer: "Non",
            advice:
              "Cherchez la ligne dont le montant diffère de assiette × taux : c'est elle qui crée l'écart.",
          },
        ],
        source: URSSAF_DOCEXPERTS,
      },
    ],
    sources: [
      {
        ref: DA263_NOTE,
        supports:
          "référence UR_ANO_DEC_MNT_DA263 : écart entre le total des cotisations déclaré et le total recalculé",
      },
      {
        ref: URSSAF_DOCEXPERTS,
        supports: "arrondi à l'euro ; calcul des lignes CTP, taux AT/MP, lignes F/R",
      },
      { ref: CTP_TABLE, supports: "libellés, taux et dates d'effet des CTP" },
      {
        ref: CTP_TABLE,
        supports: "taux des CTP par période, qui servent au recalcul du total",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_ASS_PLF_DIPA01[IJK]",
    match: "pattern",
    kind: "urssaf",
    scope: "DI",
    substitution: "retraite",
    title: "Assiette plafonnée différente du plafond recalculé",
    variants: [
      {
        reference: "UR_ANO_ASS_PLF_DIPA01I",
        title: "Salarié à temps plein",
        explanation: "Le plafond est recalculé pour un temps plein.",
      },
      {
        reference: "UR_ANO_ASS_PLF_DIPA01J",
        title: "Salarié à temps partiel",
        explanation: "Le plafond est recalculé pour un temps partiel, à partir des quotités et des heures.",
      },
      {
        reference: "UR_ANO_ASS_PLF_DIPA01K",
        title: "Salarié à temps partiel cotisant à temps plein",
        explanation:
          "Le plafond est recalculé pour un temps partiel qui a choisi de cotiser sur un temps plein (S21.G00.40.044).",
      },
    ],
    explanation:
      "Pour le salarié, l'Urssaf recalcule le plafond de sécurité sociale du mois à partir du contrat (unité de mesure, quotités de travail, modalité d'exercice du temps de travail) et des heures, puis le compare à l'assiette brute plafonnée déclarée (bloc 78, code 02). Les deux ne sont pas cohérents. Repère : le plafond mensuel (PMSS) vaut 3 925 € en 2025 et 4 005 € en 2026.",
    rubrics: [
      rubric("S21.G00.40.011", "Unité dans laquelle les quotités sont exprimées."),
      rubric("S21.G00.40.012", "Durée de référence d'un temps plein dans l'entreprise."),
      rubric("S21.G00.40.013", "Durée prévue au contrat."),
      rubric("S21.G00.40.014", "Temps plein ou partiel.", WORKING_TIME_MODES),
      rubric("S21.G00.40.044", "Option du temps partiel cotisant à temps plein (variante K)."),
      rubric(
        "S21.G00.51.011",
        "Type 017 : heures supplémentaires ou complémentaires aléatoires, que l'Urssaf ajoute à la durée du contrat pour le plafond d'un temps partiel.",
        [{ code: "017", label: "Heures supplémentaires ou complémentaires aléatoires" }],
      ),
      rubric("S21.G00.51.012", "Nombre d'heures de la rémunération, dont celles du type 017."),
      rubric(
        "S21.G00.53.003",
        "Unité 40 : nombre de jours de l'emploi dans le mois, sur lequel l'Urssaf proratise le plafond.",
        [
          {
            code: "40",
            label:
              "jours calendaires de la période d’emploi pris en compte dans le calcul du plafond de Sécurité Sociale",
          },
        ],
      ),
      rubric(
        "S21.G00.53.002",
        "Nombre de jours (unité 40) : absent ou à zéro, le plafond recalculé par l'Urssaf est nul.",
      ),
      rubric("S21.G00.78.001", "Base plafonnée (02) et base déplafonnée (03).", pick(BASE_CODES, "02", "03")),
      rubric("S21.G00.78.004", "Montant de la base plafonnée comparé au plafond recalculé."),
      rubric("S21.G00.41.006", "Bloc changement : ancienne unité de mesure."),
      rubric("S21.G00.41.007", "Bloc changement : ancienne quotité du contrat."),
      rubric("S21.G00.41.008", "Bloc changement : ancienne modalité du temps de travail."),
    ],
    causes: [
      "Modalité (S21.G00.40.014) ou quotités (S21.G00.40.012, .013) qui ne correspondent pas au contrat réel.",
      "Plafond du mois appliqué en entier alors que le salarié est entré, sorti ou absent sans maintien de salaire en cours de mois, ou l'inverse.",
      "Heures rémunérées absentes ou incohérentes avec la quotité, ou heures complémentaires aléatoires non déclarées en type 017.",
      "Jours de la période d'emploi (bloc 53, unité 40) absents ou à zéro : le plafond recalculé est nul.",
      "Option de cotisation à temps plein d'un temps partiel non déclarée, ou déclarée à tort.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : si c'est le contrat qui était mal décrit, déclarez la correction par un bloc changement contrat (S21.G00.41, avec la date de la modification et les anciennes valeurs) ; si c'est la base plafonnée qui était fausse, régularisez-la par un bloc 78 de code 02 daté de la période d'origine (S21.G00.78.002 et .003), un mois civil à la fois.",
      afterDeadlineMethod: "regularisation-et-changement",
    },
    questions: [
      {
        id: "dipa01-modalite",
        fromUrssaf: false,
        text: "La modalité d'exercice du temps de travail (S21.G00.40.014) et les quotités déclarées correspondent-elles au contrat réel du salarié ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Le contrat est bien décrit : l'écart vient de la base plafonnée. Vérifiez le plafond retenu par la paie pour le mois (entrée, sortie, absence) et le montant du bloc 78 code 02.",
          },
          {
            answer: "Non",
            advice:
              "Corrigez la description du contrat : par annule et remplace avant l'échéance, sinon par un bloc changement contrat (S21.G00.41) dans la prochaine DSN. Recalculez ensuite la base plafonnée.",
          },
        ],
        source: URSSAF_DOCEXPERTS,
      },
      {
        id: "dipa01-mouvement",
        fromUrssaf: false,
        text: "Le salarié est-il entré, sorti ou absent sans maintien de salaire pendant le mois ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Le plafond du mois ne s'applique pas en entier : vérifiez que la paie l'a réduit et que la base plafonnée déclarée suit ce plafond réduit.",
          },
          {
            answer: "Non",
            advice:
              "Le plafond du mois s'applique pour un temps plein (proportionnellement pour un temps partiel) : comparez-le à la base plafonnée déclarée.",
          },
        ],
        source: SRC_DEADLINE_RULE.ref,
      },
    ],
    sources: [
      {
        ref: URSSAF_DOCEXPERTS,
        supports:
          "références UR_ANO_ASS_PLF_DIPA01I/J/K et leur sens (temps plein, temps partiel, temps partiel cotisant à temps plein ; S21.G00.40.011 à .014 et heures)",
      },
      { ref: URSSAF_DOCEXPERTS, supports: "PMSS 3 925 € en 2025 et 4 005 € en 2026" },
      {
        ref: DIPA01_RUBRICS_NOTE,
        supports:
          "rubriques du recalcul : S21.G00.53 unité 40 (jours de la période d'emploi), S21.G00.51 type 017 (heures)",
      },
      {
        ref: URSSAF_SUBSTITUTION,
        supports: "en 2026, la DSN de substitution porte sur les données de retraite",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_SEED_CHECKLIST,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_ASS_DPLF_DIPA01H",
    match: "exact",
    kind: "urssaf",
    scope: "DI",
    title: "Assiette plafonnée déclarée sans assiette déplafonnée",
    explanation:
      "Le salarié a une base brute plafonnée positive (bloc 78, code 02) alors que sa base brute déplafonnée (code 03) est nulle. C'est impossible : la base plafonnée est une part de la base déplafonnée.",
    rubrics: [
      rubric("S21.G00.78.001", "Code 02 (plafonnée) et code 03 (déplafonnée).", pick(BASE_CODES, "02", "03")),
      rubric("S21.G00.78.002", "Début de la période de rattachement de la base."),
      rubric("S21.G00.78.003", "Fin de la période de rattachement de la base."),
      rubric("S21.G00.78.004", "Montant de chaque base."),
    ],
    causes: [
      "Bloc 78 de code 03 absent ou à zéro pour ce versement.",
      "Régularisation qui ramène la base déplafonnée à zéro sans toucher la base plafonnée.",
      "Bases plafonnée et déplafonnée rattachées à des périodes différentes.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, régularisez les bases 78 (codes 02 et 03) par des blocs datés de la période d'origine (S21.G00.78.002 et .003), un mois civil à la fois.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [
      {
        id: "dipa01h-base-03",
        fromUrssaf: false,
        text: "La DSN contient-elle, pour ce salarié et cette période, un bloc 78 de code 03 avec un montant non nul ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Comparez les dates de rattachement des deux blocs (S21.G00.78.002 et .003) : ils doivent porter sur la même période.",
          },
          {
            answer: "Non",
            advice:
              "Déclarez la base déplafonnée (code 03) ; si le salarié n'avait aucune rémunération soumise, la base plafonnée doit aussi être nulle.",
          },
        ],
        source: SRC_DEADLINE_RULE.ref,
      },
    ],
    sources: [
      {
        ref: "Urssaf, DocExperts, fiche « UR_ANO_ASS_DPLF_DIPA01H » (https://docexperts.fr/index.php/download/5-anomalies-di/16-ur-ano-ass-dplf-dipa01h.html)",
        supports: "référence UR_ANO_ASS_DPLF_DIPA01H et son sens (base plafonnée > 0, base déplafonnée = 0)",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "TA_FNAL_ABSENT",
    match: "exact",
    kind: "interne",
    scope: "DA",
    title: "Contribution FNAL absente alors qu'une assiette est déclarée",
    explanation:
      "Le bordereau Urssaf déclare des rémunérations mais aucune ligne FNAL. Le FNAL se déclare sur le CTP 332 (FNAL plafonné, 0,10 % de l'assiette plafonnée, employeurs de moins de 50 salariés) ou sur le CTP 236 (FNAL totalité, 0,50 % de l'assiette totale, employeurs de 50 salariés et plus). Aucune référence Urssaf n'est documentée pour ce cas : l'identifiant est le nôtre.",
    rubrics: [
      rubric(
        "S21.G00.23.001",
        "CTP 332 ou 236 attendu.",
        CTP_AS_VALUES.filter((c) => c.code === "332" || c.code === "236"),
      ),
      rubric("S21.G00.23.002", "921 pour le 332 (plafonné), 920 pour le 236.", BASE_QUALIFIERS),
      rubric("S21.G00.23.004", "Assiette de la ligne FNAL."),
      rubric(
        "S21.G00.81.001",
        "Cotisation individuelle FNAL (049).",
        pick(INDIVIDUAL_CONTRIBUTION_CODES, "049"),
      ),
      rubric(
        "S21.G00.78.001",
        "Les bases plafonnée et déplafonnée dont dépend le FNAL.",
        pick(BASE_CODES, "02", "03"),
      ),
    ],
    causes: [
      "Cotisation FNAL non paramétrée dans le logiciel de paie (nouvelle entreprise, nouvel établissement).",
      "Passage du seuil de 50 salariés : la ligne 332 a été retirée sans que la ligne 236 soit ajoutée (ou l'inverse).",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, ajoutez un bordereau Urssaf rattaché au mois d'origine avec la ligne FNAL manquante, un mois civil par bordereau, et les cotisations individuelles 049 dans des blocs datés de ce mois.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [
      {
        id: "fnal-effectif",
        fromUrssaf: false,
        text: "L'entreprise emploie-t-elle 50 salariés ou plus ?",
        answers: [
          {
            answer: "Oui",
            advice: "Ligne attendue : CTP 236 (FNAL totalité), qualifiant 920, 0,50 % de l'assiette totale.",
          },
          {
            answer: "Non",
            advice:
              "Ligne attendue : CTP 332 (FNAL plafonné), qualifiant 921, 0,10 % de l'assiette plafonnée.",
          },
        ],
        source: `${CTP_TABLE} ; code de la sécurité sociale, art. L834-1`,
      },
    ],
    sources: [
      {
        ref: URSSAF_DOCEXPERTS,
        supports:
          "contrôle « CTP FNAL absent alors qu'une assiette existe » ; CTP 332/236 ; code individuel 049 — aucune référence Urssaf n'y est documentée",
      },
      {
        ref: CTP_TABLE,
        supports: "CTP 332 FNAL PLAFONNE 0,10 % plafonné ; CTP 236 FNAL TOTALITE 0,50 % déplafonné",
      },
      {
        ref: "Code de la sécurité sociale, art. L834-1",
        supports: "FNAL sur salaires plafonnés sous 50 salariés, sur la totalité à partir de 50",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "TA_AGS_ABSENT",
    match: "exact",
    kind: "interne",
    scope: "DA",
    title: "Cotisation AGS (CTP 937) absente alors que des salaires sont déclarés sur le CTP 100",
    explanation:
      "Le bordereau Urssaf déclare des salaires sur le CTP 100 (régime général) mais aucune ligne 937 (cotisation AGS, 0,25 % depuis le 1er juillet 2024 selon la table CTP). L'AGS garantit le paiement des salaires en cas de défaillance de l'employeur ; elle est due par les employeurs de droit privé. Aucune référence Urssaf n'est documentée pour ce cas : l'identifiant est le nôtre.",
    rubrics: [
      rubric(
        "S21.G00.23.001",
        "CTP 937 attendu à côté du CTP 100.",
        CTP_AS_VALUES.filter((c) => c.code === "937" || c.code === "100"),
      ),
      rubric("S21.G00.23.004", "Assiette de la ligne AGS."),
      rubric(
        "S21.G00.81.001",
        "Cotisation individuelle AGS (048).",
        pick(INDIVIDUAL_CONTRIBUTION_CODES, "048"),
      ),
    ],
    causes: [
      "Cotisation AGS non paramétrée dans le logiciel de paie.",
      "Salariés rattachés à tort à un profil sans AGS (profil de mandataire social, par exemple).",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, ajoutez un bordereau Urssaf rattaché au mois d'origine avec la ligne 937, un mois civil par bordereau, et les cotisations individuelles 048 dans des blocs datés de ce mois.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [
      {
        id: "ags-chomage",
        fromUrssaf: false,
        text: "La contribution d'assurance chômage (CTP 772) figure-t-elle dans le bordereau pour ces salariés ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Ces salaires relèvent d'un employeur de droit privé soumis à l'assurance chômage : la ligne 937 est attendue sur les mêmes rémunérations. Ajoutez-la.",
          },
          {
            answer: "Non",
            advice:
              "Vérifiez d'abord la situation des personnes déclarées : pour un mandataire social sans contrat de travail, l'absence d'assurance chômage et d'AGS peut être normale. Pour des salariés, les deux lignes manquent.",
          },
        ],
        source: SRC_DEADLINE_RULE.ref,
      },
    ],
    sources: [
      {
        ref: URSSAF_DOCEXPERTS,
        supports:
          "contrôle « AGS (937) absent alors que des salaires sont sur le CTP 100 » ; code individuel 048 — aucune référence Urssaf n'y est documentée",
      },
      {
        ref: CTP_TABLE,
        supports:
          "CTP 937 COTISATIONS AGS CAS GENERAL U2, 0,25 % depuis le 01/07/2024 ; CTP 100 RG CAS GENERAL",
      },
      {
        ref: "Code du travail, art. L3253-6",
        supports: "assurance des salariés des employeurs de droit privé contre le non-paiement des salaires",
      },
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "S10.G00.01.001/CSL-11",
    match: "exact",
    kind: "dsn-val",
    scope: "envoi",
    title: "SIREN de l'émetteur invalide (clé)",
    officialLabel: "Le SIREN de l'émetteur ne respecte pas la clé SIREN.",
    explanation:
      "Le SIREN du bloc émetteur (celui qui dépose l'envoi, en principe le cabinet) échoue au contrôle de clé : un chiffre est faux, manquant ou interverti.",
    rubrics: [
      rubric("S10.G00.01.001", "SIREN de l'émetteur, 9 chiffres avec clé de Luhn."),
      rubric("S10.G00.01.002", "NIC de l'émetteur, qui forme avec le SIREN le SIRET."),
    ],
    causes: [
      "Faute de frappe dans le paramétrage du cabinet émetteur.",
      "Zéro de tête perdu (numéro passé par un tableur).",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: REJECTED_AFTER,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [
      {
        id: "emetteur-siret-cabinet",
        fromUrssaf: false,
        text: "Le bloc émetteur porte-t-il le SIRET actif du cabinet (et non celui du client ou un ancien SIRET fermé) ?",
        answers: [
          {
            answer: "Oui",
            advice: "Comparez chiffre à chiffre avec le SIRET actif enregistré dans les réglages du cabinet.",
          },
          {
            answer: "Non",
            advice:
              "Mettez dans le bloc émetteur (S10.G00.01) le SIRET actuel du cabinet, celui de son établissement ouvert, et utilisez ce même SIRET pour vous connecter et déposer : c'est ce lien qui permet à l'Urssaf de rattacher le client au cabinet.",
          },
        ],
        source: `${URSSAF_GOOD_PRACTICES} (« Le SIRET connecté »)`,
      },
    ],
    sources: [
      { ref: normControl("S10.G00.01.001/CSL-11"), supports: "règle et message officiel" },
      {
        ref: URSSAF_GOOD_PRACTICES,
        supports: "bonne pratique : SIRET actif du cabinet dans le bloc émetteur S10.G00.01",
      },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "S10.G00.01.002/CCH-11",
    match: "exact",
    kind: "dsn-val",
    scope: "envoi",
    title: "SIRET de l'émetteur invalide (clé)",
    officialLabel: "Le NIC de l'émetteur, associé à son SIREN, ne respecte pas la clé SIRET.",
    explanation:
      "Le SIREN et le NIC du bloc émetteur, mis bout à bout, ne forment pas un SIRET valide : le NIC est faux, ou ne correspond pas à ce SIREN.",
    rubrics: [
      rubric("S10.G00.01.001", "SIREN de l'émetteur."),
      rubric("S10.G00.01.002", "NIC de l'émetteur, 5 chiffres, contrôlé avec le SIREN."),
    ],
    causes: [
      "NIC mal saisi, ou NIC d'un autre établissement associé au SIREN du cabinet.",
      "NIC d'un ancien établissement du cabinet, fermé depuis.",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: REJECTED_AFTER,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [
      {
        id: "emetteur-siret-actif",
        fromUrssaf: false,
        text: "Le NIC déclaré est-il celui de l'établissement actif du cabinet ?",
        answers: [
          {
            answer: "Oui",
            advice: "Vérifiez la saisie du SIREN et du NIC : l'un des deux comporte une erreur.",
          },
          {
            answer: "Non",
            advice:
              "Remplacez-le par le NIC de l'établissement actif du cabinet (celui avec lequel vous vous connectez) ; un SIRET fermé empêche le rattachement des clients au cabinet.",
          },
        ],
        source: `${URSSAF_GOOD_PRACTICES} (« Le SIRET connecté »)`,
      },
    ],
    sources: [
      { ref: normControl("S10.G00.01.002/CCH-11"), supports: "règle et message officiel" },
      { ref: URSSAF_GOOD_PRACTICES, supports: "SIRET actif du cabinet ; problème d'un SIRET radié ou fermé" },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "S21.G00.50.001/CCH-14",
    match: "exact",
    kind: "dsn-val",
    scope: "DI",
    title: "Montant net social manquant (paie du mois)",
    officialLabel:
      "Vous avez déclaré un versement daté du mois principal déclaré ou du mois suivant pour lequel un bloc enfant « Elément de revenu calculé en net - S21.G00.58 » de type « 03 - Montant net social » était attendu. Celui-ci est absent. Ceci n'est pas admis.",
    explanation:
      "Pour un établissement qui paie dans le mois (sans décalage de paie), un versement daté à partir du premier jour du mois déclaré doit porter un bloc 58 de type 03 avec le montant net social. Il manque. Le contrôle ne s'applique pas aux établissements de Monaco (code postal commençant par 98).",
    rubrics: [
      rubric("S21.G00.50.001", "Date du versement qui déclenche le contrôle."),
      rubric("S20.G00.05.005", "Mois principal déclaré."),
      rubric("S21.G00.58.003", "Type attendu : 03.", NET_INCOME_TYPES),
      rubric("S21.G00.58.004", "Montant net social."),
      rubric("S21.G00.11.004", "Code postal de l'établissement (98… = Monaco, hors contrôle)."),
    ],
    causes: [
      "Logiciel de paie qui ne produit pas encore le bloc 58, ou rubrique de paie non paramétrée.",
      "Versement ajouté à la main dans la DSN sans son bloc 58.",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: REJECTED_AFTER,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [],
    sources: [
      { ref: normControl("S21.G00.50.001/CCH-14"), supports: "règle et message officiel" },
      {
        ref: URSSAF_DOCEXPERTS,
        supports: "CCH-14 et CCH-15 : montant net social (S21.G00.58 type 03) obligatoire",
      },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
      SRC_P26,
    ],
  },
  {
    reference: "S21.G00.50.001/CCH-15",
    match: "exact",
    kind: "dsn-val",
    scope: "DI",
    title: "Montant net social manquant (paie décalée)",
    officialLabel:
      "Vous avez déclaré une date de versement supérieure au dernier jour du mois principal déclaré sans avoir renseigné un bloc enfant « Elément de revenu calculé en net - S21.G00.58 » de type « 03 - Montant net social ». Ceci n'est pas admis.",
    explanation:
      "Pour un établissement en décalage de paie, le versement daté après le dernier jour du mois déclaré doit lui aussi porter un bloc 58 de type 03. Il manque. Le contrôle ne s'applique pas aux établissements de Monaco.",
    rubrics: [
      rubric("S21.G00.50.001", "Date du versement, postérieure au mois déclaré."),
      rubric("S20.G00.05.005", "Mois principal déclaré."),
      rubric("S21.G00.58.003", "Type attendu : 03.", NET_INCOME_TYPES),
      rubric("S21.G00.58.004", "Montant net social."),
      rubric("S21.G00.11.004", "Code postal de l'établissement (98… = Monaco, hors contrôle)."),
    ],
    causes: [
      "Bloc 58 produit pour la paie du mois mais pas pour le versement décalé.",
      "Date de versement erronée qui fait passer un versement dans le mois suivant.",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: REJECTED_AFTER,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [],
    sources: [
      { ref: normControl("S21.G00.50.001/CCH-15"), supports: "règle et message officiel" },
      {
        ref: URSSAF_DOCEXPERTS,
        supports: "CCH-14 et CCH-15 : montant net social (S21.G00.58 type 03) obligatoire",
      },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
      SRC_P26,
    ],
  },
  {
    reference: "S21.G00.51.011/CCH-17",
    match: "exact",
    kind: "dsn-val",
    scope: "DI",
    title: "Montant net social déclaré dans le bloc Rémunération (type 027)",
    officialLabel:
      "Vous avez déclaré une « Date de début de période de paie - S21.G00.51.001 » ou « Date de fin de période de paie - S21.G00.51.002 » postérieure ou égale au 1er janvier 2024 alors que vous avez renseigné la rubrique « Type - S21.G00.51.011 » avec la valeur « 027 - Montant net social ». Ceci n’est pas admis.",
    explanation:
      "Depuis le 1er janvier 2024, le montant net social ne se déclare plus dans le bloc 51 (type 027) mais dans le bloc 58 (type 03). Un bloc 51 de type 027 pour une période de paie de 2024 ou après est refusé, dans une DSN mensuelle comme dans une DSN de substitution. Le type 027 a d'ailleurs disparu de la liste de la norme P26V01.",
    rubrics: [
      rubric("S21.G00.51.011", "Type 027, interdit pour les périodes à partir de 2024.", [
        REMUNERATION_TYPE_027,
      ]),
      rubric("S21.G00.51.001", "Début de la période de paie."),
      rubric("S21.G00.51.002", "Fin de la période de paie."),
      rubric("S21.G00.58.003", "Emplacement attendu : type 03.", NET_INCOME_TYPES),
      rubric("S21.G00.58.004", "Montant net social."),
    ],
    causes: [
      "Paramétrage de paie antérieur à 2024 jamais mis à jour.",
      "Régularisation d'une période de 2024 ou après déclarée avec l'ancien type 027.",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: REJECTED_AFTER,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [],
    sources: [
      { ref: normControl("S21.G00.51.011/CCH-17"), supports: "règle et message officiel" },
      {
        ref: NORM_P24,
        supports: "valeur 027 « Montant net social » de S21.G00.51.011 (norme P24V01)",
      },
      { ref: NORM_P26, supports: "027 absent de la liste de S21.G00.51.011 en P26V01" },
      { ref: URSSAF_DOCEXPERTS, supports: "type 027 interdit dans le bloc 51 depuis 2024" },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
    ],
  },
  {
    reference: "S21.G00.22.005/CCH-11",
    match: "exact",
    kind: "dsn-val",
    scope: "DA",
    title: "Bordereau Urssaf négatif pour la paie courante",
    officialLabel:
      "Votre déclaration porte un bordereau de cotisations pour la paie courante dont le montant de cotisations dues est négatif alors que le «Type de la déclaration - S20.G00.05.002 » n’est ni valorisé à « 02 - déclaration normale sans individu » ni à « 05 - annule et remplace sans individu ». Pour la paie courante et dans le cas d'un bordereau relatif à une caisse Urssaf, ce montant doit être nul ou supérieur à 0.",
    explanation:
      "Un bordereau Urssaf de la paie courante (sa période finit au plus tôt à la date du dernier versement) a un montant total négatif. C'est refusé, sauf dans une déclaration sans individu (types 02 et 05) : le total de la période courante doit être nul ou positif.",
    rubrics: [
      rubric("S21.G00.22.001", "Organisme : le contrôle vise les bordereaux Urssaf."),
      rubric("S21.G00.22.004", "Fin de la période de rattachement du bordereau."),
      rubric("S21.G00.22.005", "Montant total, négatif ici."),
      rubric("S21.G00.50.001", "Dernière date de versement, qui situe la paie courante."),
      rubric("S20.G00.05.002", "Types 02 et 05 exemptés du contrôle.", pick(DECLARATION_TYPES, "02", "05")),
    ],
    causes: [
      "Régularisation négative d'un mois passé placée dans le bordereau de la période courante au lieu d'un bordereau daté du mois régularisé.",
      "Réduction déclarée en montant négatif.",
    ],
    correction: {
      beforeDeadline: REJECTED_BEFORE,
      afterDeadline: `${REJECTED_AFTER} Les régularisations d'un mois passé vont dans un bordereau rattaché à ce mois (S21.G00.22.003 et .004).`,
      afterDeadlineMethod: "nouveau-depot",
    },
    questions: [
      {
        id: "cch11-regul",
        fromUrssaf: false,
        text: "Le montant négatif vient-il d'une régularisation d'un mois précédent ?",
        answers: [
          {
            answer: "Oui",
            advice:
              "Sortez cette régularisation du bordereau courant : déclarez-la dans un bordereau dont la période de rattachement est le mois régularisé.",
          },
          {
            answer: "Non",
            advice:
              "Vérifiez les lignes de réduction : leur montant se déclare en positif, c'est l'Urssaf qui les déduit.",
          },
        ],
        source: `${URSSAF_DOCEXPERTS} ; ${DSN_CORRECTION}`,
      },
    ],
    sources: [
      { ref: normControl("S21.G00.22.005/CCH-11"), supports: "règle et message officiel" },
      {
        ref: URSSAF_DOCEXPERTS,
        supports:
          "pas de bordereau Urssaf négatif pour la période courante ; réductions déclarées en positif",
      },
      SRC_DSNVAL_KINDS,
      SRC_FIELDS,
      SRC_P26,
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
];

// References the demo space shows (its « par typologie » page) that no public source documents: each
// entry explains the rule the reference names, with the public sources of that rule (docs/sources.md).
const FNAL_ENTRY = CATALOGUE_DATA_BASE.find((e) => e.reference === "TA_FNAL_ABSENT");
const AGS_ENTRY = CATALOGUE_DATA_BASE.find((e) => e.reference === "TA_AGS_ABSENT");
if (!FNAL_ENTRY || !AGS_ENTRY) throw new Error("entrées FNAL et AGS absentes du catalogue");
const ownId = (text: string) =>
  text.replace(/ Aucune référence Urssaf n'est documentée pour ce cas : l'identifiant est le nôtre\./, "");

const DEMO_REFERENCES: AnomalyEntryInput[] = [
  {
    ...FNAL_ENTRY,
    reference: "UR_ANO_CTP_FNAL_DA101",
    kind: "urssaf",
    explanation: ownId(FNAL_ENTRY.explanation),
  },
  {
    ...AGS_ENTRY,
    reference: "UR_ANO_CTP_AGS_DA102",
    kind: "urssaf",
    explanation: ownId(AGS_ENTRY.explanation),
  },
  {
    reference: "UR_ANO_RED_RGDU_DI210",
    match: "exact",
    kind: "urssaf",
    scope: "DI",
    title: "Réduction générale incohérente avec la rémunération et le SMIC",
    explanation:
      "Pour ce salarié, l'Urssaf recalcule la réduction générale à partir de la rémunération brute, des heures et du SMIC de la période, et trouve un autre montant que celui déclaré (cotisation individuelle 018). Depuis le 1er janvier 2026, c'est la réduction générale dégressive unique qui s'applique : elle s'annule à 3 SMIC, plus à 1,6 SMIC comme avant.",
    rubrics: [
      rubric("S21.G00.81.001", "Code 018 : la réduction générale du salarié.", [
        {
          code: "018",
          label: "Réduction générale des cotisations patronales de sécurité sociale et d'assurance chômage",
        },
      ]),
      rubric("S21.G00.81.003", "Rémunération retenue pour le calcul."),
      rubric("S21.G00.81.004", "Montant de la réduction déclarée."),
      rubric("S21.G00.51.012", "Heures rémunérées, qui fixent le SMIC de référence."),
      rubric("S21.G00.78.004", "Base brute déplafonnée (code 03) du salarié."),
    ],
    causes: [
      "Formule de l'année précédente encore appliquée (seuil de 1,6 SMIC au lieu de la règle 2026).",
      "Heures rémunérées absentes ou fausses : le SMIC de référence est mal calculé.",
      "Éléments de rémunération oubliés dans la rémunération retenue.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, régularisez la cotisation individuelle 018 par un bloc daté de la période d'origine, et la ligne de réduction du bordereau rattaché à ce mois.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [],
    sources: [
      {
        ref: "Code de la sécurité sociale, art. L241-13 et D241-7",
        supports: "réduction générale des cotisations patronales et sa formule",
      },
      { ref: NORM_P26, supports: "code 018 de S21.G00.81.001" },
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_ASS_CSG_DI305",
    match: "exact",
    kind: "urssaf",
    scope: "DI",
    title: "Assiette CSG/CRDS incohérente avec la rémunération brute",
    explanation:
      "L'assiette de CSG et de CRDS déclarée pour le salarié (bloc 78, code 04) ne correspond pas à sa rémunération brute : elle vaut en principe le brut après l'abattement de 1,75 % pour frais professionnels (limité à quatre plafonds), plus les éléments qui ne bénéficient pas de l'abattement.",
    rubrics: [
      rubric("S21.G00.78.001", "Code 04 : base CSG/CRDS.", pick(BASE_CODES, "03", "04")),
      rubric("S21.G00.78.004", "Montant de la base CSG comparé au brut."),
      rubric(
        "S21.G00.81.001",
        "CSG (072) et CRDS (079) calculées sur cette base.",
        pick(INDIVIDUAL_CONTRIBUTION_CODES, "072", "079"),
      ),
    ],
    causes: [
      "Abattement appliqué au-delà de quatre plafonds, ou oublié.",
      "Part patronale de prévoyance ou de mutuelle oubliée dans la base CSG.",
      "Base 04 rattachée à une autre période que le versement.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, régularisez la base 04 et les cotisations 072 et 079 par des blocs datés de la période d'origine, un mois civil à la fois.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [],
    sources: [
      {
        ref: "Code de la sécurité sociale, art. L136-1-1",
        supports: "assiette de la CSG sur les revenus d'activité",
      },
      { ref: NORM_P26, supports: "code 04 de S21.G00.78.001, codes 072 et 079 de S21.G00.81.001" },
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_APP_CTP_DA726",
    match: "exact",
    kind: "urssaf",
    scope: "DA",
    title: "Rémunération d'apprenti au-delà du seuil déclarée sur le CTP 726",
    explanation:
      "Depuis mars 2025, la rémunération d'un apprenti n'est exonérée que jusqu'à 50 % du SMIC : cette part reste sur le CTP 726, le surplus se déclare sur le CTP 100 (régime général). Le bordereau porte sur le 726 une assiette plus grande que ce seuil.",
    rubrics: [
      rubric(
        "S21.G00.23.001",
        "CTP 726 jusqu'au seuil, CTP 100 au-delà.",
        CTP_AS_VALUES.filter((c) => c.code === "100").concat([
          { code: "726", label: "APPRENTIS SECT PRIVE INF SEUIL" },
        ]),
      ),
      rubric("S21.G00.23.004", "Assiette de chaque ligne."),
      rubric("S21.G00.40.008", "Dispositif d'apprentissage du contrat (64, 65 ou 81)."),
    ],
    causes: [
      "Paramétrage de paie antérieur à mars 2025 : toute la rémunération reste sur le 726.",
      "Seuil calculé sur un SMIC d'une autre période.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : dans une DSN ultérieure, ajoutez un bordereau rattaché au mois d'origine qui diminue l'assiette 726 et déclare le surplus sur le CTP 100.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [],
    sources: [
      { ref: CTP_TABLE, supports: "CTP 726 APPRENTIS SECT PRIVE INF SEUIL ; CTP 100 RG CAS GENERAL" },
      {
        ref: "Code du travail, art. L6243-2",
        supports: "exonération des apprentis limitée à 50 % du SMIC depuis mars 2025",
      },
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_EFF_DA120",
    match: "exact",
    kind: "urssaf",
    scope: "DA",
    title: "Effectif de fin de période incohérent avec les salariés déclarés",
    explanation:
      "L'effectif de fin de période de l'établissement (S21.G00.11.008) ne correspond pas au nombre de salariés sous contrat au dernier jour du mois que la DSN déclare individuellement.",
    rubrics: [
      rubric("S21.G00.11.008", "Effectif déclaré, comparé aux contrats en cours le dernier jour."),
      rubric("S21.G00.40.007", "Nature des contrats comptés (les stages et mandats ne comptent pas)."),
    ],
    causes: [
      "Effectif saisi à la main et non mis à jour après une entrée ou une sortie.",
      "Stagiaires ou mandataires sociaux comptés dans l'effectif.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline: "Après l'échéance : déclarez l'effectif juste dans la prochaine DSN de l'établissement.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [],
    sources: [
      { ref: NORM_P26, supports: "rubrique S21.G00.11.008 et sa définition" },
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
  {
    reference: "UR_ANO_ASS_PLF_DIDACD09",
    match: "exact",
    kind: "urssaf",
    scope: "DI",
    title: "Assiette plafonnée déclarée différente de celle recalculée",
    explanation:
      "Contrôle de cohérence de l'Urssaf sur l'assiette plafonnée du salarié (bloc 78, code 02) : le montant déclaré diffère de celui que l'Urssaf recalcule. En 2023, l'Urssaf a reconnu des signalements à tort de ce contrôle : comparez avec votre paie avant de corriger, et contestez dans « Suivi DSN » si vos données sont justes.",
    rubrics: [
      rubric("S21.G00.78.001", "Base plafonnée (02).", pick(BASE_CODES, "02", "03")),
      rubric("S21.G00.78.004", "Montant de la base plafonnée."),
    ],
    causes: [
      "Base plafonnée mal proratisée (entrée, sortie, temps partiel).",
      "Signalement à tort de l'Urssaf.",
    ],
    correction: {
      beforeDeadline: BEFORE_DEADLINE,
      afterDeadline:
        "Après l'échéance : régularisez la base 78 code 02 par un bloc daté de la période d'origine, ou contestez l'anomalie dans « Suivi DSN » si elle est signalée à tort.",
      afterDeadlineMethod: "regularisation",
    },
    questions: [],
    sources: [
      {
        ref: DA263_NOTE,
        supports: "référence UR_ANO_ASS_PLF_DIDACD09 et signalement à tort reconnu en 2023",
      },
      SRC_CALENDAR,
      SRC_DEADLINE_RULE,
    ],
  },
];

export const CATALOGUE_DATA: AnomalyEntryInput[] = [...CATALOGUE_DATA_BASE, ...DEMO_REFERENCES];
