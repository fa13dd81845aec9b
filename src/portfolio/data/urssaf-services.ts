// The check boxes of the Urssaf add-client form (seed 001, step 3 and the account detail): online
// services and e-mail notifications, with the exact labels of the page.
// Source: Urssaf, « Experts-comptables : ajout ou suppression d'un client » (urssaf.fr), « Services en
// ligne » and « Services de communication par courriel ».

export const ONLINE_SERVICES = [
  "DPAE",
  "Déclaration de cotisations",
  "Paiement de cotisations",
  "Situation des comptes",
  "Echanges avec mon urssaf",
  "Attestations",
  "Notifications contentieuses",
  "Travailler à l'étranger",
  "Tableau de Bord Suivi DSN",
] as const;
export type OnlineService = (typeof ONLINE_SERVICES)[number];

export const EMAIL_NOTIFICATIONS = [
  "Avis de mise à disposition du BIS",
  "Copie du certificat de la déclaration de cotisations et/ou du paiement",
  "Information de début de période de la déclaration et du paiement",
  "Avis de mise à disposition de messages dans la boîte aux lettres",
  "Avis de mise à disposition d'attestations",
  "Avis de mise à disposition de notifications contentieuses",
] as const;
export type EmailNotification = (typeof EMAIL_NOTIFICATIONS)[number];

/** DSN code table of S10.G00.02.001 (norm P26V01). */
export const CIVILITES = { "01": "Monsieur", "02": "Madame" } as const;
export type Civilite = keyof typeof CIVILITES;
