// The tab's script time, read from a Chromium trace (devtools.timeline, v8.execute) by the page-load
// bench (pageload.ts). Pure: the events come from CDP's Tracing domain.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Trace events in which a renderer runs script: a script's evaluation, a callback, promise jobs. */
const SCRIPT_EVENTS = new Set([
  "EvaluateScript",
  "v8.compile",
  "v8.run",
  "FunctionCall",
  "v8.callFunction",
  "RunMicrotasks",
  "TimerFire",
  "EventDispatch",
  "FireAnimationFrame",
  "FireIdleCallback",
]);

const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;

/** The main thread of each renderer that parsed the page (a navigation may change its process). */
export function pageThreads(events: TraceEvent[]): Set<string> {
  const mains = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map(threadOf),
  );
  return new Set(events.filter((e) => e.name === "ParseHTML" && mains.has(threadOf(e))).map(threadOf));
}

/**
 * The time the page's renderer spent running script: the union of the script events' spans (they
 * nest) on its main thread. Every world counts, ours included, whoever dispatched the call. With
 * `origin`, only the events that name a file of ours: our observer's and timers' callbacks, our files'
 * evaluation; not the promise jobs, which name no file (so too low where messages are answered).
 */
export function scriptMsOfTrace(events: TraceEvent[], threads: Set<string>, origin?: string): number {
  const spans = events
    .filter((e) => e.ph === "X" && e.dur && SCRIPT_EVENTS.has(e.name) && threads.has(threadOf(e)))
    .filter((e) => origin === undefined || (origin !== "" && (e.args?.data?.url ?? "").startsWith(origin)))
    .map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const)
    .sort((a, b) => a[0] - b[0]);
  let us = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    us += to - Math.max(from, end);
    end = to;
  }
  return us / 1000;
}
