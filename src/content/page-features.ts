// The adapters and the features of the content script, a file of their own: the worker injects it into
// a page only once main.ts finds that the page may be one of ours (src/pages/claims.ts,
// src/core/on-demand.ts), so the many Urssaf pages where nothing applies never parse it.
import { loadTexts } from "../core/ext.ts";
import { createFeatureRunner, shadowOf } from "../core/features.ts";
import type { Recognition } from "../core/lifecycle/lifecycle.ts";
import { provide } from "../core/on-demand.ts";
import { send } from "../core/send.ts";
import { fillField, findControlByLabel } from "../pages/dom.ts";
import { type DetectedPage, detectPage } from "../pages/index.ts";
import { leavesByItself, takeAnswerPage } from "../portfolio/features/bulk-job/answer-page.ts";
import type { DialogBridge } from "./bridge-client.ts";
import { FEATURES } from "./features.ts";

export type PageFeatures = ReturnType<typeof startFeatures>;

/** The features of this page, told of every recognition; and the full reading of a page. */
export function startFeatures(bridge: DialogBridge, signal: AbortSignal, jobAtStart: boolean) {
  const runner = createFeatureRunner(FEATURES, {
    doc: document,
    bridge,
    signal,
    jobAtStart,
    prepare: () => loadTexts(() => send({ type: "i18n/catalog" })),
  });
  return {
    detect: detectPage,
    update: (r: Recognition<DetectedPage>) => void runner.update(r.page, r),
    // For the test handle (main.ts).
    runner,
    shadowOf,
    dom: { findControlByLabel, fillField },
  };
}

const code = { startFeatures, takeAnswerPage, leavesByItself };
export type PageFeaturesCode = typeof code;
provide("features", code);
