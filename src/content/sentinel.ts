// What the content script does on every urssaf.fr page (main.ts): tell whether the page may be one of
// ours, now and after each change of the page (its content, its URL), and hand it over once it may.
// Until then it holds one observer, disconnected during a burst of changes, and a timer: no reading,
// no adapter, no feature. The page lifecycle takes over from there (src/core/lifecycle/).
import { watchNavigation } from "../core/lifecycle/watch-navigation.ts";

/** What the sentinel asks of the page and of the worker (takeover.ts guards both). */
export interface SentinelQuestions {
  /** False when no adapter could claim the page (src/pages/claims.ts). */
  mayClaim(): boolean;
  /** Whether a bulk job is under way: a job's page must learn that it stays « non comprise ». */
  jobUnderWay(): Promise<boolean>;
}

export interface SentinelOptions extends SentinelQuestions {
  doc: Document;
  win: Window;
  /**
   * Hands the page over (loads and starts the lifecycle); `settled` once the page stayed without a
   * claim through the quiet period while a job runs. Rejects when it could not: the page's next change
   * tries again.
   */
  handOver(settled: boolean): Promise<void>;
  quietMs: number;
  debounceMs: number;
  attributeFilter: readonly string[];
  urlPollMs?: number;
  /** Called each time the sentinel starts watching (the page had no claim, or its hand-over failed). */
  onWatch?(): void;
  /** Stops the sentinel for good (this content script was replaced, see takeover.ts). */
  signal?: AbortSignal;
}

export interface Sentinel {
  /** True once the page went through the quiet period without a claim (reset by any change). */
  readonly settled: boolean;
  /** True while (and once) the page is being handed over. */
  readonly handedOver: boolean;
}

export function startSentinel(options: SentinelOptions): Sentinel {
  const { doc, win } = options;
  const state = { settled: false, handedOver: false };
  /** Stops the current watch (a failed hand-over starts another). */
  let watching: AbortController | null = null;

  const handOver = (settled: boolean) => {
    if (state.handedOver || options.signal?.aborted) return;
    state.handedOver = true;
    // Nothing more to watch: the lifecycle has its own observer.
    watching?.abort();
    options.handOver(settled).catch((error: unknown) => {
      console.warn("Tiers Assistant :", error);
      state.handedOver = false;
      watch();
    });
  };

  let quiet: ReturnType<typeof setTimeout> | undefined;
  const armQuiet = () => {
    clearTimeout(quiet);
    if (options.signal?.aborted) return;
    quiet = setTimeout(async () => {
      state.settled = true;
      if (await options.jobUnderWay().catch(() => false)) handOver(true);
    }, options.quietMs);
  };
  let url = win.location.href;
  const check = () => {
    state.settled = false;
    url = win.location.href;
    if (options.mayClaim()) handOver(false);
    else armQuiet();
  };

  let observer: MutationObserver | null = null;
  const watched = {
    subtree: true,
    childList: true,
    characterData: true,
    attributeFilter: [...options.attributeFilter],
  };
  const observe = () => observer?.observe(doc, watched);
  const watch = () => {
    if (options.signal?.aborted) return;
    const active = new AbortController();
    watching = active;
    // One look per burst: the first record disconnects the observer, the page is tested again once
    // the burst had debounceMs to go on, then watched again.
    observer = new MutationObserver(() => {
      observer?.disconnect();
      setTimeout(() => {
        if (state.handedOver || active.signal.aborted) return;
        check();
        if (!state.handedOver) observe();
      }, options.debounceMs);
    });
    watchNavigation(
      win,
      () => {
        if (!state.handedOver && win.location.href !== url) check();
      },
      active.signal,
      options.urlPollMs,
    );
    active.signal.addEventListener("abort", () => {
      observer?.disconnect();
      clearTimeout(quiet);
    });
    observe();
    armQuiet();
    options.onWatch?.();
  };

  options.signal?.addEventListener("abort", () => watching?.abort(), { once: true });
  if (options.mayClaim()) handOver(false);
  else watch();
  return state;
}
