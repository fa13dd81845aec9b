// The tab's script time, and its rendering time, read from a Chromium trace (devtools.timeline,
// v8.execute) by the page-load bench (pageload.ts). Pure: the events come from CDP's Tracing domain.
import { STAGE_END, STAGE_MARK } from "../../src/core/stage.ts";

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's own clock (CPU time): where the thread was not running, it does not advance. */
  tts?: number;
  tdur?: number;
  /** `data.message`: a console.timeStamp mark's text (a TimeStamp event). */
  args?: { name?: string; data?: { url?: string; message?: string } };
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

/**
 * Trace events in which a renderer's main thread updates what the page shows: style, layout, paint.
 * What our UI makes the page lay out again is there, not in the script spans (unless a script forces
 * a layout, which then counts in both).
 */
const RENDER_EVENTS = new Set(["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize"]);

/**
 * V8 compiling script, in a trace that holds the category `disabled-by-default-v8.compile`: a script's
 * whole compile (at its evaluation) and each function's lazy one (at its first call). An injected
 * file gets no code cache: in a new renderer process, all of it is compiled again.
 */
const COMPILE_EVENTS = new Set(["V8.CompileCode"]);

/** A script's evaluation (an injected file's, in our world): its compile and top-level code nest in it. */
const EVALUATION_EVENTS = new Set(["EvaluateScript"]);

const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;

/** The main thread of each renderer that parsed the page (a navigation may change its process). */
export function pageThreads(events: TraceEvent[]): Set<string> {
  const mains = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map(threadOf),
  );
  return new Set(events.filter((e) => e.name === "ParseHTML" && mains.has(threadOf(e))).map(threadOf));
}

/**
 * Which clock a span is read on. "wall": from its start to its end, as the page waits for it.
 * "thread": the main thread's CPU time only. A span's wall time also holds the moments the thread did
 * not run (waiting for a core while the browser's, the GPU's and the page's other threads work): on a
 * 2-core machine, up to twice its CPU time, in our scripts as in Blink's own layout, in a new tab as in
 * the same tab. An event without a thread clock counts for nothing on it.
 */
export type Clock = "wall" | "thread";

export interface ScriptTimeOptions {
  /** Only the events that name a file of this origin ("" names none). */
  origin?: string;
  clock?: Clock;
}

/**
 * The time the page's renderer spent running script: the union of the script events' spans (they
 * nest) on its main thread. Every world counts, ours included, whoever dispatched the call. With
 * `origin`, only the events that name a file of ours: our observer's and timers' callbacks, our files'
 * evaluation; not the promise jobs, which name no file (so too low where messages are answered).
 */
export function scriptMsOfTrace(
  events: TraceEvent[],
  threads: Set<string>,
  options: ScriptTimeOptions = {},
): number {
  return unionMs(events, threads, SCRIPT_EVENTS, options);
}

/** The time the page's renderer spent on style, layout and paint: the union of those spans, as above. */
export function renderMsOfTrace(
  events: TraceEvent[],
  threads: Set<string>,
  options: Pick<ScriptTimeOptions, "clock"> = {},
): number {
  return unionMs(events, threads, RENDER_EVENTS, options);
}

/**
 * The time the page's renderer spent evaluating the files whose address starts with `origin` (a
 * file's whole address names that file): its compile and its top-level code, and whatever that code
 * ran at once.
 */
export function evaluationMsOfTrace(
  events: TraceEvent[],
  threads: Set<string>,
  options: ScriptTimeOptions & { origin: string },
): number {
  return unionMs(events, threads, EVALUATION_EVENTS, options);
}

/**
 * The stages our code marked (src/core/stage.ts) on the page's threads, on the thread's clock: from a
 * stage's mark to its end mark, added up over its runs. A stage run inside another counts in both; a
 * stage whose end the trace does not hold counts for nothing.
 */
export function stagesOfTrace(events: TraceEvent[], threads: Set<string>): Map<string, number> {
  const marks = events
    .filter((e) => e.name === "TimeStamp" && threads.has(threadOf(e)) && e.tts !== undefined)
    .filter((e) => (e.args?.data?.message ?? "").startsWith(STAGE_MARK))
    .sort((a, b) => a.ts - b.ts);
  const open = new Map<string, number[]>();
  const spent = new Map<string, number>();
  for (const mark of marks) {
    const text = (mark.args?.data?.message ?? "").slice(STAGE_MARK.length);
    const ends = text.endsWith(STAGE_END);
    const stage = ends ? text.slice(0, -STAGE_END.length) : text;
    const started = open.get(stage) ?? [];
    if (!ends) {
      started.push(mark.tts as number);
      open.set(stage, started);
      continue;
    }
    const from = started.pop();
    if (from === undefined) continue;
    spent.set(stage, (spent.get(stage) ?? 0) + (mark.tts as number) - from);
  }
  return new Map([...spent].map(([stage, us]) => [stage, us / 1000]));
}

/** The time the page's renderer spent compiling script (see COMPILE_EVENTS), as above. */
export function compileMsOfTrace(
  events: TraceEvent[],
  threads: Set<string>,
  options: Pick<ScriptTimeOptions, "clock"> = {},
): number {
  return unionMs(events, threads, COMPILE_EVENTS, options);
}

function unionMs(
  events: TraceEvent[],
  threads: Set<string>,
  names: ReadonlySet<string>,
  { origin, clock = "wall" }: ScriptTimeOptions,
): number {
  const spanOf = (e: TraceEvent): readonly [number, number] | null => {
    if (clock === "wall") return e.dur ? [e.ts, e.ts + e.dur] : null;
    return e.tts !== undefined && e.tdur ? [e.tts, e.tts + e.tdur] : null;
  };
  const spans = events
    .filter((e) => e.ph === "X" && names.has(e.name) && threads.has(threadOf(e)))
    .filter((e) => origin === undefined || (origin !== "" && (e.args?.data?.url ?? "").startsWith(origin)))
    .map(spanOf)
    .filter((s): s is readonly [number, number] => s !== null)
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
