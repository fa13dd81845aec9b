// The page lifecycle: the page is recognised at start, again after every burst of relevant DOM changes
// (watch-dom.ts) and on every same-document navigation (watch-navigation.ts), and each recognition is
// handed to the features (src/core/features.ts). A page understood is settled at once; a page not
// understood (or unknown) is only settled — « non comprise » final — after QUIET_MS without a relevant
// change: content that renders late gets its chance first.

import { DOM_WATCH_DEFAULTS, type DomWatchOptions, watchDom } from "./watch-dom.ts";
import { URL_POLL_MS, watchNavigation } from "./watch-navigation.ts";

/** Without a relevant change for this long, a page still not understood is so for good. */
export const QUIET_MS = 5_000;

export interface PageLike {
  understood: boolean;
}

export type Trigger = "start" | "content" | "navigation" | "quiet";

export interface Recognition<P> {
  page: P | null;
  settled: boolean;
  trigger: Trigger;
  url: string;
  detectMs: number;
}

export interface LifecycleOptions<P extends PageLike> {
  doc: Document;
  win: Window;
  /** `address` is the page's own location (no URL is built: see PageAddress in src/pages/claims.ts). */
  detect(doc: Document, address: Pick<URL, "hostname" | "pathname">): P | null;
  onRecognition(recognition: Recognition<P>): void;
  signal: AbortSignal;
  quietMs?: number;
  /**
   * The quiet period of the first reading, when part of it went by before the lifecycle started (the
   * content script watched the page first: src/content/main.ts); quietMs by default.
   */
  firstQuietMs?: number;
  dom?: DomWatchOptions;
  urlPollMs?: number;
}

export interface Lifecycle<P> {
  /** The last recognition. */
  current(): Recognition<P>;
  /** Recognises the page again now, though nothing changed in it: what reads it did (e.g. it loaded). */
  reread(): void;
  /** Work done so far (for tests and the bench): recognitions, and time in them and in the observer. */
  stats(): {
    readings: number;
    detectMs: number;
    recogniseMs: number;
    observerCallbacks: number;
    observerMs: number;
  };
}

export function startLifecycle<P extends PageLike>(options: LifecycleOptions<P>): Lifecycle<P> {
  const { doc, win, signal } = options;
  let quietMs = options.firstQuietMs ?? options.quietMs ?? QUIET_MS;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let readings = 0;
  let recogniseMs = 0;
  let detectMs = 0;
  let last: Recognition<P> = { page: null, settled: false, trigger: "start", url: "", detectMs: 0 };

  const recognise = (trigger: Trigger) => {
    if (signal.aborted) return;
    const started = performance.now();
    const url = win.location.href;
    const page = options.detect(doc, win.location);
    readings++;
    const understood = page?.understood === true;
    clearTimeout(quiet);
    if (!understood)
      quiet = setTimeout(() => {
        if (signal.aborted) return;
        last = { ...last, settled: true, trigger: "quiet", detectMs: 0 };
        options.onRecognition(last);
      }, quietMs);
    quietMs = options.quietMs ?? QUIET_MS;
    last = { page, settled: understood, trigger, url, detectMs: performance.now() - started };
    detectMs += last.detectMs;
    options.onRecognition(last);
    recogniseMs += performance.now() - started;
  };

  const onNavigate = () => {
    if (win.location.href !== last.url) recognise("navigation");
  };
  const dom = watchDom(
    doc,
    () => {
      // Without the Navigation API, a burst is also where a pushState shows.
      recognise(win.location.href !== last.url ? "navigation" : "content");
    },
    options.dom ?? DOM_WATCH_DEFAULTS,
  );
  watchNavigation(win, onNavigate, signal, options.urlPollMs ?? URL_POLL_MS);
  signal.addEventListener(
    "abort",
    () => {
      dom.stop();
      clearTimeout(quiet);
    },
    { once: true },
  );
  recognise("start");
  return {
    current: () => last,
    reread: () => recognise("content"),
    stats: () => {
      const observer = dom.spent();
      return {
        readings,
        detectMs,
        recogniseMs,
        observerCallbacks: observer.callbacks,
        observerMs: observer.ms,
      };
    },
  };
}
