// `npm run bench -- pageload` (issue 13, point 5): what the extension costs a page of the Urssaf space.
// Debian's Chromium loads the same demo pages without the extension and with it (and, when
// BENCH_BASELINE_DIST names another build, with that one too: A/B in one run; BENCH_FLOOR=1 adds this
// build with an empty content script, see floorBuild), in rotating order,
// LOADS times each. Per load, from a fresh tab, up to SETTLE_MS after `load`: the tab's script time,
// the `load` event's time (Navigation Timing) and, with BENCH_PROFILER=on, our code's time by the
// sampling profiler. The script time is read from a trace of the tab's renderer (see scriptMsOfTrace):
// CDP's ScriptDuration metric does not count what runs in a callback the extension system dispatches
// (a message's answer, an injected file, the promise jobs after them), and that is where most of our
// work runs. Printed: the paired medians of the differences with the bare browser. Then the cost of
// 1,000 DOM mutations made by the page (in 50 tasks of 20), on a page where no feature applies.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { INJECTED_FLAG } from "../../src/core/content-injection.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { DIST, type LaunchedBrowser, launchChromium } from "../e2e/chromium.ts";
import { login } from "../e2e/support.ts";
import { pageThreads, scriptMsOfTrace, type TraceEvent } from "./trace.ts";

export const GOALS = { plainScriptMs: 5, plainLoadMs: 5, featuresScriptMs: 30, mutationsMs: 2 };
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1_000);
/** BENCH_PROFILER=on: our code's time by the sampling profiler too (it slows every arm). */
const PROFILER = process.env.BENCH_PROFILER === "on";

interface Arm {
  name: string;
  dist: string | null;
  browser?: LaunchedBrowser;
}

interface Sample {
  scriptMs: number;
  loadMs: number;
  /** Our code's time, from the sampling profiler (see ourCpuMs). */
  oursMs: number;
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

type Cdp = Awaited<ReturnType<BrowserContext["newCDPSession"]>>;

function startTrace(cdp: Cdp): () => Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const started = cdp.send("Tracing.start", {
    categories: "devtools.timeline,v8.execute",
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
 * One load in a fresh tab: the `load` event's time, and when `traced`, the script time up to SETTLE_MS
 * after `load` (and over `after`) and our code's time by the profiler over the same span when asked
 * (`origin`: our extension's, "" for the bare browser). The trace and the profiler run in every arm
 * alike, but tracing every process weighs more on the arm whose extension works: the `load` figures are
 * taken from loads without it.
 */
async function loadOnce(
  context: BrowserContext,
  url: string,
  origin: string,
  traced: boolean,
  after?: (page: Page) => Promise<void>,
) {
  const page = await context.newPage();
  if (!traced) {
    try {
      await page.goto(url, { waitUntil: "load" });
      const loadMs = await page.evaluate(
        () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
      );
      return {
        scriptMs: Number.NaN,
        loadMs,
        oursMs: Number.NaN,
        extraMs: Number.NaN,
        extraOursMs: Number.NaN,
      };
    } finally {
      await page.close();
    }
  }
  const cdp = await context.newCDPSession(page);
  let stopTrace = startTrace(cdp);
  if (PROFILER) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
  }
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(SETTLE_MS);
    const loaded = await stopTrace();
    const threads = pageThreads(loaded);
    const scriptMs = scriptMsOfTrace(loaded, threads);
    let oursMs = Number.NaN;
    if (PROFILER) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
        profile: Parameters<typeof ourCpuMs>[0];
      };
      oursMs = ourCpuMs(profile, origin);
    }
    const loadMs = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
    );
    let extraMs = Number.NaN;
    let extraOursMs = Number.NaN;
    if (after) {
      stopTrace = startTrace(cdp);
      await after(page);
      const events = await stopTrace();
      extraMs = scriptMsOfTrace(events, threads);
      extraOursMs = scriptMsOfTrace(events, threads, origin);
    }
    return { scriptMs, loadMs, oursMs, extraMs, extraOursMs };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
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

function fmt(ms: number): string {
  return `${ms >= 0 ? "+" : ""}${ms.toFixed(1)} ms`;
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

export async function benchPageLoad(): Promise<void> {
  const demo: DemoSpace = await startDemoSpace({ port: 0, quiet: true, anomalies: 50 });
  const arms: Arm[] = [
    { name: "sans extension", dist: null },
    { name: "extension (cette branche)", dist: DIST },
  ];
  // BENCH_BASELINE_DIST: one other build, or several separated by commas (each an arm of its own).
  for (const baseline of process.env.BENCH_BASELINE_DIST?.split(",").filter(Boolean) ?? [])
    arms.push({ name: `référence (${baseline})`, dist: baseline });
  if (process.env.BENCH_FLOOR === "1")
    arms.push({ name: "plancher (script de contenu vide)", dist: floorBuild() });
  try {
    for (const arm of arms) {
      arm.browser = await launchChromium({
        port: demo.port,
        extension: arm.dist !== null,
        ...(arm.dist ? { dist: arm.dist } : {}),
      });
      const page = await arm.browser.context.newPage();
      await login(page, demo);
      await page.close();
    }
    const first = visibleAnomalies(demo.state)[0];
    if (!first) throw new Error("no anomaly in the demo");
    const month = `${first.year}-${String(first.month).padStart(2, "0")}`;
    const pages = [
      {
        name: "page publique sans fonction (www.urssaf.fr/)",
        url: demo.url("www.urssaf.fr", "/"),
        plain: true,
      },
      {
        // The online space's own pages where no feature applies: the content script runs there (the
        // site's pages change in place), and the dialog bridge's handshake at document_start.
        name: "page de l'espace sans fonction (mon.urssaf.fr/documents)",
        url: demo.url("mon.urssaf.fr", "/documents"),
        plain: true,
      },
      {
        name: "Gérer les établissements (10 comptes)",
        url: demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"),
        plain: false,
      },
      {
        name: "Suivi DSN, 50 anomalies",
        url: demo.url("mon.urssaf.fr", `/suivi-dsn/etablissements/${first.siret}?mois=${month}`),
        plain: false,
      },
    ];
    // BENCH_PAGES=0,2 measures only those pages (by index above), e.g. while working on one of them.
    const only = process.env.BENCH_PAGES?.split(",").map(Number);
    const targets = only ? pages.filter((_, i) => only.includes(i)) : pages;
    console.log(
      `\nChargement des pages (${LOADS} chargements alternés par bras, ${PROFILER ? "profileur à 100 µs dans chacun" : "sans profileur"} ; jusqu'à load + ${SETTLE_MS} ms : temps de script du moteur de rendu de l'onglet (trace, tous les mondes, rappels de l'extension compris ; écart apparié avec le navigateur sans extension)${PROFILER ? " et temps de notre code au profileur (médiane)" : ""} ; load : écart apparié, pris dans un chargement de plus sans trace)`,
    );
    for (const target of targets) {
      const samples = new Map<string, (Sample & { extraMs: number; extraOursMs: number })[]>(
        arms.map((a) => [a.name, []]),
      );
      // One warm-up load per arm (caches, the service worker), not counted.
      for (const arm of arms)
        await loadOnce((arm.browser as LaunchedBrowser).context, target.url, originOf(arm), true);
      for (let i = 0; i < LOADS; i++) {
        // Rotated, not mirrored: with three arms or more, mirroring kept the second arm (the build under
        // test) always in the middle; rotating puts every arm in every place equally often.
        const order = arms.map((_, k) => arms[(k + i) % arms.length] as Arm);
        for (const arm of order) {
          const context = (arm.browser as LaunchedBrowser).context;
          const s = await loadOnce(
            context,
            target.url,
            originOf(arm),
            true,
            target.plain ? thousandMutations : undefined,
          );
          s.loadMs = (await loadOnce(context, target.url, originOf(arm), false)).loadMs;
          samples.get(arm.name)?.push(s);
        }
      }
      const bare = samples.get(arms[0]?.name ?? "") ?? [];
      console.log(`\n${target.name}`);
      console.log(
        `  sans extension : script ${median(bare.map((s) => s.scriptMs)).toFixed(1)} ms, load ${median(bare.map((s) => s.loadMs)).toFixed(1)} ms`,
      );
      for (const arm of arms.slice(1)) {
        const mine = samples.get(arm.name) ?? [];
        const dScript = median(mine.map((s, i) => s.scriptMs - (bare[i]?.scriptMs ?? 0)));
        const dLoad = median(mine.map((s, i) => s.loadMs - (bare[i]?.loadMs ?? 0)));
        const goal = target.plain ? GOALS.plainScriptMs : GOALS.featuresScriptMs;
        const ours = median(mine.map((s) => s.oursMs));
        const profiled = PROFILER ? `, notre code au profileur ${ours.toFixed(1)} ms` : "";
        let line = `  ${arm.name} : script ${fmt(dScript)}${profiled} (objectif ≤ ${goal} ms), load ${fmt(dLoad)}`;
        if (target.plain) line += ` (objectif ≤ ${GOALS.plainLoadMs} ms)`;
        if (target.plain) {
          const dMut = median(mine.map((s, i) => s.extraMs - (bare[i]?.extraMs ?? 0)));
          // The page's own work on 1,000 mutations varies by ±2 ms from load to load: the time of the
          // events naming our files tells our observer's share apart.
          const oursMut = median(mine.map((s) => s.extraOursMs));
          line += `\n    1 000 mutations de la page : script ${fmt(dMut)}, dont ${oursMut.toFixed(1)} ms dans nos fichiers (objectif ≤ ${GOALS.mutationsMs} ms)`;
        }
        console.log(line);
      }
    }
  } finally {
    for (const arm of arms) await arm.browser?.context.close().catch(() => undefined);
    await demo.close();
  }
}
