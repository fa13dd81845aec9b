// A small feature registry (refined-github style), driven by the page lifecycle (src/core/lifecycle/):
// each feature declares the pages it runs on; while it applies, it is run again on every change of the
// page (its kind, its content, its URL) and mounts its UI per item, idempotently: one host per anchor
// element, removed when the anchor leaves the DOM, never two for the same anchor. One feature's error
// never stops another. A feature's id is its file name (enforced by src/content/features.test.ts).

import type { DialogBridge } from "../content/bridge-client.ts";
import type { DetectedPage, PageDetector } from "../pages/index.ts";
import { inStage } from "./stage.ts";

export interface Placement {
  before?: Element;
  after?: Element;
  inside?: Element;
}

export interface FeatureContext {
  /** The Urssaf page as last recognised, or null on an Urssaf page no adapter knows. */
  page: DetectedPage | null;
  /**
   * True when the page is understood, or when it stayed not understood (or unknown) through the
   * lifecycle's quiet period: only then is « non comprise » final.
   */
  settled: boolean;
  /** Aborted when the feature stops applying (the page changed kind) or the page is left. */
  signal: AbortSignal;
  bridge: DialogBridge;
  /** How long the last recognition of this page took (part of our time on the page). */
  detectMs: number;
  /**
   * Whether a bulk job was under way when this page started: only then may the previous page of the
   * tab have left something in sessionStorage for this one (a page's first storage access is a
   * synchronous trip to the browser, 2 to 4 ms).
   */
  jobAtStart: boolean;
  /** Reads a page now, as the lifecycle does (src/pages/index.ts). */
  detect: PageDetector;
  /** The feature's one page-level shadow root (created on first call, again if the page removed it). */
  mount(placement?: Placement): ShadowRoot;
  /**
   * A shadow root for one item of the page (an account row, an anomaly, a form field), keyed by its
   * anchor element: `build` runs once per anchor; a later call for the same anchor does nothing and
   * returns null. The host goes when the anchor leaves the DOM (or the page removed the host: it is
   * then built again on the next run), and its signal is aborted.
   */
  item(
    anchor: Element,
    placement: Placement,
    build: (root: ShadowRoot, signal: AbortSignal) => void,
  ): ShadowRoot | null;
}

export interface Feature {
  id: string;
  /** Decides from the detected page (understood or not, or null when unknown) whether the feature runs. */
  runsOn(page: DetectedPage | null): boolean;
  /** Called when the feature starts applying, then on every change of the page: must be idempotent. */
  run(ctx: FeatureContext): void | Promise<void>;
}

export type FeatureOutcome =
  | { id: string; status: "ran" | "skipped" }
  | { id: string; status: "failed"; error: string };

/** One constructed sheet per feature's CSS, shared by all its shadow roots (Chrome 73+, Firefox 101+). */
const sheets = new Map<string, CSSStyleSheet>();

/** Applies a feature's CSS to a shadow root: the root's content can then be replaced freely. */
export function applyStyle(root: ShadowRoot, css: string): void {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  root.adoptedStyleSheets = [sheet];
}

/**
 * Runs an action of our UI on the user's own click only: a page script's synthetic click (`.click()`,
 * dispatchEvent) is not trusted and starts nothing.
 */
export function onTrustedClick(el: HTMLElement, action: () => void): void {
  el.addEventListener("click", (event) => {
    if (event.isTrusted) action();
  });
}

/**
 * Our roots, kept here because they are closed: `host.shadowRoot` is null for everyone, the page's
 * scripts included. Exposed only in the isolated world, as a test and debugging hook (src/content/main.ts,
 * test/e2e/support.ts): a page script cannot reach that world.
 */
const roots = new WeakMap<Element, ShadowRoot>();
export function shadowOf(host: Element): ShadowRoot | null {
  return roots.get(host) ?? null;
}

/**
 * A feature's host: a bare `<div data-tiers-feature="id">` whose shadow root is closed, so that a page
 * script can neither read what it shows (register data) nor reach its buttons. The host itself, which
 * the page does see, carries nothing else: no status, title or class (features style `:host` only).
 */
export function mountHost(doc: Document, id: string, placement: Placement = {}): HTMLElement {
  const host = doc.createElement("div");
  host.dataset.tiersFeature = id;
  if (placement.before) placement.before.before(host);
  else if (placement.after) placement.after.after(host);
  else (placement.inside ?? doc.body).append(host);
  roots.set(host, host.attachShadow({ mode: "closed" }));
  return host;
}

interface ItemMount {
  anchor: Element;
  host: HTMLElement;
  controller: AbortController;
}

interface ActiveFeature {
  controller: AbortController;
  ctx: FeatureContext;
  items: Map<Element, ItemMount>;
  host: HTMLElement | null;
  running: Promise<void> | null;
  again: boolean;
}

export interface FeatureRunner {
  /** Tells every feature the page as now recognised; resolves when the runs it started are over. */
  update(page: DetectedPage | null, state: { settled: boolean; detectMs: number }): Promise<FeatureOutcome[]>;
  /** Hosts currently mounted (for tests and the bench). */
  hosts(): number;
}

export function createFeatureRunner(
  features: readonly Feature[],
  deps: {
    doc: Document;
    bridge: DialogBridge;
    signal: AbortSignal;
    /** See FeatureContext.jobAtStart; true when unknown. */
    jobAtStart?: boolean;
    /** See FeatureContext.detect. */
    detect: PageDetector;
    /**
     * Awaited once, before features first run on a recognised page: not on the pages we do not know,
     * where only the job's feature runs, and shows nothing unless a job is running.
     */
    prepare?: () => Promise<unknown>;
  },
): FeatureRunner {
  const active = new Map<string, ActiveFeature>();
  deps.signal.addEventListener("abort", () => {
    for (const a of active.values()) a.controller.abort();
    active.clear();
  });

  const start = (feature: Feature, page: DetectedPage | null): ActiveFeature => {
    const controller = new AbortController();
    const items = new Map<Element, ItemMount>();
    const state: ActiveFeature = {
      controller,
      items,
      host: null,
      running: null,
      again: false,
      ctx: null as never,
    };
    controller.signal.addEventListener("abort", () => {
      state.host?.remove();
      for (const item of items.values()) {
        item.controller.abort();
        item.host.remove();
      }
      items.clear();
    });
    state.ctx = {
      page,
      settled: false,
      signal: controller.signal,
      bridge: deps.bridge,
      detectMs: 0,
      jobAtStart: deps.jobAtStart ?? true,
      detect: deps.detect,
      mount(placement) {
        if (!state.host?.isConnected) {
          state.host?.remove();
          state.host = mountHost(deps.doc, feature.id, placement);
        }
        return shadowOf(state.host) as ShadowRoot;
      },
      item(anchor, placement, build) {
        const known = items.get(anchor);
        if (known?.host.isConnected && anchor.isConnected) return null;
        if (known) unmount(items, known);
        if (!anchor.isConnected || controller.signal.aborted) return null;
        const host = mountHost(deps.doc, feature.id, placement);
        const mount: ItemMount = { anchor, host, controller: new AbortController() };
        items.set(anchor, mount);
        const root = shadowOf(host) as ShadowRoot;
        build(root, mount.controller.signal);
        return root;
      },
    };
    return state;
  };

  const runOnce = async (feature: Feature, state: ActiveFeature): Promise<void> => {
    if (state.running) {
      // A change while the feature still works on the previous one: one more run after it, not two.
      state.again = true;
      return state.running;
    }
    const go = async () => {
      do {
        state.again = false;
        sweep(state);
        await feature.run(state.ctx);
      } while (state.again && !state.controller.signal.aborted);
    };
    state.running = go().finally(() => {
      state.running = null;
    });
    return state.running;
  };

  let prepared: Promise<unknown> | null = null;
  return {
    async update(page, { settled, detectMs }) {
      if (deps.signal.aborted) return [];
      if (deps.prepare && page !== null) {
        prepared ??= deps.prepare().catch(() => undefined);
        await prepared;
      }
      return Promise.all(
        features.map(async (feature): Promise<FeatureOutcome> => {
          try {
            let state = active.get(feature.id);
            if (!feature.runsOn(page)) {
              state?.controller.abort();
              active.delete(feature.id);
              return { id: feature.id, status: "skipped" };
            }
            if (!state) {
              state = start(feature, page);
              active.set(feature.id, state);
            }
            state.ctx.page = page;
            state.ctx.settled = settled;
            state.ctx.detectMs = detectMs;
            await inStage(feature.id, () => runOnce(feature, state));
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
    },
    hosts() {
      let n = 0;
      for (const a of active.values()) n += a.items.size + (a.host?.isConnected ? 1 : 0);
      return n;
    },
  };
}

function unmount(items: Map<Element, ItemMount>, item: ItemMount): void {
  item.controller.abort();
  item.host.remove();
  items.delete(item.anchor);
}

/** Items whose anchor left the page (or whose host the page removed) are taken down. */
function sweep(state: ActiveFeature): void {
  for (const item of state.items.values())
    if (!item.anchor.isConnected || !item.host.isConnected) unmount(state.items, item);
}
