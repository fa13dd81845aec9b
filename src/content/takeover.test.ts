// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { askedWhileThere, endWhenReplaced, replacePrevious, STARTED_EVENT } from "./takeover.ts";

/** A script's host as mountHost makes it, removed when its lifetime ends (as the features runner does). */
function mount(id: string, lifetime: AbortController): HTMLElement {
  const host = document.createElement("div");
  host.dataset.tiersFeature = id;
  document.body.append(host);
  lifetime.signal.addEventListener("abort", () => host.remove());
  return host;
}

const hosts = () => document.querySelectorAll("[data-tiers-feature]").length;

afterEach(() => document.body.replaceChildren());

describe("a content script replacing the previous one of its page", () => {
  it("takes down the previous script whose extension is gone, and its UI", () => {
    const old = new AbortController();
    endWhenReplaced(document, () => true, old);
    mount("extension-status", old);
    mount("one-click-resign", old);
    document.body.append(document.createElement("p"));
    replacePrevious(document);
    expect(old.signal.aborted).toBe(true);
    expect(hosts()).toBe(0);
    // The page's own content stays.
    expect(document.body.children.length).toBe(1);
  });

  it("removes the hosts a script unloaded by the browser left behind (nobody there to answer)", () => {
    const leftover = document.createElement("div");
    leftover.dataset.tiersFeature = "anomaly-panel";
    const row = document.createElement("td");
    row.append(leftover);
    document.body.append(row);
    replacePrevious(document);
    expect(hosts()).toBe(0);
    expect(row.isConnected).toBe(true);
  });

  it("leaves a script whose extension is there alone, whoever sends the event", () => {
    const live = new AbortController();
    endWhenReplaced(document, () => false, live);
    document.dispatchEvent(new Event(STARTED_EVENT));
    expect(live.signal.aborted).toBe(false);
  });

  it("does not hear the event any more once its lifetime ended (the page was left)", () => {
    const ended = new AbortController();
    let asked = 0;
    endWhenReplaced(
      document,
      () => {
        asked++;
        return true;
      },
      ended,
    );
    ended.abort();
    mount("extension-status", new AbortController());
    replacePrevious(document);
    expect(asked).toBe(0);
    expect(hosts()).toBe(0);
  });

  it("sends nothing on a page without our hosts: the page learns nothing it could not see", () => {
    let heard = 0;
    document.addEventListener(STARTED_EVENT, () => heard++);
    document.body.append(document.createElement("p"));
    replacePrevious(document);
    expect(heard).toBe(0);
    mount("extension-status", new AbortController());
    replacePrevious(document);
    expect(heard).toBe(1);
  });
});

describe("the sentinel's questions, asked while the extension is there", () => {
  function questions(claims: boolean, gone: boolean) {
    const lifetime = new AbortController();
    const calls = { gone: 0, job: 0 };
    const asked = askedWhileThere(
      {
        mayClaim: () => claims,
        jobUnderWay: async () => {
          calls.job++;
          return true;
        },
      },
      () => {
        calls.gone++;
        return gone;
      },
      lifetime,
    );
    return { asked, calls, lifetime };
  }

  it("does not ask about the extension on a page no adapter claims", () => {
    const { asked, calls, lifetime } = questions(false, true);
    expect(asked.mayClaim()).toBe(false);
    expect(asked.mayClaim()).toBe(false);
    expect(calls.gone).toBe(0);
    expect(lifetime.signal.aborted).toBe(false);
  });

  it("lets a live script hand over a page that may be ours", () => {
    const { asked, calls, lifetime } = questions(true, false);
    expect(asked.mayClaim()).toBe(true);
    expect(calls.gone).toBe(1);
    expect(lifetime.signal.aborted).toBe(false);
  });

  it("stops a cut-off script instead of handing the page over", () => {
    const { asked, lifetime } = questions(true, true);
    expect(asked.mayClaim()).toBe(false);
    expect(lifetime.signal.aborted).toBe(true);
  });

  it("asks the worker about a job only while the extension is there", async () => {
    const live = questions(false, false);
    expect(await live.asked.jobUnderWay()).toBe(true);
    expect(live.calls.job).toBe(1);
    const cut = questions(false, true);
    expect(await cut.asked.jobUnderWay()).toBe(false);
    expect(cut.calls.job).toBe(0);
    expect(cut.lifetime.signal.aborted).toBe(true);
  });
});
