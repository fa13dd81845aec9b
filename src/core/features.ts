// A small feature registry (refined-github style): each feature declares the pages it runs on and
// gets its own abort signal and its own shadow-root host. One feature's error never stops another.

import type { DialogBridge } from "../content/bridge-client.ts";
import type { DetectedPage } from "../pages/index.ts";

export interface FeatureContext {
  /** The Urssaf page recognised, or null on an Urssaf page no adapter knows. */
  page: DetectedPage | null;
  signal: AbortSignal;
  bridge: DialogBridge;
  /** How long recognising this page took (part of our time on the page). */
  detectMs: number;
  /** An open shadow root in a host tagged data-tiers-feature="<id>", removed when the run aborts. */
  mount(placement?: { before?: Element; after?: Element; inside?: Element }): ShadowRoot;
}

export interface Feature {
  id: string;
  /** Decides from the detected page (understood or not, or null when unknown) whether the feature runs. */
  runsOn(page: DetectedPage | null): boolean;
  run(ctx: FeatureContext): void | Promise<void>;
}

export type FeatureOutcome =
  | { id: string; status: "ran" | "skipped" }
  | { id: string; status: "failed"; error: string };

export function mountHost(
  doc: Document,
  id: string,
  signal: AbortSignal,
  placement: Parameters<FeatureContext["mount"]>[0] = {},
): ShadowRoot {
  const host = doc.createElement("div");
  host.dataset.tiersFeature = id;
  if (placement.before) placement.before.before(host);
  else if (placement.after) placement.after.after(host);
  else (placement.inside ?? doc.body).append(host);
  signal.addEventListener("abort", () => host.remove(), { once: true });
  return host.attachShadow({ mode: "open" });
}

export async function runFeatures(
  features: readonly Feature[],
  page: DetectedPage | null,
  deps: { doc: Document; bridge: DialogBridge; signal: AbortSignal; detectMs?: number },
): Promise<FeatureOutcome[]> {
  return Promise.all(
    features.map(async (feature): Promise<FeatureOutcome> => {
      try {
        if (!feature.runsOn(page)) return { id: feature.id, status: "skipped" };
        const controller = new AbortController();
        deps.signal.addEventListener("abort", () => controller.abort(), { once: true });
        await feature.run({
          page,
          signal: controller.signal,
          bridge: deps.bridge,
          detectMs: deps.detectMs ?? 0,
          mount: (placement) => mountHost(deps.doc, feature.id, controller.signal, placement),
        });
        return { id: feature.id, status: "ran" };
      } catch (error) {
        console.error(`Tiers Assistant : la fonction « ${feature.id} » a échoué`, error);
        return {
          id: feature.id,
          status: "failed",
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
