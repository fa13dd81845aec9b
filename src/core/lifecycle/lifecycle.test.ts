// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Recognition, startLifecycle } from "./lifecycle.ts";
import { isOwnChange, RECORDS_INSPECTED, watchDom } from "./watch-dom.ts";

interface FakePage {
  understood: boolean;
  kind: string;
  rows: number;
}

/** A toy adapter: a page titled « Liste » is understood when it holds at least one row. */
function detect(doc: Document, url: Pick<URL, "pathname">): FakePage | null {
  const title = doc.querySelector("h1")?.textContent;
  if (title !== "Liste") return null;
  const rows = doc.querySelectorAll("li:not([data-tiers-feature] *)").length;
  return { understood: rows > 0, kind: url.pathname, rows };
}

const fast = { dom: { debounceMs: 20, maxWaitMs: 100 }, quietMs: 300, urlPollMs: 50 };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(options: Partial<Parameters<typeof startLifecycle<FakePage>>[0]> = {}) {
  const seen: Recognition<FakePage>[] = [];
  const stop = new AbortController();
  const lifecycle = startLifecycle<FakePage>({
    doc: document,
    win: window,
    detect,
    signal: stop.signal,
    onRecognition: (r) => seen.push(r),
    ...fast,
    ...options,
  });
  stopping.push(stop);
  return { seen, lifecycle, stop };
}

const stopping: AbortController[] = [];
afterEach(() => {
  for (const s of stopping.splice(0)) s.abort();
  document.body.replaceChildren();
  Reflect.deleteProperty(window, "navigation");
  history.replaceState(null, "", "/");
});

describe("the page lifecycle", () => {
  it("recognises a page whose content arrives after the start, without waiting for the quiet period", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul></ul>";
    const { seen } = start();
    expect(seen[0]).toMatchObject({ trigger: "start", settled: false, page: { understood: false } });
    // Like the dashboard's indicators, 0.4 s after load (here sooner).
    await wait(40);
    document.querySelector("ul")?.insertAdjacentHTML("beforeend", "<li>1</li><li>2</li>");
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ settled: true, page: { rows: 2 } }));
    expect(seen.at(-1)?.trigger).toBe("content");
  });

  it("says « non comprise » for good only after the quiet period, and each change restarts it", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul></ul><p>x</p>";
    const { seen } = start({ quietMs: 600 });
    await wait(100);
    const changedAt = performance.now();
    const before = seen.length;
    (document.querySelector("p") as HTMLElement).textContent = "y";
    await vi.waitFor(() => expect(seen.slice(before).some((r) => r.settled)).toBe(true), { timeout: 3_000 });
    const settledAt = performance.now();
    const after = seen.slice(before);
    expect(after.find((r) => r.settled)).toMatchObject({ trigger: "quiet", page: { understood: false } });
    expect(after.filter((r) => r.settled)).toHaveLength(1);
    // Not before the change plus the quiet period.
    expect(settledAt - changedAt).toBeGreaterThanOrEqual(600);
  });

  it("counts only what is left of the quiet period at the first reading, the whole of it afterwards", async () => {
    // The content script watched the page through the whole quiet period before the lifecycle started.
    document.body.innerHTML = "<h1>Liste</h1><ul></ul><p>x</p>";
    const { seen } = start({ quietMs: 600, firstQuietMs: 0 });
    expect(seen[0]).toMatchObject({ trigger: "start", settled: false });
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ trigger: "quiet", settled: true }), {
      timeout: 200,
    });
    // A change afterwards waits the full period again.
    const before = seen.length;
    const changedAt = performance.now();
    (document.querySelector("p") as HTMLElement).textContent = "y";
    await vi.waitFor(() => expect(seen.slice(before).some((r) => r.settled)).toBe(true), { timeout: 3_000 });
    expect(performance.now() - changedAt).toBeGreaterThanOrEqual(600);
  });

  it("follows a same-document navigation announced by the Navigation API", async () => {
    const navigation = new EventTarget();
    Object.assign(window, { navigation });
    document.body.innerHTML = "<h1>Liste</h1><ul><li>1</li></ul>";
    const { seen } = start();
    history.pushState(null, "", "/page-2");
    navigation.dispatchEvent(new Event("currententrychange"));
    expect(seen.at(-1)).toMatchObject({ trigger: "navigation", page: { kind: "/page-2" } });
  });

  it("follows a pushState without the Navigation API (Firefox): by the URL poll", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul><li>1</li></ul>";
    const { seen } = start();
    history.pushState(null, "", "/page-3");
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ trigger: "navigation", page: { kind: "/page-3" } }),
    );
    expect(seen.filter((r) => r.trigger === "navigation")).toHaveLength(1);
  });

  it("follows Back and Forward (popstate)", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul><li>1</li></ul>";
    const { seen } = start({ urlPollMs: 60_000 });
    history.replaceState(null, "", "/page-4");
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(seen.at(-1)).toMatchObject({ trigger: "navigation", page: { kind: "/page-4" } });
  });

  it("ignores the changes of our own hosts", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul><li>1</li></ul>";
    const { seen } = start();
    const host = document.createElement("div");
    host.dataset.tiersFeature = "x";
    document.body.append(host);
    host.append(document.createElement("span"));
    host.remove();
    await wait(150);
    expect(seen).toHaveLength(1);
  });

  it("reads the page once per burst, however many mutations the burst holds", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul></ul>";
    const detectSpy = vi.fn(detect);
    const { seen } = start({ detect: detectSpy });
    const ul = document.querySelector("ul") as HTMLElement;
    for (let i = 0; i < 2_000; i++) ul.append(document.createElement("li"));
    await vi.waitFor(() => expect(seen.at(-1)?.page?.rows).toBe(2_000));
    await wait(100);
    expect(detectSpy).toHaveBeenCalledTimes(2);
  });

  it("still reads a page that never stops changing, at the latest every maxWaitMs", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul></ul>";
    const { seen } = start();
    const ul = document.querySelector("ul") as HTMLElement;
    const ticker = setInterval(() => ul.append(document.createElement("li")), 5);
    await wait(450);
    clearInterval(ticker);
    const during = seen.filter((r) => r.trigger === "content").length;
    // Changes every 5 ms never leave 20 ms of quiet: only the max wait (100 ms) reads the page.
    expect(during).toBeGreaterThanOrEqual(2);
    expect(during).toBeLessThanOrEqual(6);
  });

  it("reads the page again on demand, when what reads it changed though the page did not", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul><li>1</li></ul>";
    let ready = false;
    const { seen, lifecycle } = start({ detect: (doc, url) => (ready ? detect(doc, url) : null) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ trigger: "start", page: null, settled: false });
    ready = true;
    lifecycle.reread();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ trigger: "content", settled: true, page: { rows: 1 } });
    // The quiet period of the first reading was cancelled: no « non comprise » comes after.
    await wait(400);
    expect(seen).toHaveLength(2);
  });

  it("stops everything when the page is left", async () => {
    document.body.innerHTML = "<h1>Liste</h1><ul></ul>";
    const { seen, stop } = start();
    stop.abort();
    document.querySelector("ul")?.append(document.createElement("li"));
    history.pushState(null, "", "/ailleurs");
    await wait(400);
    expect(seen).toHaveLength(1);
  });
});

/** Appends `count` hosts of our own, in one task (one observer callback). */
function appendOwnHosts(parent: Element, count: number): void {
  for (let i = 0; i < count; i++) {
    const host = document.createElement("span");
    host.dataset.tiersFeature = "x";
    parent.append(host);
  }
}

describe("the DOM watch", () => {
  it("does not read the page again for our own hosts, however many, at one check a record", async () => {
    document.body.innerHTML = "<div></div>";
    const closest = vi.spyOn(Element.prototype, "closest");
    let bursts = 0;
    const watch = watchDom(document, () => bursts++, { debounceMs: 10, maxWaitMs: 50 });
    const div = document.querySelector("div") as HTMLElement;
    // A feature mounting one host per item of a long list (50 anomalies in the bench's Suivi DSN).
    appendOwnHosts(div, 1_000);
    await wait(60);
    watch.stop();
    expect(bursts).toBe(0);
    expect(closest.mock.calls.length).toBeLessThanOrEqual(1_000);
    closest.mockRestore();
  });

  it("stops at the page's first record: a rebuilt list of 1,000 rows costs one check", async () => {
    document.body.innerHTML = "<ul></ul>";
    const ul = document.querySelector("ul") as HTMLElement;
    let bursts = 0;
    const watch = watchDom(document, () => bursts++, { debounceMs: 10, maxWaitMs: 50 });
    const closest = vi.spyOn(Element.prototype, "closest");
    for (let i = 0; i < 1_000; i++) ul.append(document.createElement("li"));
    await wait(60);
    watch.stop();
    expect(bursts).toBe(1);
    expect(closest.mock.calls.length).toBeLessThanOrEqual(2);
    closest.mockRestore();
  });

  it("a page changing in 50 tasks costs a few callbacks and one reading, after its last change", async () => {
    document.body.innerHTML = "<ul></ul>";
    const ul = document.querySelector("ul") as HTMLElement;
    const readAt: number[] = [];
    const watch = watchDom(document, () => readAt.push(ul.children.length), {
      debounceMs: 20,
      maxWaitMs: 1_000,
    });
    for (let task = 0; task < 50; task++) {
      for (let i = 0; i < 20; i++) ul.append(document.createElement("li"));
      await wait(2);
    }
    await wait(80);
    watch.stop();
    // Read once, with every row there: the changes made while the observer was away are not lost.
    expect(readAt).toEqual([1_000]);
    // One callback per listening window at most (the tasks take about 100 ms; a window is 20 ms).
    expect(watch.spent().callbacks).toBeLessThanOrEqual(12);
  });

  it("takes a burst longer than it inspects as the page's", async () => {
    document.body.innerHTML = "<div></div>";
    const div = document.querySelector("div") as HTMLElement;
    let bursts = 0;
    const watch = watchDom(document, () => bursts++, { debounceMs: 10, maxWaitMs: 50 });
    appendOwnHosts(div, RECORDS_INSPECTED + 1);
    await wait(60);
    watch.stop();
    expect(bursts).toBe(1);
  });

  it("tells our own changes from the page's", () => {
    document.body.innerHTML = "<div data-tiers-feature='x'><b>ours</b></div><p>theirs</p>";
    const host = document.querySelector("[data-tiers-feature]") as Element;
    const ours = {
      type: "characterData",
      target: host.querySelector("b")?.firstChild,
    } as unknown as MutationRecord;
    const theirs = {
      type: "characterData",
      target: document.querySelector("p")?.firstChild,
    } as unknown as MutationRecord;
    expect(isOwnChange(ours)).toBe(true);
    expect(isOwnChange(theirs)).toBe(false);
  });
});
