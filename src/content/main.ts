// Content script (isolated world), injected by the worker into the Urssaf pages once they have loaded
// (src/core/content-injection.ts): nothing of it delays the page's parsing or its load. It starts the
// page lifecycle (src/core/lifecycle/): the page is recognised now and again whenever it changes, and
// the features registered for it follow. The adapters and the features (page-features.ts) are
// injected only once the page may be one of ours (src/core/on-demand.ts): most pages never need them.
import { INJECTED_FLAG, LOAD_WAIT_MS } from "../core/content-injection.ts";
import { type Lifecycle, startLifecycle } from "../core/lifecycle/lifecycle.ts";
import { DOM_WATCH_DEFAULTS } from "../core/lifecycle/watch-dom.ts";
import { onDemand } from "../core/on-demand.ts";
import { send } from "../core/send.ts";
import { READ_ATTRIBUTES, relevantChange } from "../pages/changes.ts";
import { mayClaim } from "../pages/claims.ts";
import type { DetectedPage } from "../pages/index.ts";
import { isActive } from "../portfolio/model/jobs.ts";
import { BRIDGE_HOST, type DialogBridge, lazyDialogBridge, noDialogBridge } from "./bridge-client.ts";
import type { PageFeatures, PageFeaturesCode } from "./page-features.ts";

const loadPageFeatures = onDemand<PageFeaturesCode>("features");

async function jobUnderWay(): Promise<boolean> {
  const view = await send({ type: "job/get" });
  return view !== null && isActive(view.job.status);
}

async function start(): Promise<void> {
  const hasBridge = location.hostname === BRIDGE_HOST;
  const bridge = hasBridge ? lazyDialogBridge() : noDialogBridge(location.hostname);
  const lifetime = new AbortController();
  addEventListener("pagehide", () => lifetime.abort(), { once: true });

  let features: PageFeatures | null = null;
  // Whether a job was under way when the page started; unknown (true) when the page became ours later.
  let jobAtStart = true;
  const load = async () => {
    const code = await loadPageFeatures();
    features ??= code.startFeatures(bridge, lifetime.signal, jobAtStart);
    return features;
  };

  let claimable: boolean | null = mayClaim(document, new URL(location.href));
  if (claimable) {
    // Not loaded (the worker did not answer): the page's next change asks again. The job's state is
    // asked meanwhile, in the same wait: storage is read only while a job runs (see below).
    const [heavy, running] = await Promise.all([
      loadPageFeatures().catch((error: unknown) => void console.warn("Tiers Assistant :", error)),
      jobUnderWay().catch(() => true),
    ]);
    jobAtStart = running;
    // The site's answer page of a job's « Enregistrer »: it leaves by itself for the list (see
    // answer-page.ts). Only where the bridge answers its alert, and while a job runs: a page's first
    // sessionStorage access is a synchronous trip to the browser (2.8 ms measured on a plain page).
    const answer = heavy && hasBridge && running && heavy.takeAnswerPage(Date.now());
    if (answer && (await heavy.leavesByItself())) return;
    if (heavy) await load();
  }

  const detect = (doc: Document, url: URL) => {
    if (features) return features.detect(doc, url);
    // The lifecycle's first reading comes next, in this same task: a plain page is not tested twice.
    const skip = claimable === false;
    claimable = null;
    if (skip || !mayClaim(doc, url)) return null;
    // A page that became one of ours (late content, an in-place navigation): read once they loaded.
    void load().then(
      () => lifecycle.reread(),
      () => undefined,
    );
    return null;
  };
  const lifecycle = startLifecycle({
    doc: document,
    win: window,
    detect,
    signal: lifetime.signal,
    onRecognition: (r) => {
      if (features) features.update(r);
      // A plain page that settled is told to the features only while a job runs: it may be the job's
      // page, which must learn it is « non comprise ». Otherwise nothing more is loaded there.
      else if (r.settled)
        void jobUnderWay().then(
          async (running) => running && (await load()).update(lifecycle.current()),
          () => undefined,
        );
    },
    // What changes a reading is the readers' call: their own rule and the attributes they read.
    dom: { ...DOM_WATCH_DEFAULTS, relevant: relevantChange, attributeFilter: READ_ATTRIBUTES },
  });
  exposeTestHandle(lifecycle, bridge, () => features);
}

/** Debugging and test handle, in the isolated world only: page scripts cannot see it. */
function exposeTestHandle(
  lifecycle: Lifecycle<DetectedPage>,
  bridge: DialogBridge,
  features: () => PageFeatures | null,
): void {
  Object.assign(globalThis, {
    tiersAssistant: {
      get page() {
        return lifecycle.current().page;
      },
      lifecycle,
      bridge,
      get runner() {
        return features()?.runner ?? null;
      },
      shadowOf: (host: Element) => features()?.shadowOf(host) ?? null,
      detect: () => features()?.detect(document, new URL(location.href)) ?? null,
      get dom() {
        return features()?.dom ?? null;
      },
    },
  });
}

// Once per document: the worker injects again when the tab completes another load (one of its frames).
if (!(INJECTED_FLAG in globalThis)) {
  Object.assign(globalThis, { [INJECTED_FLAG]: true });
  // After the page's `load` (and in a task of its own, once the page's load handlers ran): the first
  // reading of the page must not delay it. The worker injects us before `load` only when it is late (a
  // stalled image): the page is then read LOAD_WAIT_MS after it started, with or without `load`.
  if (document.readyState === "complete") void start();
  else {
    let started = false;
    const go = () => {
      if (started) return;
      started = true;
      void start();
    };
    addEventListener("load", () => setTimeout(go, 0), { once: true });
    setTimeout(go, Math.max(0, LOAD_WAIT_MS - performance.now()));
  }
}
