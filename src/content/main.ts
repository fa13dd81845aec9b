// Content script (isolated world), injected by the worker into the Urssaf pages once they have loaded
// (src/core/content-injection.ts): nothing of it delays the page's parsing or its load. It is every
// urssaf.fr page's share of the extension, so it does one thing: tell whether the page may be one of
// ours (src/pages/claims.ts), now and after each change of the page, and then hand the page over to the
// page lifecycle, the adapters and the features (page-features.js, src/content/start-page.ts), which the
// worker injects on demand (src/core/on-demand.ts). Most pages never need them: the time a page pays
// for this file is issue 13's « plain page » figure.
import { INJECTED_FLAG, LOAD_WAIT_MS } from "../core/content-injection.ts";
import { extensionGone } from "../core/ext.ts";
import { QUIET_MS } from "../core/lifecycle/lifecycle.ts";
import { DOM_WATCH_DEFAULTS } from "../core/lifecycle/watch-dom.ts";
import { onDemand } from "../core/on-demand.ts";
import { send } from "../core/send.ts";
import { READ_ATTRIBUTES } from "../pages/changes.ts";
import { claimableKinds, mayClaim } from "../pages/claims.ts";
import { isActive } from "../portfolio/model/jobs.ts";
import type { PageFeaturesCode } from "./page-features.ts";
import { startSentinel } from "./sentinel.ts";
import { askedWhileThere, endWhenReplaced, replacePrevious } from "./takeover.ts";

const loadPageFeatures = onDemand<PageFeaturesCode>("features");

async function jobUnderWay(): Promise<boolean> {
  const view = await send({ type: "job/get" });
  return view !== null && isActive(view.job.status);
}

function start(): void {
  // A previous script of this page (before an update of the extension) stops and leaves its place.
  replacePrevious(document);
  const lifetime = new AbortController();
  endWhenReplaced(document, extensionGone, lifetime);
  // A script cut off from its extension (takeover.ts) stops when it would hand over or ask the worker.
  const questions = askedWhileThere(
    { mayClaim: () => mayClaim(document, location), jobUnderWay },
    extensionGone,
    lifetime,
  );
  const sentinel = startSentinel({
    signal: lifetime.signal,
    doc: document,
    win: window,
    mayClaim: questions.mayClaim,
    async handOver(settled) {
      // The job's state is asked in the same wait as the features' code.
      const [code, jobAtStart] = await Promise.all([
        loadPageFeatures(),
        settled || jobUnderWay().catch(() => true),
      ]);
      await code.startPage({
        jobAtStart,
        replaced: lifetime.signal,
        claimableKinds,
        ...(settled ? { quietLeftMs: 0 } : {}),
      });
    },
    jobUnderWay: questions.jobUnderWay,
    quietMs: QUIET_MS,
    debounceMs: DOM_WATCH_DEFAULTS.debounceMs,
    attributeFilter: READ_ATTRIBUTES,
    // The test handle of a page no adapter may claim; start-page.ts puts the full one in its place.
    onWatch: () =>
      Object.assign(globalThis, {
        tiersAssistant: {
          page: null,
          get settled() {
            return sentinel.settled;
          },
        },
      }),
  });
}

// Once per document: the worker injects again when the tab completes another load (one of its frames).
if (!(INJECTED_FLAG in globalThis)) {
  Object.assign(globalThis, { [INJECTED_FLAG]: true });
  // After the page's `load` (and in a task of its own, once the page's load handlers ran): the first
  // reading of the page must not delay it. The worker injects us before `load` only when it is late (a
  // stalled image): the page is then read LOAD_WAIT_MS after it started, with or without `load`.
  if (document.readyState === "complete") start();
  else {
    let started = false;
    const go = () => {
      if (started) return;
      started = true;
      start();
    };
    addEventListener("load", () => setTimeout(go, 0), { once: true });
    setTimeout(go, Math.max(0, LOAD_WAIT_MS - performance.now()));
  }
}
