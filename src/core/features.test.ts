import { describe, expect, it, vi } from "vitest";
import type { DialogBridge } from "../content/bridge-client.ts";
import type { DetectedPage } from "../pages/index.ts";
import { type Feature, runFeatures } from "./features.ts";

const page = { understood: false, kind: "tableau-de-bord", missing: ["incidents à traiter"] } as DetectedPage;
const bridge = {} as DialogBridge;
const deps = (signal = new AbortController().signal) => ({ doc: {} as Document, bridge, signal });

describe("runFeatures", () => {
  it("isolates a failing feature from the others", async () => {
    const ran = vi.fn();
    const features: Feature[] = [
      { id: "casse", runsOn: () => true, run: () => Promise.reject(new Error("boum")) },
      {
        id: "jette",
        runsOn: () => true,
        run: () => {
          throw new TypeError("x is undefined");
        },
      },
      { id: "marche", runsOn: () => true, run: ran },
    ];
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await runFeatures(features, page, deps())).toEqual([
      { id: "casse", status: "failed", error: "boum" },
      { id: "jette", status: "failed", error: "x is undefined" },
      { id: "marche", status: "ran" },
    ]);
    expect(ran).toHaveBeenCalledOnce();
  });

  it("runs a feature only on the pages it declares, and a failing predicate is contained", async () => {
    const features: Feature[] = [
      { id: "dsn", runsOn: (p) => p?.kind === "suivi-dsn", run: vi.fn() },
      { id: "illisible", runsOn: (p) => p !== null && !p.understood, run: vi.fn() },
      {
        id: "predicat",
        runsOn: () => {
          throw new Error("prédicat");
        },
        run: vi.fn(),
      },
    ];
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const outcomes = await runFeatures(features, page, deps());
    expect(outcomes.map((o) => o.status)).toEqual(["skipped", "ran", "failed"]);
  });

  it("gives each run its own signal, aborted with the page's", async () => {
    const page$ = new AbortController();
    const signals: AbortSignal[] = [];
    const feature = (id: string): Feature => ({
      id,
      runsOn: () => true,
      run: ({ signal }) => void signals.push(signal),
    });
    await runFeatures([feature("a"), feature("b")], page, deps(page$.signal));
    expect(signals).toHaveLength(2);
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals.some((s) => s.aborted)).toBe(false);
    page$.abort();
    expect(signals.every((s) => s.aborted)).toBe(true);
  });
});
