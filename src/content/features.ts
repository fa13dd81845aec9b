import { panneauAnomalies } from "../anomalies/features/anomaly-panel.ts";
import { statutExtension } from "../core/features/extension-status.ts";
import type { Feature } from "../core/features.ts";
import { badgeSiretEmetteur } from "../emitter-siret/features/emitter-siret-badge.ts";
import { bulkJob } from "../portfolio/features/bulk-job/index.ts";
import { resilierEnUnClic } from "../portfolio/features/one-click-resign.ts";
import { portefeuillePanneau } from "../portfolio/features/portfolio-panel.ts";
import { indicesIdentifiants } from "../register/features/id-hints.ts";
import { indicateursTableauDeBord } from "../reminders/features/dashboard-indicators.ts";

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
