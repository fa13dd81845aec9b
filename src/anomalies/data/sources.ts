// The public references the anomaly panel shows as its sources. Each one is something a user can open:
// a norm document with its version, an official page with its URL, or an article of a code. What the
// team read to write the catalogue is listed in docs/sources.md.

/** Norm P26V01 (2026 periods): rubric labels, value lists, control ids. */
export const NORM_P26 =
  "Cahier technique DSN, norme P26V01 (net-entreprises.fr, https://www.net-entreprises.fr)";
/** Norm P24V01: the controls' official wording (control ids are stable from one version to the next). */
export const NORM_P24 =
  "Cahier technique DSN, norme P24V01 (net-entreprises.fr, https://www.net-entreprises.fr)";
/** A DSN-Val control id with the norm that defines it. */
export const normControl = (id: string) =>
  `Contrôle ${id}, norme DSN P24V01 (net-entreprises.fr, https://www.net-entreprises.fr)`;
export const CTP_TABLE = "Urssaf, « Table des codes types de personnel (CTP) » (https://open.urssaf.fr)";
export const URSSAF_GOOD_PRACTICES =
  "Urssaf, « Les bonnes pratiques de la gestion de vos comptes – Experts comptables » (https://www.urssaf.fr)";
export const URSSAF_DOCEXPERTS =
  "Urssaf, DocExperts, « Anomalies DSN » : fiches des anomalies du Suivi DSN (https://docexperts.fr)";
export const URSSAF_SUBSTITUTION =
  "Urssaf, DocExperts, « La DSN de substitution » (https://docexperts.fr/index.php/dsn-de-substitution.html)";
export const DSN_CORRECTION =
  "net-entreprises.fr, DSN-info, « Corriger une DSN » : annule et remplace, régularisations, blocs changement (https://www.net-entreprises.fr)";
export const CSS_R133_14_2 =
  "Code de la sécurité sociale, art. R133-14-2 (décret n° 2023-1384 du 29 décembre 2023)";
export const DIPA01_RUBRICS_NOTE =
  "Webinaire éditeur de paie « Anomalies fréquentes » : rubriques du recalcul du plafond (https://wikiapp.heberg-eig.fr/books/webinaire-fevrier-mars/page/anomalies-frequentes)";
export const DA263_NOTE =
  "Fichorga, « DSN : contrôle de cohérence ACOSS » (https://fichorga-info.fr/2023/10/03/dsn-controle-de-coherence-acoss)";
