// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DialogBridge } from "../content/bridge-client.ts";
import type { DetectedPage } from "../pages/index.ts";
import { createFeatureRunner, type Feature, shadowOf } from "./features.ts";

const notUnderstood = {
  understood: false,
  kind: "tableau-de-bord",
  missing: ["incidents à traiter"],
} as DetectedPage;
const bridge = {} as DialogBridge;
const detect = () => null;
const state = { settled: true, detectMs: 0 };
const runner = (features: Feature[], signal = new AbortController().signal) =>
  createFeatureRunner(features, { doc: document, bridge, signal, detect });
const hosts = (id: string) => document.querySelectorAll(`[data-tiers-feature="${id}"]`);

afterEach(() => {
  document.body.replaceChildren();
});

describe("the feature runner", () => {
  it("mounts every host bare, with a closed root reachable through shadowOf only", async () => {
    const anchor = document.createElement("p");
    document.body.append(anchor);
    const features: Feature[] = [
      {
        id: "page-level",
        runsOn: () => true,
        run: (ctx) => {
          ctx.mount().append("registre");
        },
      },
      {
        id: "per-item",
        runsOn: () => true,
        run: (ctx) => {
          ctx.item(anchor, { after: anchor }, (root) => root.append("client"));
        },
      },
    ];
    await runner(features).update(notUnderstood, state);
    for (const id of ["page-level", "per-item"]) {
      const [host] = hosts(id);
      expect(host?.shadowRoot, id).toBeNull();
      expect(host?.getAttributeNames()).toEqual(["data-tiers-feature"]);
      expect(host?.textContent).toBe("");
      expect(shadowOf(host as Element)?.mode).toBe("closed");
    }
    expect(shadowOf(hosts("page-level")[0] as Element)?.textContent).toBe("registre");
    expect(shadowOf(hosts("per-item")[0] as Element)?.textContent).toBe("client");
  });

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
    expect(await runner(features).update(notUnderstood, state)).toEqual([
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
    const outcomes = await runner(features).update(notUnderstood, state);
    expect(outcomes.map((o) => o.status)).toEqual(["skipped", "ran", "failed"]);
  });

  it("prepares once, before the first feature runs on a recognised page, and never on an unknown page", async () => {
    const order: string[] = [];
    let release = () => {};
    const prepare = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          release = () => {
            order.push("prepared");
            resolve();
          };
        }),
    );
    const features: Feature[] = [{ id: "partout", runsOn: () => true, run: () => void order.push("run") }];
    const r = createFeatureRunner(features, {
      doc: document,
      bridge,
      signal: new AbortController().signal,
      detect,
      prepare,
    });
    await r.update(null, state);
    expect([prepare.mock.calls.length, order]).toEqual([0, ["run"]]);
    const first = r.update(notUnderstood, state);
    const second = r.update(notUnderstood, state);
    await Promise.resolve();
    expect(order).toEqual(["run"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["run", "prepared", "run", "run"]);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("keeps one signal per feature while it applies, aborted with the page's or when it stops applying", async () => {
    const page$ = new AbortController();
    const signals: AbortSignal[] = [];
    const feature = (id: string, kind: string): Feature => ({
      id,
      runsOn: (p) => p?.kind === kind,
      run: ({ signal }) => void signals.push(signal),
    });
    const r = runner([feature("a", "tableau-de-bord"), feature("b", "tableau-de-bord")], page$.signal);
    await r.update(notUnderstood, state);
    await r.update(notUnderstood, state);
    expect(signals).toHaveLength(4);
    expect(signals[0]).toBe(signals[2]);
    expect(signals[0]).not.toBe(signals[1]);
    await r.update({ ...notUnderstood, kind: "suivi-dsn" } as DetectedPage, state);
    expect(signals.every((s) => s.aborted)).toBe(true);
    await r.update(notUnderstood, state);
    expect(signals[4]?.aborted).toBe(false);
    page$.abort();
    expect(signals[4]?.aborted).toBe(true);
  });

  it("mounts one host per item, idempotently, and removes it when its anchor leaves the page", async () => {
    document.body.innerHTML = "<ul><li id=a>A</li><li id=b>B</li></ul>";
    const built = vi.fn();
    const feature: Feature = {
      id: "par-ligne",
      runsOn: () => true,
      run: (ctx) => {
        for (const li of document.querySelectorAll("li"))
          ctx.item(li, { inside: li }, (root, signal) => {
            built(li.id);
            root.append(li.id);
            signal.addEventListener("abort", () => built(`fin ${li.id}`));
          });
      },
    };
    const r = runner([feature]);
    await r.update(notUnderstood, state);
    await r.update(notUnderstood, state);
    expect(hosts("par-ligne")).toHaveLength(2);
    expect(built.mock.calls.flat()).toEqual(["a", "b"]);

    // The page replaces row b and adds c: b's host goes, the new rows get one each.
    document.querySelector("#b")?.remove();
    document.querySelector("ul")?.insertAdjacentHTML("beforeend", "<li id=b>B</li><li id=c>C</li>");
    await r.update(notUnderstood, state);
    expect(built.mock.calls.flat()).toEqual(["a", "b", "fin b", "b", "c"]);
    expect(hosts("par-ligne")).toHaveLength(3);
    expect(r.hosts()).toBe(3);
    const a = document.querySelector("#a [data-tiers-feature]");
    expect(a && shadowOf(a)?.textContent).toBe("a");
  });

  it("builds an item again when the page removed its host but kept the anchor", async () => {
    document.body.innerHTML = "<p id=x>X</p>";
    const build = vi.fn();
    const feature: Feature = {
      id: "reconstruit",
      runsOn: () => true,
      run: (ctx) =>
        void ctx.item(
          document.querySelector("#x") as Element,
          { after: document.querySelector("#x") as Element },
          build,
        ),
    };
    const r = runner([feature]);
    await r.update(notUnderstood, state);
    hosts("reconstruit")[0]?.remove();
    await r.update(notUnderstood, state);
    expect(build).toHaveBeenCalledTimes(2);
    expect(hosts("reconstruit")).toHaveLength(1);
  });

  it("keeps one page-level host, and removes everything when the feature stops applying", async () => {
    document.body.innerHTML = "<p id=x>X</p>";
    const feature: Feature = {
      id: "repere",
      runsOn: (p) => p?.kind === "tableau-de-bord",
      run: (ctx) => {
        ctx.mount();
        ctx.item(document.querySelector("#x") as Element, {}, () => undefined);
      },
    };
    const r = runner([feature]);
    await r.update(notUnderstood, state);
    await r.update(notUnderstood, state);
    expect(hosts("repere")).toHaveLength(2);
    await r.update(null, state);
    expect(hosts("repere")).toHaveLength(0);
  });

  it("runs a feature once more, not once per change, when changes arrive while it works", async () => {
    let release: () => void = () => undefined;
    const runs: boolean[] = [];
    const feature: Feature = {
      id: "lente",
      runsOn: () => true,
      run: (ctx) => {
        runs.push(ctx.settled);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    };
    const r = runner([feature]);
    const first = r.update(notUnderstood, { settled: false, detectMs: 0 });
    void r.update(notUnderstood, { settled: false, detectMs: 0 });
    const last = r.update(notUnderstood, { settled: true, detectMs: 0 });
    release();
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    release();
    await Promise.all([first, last]);
    expect(runs).toEqual([false, true]);
  });
});
