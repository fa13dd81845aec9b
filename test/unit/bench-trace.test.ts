// The page-load bench's reading of a trace (test/bench/trace.ts). Times in µs as Chromium writes them;
// expectations worked out by hand from the spans below.
import { describe, expect, it } from "vitest";
import {
  compileMsOfTrace,
  pageThreads,
  renderMsOfTrace,
  scriptMsOfTrace,
  type TraceEvent,
} from "../bench/trace.ts";

const OURS = "chrome-extension://abc/";
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: "thread_name",
  ph: "M",
  pid,
  tid,
  ts: 0,
  args: { name },
});
const span = (name: string, ts: number, dur: number, url?: string, pid = 1, tid = 10): TraceEvent => ({
  name,
  ph: "X",
  pid,
  tid,
  ts,
  dur,
  ...(url ? { args: { data: { url } } } : {}),
});
/** A span with its thread clock too: `tts` where the thread's clock stood, `tdur` its CPU time. */
const timed = (e: TraceEvent, tts: number, tdur: number): TraceEvent => ({ ...e, tts, tdur });

const events: TraceEvent[] = [
  meta(1, 10, "CrRendererMain"),
  meta(2, 20, "CrRendererMain"), // another renderer (the worker's, another tab): not the page's
  meta(1, 11, "Compositor"),
  span("ParseHTML", 0, 500),
  span("ParseHTML", 0, 100, undefined, 2, 20),
  // 1,000 µs of our file's evaluation, with its compile nested inside: counted once.
  span("EvaluateScript", 1_000, 1_000, `${OURS}src/content/main.js`),
  span("v8.compile", 1_100, 300, `${OURS}src/content/main.js`),
  // The page's timer (2,500–3,500) and our observer's callback inside it (3,000–3,200).
  span("TimerFire", 2_500, 1_000),
  span("FunctionCall", 3_000, 200, `${OURS}src/content/main.js`),
  // Promise jobs overlapping the timer's end (3,400–4,000): 500 µs more.
  span("RunMicrotasks", 3_400, 600),
  // Not script: layout, and the other renderer's work.
  span("Layout", 5_000, 2_000),
  span("FunctionCall", 6_000, 9_000, `${OURS}x.js`, 2, 20),
];

describe("the page-load bench's trace reading", () => {
  it("takes the main thread of each renderer that parsed a page", () => {
    expect(pageThreads(events)).toEqual(new Set(["1:10", "2:20"]));
  });

  it("adds up the union of the script spans on the given threads: nested and overlapping once", () => {
    // 1,000 (evaluation) + 1,000 (timer) + 500 (the promise jobs' part after the timer) = 2.5 ms.
    expect(scriptMsOfTrace(events, new Set(["1:10"]))).toBe(2.5);
  });

  it("with an origin, counts only the events that name one of its files", () => {
    // The evaluation (1,000) and the observer's callback (200); the timer and the jobs name no file.
    expect(scriptMsOfTrace(events, new Set(["1:10"]), { origin: OURS })).toBe(1.2);
    // The bare browser's arm has no origin of ours: nothing is ours.
    expect(scriptMsOfTrace(events, new Set(["1:10"]), { origin: "" })).toBe(0);
  });

  it("on the thread's clock, counts only the time the thread ran", () => {
    const threaded: TraceEvent[] = [
      meta(1, 10, "CrRendererMain"),
      // 4,000 µs of wall time, of which the thread ran 1,500 (it waited for a core in between); its
      // compile (300 µs of CPU) nested inside.
      timed(span("EvaluateScript", 1_000, 4_000, `${OURS}src/content/main.js`), 200, 1_500),
      timed(span("v8.compile", 1_100, 300, `${OURS}src/content/main.js`), 300, 300),
      // A callback of 800 µs wall, 600 CPU, overlapping nothing on the thread's clock (2,000–2,600).
      timed(span("FunctionCall", 6_000, 800), 2_000, 600),
      // Promise jobs without a thread clock: nothing on that clock, 500 µs of wall time.
      span("RunMicrotasks", 7_000, 500),
    ];
    const page = new Set(["1:10"]);
    // Wall: 4,000 + 800 + 500 = 5.3 ms. Thread: 1,500 + 600 = 2.1 ms.
    expect(scriptMsOfTrace(threaded, page)).toBe(5.3);
    expect(scriptMsOfTrace(threaded, page, { clock: "thread" })).toBe(2.1);
    expect(scriptMsOfTrace(threaded, page, { clock: "thread", origin: OURS })).toBe(1.5);
  });
  it("adds up the page's style, layout and paint apart from its script", () => {
    const rendered: TraceEvent[] = [
      meta(1, 10, "CrRendererMain"),
      // A frame: style 400 µs, layout 1,000 (300 of CPU), paint 200; a compositor thread's paint
      // does not count.
      timed(span("UpdateLayoutTree", 1_000, 400), 100, 400),
      timed(span("Layout", 1_400, 1_000), 500, 300),
      timed(span("Paint", 2_600, 200), 900, 200),
      timed(span("Paint", 2_600, 700, undefined, 1, 11), 50, 700),
      // A script that forces a layout (its 500 µs counted in both figures).
      timed(span("FunctionCall", 4_000, 1_000), 1_200, 1_000),
      timed(span("Layout", 4_200, 500), 1_400, 500),
    ];
    const page = new Set(["1:10"]);
    // Wall: 400 + 1,000 + 200 + 500 = 2.1 ms. Thread: 400 + 300 + 200 + 500 = 1.4 ms.
    expect(renderMsOfTrace(rendered, page)).toBe(2.1);
    expect(renderMsOfTrace(rendered, page, { clock: "thread" })).toBe(1.4);
    // The script: the callback's 1,000 µs.
    expect(scriptMsOfTrace(rendered, page)).toBe(1);
  });
  it("adds up V8's compiling, each span once, on the page's main thread only", () => {
    const compiled: TraceEvent[] = [
      meta(1, 10, "CrRendererMain"),
      // A file's evaluation: its compile (2,000 µs, 1,200 of CPU) holds the compile of a nested
      // function (counted once).
      timed(span("EvaluateScript", 1_000, 5_000), 100, 4_000),
      timed(span("V8.CompileCode", 1_100, 2_000), 200, 1_200),
      timed(span("V8.CompileCode", 1_500, 300), 400, 300),
      // A function's lazy compile at its first call: 400 µs, all of it CPU.
      timed(span("FunctionCall", 8_000, 1_000), 5_000, 1_000),
      timed(span("V8.CompileCode", 8_100, 400), 5_100, 400),
      // The worker's renderer compiling does not count.
      timed(span("V8.CompileCode", 1_000, 9_000, undefined, 2, 20), 0, 9_000),
    ];
    const page = new Set(["1:10"]);
    // Wall: 2,000 + 400 = 2.4 ms. Thread: 1,200 + 400 = 1.6 ms.
    expect(compileMsOfTrace(compiled, page)).toBe(2.4);
    expect(compileMsOfTrace(compiled, page, { clock: "thread" })).toBe(1.6);
  });
});
