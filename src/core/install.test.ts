// The welcome's state through an install, updates and the options page's messages, on a real store
// over an in-memory storage area.
import { describe, expect, it } from "vitest";
import { memoryArea } from "../../test/support/memory-area.ts";
import { createWelcome } from "./install.ts";
import { MIGRATIONS } from "./storage/schema.ts";
import { createStore } from "./storage/store.ts";
import { stepStates } from "./welcome.ts";

function setup() {
  const mem = memoryArea();
  const store = createStore(mem.area, MIGRATIONS, () => new Date("2026-12-01T09:00:00Z"));
  const opened: string[] = [];
  const welcome = createWelcome(store, async (tab) => void opened.push(tab), "0.2.0");
  const sender = {};
  const get = () => welcome.handlers["welcome/get"]({ type: "welcome/get" }, sender);
  return { welcome, opened, get, sender };
}

describe("first install and updates", () => {
  it("opens the welcome on a first install, with no note", async () => {
    const { welcome, opened, get } = setup();
    await welcome.onInstalled({ reason: "install", temporary: false });
    expect(opened).toEqual(["bienvenue"]);
    expect(await get()).toEqual({ skipped: [], news: null });
  });

  it("keeps a « Nouveautés » note for an update, without opening anything, until it is seen once", async () => {
    const { welcome, opened, get, sender } = setup();
    await welcome.onInstalled({ reason: "update", previousVersion: "0.1.0", temporary: false });
    expect(opened).toEqual([]);
    expect((await get()).news).toEqual({ from: "0.1.0", to: "0.2.0" });
    await welcome.handlers["welcome/news-seen"]({ type: "welcome/news-seen" }, sender);
    expect((await get()).news).toBe(null);
  });

  it("says nothing new for a browser update or a reload of the same version", async () => {
    const { welcome, opened, get } = setup();
    await welcome.onInstalled({ reason: "browser_update", temporary: false });
    await welcome.onInstalled({ reason: "update", previousVersion: "0.2.0", temporary: false });
    expect(opened).toEqual([]);
    expect(await get()).toEqual({ skipped: [], news: null });
  });

  it("remembers skipped steps, and takes a step back", async () => {
    const { welcome, get, sender } = setup();
    const skip = (step: "siret" | "clients" | "urssaf", skipped: boolean) =>
      welcome.handlers["welcome/skip"]({ type: "welcome/skip", step, skipped }, sender);
    await skip("siret", true);
    await skip("urssaf", true);
    await skip("siret", true);
    expect((await get()).skipped).toEqual(["urssaf", "siret"]);
    await skip("urssaf", false);
    expect((await get()).skipped).toEqual(["siret"]);
  });
});

describe("stepStates", () => {
  it("is done when the data says so, skipped or to do otherwise", () => {
    expect(stepStates({ siretActif: null, clients: 0, urssafSeen: false }, [])).toEqual({
      siret: "todo",
      clients: "todo",
      urssaf: "todo",
    });
    expect(
      stepStates({ siretActif: "73282932000074", clients: 0, urssafSeen: true }, ["siret", "clients"]),
    ).toEqual({ siret: "done", clients: "skipped", urssaf: "done" });
    expect(stepStates({ siretActif: null, clients: 5, urssafSeen: false }, ["clients"])).toEqual({
      siret: "todo",
      clients: "done",
      urssaf: "todo",
    });
  });
});
