// Every Urssaf page the extension knows how to recognise. Adapters in this folder each own one kind;
// messages and storage refer to pages by these ids.
export const PAGE_KINDS = [
  "connexion",
  "tableau-de-bord",
  "etablissements",
  "etablissement-detail",
  "inscription-compte",
  "suivi-dsn",
  "suivi-dsn-anomalie",
  "suivi-dsn-liste",
  "messagerie",
  "erreur",
] as const;

export type PageKind = (typeof PAGE_KINDS)[number];
