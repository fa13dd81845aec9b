// `npm run bench -- pageload` (issue 13, point 5): what the extension costs a page of the Urssaf space.
// Debian's Chromium loads the same demo pages without the extension and with it (and, when
// BENCH_BASELINE_DIST names another build, with that one too: A/B in one run), in rotating order,
// LOADS times each. Per load, from a fresh tab: the tab's script time (CDP Performance metrics,
// ScriptDuration: every world of the renderer, our isolated world included) up to SETTLE_MS after
// `load`, and the `load` event's time (Navigation Timing). Printed: the paired medians of the
// differences with the bare browser. Then the cost of 1,000 DOM mutations made by the page (in 50 tasks
// of 20), on a page where no feature applies.
import type { BrowserContext, Page } from "playwright-core";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { DIST, type LaunchedBrowser, launchChromium } from "../e2e/chromium.ts";
import { login } from "../e2e/support.ts";

export const GOALS = { plainScriptMs: 5, plainLoadMs: 5, featuresScriptMs: 30, mutationsMs: 2 };
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1_000);

interface Arm {
  name: string;
  dist: string | null;
  browser?: LaunchedBrowser;
}

interface Sample {
  scriptMs: number;
  loadMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function scriptSeconds(cdp: Awaited<ReturnType<BrowserContext["newCDPSession"]>>): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as {
    metrics: { name: string; value: number }[];
  };
  return metrics.find((m) => m.name === "ScriptDuration")?.value ?? Number.NaN;
}

/** One load in a fresh tab: script time up to SETTLE_MS after `load`, and the `load` event's time. */
async function loadOnce(context: BrowserContext, url: string, after?: (page: Page) => Promise<void>) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(SETTLE_MS);
    const settled = await scriptSeconds(cdp);
    const loadMs = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
    );
    let extra = Number.NaN;
    if (after) {
      await after(page);
      extra = (await scriptSeconds(cdp)) - settled;
    }
    return { scriptMs: settled * 1000, loadMs, extraMs: extra * 1000 };
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

export async function benchPageLoad(): Promise<void> {
  const demo: DemoSpace = await startDemoSpace({ port: 0, quiet: true, anomalies: 50 });
  const arms: Arm[] = [
    { name: "sans extension", dist: null },
    { name: "extension (cette branche)", dist: DIST },
  ];
  // BENCH_BASELINE_DIST: one other build, or several separated by commas (each an arm of its own).
  for (const baseline of process.env.BENCH_BASELINE_DIST?.split(",").filter(Boolean) ?? [])
    arms.push({ name: `référence (${baseline})`, dist: baseline });
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
      `\nChargement des pages (${LOADS} chargements alternés par bras, temps de script jusqu'à load + ${SETTLE_MS} ms ; médianes des écarts appariés avec le navigateur sans extension)`,
    );
    for (const target of targets) {
      const samples = new Map<string, (Sample & { extraMs: number })[]>(arms.map((a) => [a.name, []]));
      // One warm-up load per arm (caches, the service worker), not counted.
      for (const arm of arms) await loadOnce((arm.browser as LaunchedBrowser).context, target.url);
      for (let i = 0; i < LOADS; i++) {
        // Rotated, not mirrored: with three arms or more, mirroring kept the second arm (the build under
        // test) always in the middle; rotating puts every arm in every place equally often.
        const order = arms.map((_, k) => arms[(k + i) % arms.length] as Arm);
        for (const arm of order) {
          const context = (arm.browser as LaunchedBrowser).context;
          const s = await loadOnce(context, target.url, target.plain ? thousandMutations : undefined);
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
        let line = `  ${arm.name} : script ${fmt(dScript)} (objectif ≤ ${goal} ms), load ${fmt(dLoad)}`;
        if (target.plain) line += ` (objectif ≤ ${GOALS.plainLoadMs} ms)`;
        if (target.plain) {
          const dMut = median(mine.map((s, i) => s.extraMs - (bare[i]?.extraMs ?? 0)));
          line += `\n    1 000 mutations de la page : script ${fmt(dMut)} (objectif ≤ ${GOALS.mutationsMs} ms)`;
        }
        console.log(line);
      }
    }
  } finally {
    for (const arm of arms) await arm.browser?.context.close().catch(() => undefined);
    await demo.close();
  }
}
