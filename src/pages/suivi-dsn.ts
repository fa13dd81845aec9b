// "Suivi DSN" (seed 000): the home with its counts and the anomaly detail.
import {
  findActions,
  findByText,
  hasText,
  isAfter,
  matchText,
  NUMBER,
  pageText,
  parseNumber,
  plural,
  readLabelledValues,
} from "./dom.ts";
import { countAnomalyRows, looksLikeAnomalyDetail, readPeriod } from "./suivi-dsn-anomalies.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface SuiviDsnView {
  etablissements: number;
  individus: number;
  typologies: number;
}

// Folded patterns (see dom.ts); a count's words may be singular or plural, its parts in separate blocks.
const COUNTS = {
  etablissements: new RegExp(
    `(${NUMBER})\\s+${plural("etablissement")}\\b[^\\n]*?\\s(?:est|sont)\\s+${plural("concerne")}\\s+par\\s+les\\s+anomalies\\s+dsn`,
  ),
  individus: new RegExp(`(${NUMBER})\\s+${plural("individu")}\\s+\\(sur l'ensemble de vos etablissements\\)`),
  typologies: new RegExp(`(${NUMBER})\\s+${plural("typologie")}\\s+d'${plural("anomalie")}`),
};

export const suiviDsnPage: PageAdapter<"suivi-dsn", SuiviDsnView> = {
  kind: "suivi-dsn",
  label: "Suivi DSN",
  claims: (doc) => hasText(doc, /^vous pouvez prendre connaissance des anomalies/),
  read(doc) {
    const text = pageText(doc);
    const etab = matchText(text, COUNTS.etablissements)?.[1];
    const indiv = matchText(text, COUNTS.individus)?.[1];
    const typo = matchText(text, COUNTS.typologies)?.[1];
    if (!etab || !indiv || !typo) {
      return notUnderstood("suivi-dsn", [
        ...(etab ? [] : ["établissement(s) concerné(s)"]),
        ...(indiv ? [] : ["individu(s) impacté(s)"]),
        ...(typo ? [] : ["typologies d'anomalies"]),
      ]);
    }
    return {
      understood: true,
      kind: "suivi-dsn",
      view: {
        etablissements: parseNumber(etab),
        individus: parseNumber(indiv),
        typologies: parseNumber(typo),
      },
    };
  },
};

export interface AnomalieView {
  libelle: string;
  reference: string;
  /** "YYYY-MM", from "Période". */
  period: string;
  /** From "Établissement" ("<raison sociale> — SIRET <siret>"). */
  siret: string;
  /** The Urssaf's id of the anomaly, from the page address. */
  id: string | null;
  /** The heading "Actions attendues de votre part". */
  actionsHeading: HTMLElement;
  /**
   * Where a panel goes: before the block of "Retour au Suivi DSN", i.e. after the page's own description,
   * expected actions and question (nothing of the site moves down); before the actions heading when
   * that button is absent.
   */
  panelBefore: HTMLElement;
}

function panelPlace(doc: Document, actionsHeading: HTMLElement): HTMLElement {
  const back = findActions(doc, "Retour au Suivi DSN").find((el) => isAfter(actionsHeading, el));
  if (!back) return actionsHeading;
  const block = back.parentElement;
  return block && block !== doc.body && !block.contains(actionsHeading) ? block : back;
}

const FIELDS = {
  libelle: "Libellé de l'anomalie",
  reference: "Référence technique",
  etablissement: "Établissement",
  periode: "Période",
} as const;

const REFERENCE = /^(?:UR_ANO_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}\.\d{3}\/[A-Z]{3}-\d{2})\b/i;
const SIRET = /(?<!\d)(\d{3})[\s.]?(\d{3})[\s.]?(\d{3})[\s.]?(\d{5})(?!\d)/;

export const suiviDsnAnomaliePage: PageAdapter<"suivi-dsn-anomalie", AnomalieView> = {
  kind: "suivi-dsn-anomalie",
  label: "Anomalie DSN",
  // Strongest evidence first: two anomaly rows or more are a list, whatever names the page prints.
  claims: (doc) => looksLikeAnomalyDetail(doc) && countAnomalyRows(doc) <= 1,
  read(doc, url) {
    const values = readLabelledValues(pageText(doc), Object.values(FIELDS));
    const reference = REFERENCE.exec(values.get(FIELDS.reference) ?? "")?.[0]?.toUpperCase();
    const libelle = values.get(FIELDS.libelle);
    const period = readPeriod(values.get(FIELDS.periode) ?? "");
    const siretMatch = SIRET.exec(values.get(FIELDS.etablissement) ?? "");
    const actionsHeading = findByText(doc, /actions attendues de votre part$/)[0];
    if (!reference || !libelle || !period || !siretMatch || !actionsHeading) {
      return notUnderstood("suivi-dsn-anomalie", [
        ...(reference ? [] : [FIELDS.reference]),
        ...(libelle ? [] : [FIELDS.libelle]),
        ...(period ? [] : [FIELDS.periode]),
        ...(siretMatch ? [] : ["Établissement (SIRET)"]),
        ...(actionsHeading ? [] : ["Actions attendues de votre part"]),
      ]);
    }
    return {
      understood: true,
      kind: "suivi-dsn-anomalie",
      view: {
        libelle,
        reference,
        period,
        siret: siretMatch.slice(1).join(""),
        id: /\/anomalies\/([A-Za-z0-9_-]{1,40})$/.exec(url.pathname)?.[1] ?? null,
        actionsHeading,
        panelBefore: panelPlace(doc, actionsHeading),
      },
    };
  },
};
