// One MutationObserver for the whole page: it only notes that something relevant changed, and the
// lifecycle reads the page again once the burst is over (debounced), or at the latest after maxWaitMs
// while the page keeps changing. The observer's callback stops at the first record that is the page's
// own, so a page that rebuilds a list of 1,000 rows pays for one check, not for 1,000; the records of
// our own hosts before it are told apart one by one (a closest() each), so mounting 50 panels does not
// make the page be read again. While a burst goes on, the observer is mostly disconnected (watchDom).

/**
 * Records looked at per callback at most: beyond, the burst is taken as the page's. Far above what our
 * features mount at once (one host per anomaly or account row).
 */
export const RECORDS_INSPECTED = 5_000;

export interface DomWatchOptions {
  /** Quiet time (a window without relevant change) before the burst is handed over. */
  debounceMs: number;
  /** A page that never stops changing is still read at this interval. */
  maxWaitMs: number;
  /**
   * Whether records change what the readers read (the page readers' own rule, e.g. src/pages/dom.ts
   * relevantChange); by default, any change that is not our own hosts'.
   */
  relevant?: (records: readonly MutationRecord[]) => boolean;
  /** The attributes whose changes matter (the readers' list); by default a few naming ones. */
  attributeFilter?: readonly string[];
}

export const DOM_WATCH_DEFAULTS: DomWatchOptions = { debounceMs: 120, maxWaitMs: 600 };

/** A change made by our own UI (inside or of a host tagged data-tiers-feature) is not the page's. */
export function isOwnChange(record: MutationRecord): boolean {
  const target = record.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  if (element?.closest("[data-tiers-feature]")) return true;
  if (record.type !== "childList") return false;
  const nodes = [record.addedNodes, record.removedNodes];
  let any = false;
  for (const list of nodes)
    for (let i = 0; i < list.length; i++) {
      const node = list[i] as Node;
      any = true;
      if (node.nodeType !== 1 || !(node as Element).hasAttribute("data-tiers-feature")) return false;
    }
  return any;
}

/**
 * Calls onBurst once per burst of relevant changes. The work done here per
 * callback is bounded; the caller's onBurst runs at most once per debounce window.
 */
export interface DomWatch {
  stop(): void;
  /** Time spent in the observer's callbacks, and how many there were (for the bench). */
  spent(): { callbacks: number; ms: number };
}

/**
 * Once a relevant change is seen, the page will be read anyway when the burst is over: the observer is
 * disconnected meanwhile, so a page that changes 1,000 times in 50 tasks pays for a few callbacks, not
 * 50 (the browser makes no record for a disconnected observer). The end of the burst is sampled: after
 * half a debounce unobserved, the observer listens for one debounce window; a relevant change in it
 * means the burst goes on (another window follows), none means it is over. A page that never stops
 * changing is still read every maxWaitMs.
 */
export function watchDom(
  doc: Document,
  onBurst: () => void,
  options: DomWatchOptions = DOM_WATCH_DEFAULTS,
): DomWatch {
  let callbacks = 0;
  let ms = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current burst began (0: no burst). */
  let burstAt = 0;
  /** A relevant change was seen in the current listening window. */
  let changed = false;
  let connected = false;
  let stopped = false;
  const init: MutationObserverInit = {
    subtree: true,
    childList: true,
    characterData: true,
    // Only the attributes a reading depends on (a field's value, a label's target, a name): classes and
    // styles change all the time and mean nothing to us.
    attributeFilter: [
      ...(options.attributeFilter ?? ["value", "for", "aria-label", "role", "hidden", "href"]),
    ],
  };
  const connect = () => {
    if (connected || stopped) return;
    observer.observe(doc, init);
    connected = true;
  };
  const disconnect = () => {
    if (!connected) return;
    observer.disconnect();
    connected = false;
  };
  const over = () => {
    burstAt = 0;
    timer = undefined;
    connect();
    onBurst();
  };
  /** Listens for one debounce window; at its end the burst is over unless a change was seen. */
  const listen = () => {
    changed = false;
    connect();
    timer = setTimeout(
      () => (!changed || performance.now() - burstAt >= options.maxWaitMs ? over() : listen()),
      options.debounceMs,
    );
  };
  const rule = options.relevant ?? ((records) => records.some((r) => !isOwnChange(r)));
  const relevant = (records: MutationRecord[]) =>
    // Beyond the records inspected, a long burst is assumed to be the page's.
    records.length > RECORDS_INSPECTED || rule(records);
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    callbacks++;
    if (relevant(records)) {
      disconnect();
      if (burstAt === 0) {
        burstAt = now;
        timer = setTimeout(
          () => (performance.now() - burstAt >= options.maxWaitMs ? over() : listen()),
          Math.max(1, options.debounceMs / 2),
        );
      } else changed = true;
    }
    ms += performance.now() - now;
  });
  connect();
  return {
    stop() {
      stopped = true;
      disconnect();
      clearTimeout(timer);
    },
    spent: () => ({ callbacks, ms }),
  };
}
