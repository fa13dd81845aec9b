// Content script (isolated world), injected at document_idle on https://*.urssaf.fr/*: nothing of it
// delays the page's parsing or its load. The dialog bridge's port was opened at document_start by
// handshake.ts; this script starts the page lifecycle (src/core/lifecycle/): the page is recognised
// now and again whenever it changes, and the features registered for it follow.

import { loadTexts } from "../core/ext.ts";
import { createFeatureRunner, shadowOf } from "../core/features.ts";
import { startLifecycle } from "../core/lifecycle/lifecycle.ts";
import { DOM_WATCH_DEFAULTS } from "../core/lifecycle/watch-dom.ts";
import { send } from "../core/send.ts";
import { fillField, findControlByLabel, READ_ATTRIBUTES, relevantChange } from "../pages/dom.ts";
import { detectPage } from "../pages/index.ts";
import { leavesByItself, takeAnswerPage } from "../portfolio/features/bulk-job/answer-page.ts";
import { connectDialogBridge, noDialogBridge } from "./bridge-client.ts";
import { FEATURES } from "./features.ts";
import { takeHandshakePort } from "./handshake-port.ts";

// The handshake ran at document_start on the hosts where the site shows a job's dialogs (manifest.json).
const handshake = takeHandshakePort();
const bridge = handshake ? connectDialogBridge(handshake) : noDialogBridge(location.hostname);
const lifetime = new AbortController();
addEventListener("pagehide", () => lifetime.abort(), { once: true });

async function start(): Promise<void> {
  // The site's answer page of a job's « Enregistrer »: it leaves by itself for the list (see answer-page.ts).
  // Only where the bridge answers its alert: elsewhere no step expects one, and a page's first
  // sessionStorage access is a synchronous trip to the browser (2.8 ms measured on a plain page).
  if (handshake && takeAnswerPage(Date.now()) && (await leavesByItself())) return;
  const runner = createFeatureRunner(FEATURES, {
    doc: document,
    bridge,
    signal: lifetime.signal,
    prepare: () => loadTexts(() => send({ type: "i18n/catalog" })),
  });
  const lifecycle = startLifecycle({
    doc: document,
    win: window,
    detect: detectPage,
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

// After the page's `load` (and in a task of its own, once the page's load handlers ran): document_idle
// may run us before `load`, and the first reading of the page must not delay it. A page whose `load`
// never comes (a stalled image) is read anyway after LOAD_WAIT_MS.
const LOAD_WAIT_MS = 3_000;
if (document.readyState === "complete") void start();
else {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    void start();
  };
  addEventListener("load", () => setTimeout(go, 0), { once: true });
  setTimeout(go, LOAD_WAIT_MS);
}
