// The worker injects the content script into an Urssaf tab once its page has loaded, instead of the
// manifest declaring it. Any content script the manifest declares costs the page an isolated world
// before its `load` event, even an empty one (+7 to +8 ms measured, issue 13); injected after `load`,
// the same script delays nothing. Only the MAIN-world dialog bridge stays declared: it must run before
// the page's own scripts.
import { contentScriptRunsOn } from "../pages/addresses.ts";

/**
 * Set by the content script in its isolated world when it starts: a tab's status comes back to
 * « complete » after each of its frames loads, and the script must run once per document. The worker
 * injects it again each time and the script itself stops there: asking the page first cost every page
 * one more script evaluation in our world (about 1 ms on a plain page by the pageload bench), while a
 * second injection of the same file into the same process is compiled from V8's cache.
 */
export const INJECTED_FLAG = "tiersAssistantInjected";

/** A page whose `load` does not come (a stalled image) is given the script this long after it started. */
export const LOAD_WAIT_MS = 3_000;

/** Injects one of our scripts into one frame of a tab (the worker's scripting.executeScript). */
export type InjectInto = (tabId: number, frameId: number) => Promise<void>;

/** The scripts a content script asks the worker for, once its page needs them. */
export interface OnDemandScripts {
  features: InjectInto;
  diagnostics: InjectInto;
}

export interface TabUpdate {
  status?: string;
  url?: string;
}

/** A tab as tabs.query gives it. */
export interface OpenTab {
  id?: number;
  url?: string;
  status?: string;
}

/** Which tabs the worker asks for after an install or an update (the manifest's host permissions). */
export const URSSAF_TABS = "https://*.urssaf.fr/*";

export interface Injector {
  /** Injects the content script into the tab's top document (it runs once per document: INJECTED_FLAG). */
  inject(tabId: number): Promise<void>;
  /** The tab's current address, or undefined when it is gone. */
  urlOf(tabId: number): Promise<string | undefined>;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** The listener for tabs.onUpdated: what to inject, and when. */
export function createContentInjection(injector: Injector) {
  const waiting = new Map<number, unknown>();
  const cancel = (tabId: number) => {
    if (!waiting.has(tabId)) return;
    injector.clearTimer(waiting.get(tabId));
    waiting.delete(tabId);
  };
  const inject = (tabId: number) =>
    injector.inject(tabId).catch((error: unknown) => {
      // A tab closed or left for another site meanwhile, an error page: nothing to inject into.
      console.debug("Tiers Assistant : script de page non injecté", error);
    });
  return {
    onUpdated(tabId: number, change: TabUpdate, tab: { url?: string }): void {
      if (change.status !== "loading" && change.status !== "complete") return;
      cancel(tabId);
      if (!contentScriptRunsOn(tab.url)) return;
      if (change.status === "complete") {
        void inject(tabId);
        return;
      }
      // Still loading: if `load` is late, the script goes in anyway (it then waits for `load` itself,
      // up to LOAD_WAIT_MS from the page's start).
      const timer = injector.setTimer(() => {
        waiting.delete(tabId);
        void injector.urlOf(tabId).then((url) => (contentScriptRunsOn(url) ? inject(tabId) : undefined));
      }, LOAD_WAIT_MS);
      waiting.set(tabId, timer);
    },
    onRemoved(tabId: number): void {
      cancel(tabId);
    },
    /**
     * After the extension is installed or updated, the Urssaf tabs already open get the content script
     * at once, not at their next load: the online space changes pages in place, and an accountant may
     * keep a tab for hours. After an update, the previous script of such a tab is cut off from the
     * extension, and the new one takes its place (src/content/takeover.ts). A tab still loading gets
     * it at its « complete », as any other.
     */
    onInstalled(reason: string, openTabs: readonly OpenTab[]): void {
      if (reason !== "install" && reason !== "update") return;
      for (const tab of openTabs)
        if (tab.id !== undefined && tab.status === "complete" && contentScriptRunsOn(tab.url))
          void inject(tab.id);
    },
  };
}
