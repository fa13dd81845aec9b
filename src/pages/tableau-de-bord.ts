// The firm's dashboard ("Tableau de bord tiers-déclarant", seed 000) and its three key indicators.
// An indicator that cannot be read makes the page "not understood": better no number than a wrong one.
import { hasText, pageText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface TableauDeBordView {
  derniereMiseAJour: string;
  incidents: number;
  anomaliesDsn: number;
  anneeAnomalies: number;
  messagesNonLus: number;
}

const PATTERNS = {
  derniereMiseAJour: /Dernière mise à jour : (\d{1,2}(?:er)? \p{L}+ \d{4} à \d{1,2}h\d{2})/u,
  incidents: /(\d+) incidents? à traiter/,
  anomalies: /(\d+) anomalies? DSN sur l'année (\d{4})/,
  messages: /(\d+) messages? non lus?/,
};

export const tableauDeBordPage: PageAdapter<"tableau-de-bord", TableauDeBordView> = {
  kind: "tableau-de-bord",
  label: "Tableau de bord tiers-déclarant",
  claims: (doc) => hasText(doc, "Tableau de bord tiers-déclarant"),
  read(doc) {
    const text = pageText(doc).replace(/[’]/g, "'");
    const maj = PATTERNS.derniereMiseAJour.exec(text);
    const incidents = PATTERNS.incidents.exec(text);
    const anomalies = PATTERNS.anomalies.exec(text);
    const messages = PATTERNS.messages.exec(text);
    const missing = [
      ...(maj ? [] : ["Dernière mise à jour"]),
      ...(incidents ? [] : ["incidents à traiter"]),
      ...(anomalies ? [] : ["anomalies DSN sur l'année"]),
      ...(messages ? [] : ["message(s) non lu(s)"]),
    ];
    if (!maj?.[1] || !incidents?.[1] || !anomalies?.[1] || !anomalies[2] || !messages?.[1]) {
      return notUnderstood("tableau-de-bord", missing);
    }
    return {
      understood: true,
      kind: "tableau-de-bord",
      view: {
        derniereMiseAJour: maj[1],
        incidents: Number(incidents[1]),
        anomaliesDsn: Number(anomalies[1]),
        anneeAnomalies: Number(anomalies[2]),
        messagesNonLus: Number(messages[1]),
      },
    };
  },
};
