// The page-load bench's reading of a trace (test/bench/trace.ts). Times in µs as Chromium writes them;
// expectations worked out by hand from the spans below.
import { describe, expect, it } from "vitest";
import {
  compileMsOfTrace,
  evaluationMsOfTrace,
  pageThreads,
  renderMsOfTrace,
  scriptMsOfTrace,
  stagesOfTrace,
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
  it("reads each stage of ours from its two marks, on the thread's clock", () => {
    // A console.timeStamp mark: an instant event whose message names the stage.
    const mark = (message: string, ts: number, tts: number | undefined, pid = 1, tid = 10): TraceEvent => ({
      name: "TimeStamp",
      ph: "I",
      pid,
      tid,
      ts,
      ...(tts === undefined ? {} : { tts }),
      args: { data: { message } },
    });
    const marked: TraceEvent[] = [
      meta(1, 10, "CrRendererMain"),
      // « recognise » twice: 1,000 µs of wall, 600 of CPU, then 300 of CPU.
      mark("tiers-assistant stage recognise", 1_000, 100),
      mark("tiers-assistant stage recognise:fin", 2_000, 700),
      // « anomaly-panel » holds « anomaly-panel/fill » (200 µs of CPU): 900 and 200, each counted.
      mark("tiers-assistant stage anomaly-panel", 3_000, 1_000),
      mark("tiers-assistant stage anomaly-panel/fill", 3_100, 1_100),
      mark("tiers-assistant stage anomaly-panel/fill:fin", 3_400, 1_300),
      mark("tiers-assistant stage anomaly-panel:fin", 4_000, 1_900),
      mark("tiers-assistant stage recognise", 5_000, 2_000),
      mark("tiers-assistant stage recognise:fin", 5_500, 2_300),
      // A stage without its end, an end without its start, a mark without a thread clock, another
      // tool's mark and the worker's renderer: nothing.
      mark("tiers-assistant stage bulk-job", 6_000, 2_400),
      mark("tiers-assistant stage one-click-resign:fin", 6_100, 2_500),
      mark("tiers-assistant stage status", 6_200, undefined),
      mark("tiers-assistant stage status:fin", 6_300, 2_600),
      mark("other:recognise", 6_400, 2_700),
      mark("other:recognise:fin", 6_500, 2_800),
      mark("tiers-assistant stage recognise", 6_000, 0, 2, 20),
      mark("tiers-assistant stage recognise:fin", 9_000, 3_000, 2, 20),
    ];
    const stages = stagesOfTrace(marked, new Set(["1:10"]));
    expect(Object.fromEntries(stages)).toEqual({
      recognise: 0.9,
      "anomaly-panel": 0.9,
      "anomaly-panel/fill": 0.2,
    });
  });
  it("reads one file's evaluation, its compile inside it counted once", () => {
    const evaluated: TraceEvent[] = [
      meta(1, 10, "CrRendererMain"),
      timed(span("EvaluateScript", 1_000, 3_000, `${OURS}src/content/main.js`), 100, 1_000),
      timed(span("v8.compile", 1_100, 500, `${OURS}src/content/main.js`), 200, 400),
      timed(span("EvaluateScript", 6_000, 9_000, `${OURS}src/content/page-features.js`), 2_000, 4_000),
      // The page's own script: not ours.
      timed(span("EvaluateScript", 20_000, 1_000, "https://mon.urssaf.fr/app.js"), 7_000, 1_000),
    ];
    const page = new Set(["1:10"]);
    const of = (file: string) => ({ origin: `${OURS}src/content/${file}`, clock: "thread" as const });
    expect(evaluationMsOfTrace(evaluated, page, of("main.js"))).toBe(1);
    expect(evaluationMsOfTrace(evaluated, page, of("page-features.js"))).toBe(4);
    expect(evaluationMsOfTrace(evaluated, page, { origin: `${OURS}src/content/page-features.js` })).toBe(9);
  });
});
