// The anomaly panel on a demo month page listing 500 anomalies: a panel beside each one, all filled
// from the background's answer, and the content script's own timing exposed for the
// benchmark (`npm run bench` prints the figure; no timing assertion here).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AnomalyPanelTimings } from "../../src/anomalies/features/anomaly-panel.ts";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { type LaunchedBrowser, launchChromium } from "./chromium.ts";
import { contentWorld, login, waitInUi } from "./support.ts";

let demo: DemoSpace;
let browser: LaunchedBrowser;
beforeAll(async () => {
  demo = await startDemoSpace({ port: 0, quiet: true, anomalies: 500, variant: "B" });
  browser = await launchChromium({ port: demo.port });
});
afterAll(async () => {
  await browser?.context.close();
  await demo?.close();
});

it("attaches and fills a panel beside each of 500 anomalies", async () => {
  const page = await browser.context.newPage();
  await login(page, demo);
  const first = visibleAnomalies(demo.state)[0];
  if (!first) throw new Error("no anomaly");
  const mois = `${first.year}-${String(first.month).padStart(2, "0")}`;
  await page.goto(demo.url("mon.urssaf.fr", `/suivi-dsn/etablissements/${first.siret}?mois=${mois}`));
  // The panels' roots are closed: counted in the content script's isolated world (support.ts).
  const counts = await waitInUi<number>(
    page,
    `() => {
      const links = [...document.querySelectorAll("a")].filter((a) => /^UR_ANO_/.test(a.textContent ?? ""));
      const filled = links.filter((a) => {
        const host = a.parentElement?.querySelector('[data-tiers-feature="anomaly-panel"]');
        return host && globalThis.tiersAssistant.shadowOf(host)?.querySelector("details[data-known]");
      });
      return links.length > 0 && filled.length === links.length ? links.length : 0;
    }`,
    undefined,
    60_000,
  );
  expect(counts).toBe(500);
  const world = await contentWorld(page, browser.extensionId ?? "");
  const timings = await world?.evaluate<AnomalyPanelTimings>("globalThis.tiersAssistantAnomalyTimings");
  await world?.detach();
  expect(timings?.count).toBe(500);
  for (const value of [
    timings?.attachMs,
    timings?.sinceDomInteractiveMs,
    timings?.filledSinceDomInteractiveMs,
  ])
    expect(Number.isFinite(value)).toBe(true);
  expect(timings?.filledSinceDomInteractiveMs).toBeGreaterThanOrEqual(timings?.sinceDomInteractiveMs ?? 0);
});
