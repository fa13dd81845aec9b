// "Suivi DSN" (seed 000): the home with its counts and the anomaly detail.
import { findActions, findByText, hasText, isAfter, pageText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface SuiviDsnView {
  etablissements: number;
  individus: number;
  typologies: number;
}

export const suiviDsnPage: PageAdapter<"suivi-dsn", SuiviDsnView> = {
  kind: "suivi-dsn",
  label: "Suivi DSN",
  claims: (doc) => hasText(doc, /^Vous pouvez prendre connaissance des anomalies/),
  read(doc) {
    const text = pageText(doc);
    const etab = /(\d+) établissements?\b.*? (?:est|sont) concernés? par les anomalies DSN/.exec(text);
    const indiv = /(\d+) individus? \(sur l'ensemble de vos établissements\)/.exec(text);
    const typo = /(\d+) typologies? d'anomalies?/.exec(text);
    if (!etab?.[1] || !indiv?.[1] || !typo?.[1]) {
      return notUnderstood("suivi-dsn", [
        ...(etab ? [] : ["établissement(s) concerné(s)"]),
        ...(indiv ? [] : ["individu(s) impacté(s)"]),
        ...(typo ? [] : ["typologies d'anomalies"]),
      ]);
    }
    return {
      understood: true,
      kind: "suivi-dsn",
      view: { etablissements: Number(etab[1]), individus: Number(indiv[1]), typologies: Number(typo[1]) },
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

export const suiviDsnAnomaliePage: PageAdapter<"suivi-dsn-anomalie", AnomalieView> = {
  kind: "suivi-dsn-anomalie",
  label: "Anomalie DSN",
  claims: (doc) => hasText(doc, /^Référence technique/) && hasText(doc, /Libellé de l'anomalie/),
  read(doc, url) {
    const text = pageText(doc);
    const reference =
      /Référence technique :? ?(UR_ANO_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}\.\d{3}\/[A-Z]{3}-\d{2})/.exec(
        text,
      )?.[1];
    const libelle = /Libellé de l'anomalie :? ?(.+?) Référence technique/.exec(text)?.[1];
    const period = /Période :? ?(\d{2})\/(\d{4})\b/.exec(text);
    const siret = /Établissement :? ?.+? — SIRET (\d{14})\b/.exec(text)?.[1];
    const actionsHeading = findByText(doc, /Actions attendues de votre part$/)[0];
    if (!reference || !libelle || !period || !siret || !actionsHeading) {
      return notUnderstood("suivi-dsn-anomalie", [
        ...(reference ? [] : ["Référence technique"]),
        ...(libelle ? [] : ["Libellé de l'anomalie"]),
        ...(period ? [] : ["Période"]),
        ...(siret ? [] : ["Établissement (SIRET)"]),
        ...(actionsHeading ? [] : ["Actions attendues de votre part"]),
      ]);
    }
    return {
      understood: true,
      kind: "suivi-dsn-anomalie",
      view: {
        libelle,
        reference,
        period: `${period[2]}-${period[1]}`,
        siret,
        id: /\/anomalies\/([A-Za-z0-9_-]{1,40})$/.exec(url.pathname)?.[1] ?? null,
        actionsHeading,
        panelBefore: panelPlace(doc, actionsHeading),
      },
    };
  },
};
