// The page lifecycle of a page that may be ours (src/core/lifecycle/), started by the content script
// once it found so (main.ts): the page is recognised now and again whenever it changes, and the
// features registered for it follow. It lives in page-features.js with the adapters and the features:
// the many pages where nothing applies never parse it.
import { extensionGone, loadTexts } from "../core/ext.ts";
import { createFeatureRunner, shadowOf } from "../core/features.ts";
import { type Lifecycle, type Recognition, startLifecycle } from "../core/lifecycle/lifecycle.ts";
import { DOM_WATCH_DEFAULTS } from "../core/lifecycle/watch-dom.ts";
import { send } from "../core/send.ts";
import { inStage } from "../core/stage.ts";
import { READ_ATTRIBUTES, relevantChange } from "../pages/changes.ts";
import { fillField, findControlByLabel } from "../pages/dom.ts";
import { type Claimable, type DetectedPage, type PageDetector, pageDetector } from "../pages/index.ts";
import { leavesByItself, takeAnswerPage } from "../portfolio/features/bulk-job/answer-page.ts";
import { BRIDGE_HOST, type DialogBridge, lazyDialogBridge, noDialogBridge } from "./bridge-client.ts";
import { FEATURES } from "./features.ts";

export interface PageStart {
  /** Whether a bulk job was under way when the page started (true when it could not be told). */
  jobAtStart: boolean;
  /**
   * What is left of the quiet period: the content script watched the page before (main.ts). 0 once
   * the page stayed without a claim through the whole period: « non comprise » is then final at once.
   */
  quietLeftMs?: number;
  /** Aborted when a newer content script replaced this one (takeover.ts): the page is then let go. */
  replaced: AbortSignal;
  /** main.js's claims (src/pages/claims.ts): this file does not carry a second copy of them. */
  claimableKinds: Claimable;
}

/** Starts the page's lifecycle and its features (the stage « start-page » for the bench). */
export function startPage(start: PageStart): Promise<void> {
  return inStage("start-page", () => startLifecycleAndFeatures(start));
}

async function startLifecycleAndFeatures({
  jobAtStart,
  quietLeftMs,
  replaced,
  claimableKinds,
}: PageStart): Promise<void> {
  const hasBridge = location.hostname === BRIDGE_HOST;
  const bridge = hasBridge ? lazyDialogBridge() : noDialogBridge(location.hostname);
  // The site's answer page of a job's « Enregistrer »: it leaves by itself for the list (see
  // answer-page.ts). Only where the bridge answers its alert, and while a job runs: a page's first
  // sessionStorage access is a synchronous trip to the browser (2.8 ms measured on a plain page).
  if (hasBridge && jobAtStart) {
    const answer = takeAnswerPage(Date.now());
    if (answer !== "none" && (await leavesByItself(answer))) return;
  }
  if (replaced.aborted) return;
  const lifetime = new AbortController();
  addEventListener("pagehide", () => lifetime.abort(), { once: true });
  // Taken down, UI and all, when a new script replaces this one.
  replaced.addEventListener("abort", () => lifetime.abort(), { once: true });
  const features = startFeatures(bridge, lifetime.signal, jobAtStart, pageDetector(claimableKinds));
  const lifecycle = startLifecycle({
    doc: document,
    win: window,
    detect: (doc, address) => inStage("recognise", () => features.detect(doc, address)),
    signal: lifetime.signal,
    // A script cut off from its extension (takeover.ts) stops at its next reading, before any mount.
    onRecognition: (r) => (extensionGone() ? lifetime.abort() : features.update(r)),
    ...(quietLeftMs === undefined ? {} : { firstQuietMs: quietLeftMs }),
    // What changes a reading is the readers' call: their own rule and the attributes they read.
    dom: { ...DOM_WATCH_DEFAULTS, relevant: relevantChange, attributeFilter: READ_ATTRIBUTES },
  });
  exposeTestHandle(lifecycle, bridge, features);
}

type PageFeatures = ReturnType<typeof startFeatures>;

/** The features of this page, told of every recognition; and the full reading of a page. */
function startFeatures(bridge: DialogBridge, signal: AbortSignal, jobAtStart: boolean, detect: PageDetector) {
  const runner = createFeatureRunner(FEATURES, {
    doc: document,
    bridge,
    signal,
    jobAtStart,
    detect,
    prepare: () => loadTexts(() => send({ type: "i18n/catalog" })),
  });
  return {
    detect,
    update: (r: Recognition<DetectedPage>) => void runner.update(r.page, r),
    // For the test handle.
    runner,
    shadowOf,
    dom: { findControlByLabel, fillField },
  };
}

/** Debugging and test handle, in the isolated world only: page scripts cannot see it. */
function exposeTestHandle(
  lifecycle: Lifecycle<DetectedPage>,
  bridge: DialogBridge,
  features: PageFeatures,
): void {
  Object.assign(globalThis, {
    tiersAssistant: {
      get page() {
        return lifecycle.current().page;
      },
      get settled() {
        return lifecycle.current().settled;
      },
      lifecycle,
      bridge,
      runner: features.runner,
      shadowOf: features.shadowOf,
      detect: () => features.detect(document, location),
      dom: features.dom,
    },
  });
}
