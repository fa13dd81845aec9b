// One MutationObserver for the whole page: it only notes that something relevant changed, and the
// lifecycle reads the page again once the burst is over (debounced), or at the latest after maxWaitMs
// while the page keeps changing. The observer's callback does a bounded amount of work per burst
// (at most RECORDS_INSPECTED records looked at), so a page that rebuilds a list of 1,000 rows pays
// for a few checks, not for 1,000.

/** Records looked at per callback to tell our own hosts from the page's changes. */
export const RECORDS_INSPECTED = 32;

export interface DomWatchOptions {
  /** Quiet time after the last relevant change before the burst is handed over. */
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

export function watchDom(
  doc: Document,
  onBurst: () => void,
  options: DomWatchOptions = DOM_WATCH_DEFAULTS,
): DomWatch {
  let callbacks = 0;
  let ms = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  let lastChangeAt = 0;
  // The callback only notes the time: the timer checks, when it fires, whether the burst is over
  // (no timer reset per callback, and the page is read in a task of its own).
  const check = () => {
    const now = performance.now();
    const quietFor = now - lastChangeAt;
    const burstFor = now - firstChangeAt;
    if (quietFor < options.debounceMs && burstFor < options.maxWaitMs) {
      timer = setTimeout(check, Math.min(options.debounceMs - quietFor, options.maxWaitMs - burstFor));
      return;
    }
    timer = undefined;
    onBurst();
  };
  const rule = options.relevant ?? ((records) => records.some((r) => !isOwnChange(r)));
  const relevant = (records: MutationRecord[]) =>
    // Beyond the records inspected, a long burst is assumed to be the page's.
    records.length > RECORDS_INSPECTED || rule(records);
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    callbacks++;
    if (relevant(records)) {
      lastChangeAt = now;
      if (timer === undefined) {
        firstChangeAt = now;
        timer = setTimeout(check, options.debounceMs);
      }
    }
    ms += performance.now() - now;
  });
  observer.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    // Only the attributes a reading depends on (a field's value, a label's target, a name): classes and
    // styles change all the time and mean nothing to us.
    attributeFilter: [
      ...(options.attributeFilter ?? ["value", "for", "aria-label", "role", "hidden", "href"]),
    ],
  });
  return {
    stop() {
      observer.disconnect();
      clearTimeout(timer);
    },
    spent: () => ({ callbacks, ms }),
  };
}
