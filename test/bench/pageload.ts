// `npm run bench -- pageload` (issue 13, point 5): what the extension costs a page of the Urssaf space.
// Debian's Chromium loads the same demo pages without the extension and with it (and, when
// BENCH_BASELINE_DIST names another build, with that one too: A/B in one run; BENCH_FLOOR=1 adds this
// build with an empty content script, see floorBuild), in rotating order, LOADS times each, in two ways
// (see Way): in a new tab, and in the same tab coming from another page of the site. Per load, up to
// SETTLE_MS after `load`: the tab's script time, the `load` event's time (Navigation Timing), with
// BENCH_PROFILER=on our code's time by the sampling profiler, with BENCH_COMPILE=on V8's compiling
// (see COMPILE), with BENCH_STAGES=on each stage of our code (see STAGES). The script time is read
// from a trace of the tab's renderer (see scriptMsOfTrace): CDP's ScriptDuration metric does not
// count what runs in a callback the extension system dispatches (a message's answer, an injected
// file, the promise jobs after them), and that is where most of our work runs. The same spans are
// also read on the main thread's own clock (« CPU »): on a machine of two cores, a span's wall time
// can be twice its CPU time, in our scripts as in Blink's layout (see Clock in trace.ts). And on
// that clock, the page's style, layout and paint (« rendu », renderMsOfTrace): what our UI makes the
// page lay out again is not script, and neither figure of the issue sees it. Printed: the paired
// medians of the differences with the bare browser, each with its 95 % interval (paired.ts), and for
// every other build its difference with this branch, load by load. Then the cost of 1,000 DOM
// mutations made by the page (in 50 tasks of 20), on a page where no feature applies.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { INJECTED_FLAG } from "../../src/core/content-injection.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { DIST, type LaunchedBrowser, launchChromium } from "../e2e/chromium.ts";
import { ended, sendFromExtension, waitForJob } from "../e2e/jobs-support.ts";
import { login, openExtensionPage } from "../e2e/support.ts";
import { median, type PairedFigure, pairedMedian } from "./paired.ts";
import {
  compileMsOfTrace,
  evaluationMsOfTrace,
  pageThreads,
  renderMsOfTrace,
  scriptMsOfTrace,
  stagesOfTrace,
  type TraceEvent,
} from "./trace.ts";

export const GOALS = { plainScriptMs: 5, plainLoadMs: 5, featuresScriptMs: 30, mutationsMs: 2 };
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1_000);
/** BENCH_PROFILER=on: our code's time by the sampling profiler too (it slows every arm). */
const PROFILER = process.env.BENCH_PROFILER === "on";
/**
 * BENCH_COMPILE=on: V8's compiling too, on the thread's clock (compileMsOfTrace). Its trace category
 * records every function V8 compiles, which makes every figure dearer: compare arms of one run only.
 */
const COMPILE = process.env.BENCH_COMPILE === "on";
/**
 * BENCH_STAGES=on: what each stage of our code costs in every arm with an extension, on the thread's
 * clock (see src/core/stage.ts), and with another build the difference stage by stage: a change shows
 * where it acts, within a few tenths of a ms, where the page's total moves by several.
 */
const STAGES = process.env.BENCH_STAGES === "on";
/** Our files whose evaluation counts as a stage of its own (their top-level code and its compile). */
const EVALUATED_FILES = ["src/content/main.js", "src/content/page-features.js"];

interface Arm {
  name: string;
  dist: string | null;
  /**
   * A build that cannot read a portfolio, which takes the bulk job's feature: the floor (floorBuild),
   * or one of BENCH_UNREAD_DIST. Its portfolio is not read first (see readPortfolio).
   */
  unread?: boolean;
  browser?: LaunchedBrowser;
}

interface Sample {
  scriptMs: number;
  /** The same script spans on the main thread's own clock: its CPU time (see Clock in trace.ts). */
  cpuMs: number;
  /** The page's style, layout and paint on the same clock (renderMsOfTrace): what our UI makes it redo. */
  renderMs: number;
  /** V8 compiling, on the same clock (BENCH_COMPILE=on; NaN otherwise). */
  compileMs: number;
  loadMs: number;
  /** Our code's time, from the sampling profiler (see ourCpuMs). */
  oursMs: number;
  /** CPU time by stage of our code (stagesOfTrace), and our files' evaluations (EVALUATED_FILES). */
  stages: Map<string, number>;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}

/**
 * The time of the samples whose stack holds a frame of our extension (`origin`): our functions, the
 * browser's functions they call (textContent, querySelector…) and their lazy compilation. ScriptDuration
 * alone misses what runs in callbacks the extension system dispatches (a message's answer, an injected
 * file): the design of the content script moved most of our work there (issue 13).
 */
function ourCpuMs(
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  origin: string,
) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const value =
      (byId.get(id)?.callFrame.url.startsWith(origin) ?? false) || (up !== undefined && isOurs(up));
    ours.set(id, value);
    return value;
  };
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (origin && isOurs(id)) us += profile.timeDeltas[i + 1] ?? 0;
  });
  return us / 1000;
}

type Cdp = Awaited<ReturnType<BrowserContext["newCDPSession"]>>;

function startTrace(cdp: Cdp): () => Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const started = cdp.send("Tracing.start", {
    categories: `devtools.timeline,v8.execute${COMPILE ? ",disabled-by-default-v8.compile" : ""}`,
    transferMode: "ReportEvents",
  } as never);
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await started;
    await cdp.send("Tracing.end");
    await done;
    return events;
  };
}

/**
 * How a load reaches the page. In a new tab, the page gets a new renderer process: nothing of ours is
 * compiled there yet, and compiling our code is most of a feature page's cost. In the same tab, coming
 * from another page of the site, the process and the code V8 compiled for it are kept: an accountant
 * going from page to page of the online space pays that. Both are measured (BENCH_NAV=onglet or
 * BENCH_NAV=navigation for one only).
 */
interface Way {
  name: string;
  /** The tab a load runs in, already showing the page it comes from (if any). */
  open(context: BrowserContext, via: string): Promise<Page>;
  /** Done with the load's tab. */
  close(page: Page): Promise<void>;
}

const NEW_TAB: Way = {
  name: "nouvel onglet",
  open: (context) => context.newPage(),
  close: (page) => page.close(),
};

/** One kept tab per browser: each load comes from `via` in it, once that page had SETTLE_MS to work. */
function sameTab(): Way {
  const kept = new Map<BrowserContext, Page>();
  return {
    name: "navigation dans l'onglet",
    async open(context, via) {
      let page = kept.get(context);
      if (!page || page.isClosed()) {
        page = await context.newPage();
        kept.set(context, page);
      }
      await page.goto(via, { waitUntil: "load" });
      await page.waitForTimeout(SETTLE_MS);
      return page;
    },
    close: async () => undefined,
  };
}

function waysToMeasure(): Way[] {
  const nav = process.env.BENCH_NAV;
  if (nav === "onglet") return [NEW_TAB];
  if (nav === "navigation") return [sameTab()];
  return [NEW_TAB, sameTab()];
}

const loadEventStart = (page: Page) =>
  page.evaluate(
    () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
  );

interface Load {
  context: BrowserContext;
  way: Way;
  url: string;
  /** The page the load comes from, in the same tab (see Way). */
  via: string;
  /** Our extension's origin, "" for the bare browser. */
  origin: string;
}

/**
 * One load: the `load` event's time, and when `traced`, the script time up to SETTLE_MS after `load`
 * (and over `after`) and our code's time by the profiler over the same span when asked. The trace and
 * the profiler run in every arm alike, but tracing every process weighs more on the arm whose extension
 * works: the `load` figures are taken from loads without it.
 */
async function loadOnce(load: Load, traced: boolean, after?: (page: Page) => Promise<void>) {
  const page = await load.way.open(load.context, load.via);
  if (!traced) {
    try {
      await page.goto(load.url, { waitUntil: "load" });
      const none = {
        scriptMs: Number.NaN,
        cpuMs: Number.NaN,
        renderMs: Number.NaN,
        compileMs: Number.NaN,
        oursMs: Number.NaN,
        extraMs: Number.NaN,
        extraOursMs: Number.NaN,
        stages: new Map<string, number>(),
      };
      return { ...none, loadMs: await loadEventStart(page) };
    } finally {
      await load.way.close(page);
    }
  }
  const cdp = await load.context.newCDPSession(page);
  let stopTrace = startTrace(cdp);
  if (PROFILER) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
  }
  try {
    await page.goto(load.url, { waitUntil: "load" });
    await page.waitForTimeout(SETTLE_MS);
    const loaded = await stopTrace();
    const threads = pageThreads(loaded);
    const scriptMs = scriptMsOfTrace(loaded, threads);
    const cpuMs = scriptMsOfTrace(loaded, threads, { clock: "thread" });
    const renderMs = renderMsOfTrace(loaded, threads, { clock: "thread" });
    const compileMs = COMPILE ? compileMsOfTrace(loaded, threads, { clock: "thread" }) : Number.NaN;
    const stages = load.origin ? stagesOf(loaded, threads, load.origin) : new Map<string, number>();
    let oursMs = Number.NaN;
    if (PROFILER) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
        profile: Parameters<typeof ourCpuMs>[0];
      };
      oursMs = ourCpuMs(profile, load.origin);
    }
    const loadMs = await loadEventStart(page);
    let extraMs = Number.NaN;
    let extraOursMs = Number.NaN;
    if (after) {
      stopTrace = startTrace(cdp);
      await after(page);
      const events = await stopTrace();
      extraMs = scriptMsOfTrace(events, threads);
      extraOursMs = scriptMsOfTrace(events, threads, { origin: load.origin });
    }
    return { scriptMs, cpuMs, renderMs, compileMs, loadMs, oursMs, extraMs, extraOursMs, stages };
  } finally {
    if (PROFILER) await cdp.send("Profiler.disable").catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    await load.way.close(page);
  }
}

/** A load's stages: our files' evaluations first (on the thread's clock), then the marked stages. */
function stagesOf(events: TraceEvent[], threads: Set<string>, origin: string): Map<string, number> {
  const stages = new Map<string, number>();
  for (const file of EVALUATED_FILES) {
    const ms = evaluationMsOfTrace(events, threads, { origin: origin + file, clock: "thread" });
    if (ms > 0) stages.set(file.replace(/^.*\//, ""), ms);
  }
  for (const [stage, ms] of stagesOfTrace(events, threads)) stages.set(stage, ms);
  return stages;
}

/** The page's own code changes the DOM 1,000 times (50 tasks of 20 insertions), then goes quiet. */
async function thousandMutations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const box = document.createElement("div");
    document.body.append(box);
    for (let task = 0; task < 50; task++) {
      for (let i = 0; i < 20; i++) {
        const row = document.createElement("p");
        row.textContent = `ligne ${task * 20 + i}`;
        box.append(row);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
  await page.waitForTimeout(SETTLE_MS);
}

function fmt(ms: number, digits = 1): string {
  return `${ms >= 0 ? "+" : ""}${ms.toFixed(digits)} ms`;
}

/** A paired median with its 95 % interval: « +30.6 ms [+28.9 ; +32.4] ». */
function fmtPaired(f: PairedFigure, digits = 1): string {
  const sign = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;
  return `${fmt(f.median, digits)} [${sign(f.low)} ; ${sign(f.high)}]`;
}

/**
 * This build with a content script that does nothing but mark the page (BENCH_FLOOR=1): what the
 * platform alone costs a page, the dialog bridge, the worker's injection and an isolated world
 * included. The rest of our figure is our own code.
 */
function floorBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "tiers-floor-"));
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(join(dir, "src/content/main.js"), `globalThis[${JSON.stringify(INJECTED_FLAG)}] = true;\n`);
  return dir;
}

/** Where our frames come from in a profile ("" for the bare browser). */
const originOf = (arm: Arm) =>
  arm.browser?.extensionId ? `chrome-extension://${arm.browser.extensionId}/` : "";

interface Target {
  name: string;
  url: string;
  /** Another page of the site, where a load in the same tab comes from. */
  via: string;
  plain: boolean;
}

type Measured = Sample & { extraMs: number; extraOursMs: number };

/** LOADS loads of `target` per arm, the arms rotated, after one warm-up load each. */
async function measure(arms: Arm[], way: Way, target: Target): Promise<Map<string, Measured[]>> {
  const samples = new Map<string, Measured[]>(arms.map((a) => [a.name, []]));
  const loadOf = (arm: Arm): Load => ({
    context: (arm.browser as LaunchedBrowser).context,
    way,
    url: target.url,
    via: target.via,
    origin: originOf(arm),
  });
  // One warm-up load per arm (caches, the service worker, and in the same tab our compiled code).
  for (const arm of arms) await loadOnce(loadOf(arm), true);
  for (let i = 0; i < LOADS; i++) {
    // Rotated, not mirrored: with three arms or more, mirroring kept the second arm (the build under
    // test) always in the middle; rotating puts every arm in every place equally often.
    const order = arms.map((_, k) => arms[(k + i) % arms.length] as Arm);
    for (const arm of order) {
      // The mutations' figure does not depend on how the page was reached: taken in new tabs only.
      const after = target.plain && way === NEW_TAB ? thousandMutations : undefined;
      const s = await loadOnce(loadOf(arm), true, after);
      s.loadMs = (await loadOnce(loadOf(arm), false)).loadMs;
      samples.get(arm.name)?.push(s);
    }
  }
  return samples;
}

/** The stages the loads ran, in the order they first came. */
function stageNames(xs: Measured[]): string[] {
  const names: string[] = [];
  for (const s of xs) for (const stage of s.stages.keys()) if (!names.includes(stage)) names.push(stage);
  return names;
}

/** A stage's CPU time load by load: 0 where a load did not run it. */
const stageMs = (xs: Measured[], stage: string) => xs.map((s) => s.stages.get(stage) ?? 0);

/** BENCH_STAGES: an arm's stages, and with `branch` this branch's difference with it stage by stage. */
function stagesLines(mine: Measured[], branch: Measured[] | null): string {
  const names = stageNames(mine);
  if (names.length === 0) return "";
  const each = names.map((n) => `${n} ${median(stageMs(mine, n)).toFixed(2)}`);
  let text = `\n    étapes (CPU, médianes) : ${each.join(", ")}`;
  if (branch) {
    const both = stageNames(branch).filter((n) => names.includes(n));
    const diffs = both.map((n) => `${n} ${fmtPaired(pairedMedian(stageMs(branch, n), stageMs(mine, n)), 2)}`);
    text += `\n    cette branche moins celle-ci, par étape (CPU) : ${diffs.join(", ")}`;
  }
  return text;
}

function printTarget(arms: Arm[], target: Target, samples: Map<string, Measured[]>): void {
  const bare = samples.get(arms[0]?.name ?? "") ?? [];
  const branch = samples.get(arms[1]?.name ?? "") ?? [];
  const script = (xs: Measured[]) => xs.map((s) => s.scriptMs);
  const cpu = (xs: Measured[]) => xs.map((s) => s.cpuMs);
  const render = (xs: Measured[]) => xs.map((s) => s.renderMs);
  const compile = (xs: Measured[]) => xs.map((s) => s.compileMs);
  console.log(`\n${target.name}`);
  console.log(
    `  sans extension : script ${median(script(bare)).toFixed(1)} ms (CPU ${median(cpu(bare)).toFixed(1)} ms), rendu CPU ${median(render(bare)).toFixed(1)} ms, load ${median(bare.map((s) => s.loadMs)).toFixed(1)} ms`,
  );
  for (const [k, arm] of arms.slice(1).entries()) {
    const mine = samples.get(arm.name) ?? [];
    const dScript = pairedMedian(script(mine), script(bare));
    const dCpu = pairedMedian(cpu(mine), cpu(bare));
    const dLoad = pairedMedian(
      mine.map((s) => s.loadMs),
      bare.map((s) => s.loadMs),
    );
    const goal = target.plain ? GOALS.plainScriptMs : GOALS.featuresScriptMs;
    const ours = median(mine.map((s) => s.oursMs));
    const profiled = PROFILER ? `, notre code au profileur ${ours.toFixed(1)} ms` : "";
    const dRender = pairedMedian(render(mine), render(bare));
    let line = `  ${arm.name} : script ${fmtPaired(dScript)}, CPU ${fmtPaired(dCpu)}${profiled} (objectif ≤ ${goal} ms), rendu CPU ${fmtPaired(dRender)}, load ${fmtPaired(dLoad)}`;
    if (target.plain) line += ` (objectif ≤ ${GOALS.plainLoadMs} ms)`;
    if (COMPILE) line += `, compilation V8 (CPU) ${fmtPaired(pairedMedian(compile(mine), compile(bare)))}`;
    // A/B in one run, load by load (the loads are interleaved): negative when this branch is cheaper.
    if (k > 0)
      line += `\n    cette branche moins celle-ci : script ${fmtPaired(pairedMedian(script(branch), script(mine)))}, CPU ${fmtPaired(pairedMedian(cpu(branch), cpu(mine)))}, rendu CPU ${fmtPaired(pairedMedian(render(branch), render(mine)))}${COMPILE ? `, compilation V8 ${fmtPaired(pairedMedian(compile(branch), compile(mine)))}` : ""}`;
    if (STAGES) line += stagesLines(mine, k > 0 ? branch : null);
    if (target.plain && mine.some((s) => Number.isFinite(s.extraMs))) {
      const dMut = pairedMedian(
        mine.map((s) => s.extraMs),
        bare.map((s) => s.extraMs),
      );
      // The page's own work on 1,000 mutations varies by ±2 ms from load to load: the time of the
      // events naming our files tells our observer's share apart.
      const oursMut = median(mine.map((s) => s.extraOursMs));
      line += `\n    1 000 mutations de la page : script ${fmtPaired(dMut)}, dont ${oursMut.toFixed(1)} ms dans nos fichiers (objectif ≤ ${GOALS.mutationsMs} ms)`;
    }
    console.log(line);
  }
}

/**
 * The state an accountant's browser is in: the portfolio read once, so « Gérer les établissements »
 * shows its comparison panel with the reading's date, as it does in the field (before that, the panel
 * only offers the reading, and a bench would miss what the panel costs).
 */
async function readPortfolio(browser: LaunchedBrowser, page: Page, demo: DemoSpace): Promise<void> {
  const options = await openExtensionPage(
    browser.context,
    browser.extensionId ?? "",
    "src/ui/options/index.html",
  );
  await sendFromExtension(options, { type: "job/create", action: "read", paceMs: 20 });
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  const view = await waitForJob(options, ended);
  if (view.job.status !== "done")
    throw new Error(`portfolio reading ended ${view.job.status}: ${view.job.reason}`);
  await options.close();
}

export async function benchPageLoad(): Promise<void> {
  const demo: DemoSpace = await startDemoSpace({ port: 0, quiet: true, anomalies: 50 });
  const arms: Arm[] = [
    { name: "sans extension", dist: null },
    { name: "extension (cette branche)", dist: DIST },
  ];
  // BENCH_BASELINE_DIST: one other build, or several separated by commas (each an arm of its own).
  for (const baseline of process.env.BENCH_BASELINE_DIST?.split(",").filter(Boolean) ?? [])
    arms.push({ name: `référence (${baseline})`, dist: baseline });
  // BENCH_UNREAD_DIST: the same, for builds without the bulk job's feature (e.g. to see what the
  // features cost, a build whose FEATURES in src/content/features.ts holds fewer of them). Their
  // « Gérer » portfolio panel, if they keep one, offers the reading instead of the comparison.
  for (const other of process.env.BENCH_UNREAD_DIST?.split(",").filter(Boolean) ?? [])
    arms.push({ name: `référence sans lecture du portefeuille (${other})`, dist: other, unread: true });
  if (process.env.BENCH_FLOOR === "1")
    arms.push({ name: "plancher (script de contenu vide)", dist: floorBuild(), unread: true });
  try {
    for (const arm of arms) {
      arm.browser = await launchChromium({
        port: demo.port,
        extension: arm.dist !== null,
        ...(arm.dist ? { dist: arm.dist } : {}),
      });
      const page = await arm.browser.context.newPage();
      await login(page, demo);
      if (arm.dist !== null && !arm.unread) await readPortfolio(arm.browser, page, demo);
      await page.close();
    }
    const first = visibleAnomalies(demo.state)[0];
    if (!first) throw new Error("no anomaly in the demo");
    const month = `${first.year}-${String(first.month).padStart(2, "0")}`;
    const documents = demo.url("mon.urssaf.fr", "/documents");
    const pages: Target[] = [
      {
        name: "page publique sans fonction (www.urssaf.fr/)",
        url: demo.url("www.urssaf.fr", "/"),
        via: documents,
        plain: true,
      },
      {
        // The online space's own pages where no feature applies: the content script runs there (the
        // site's pages change in place), and the dialog bridge's handshake at document_start.
        name: "page de l'espace sans fonction (mon.urssaf.fr/documents)",
        url: documents,
        via: demo.url("mon.urssaf.fr", "/paiement"),
        plain: true,
      },
      {
        name: "Gérer les établissements (10 comptes)",
        url: demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"),
        via: documents,
        plain: false,
      },
      {
        name: "Suivi DSN, 50 anomalies",
        url: demo.url("mon.urssaf.fr", `/suivi-dsn/etablissements/${first.siret}?mois=${month}`),
        via: documents,
        plain: false,
      },
    ];
    // BENCH_PAGES=0,2 measures only those pages (by index above), e.g. while working on one of them.
    const only = process.env.BENCH_PAGES?.split(",").map(Number);
    const targets = only ? pages.filter((_, i) => only.includes(i)) : pages;
    console.log(
      `\nChargement des pages (${LOADS} chargements alternés par bras, ${PROFILER ? "profileur à 100 µs dans chacun" : "sans profileur"} ; jusqu'à load + ${SETTLE_MS} ms : temps de script du moteur de rendu de l'onglet (trace, tous les mondes, rappels de l'extension compris ; écart apparié avec le navigateur sans extension)${PROFILER ? " et temps de notre code au profileur (médiane)" : ""} ; load : écart apparié, pris dans un chargement de plus sans trace)`,
    );
    for (const way of waysToMeasure()) {
      console.log(`\n== ${way.name}`);
      for (const target of targets) {
        const samples = await measure(arms, way, target);
        printTarget(arms, target, samples);
      }
    }
  } finally {
    for (const arm of arms) await arm.browser?.context.close().catch(() => undefined);
    await demo.close();
  }
}
