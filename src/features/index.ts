import { badgeSiretEmetteur } from "./badge-siret-emetteur.ts";
import { bulkJob } from "./bulk-job/index.ts";
import { indicateursTableauDeBord } from "./indicateurs-tableau-de-bord.ts";
import { indicesIdentifiants } from "./indices-identifiants.ts";
import { panneauAnomalies } from "./panneau-anomalies.ts";
import { portefeuillePanneau } from "./portefeuille-panneau.ts";
import type { Feature } from "./registry.ts";
import { resilierEnUnClic } from "./resilier-en-un-clic.ts";
import { statutExtension } from "./statut-extension.ts";

/** Every feature of the content script, in the order they mount. */
export const FEATURES: readonly Feature[] = [
  statutExtension,
  bulkJob,
  indicesIdentifiants,
  resilierEnUnClic,
  portefeuillePanneau,
  panneauAnomalies,
  badgeSiretEmetteur,
  indicateursTableauDeBord,
];
