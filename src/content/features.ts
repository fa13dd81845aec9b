import { anomalyPanel } from "../anomalies/features/anomaly-panel.ts";
import { extensionStatus } from "../core/features/extension-status.ts";
import type { Feature } from "../core/features.ts";
import { emitterSiretBadge } from "../emitter-siret/features/emitter-siret-badge.ts";
import { bulkJob } from "../portfolio/features/bulk-job/index.ts";
import { oneClickResign } from "../portfolio/features/one-click-resign.ts";
import { portfolioPanel } from "../portfolio/features/portfolio-panel.ts";
import { idHints } from "../register/features/id-hints.ts";
import { dashboardIndicators } from "../reminders/features/dashboard-indicators.ts";

/** Every feature of the content script, in the order they mount; each id is its file's name. */
export const FEATURES: readonly Feature[] = [
  extensionStatus,
  bulkJob,
  idHints,
  oneClickResign,
  portfolioPanel,
  anomalyPanel,
  emitterSiretBadge,
  dashboardIndicators,
];
