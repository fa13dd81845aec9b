// Content script (isolated world), injected by the worker into the Urssaf pages once they have loaded
// (src/core/content-injection.ts): nothing of it delays the page's parsing or its load. It starts the
// page lifecycle (src/core/lifecycle/): the page is recognised now and again whenever it changes, and
// the features registered for it follow.

import { INJECTED_FLAG, LOAD_WAIT_MS } from "../core/content-injection.ts";
import { loadTexts } from "../core/ext.ts";
import { createFeatureRunner, shadowOf } from "../core/features.ts";
import { startLifecycle } from "../core/lifecycle/lifecycle.ts";
import { DOM_WATCH_DEFAULTS } from "../core/lifecycle/watch-dom.ts";
import { send } from "../core/send.ts";
import { fillField, findControlByLabel, READ_ATTRIBUTES, relevantChange } from "../pages/dom.ts";
import { detectPage, mayClaim } from "../pages/index.ts";
import { leavesByItself, takeAnswerPage } from "../portfolio/features/bulk-job/answer-page.ts";
import { BRIDGE_HOST, connectDialogBridge, noDialogBridge } from "./bridge-client.ts";
import { FEATURES } from "./features.ts";

async function start(): Promise<void> {
  const hasBridge = location.hostname === BRIDGE_HOST;
  const bridge = hasBridge ? connectDialogBridge() : noDialogBridge(location.hostname);
  const lifetime = new AbortController();
  addEventListener("pagehide", () => lifetime.abort(), { once: true });
  // The site's answer page of a job's « Enregistrer »: it leaves by itself for the list (see answer-page.ts).
  // Only where the bridge answers its alert, and on a page some adapter may claim: a page's first
  // sessionStorage access is a synchronous trip to the browser (2.8 ms measured on a plain page).
  let claimable = hasBridge ? mayClaim(document, new URL(location.href)) : null;
  if (claimable && takeAnswerPage(Date.now()) && (await leavesByItself())) return;
  // The lifecycle's first reading comes next, in this same task when the page was not the answer: a
  // page no adapter may claim is not tested twice.
  const detect = (doc: Document, url: URL) => {
    const skip = claimable === false;
    claimable = null;
    return skip ? null : detectPage(doc, url);
  };
  const runner = createFeatureRunner(FEATURES, {
    doc: document,
    bridge,
    signal: lifetime.signal,
    prepare: () => loadTexts(() => send({ type: "i18n/catalog" })),
  });
  const lifecycle = startLifecycle({
    doc: document,
    win: window,
    detect,
    signal: lifetime.signal,
    onRecognition: (r) => void runner.update(r.page, r),
    // What changes a reading is the readers' call: their own rule and the attributes they read.
    dom: { ...DOM_WATCH_DEFAULTS, relevant: relevantChange, attributeFilter: READ_ATTRIBUTES },
  });
  // Debugging and test handle in the isolated world only: page scripts cannot see it.
  Object.assign(globalThis, {
    tiersAssistant: {
      get page() {
        return lifecycle.current().page;
      },
      lifecycle,
      runner,
      bridge,
      shadowOf,
      detect: () => detectPage(document, new URL(location.href)),
      dom: { findControlByLabel, fillField },
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
