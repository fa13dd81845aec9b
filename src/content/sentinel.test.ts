// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { type SentinelOptions, startSentinel } from "./sentinel.ts";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A toy claim: the page may be ours once it holds the word « anomalies ». */
const claimed = () => /anomalies/i.test(document.body.textContent ?? "");

function start(options: Partial<SentinelOptions> = {}) {
  const handOver = vi.fn(async (_settled: boolean) => undefined);
  const mayClaim = vi.fn(claimed);
  const onWatch = vi.fn();
  const sentinel = startSentinel({
    doc: document,
    win: window,
    mayClaim,
    handOver,
    jobUnderWay: async () => false,
    quietMs: 300,
    debounceMs: 20,
    attributeFilter: ["value"],
    urlPollMs: 60_000,
    onWatch,
    ...options,
  });
  return { sentinel, handOver, mayClaim, onWatch };
}

afterEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
});

describe("the content script's sentinel", () => {
  it("hands a page that may be ours over at once, and does not watch it", () => {
    document.body.innerHTML = "<h1>Connaissance des anomalies</h1>";
    const { handOver, onWatch } = start();
    expect(handOver.mock.calls).toEqual([[false]]);
    expect(onWatch).not.toHaveBeenCalled();
  });

  it("watches a plain page, and hands it over once content that may be ours arrives", async () => {
    document.body.innerHTML = "<h1>Mes documents</h1>";
    const { handOver, onWatch, sentinel } = start();
    expect(handOver).not.toHaveBeenCalled();
    expect(onWatch).toHaveBeenCalledTimes(1);
    await wait(30);
    document.body.insertAdjacentHTML("beforeend", "<h2>Anomalies de la période</h2>");
    await vi.waitFor(() => expect(handOver.mock.calls).toEqual([[false]]));
    expect(sentinel.handedOver).toBe(true);
    // Nothing is watched any more: later changes hand nothing over again.
    document.body.insertAdjacentHTML("beforeend", "<p>anomalies encore</p>");
    await wait(60);
    expect(handOver).toHaveBeenCalledTimes(1);
  });

  it("tests the page once per burst, not once per mutation", async () => {
    document.body.innerHTML = "<div></div>";
    const { mayClaim, handOver } = start({ debounceMs: 40 });
    expect(mayClaim).toHaveBeenCalledTimes(1);
    const box = document.querySelector("div") as HTMLElement;
    // 1,000 mutations in 50 tasks, over about as long as the debounce.
    for (let task = 0; task < 50; task++) {
      for (let i = 0; i < 20; i++) box.append(document.createElement("p"));
      await wait(0);
    }
    await wait(150);
    expect(handOver).not.toHaveBeenCalled();
    // The start, then one test per window of 40 ms in which the page changed: a few, not 1,000.
    expect(mayClaim.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(mayClaim.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it("settles a plain page after the quiet period, and hands it over then only while a job runs", async () => {
    document.body.innerHTML = "<h1>Mes documents</h1>";
    const idle = start();
    const busy = start({ jobUnderWay: async () => true });
    expect(idle.sentinel.settled).toBe(false);
    await vi.waitFor(() => expect(busy.handOver.mock.calls).toEqual([[true]]), { timeout: 1_000 });
    expect(idle.sentinel.settled).toBe(true);
    expect(idle.handOver).not.toHaveBeenCalled();
  });

  it("restarts the quiet period on every change", async () => {
    document.body.innerHTML = "<p>x</p>";
    const { sentinel } = start({ quietMs: 200 });
    const p = document.querySelector("p") as HTMLElement;
    for (let i = 0; i < 4; i++) {
      await wait(100);
      p.textContent = `x${i}`;
    }
    // 400 ms in, but never 200 ms without a change.
    expect(sentinel.settled).toBe(false);
    await vi.waitFor(() => expect(sentinel.settled).toBe(true), { timeout: 1_000 });
  });

  it("follows a same-document navigation (Back/Forward)", async () => {
    document.body.innerHTML = "<h1>Mes documents</h1>";
    const { handOver, mayClaim } = start();
    history.replaceState(null, "", "/suivi-dsn");
    // The URL changed with no DOM change: the page is tested again on the event.
    mayClaim.mockReturnValue(true);
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(handOver.mock.calls).toEqual([[false]]);
  });

  it("watches again after a failed hand-over, and tries again on the next change", async () => {
    document.body.innerHTML = "<h1>Connaissance des anomalies</h1>";
    const handOver = vi
      .fn(async (_settled: boolean) => undefined)
      .mockRejectedValueOnce(new Error("le service n'a pas répondu"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { onWatch, sentinel } = start({ handOver });
    await vi.waitFor(() => expect(onWatch).toHaveBeenCalledTimes(1));
    expect(sentinel.handedOver).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    document.body.insertAdjacentHTML("beforeend", "<p>anomalies</p>");
    await vi.waitFor(() => expect(handOver).toHaveBeenCalledTimes(2));
    expect(sentinel.handedOver).toBe(true);
    warn.mockRestore();
  });

  it("stops for good once its signal is aborted: no hand-over, no quiet period, nothing watched", async () => {
    document.body.innerHTML = "<h1>Mes documents</h1>";
    const lifetime = new AbortController();
    const { handOver, mayClaim } = start({ signal: lifetime.signal, jobUnderWay: async () => true });
    await wait(30);
    // A burst is under way (its test is pending) when the script is replaced.
    document.body.insertAdjacentHTML("beforeend", "<p>autre chose</p>");
    await wait(0);
    lifetime.abort();
    const tests = mayClaim.mock.calls.length;
    document.body.insertAdjacentHTML("beforeend", "<h2>Anomalies de la période</h2>");
    history.pushState(null, "", "/suivi-dsn");
    await wait(400);
    expect(handOver).not.toHaveBeenCalled();
    expect(mayClaim).toHaveBeenCalledTimes(tests);
  });
});
