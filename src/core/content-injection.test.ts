import { describe, expect, it, vi } from "vitest";
import { createContentInjection, type Injector, LOAD_WAIT_MS } from "./content-injection.ts";

const MON = "https://mon.urssaf.fr/documents";
const PUBLIC = "https://www.urssaf.fr/";

function fakeInjector(url: string | undefined = MON) {
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const injected: number[] = [];
  const injector: Injector = {
    inject: async (tabId) => {
      injected.push(tabId);
    },
    urlOf: async () => url,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  };
  return { injector, timers, injected };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("createContentInjection", () => {
  it("injects once the page is complete, on the Urssaf addresses only", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { status: "complete" }, { url: MON });
    injection.onUpdated(2, { status: "complete" }, { url: PUBLIC });
    injection.onUpdated(3, { status: "complete" }, { url: "https://www.example.test/connexion" });
    await settle();
    expect(f.injected).toEqual([1]);
  });

  it("injects at each completed load without asking the page first (the script runs once per document)", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { status: "complete" }, { url: MON });
    await settle();
    // A frame's load brings the tab back to « complete »: the same document gets the script again and
    // the script stops there (INJECTED_FLAG, test/e2e/lifecycle.e2e.ts).
    injection.onUpdated(1, { status: "loading" }, { url: MON });
    injection.onUpdated(1, { status: "complete" }, { url: MON });
    await settle();
    expect(f.injected).toEqual([1, 1]);
    expect(f.timers.filter((t) => !t.cleared)).toEqual([]);
  });

  it("ignores updates that are not a load (title, favicon, a same-document address)", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { url: `${MON}?page=2` }, { url: `${MON}?page=2` });
    injection.onUpdated(1, {}, { url: MON });
    await settle();
    expect(f.injected).toEqual([]);
    expect(f.timers).toEqual([]);
  });

  it("injects 3 s after the start of a page whose load does not come", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { status: "loading" }, { url: MON });
    expect(f.timers.map((t) => t.ms)).toEqual([3_000]);
    expect(LOAD_WAIT_MS).toBe(3_000);
    f.timers[0]?.run();
    await settle();
    expect(f.injected).toEqual([1]);
  });

  it("cancels that wait when the load comes, the tab leaves for another page or closes", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { status: "loading" }, { url: MON });
    injection.onUpdated(1, { status: "complete" }, { url: MON });
    injection.onUpdated(2, { status: "loading" }, { url: MON });
    injection.onUpdated(2, { status: "loading" }, { url: PUBLIC });
    injection.onUpdated(3, { status: "loading" }, { url: MON });
    injection.onRemoved(3);
    await settle();
    expect(f.timers.map((t) => t.cleared)).toEqual([true, true, true]);
    expect(f.injected).toEqual([1]);
  });

  it("checks the address again when the wait ends: the tab may have left the Urssaf pages", async () => {
    const f = fakeInjector(PUBLIC);
    const injection = createContentInjection(f.injector);
    injection.onUpdated(1, { status: "loading" }, { url: MON });
    f.timers[0]?.run();
    await settle();
    expect(f.injected).toEqual([]);
  });

  it("says nothing to the page when the injection fails (tab closed, error page)", async () => {
    const f = fakeInjector();
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const injection = createContentInjection({
      ...f.injector,
      inject: async () => {
        throw new Error("No tab with id: 1");
      },
    });
    injection.onUpdated(1, { status: "complete" }, { url: MON });
    await settle();
    expect(debug).toHaveBeenCalledTimes(1);
    debug.mockRestore();
  });

  it("gives the open Urssaf tabs the script after an install or an update, once they are complete", async () => {
    for (const reason of ["install", "update"]) {
      const f = fakeInjector();
      createContentInjection(f.injector).onInstalled(reason, [
        { id: 1, url: MON, status: "complete" },
        { id: 2, url: "https://tdbec.urssaf.fr/accueil", status: "complete" },
        // Still loading: its « complete » brings the script (onUpdated).
        { id: 3, url: MON, status: "loading" },
        // The public site, but for its login page; another site; a tab without an id (devtools).
        { id: 4, url: PUBLIC, status: "complete" },
        { id: 5, url: "https://www.urssaf.fr/accueil/se-connecter.html", status: "complete" },
        { id: 6, url: "https://www.example.test/", status: "complete" },
        { url: MON, status: "complete" },
      ]);
      await settle();
      expect(f.injected).toEqual([1, 2, 5]);
    }
  });

  it("gives them nothing when the browser, not the extension, was updated", async () => {
    const f = fakeInjector();
    const injection = createContentInjection(f.injector);
    injection.onInstalled("browser_update", [{ id: 1, url: MON, status: "complete" }]);
    injection.onInstalled("chrome_update", [{ id: 1, url: MON, status: "complete" }]);
    await settle();
    expect(f.injected).toEqual([]);
  });
});
