// Figures for the benchmark, not for the user: how long our code ran on each page of a job (script:
// recognise, observe, render, execute) and how long it waited for the background's answers (wait).
// A page's figures reach the background with the next page's first report (they are only complete
// when the page is left), carried over the navigation in sessionStorage.
import { JOB_METRICS_KEY } from "../../../core/storage/keys.ts";

const KEY = JOB_METRICS_KEY;

export interface PageSpent {
  scriptMs: number;
  waitMs: number;
}

export function pageMetrics(detectMs: number) {
  const spent: PageSpent = { scriptMs: detectMs, waitMs: 0 };
  const save = () => {
    try {
      sessionStorage.setItem(
        KEY,
        JSON.stringify({ scriptMs: Math.round(spent.scriptMs), waitMs: Math.round(spent.waitMs) }),
      );
    } catch {
      // No storage: the figure is only lost.
    }
  };
  let taken = false;
  let kept = false;
  return {
    /**
     * This page is one of the job's: its figures are written once, when it is left (a storage write
     * per step would itself cost time). Other pages write nothing: no storage access on them.
     */
    keep() {
      if (kept) return;
      kept = true;
      addEventListener("pagehide", save, { once: true });
    },
    script(ms: number) {
      spent.scriptMs += ms;
    },
    wait(ms: number) {
      spent.waitMs += ms;
    },
    /** The previous page's figures, once per page (before this page saves its own). */
    previous(): PageSpent | undefined {
      if (taken) return undefined;
      taken = true;
      try {
        const raw = sessionStorage.getItem(KEY);
        sessionStorage.removeItem(KEY);
        const parsed = raw ? (JSON.parse(raw) as Partial<PageSpent>) : null;
        return typeof parsed?.scriptMs === "number" && typeof parsed.waitMs === "number"
          ? { scriptMs: parsed.scriptMs, waitMs: parsed.waitMs }
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
