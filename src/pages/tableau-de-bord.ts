// The firm's dashboard ("Tableau de bord tiers-déclarant", seed 000) and its three key indicators.
// An indicator that cannot be read makes the page "not understood": better no number than a wrong one.
// The real dashboard renders its indicators seconds after `load`: until they are there the page is
// "not understood" with what is missing, and read in full once they are (the page lifecycle asks again).
import { hasText, matchText, NUMBER, pageText, parseNumber, plural } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface TableauDeBordView {
  derniereMiseAJour: string;
  incidents: number;
  anomaliesDsn: number;
  anneeAnomalies: number;
  messagesNonLus: number;
}

// Folded patterns (lower case, no accents; see dom.ts): the values come back as the page writes them.
// A count is digits (grouped or not) or « aucun(e) »; the word is singular or plural; the number and
// its words may sit in different blocks (\s takes a line break).
const COUNT = `(${NUMBER}|aucune?)`;
const PATTERNS = {
  derniereMiseAJour:
    /derniere mise a jour\s*:?\s*(?:le\s+)?((?:\d{1,2}(?:er)? [a-z]+ \d{4}|\d{2}\/\d{2}\/\d{4})(?:\s*(?:a|,|-)?\s*\d{1,2}\s?[h:]\s?\d{2})?)/,
  incidents: new RegExp(`${COUNT}\\s+${plural("incident")}\\s+a\\s+traiter`),
  anomalies: new RegExp(`${COUNT}\\s+${plural("anomalie")}\\s+dsn\\s+sur\\s+l'annee\\s+(\\d{4})`),
  messages: new RegExp(`${COUNT}\\s+${plural("message")}\\s+non\\s+${plural("lu")}`),
};

const count = (s: string | undefined): number =>
  s === undefined ? Number.NaN : /^aucune?$/i.test(s) ? 0 : parseNumber(s);

export const tableauDeBordPage: PageAdapter<"tableau-de-bord", TableauDeBordView> = {
  kind: "tableau-de-bord",
  label: "Tableau de bord tiers-déclarant",
  claims: (doc) => hasText(doc, "Tableau de bord tiers-déclarant"),
  read(doc) {
    const text = pageText(doc);
    const maj = matchText(text, PATTERNS.derniereMiseAJour);
    const incidents = matchText(text, PATTERNS.incidents);
    const anomalies = matchText(text, PATTERNS.anomalies);
    const messages = matchText(text, PATTERNS.messages);
    const values = {
      incidents: count(incidents?.[1]),
      anomaliesDsn: count(anomalies?.[1]),
      anneeAnomalies: Number(anomalies?.[2]),
      messagesNonLus: count(messages?.[1]),
    };
    const missing = [
      ...(maj?.[1] ? [] : ["Dernière mise à jour"]),
      ...(Number.isFinite(values.incidents) ? [] : ["incidents à traiter"]),
      ...(Number.isFinite(values.anomaliesDsn) && Number.isFinite(values.anneeAnomalies)
        ? []
        : ["anomalies DSN sur l'année"]),
      ...(Number.isFinite(values.messagesNonLus) ? [] : ["message(s) non lu(s)"]),
    ];
    if (missing.length > 0 || !maj?.[1]) return notUnderstood("tableau-de-bord", missing);
    return {
      understood: true,
      kind: "tableau-de-bord",
      view: { derniereMiseAJour: maj[1].replace(/\s+/g, " "), ...values },
    };
  },
};
