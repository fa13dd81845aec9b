import { afterEach, describe, expect, it, vi } from "vitest";
import { siren } from "../../test/support/ids.ts";
import { memoryArea } from "../../test/support/memory-area.ts";
import { JOB_KEY, jobItemKey, MIGRATIONS } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { createClient } from "../register/model/register.ts";
import { createRegisterStore } from "../register/store.ts";
import { createJobRunner, type TabsApi } from "./job-runner.ts";
import type { Observation } from "./model/jobs.ts";

const now = () => new Date("2026-11-25T10:00:00Z");
let n = 0;
const newId = () => `id-${++n}`;
const tab = { id: 7, url: "https://mon.urssaf.fr/mon-profil/parametres/etablissements" };
const sender = { tab: tab as never, url: tab.url };
const tabs = { exists: async () => true, poke: async () => undefined, navigate: async () => undefined };
const S = Array.from({ length: 6 }, (_, i) => siren(`7310045${i}`));

/** A "worker": store, register and runner over one storage area (a new one = a restarted worker). */
function worker(area: ReturnType<typeof memoryArea>["area"]) {
  const store = createStore(area, MIGRATIONS, now);
  const register = createRegisterStore(store, now, newId);
  return { store, register, runner: createJobRunner(store, register, tabs, now, newId) };
}

const list = (rows: Observation extends infer O ? (O extends { rows: infer R } ? R : never) : never = []) =>
  ({
    page: "etablissements",
    url: tab.url,
    rows,
    searchSiret: "",
    searchCompte: "",
    message: null,
    notice: null,
    hasNext: false,
  }) as Observation;

async function withClients(count: number) {
  const mem = memoryArea();
  const w = worker(mem.area);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = createClient(
      {
        kind: "employeur",
        siren: S[i],
        raisonSociale: `Client ${i}`,
        numeroCompte: `11700000000000${i}`.slice(0, 18),
        montantDerniereDeclaration: 100 + i,
      },
      now(),
    );
    await w.register.importClients([c]);
    ids.push(c.id);
  }
  return { mem, w, ids };
}

describe("the job's storage: a header and one key per item", () => {
  it("stores the items apart and a step rewrites only the header and the item it changed", async () => {
    const { mem, w, ids } = await withClients(5);
    await w.runner.create("add", ids, [], 0, sender);
    expect(mem.data.get(JOB_KEY)).toMatchObject({ items: [], itemCount: 5 });
    for (let i = 0; i < 5; i++) expect(mem.data.get(jobItemKey(i))).toMatchObject({ action: "add" });

    const before = structuredClone(Object.fromEntries(mem.data));
    const writes = mem.writes();
    const reply = await w.runner.report(list(), sender);
    expect(reply.command).not.toBeNull();
    expect(mem.writes()).toBe(writes + 1);
    const changed = [...mem.data.keys()].filter(
      (k) => JSON.stringify(mem.data.get(k)) !== JSON.stringify(before[k]),
    );
    expect(changed.filter((k) => k.startsWith("job-item/"))).toEqual([jobItemKey(0)]);
    expect(changed).toContain(JOB_KEY);
  });

  it("answers the page with the job's brief, not its items", async () => {
    const { w, ids } = await withClients(3);
    await w.runner.create("add", ids, [], 0, sender);
    const reply = await w.runner.report(list(), sender);
    expect(reply.view?.job).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      status: "running",
      reason: null,
      action: "add",
    });
    expect(reply.view?.progress.total).toBe(3);
  });

  it("a restarted worker reads the same job back, items included", async () => {
    const { mem, w, ids } = await withClients(4);
    await w.runner.create("add", ids, [], 0, sender);
    await w.runner.report(list(), sender);
    const original = await w.runner.get(sender);
    const restarted = worker(mem.area);
    expect(await restarted.runner.get(sender)).toEqual(original);
  });

  it("reads a job stored whole (the layout before) and rewrites it whole at its next step", async () => {
    const { mem, w, ids } = await withClients(3);
    await w.runner.create("add", ids, [], 0, sender);
    const whole = (await w.runner.get(sender))?.job;
    // The old layout: the items inline, no item keys.
    mem.data.set(JOB_KEY, JSON.parse(JSON.stringify(whole)));
    for (let i = 0; i < 3; i++) mem.data.delete(jobItemKey(i));
    const restarted = worker(mem.area);
    expect((await restarted.runner.get(sender))?.job).toEqual(whole);
    await restarted.runner.report(list(), sender);
    expect(mem.data.get(JOB_KEY)).toMatchObject({ items: [], itemCount: 3 });
    for (let i = 0; i < 3; i++) expect(mem.data.has(jobItemKey(i))).toBe(true);
    expect((await worker(mem.area).runner.get(sender))?.job.items).toHaveLength(3);
  });

  it("a shorter new job removes the item keys of the longer one before it", async () => {
    const { mem, w, ids } = await withClients(5);
    await w.runner.create("add", ids, [], 0, sender);
    await w.runner.control("cancel", sender);
    await w.runner.create("add", ids.slice(0, 2), [], 0, sender);
    expect([...mem.data.keys()].filter((k) => k.startsWith("job-item/")).sort()).toEqual([
      jobItemKey(0),
      jobItemKey(1),
    ]);
  });

  it("refuses a job whose item keys are missing rather than run a part of it", async () => {
    const { mem, w, ids } = await withClients(3);
    await w.runner.create("add", ids, [], 0, sender);
    mem.data.delete(jobItemKey(1));
    await expect(worker(mem.area).runner.get(sender)).rejects.toThrow(/illisible/);
  });
});

describe("a step and the register changes it implies: one storage write", () => {
  /** The worker dies right after the storage write that carries the job's step: nothing after it lands. */
  function dyingAfterTheStep(mem: ReturnType<typeof memoryArea>) {
    const area = mem.area;
    let dead = false;
    const set = area.set.bind(area);
    return {
      ...area,
      get: area.get.bind(area),
      remove: async (keys: string | string[]) => {
        if (!dead) await area.remove(keys);
      },
      set: async (items: Record<string, unknown>) => {
        if (dead) throw new Error("Le service worker s'est arrêté.");
        await set(items);
        const job = items[JOB_KEY] as { current?: number } | undefined;
        if (job && job.current === 1) dead = true;
      },
    } as typeof area;
  }

  it("an account the site no longer lists marks the client resigned, even if the worker dies at once", async () => {
    const { mem, w, ids } = await withClients(2);
    const id = ids[0] as string;
    await w.runner.create("resign", [id], [], 0, sender);
    // The list, then the search for the client's SIREN: no such account any more (already resigned).
    const dying = worker(dyingAfterTheStep(mem));
    await dying.runner.report(list(), sender);
    await dying.runner
      .report(
        {
          ...list(),
          searchSiret: S[0] as string,
          notice: "Aucun résultat ne correspond à votre recherche.",
        } as Observation,
        sender,
      )
      .catch(() => undefined);
    // A new worker reads what was stored.
    const after = worker(mem.area);
    const job = (await after.runner.get(sender))?.job;
    expect(job?.items[0]?.outcome).toBe("already");
    const client = (await after.register.snapshot()).clients.find((c) => c.id === id);
    expect(client?.statut).toBe("resilie");
    expect(client?.historique.at(-1)?.statut).toBe("resilie");
  });

  it("a failed write stores neither the step nor the status", async () => {
    const { mem, w, ids } = await withClients(1);
    const id = ids[0] as string;
    await w.runner.create("resign", [id], [], 0, sender);
    await w.runner.report(list(), sender);
    const before = structuredClone(Object.fromEntries(mem.data));
    mem.failNextSet();
    await expect(
      w.runner.report({ ...list(), searchSiret: S[0] as string } as Observation, sender),
    ).rejects.toThrow(/quota/);
    expect(Object.fromEntries(mem.data)).toEqual(before);
  });
});

describe("the watchdog: a page that never reports", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function hung() {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let clock = Date.parse("2026-11-25T10:00:00Z");
    const clockNow = () => new Date(clock);
    const navigations: [number, string | null][] = [];
    const alarms: (number | null)[] = [];
    const api: TabsApi = {
      exists: async () => true,
      poke: async () => undefined,
      navigate: async (id, url) => {
        navigations.push([id, url]);
      },
    };
    const mem = memoryArea();
    const store = createStore(mem.area, MIGRATIONS, clockNow);
    const register = createRegisterStore(store, clockNow, newId);
    const runner = createJobRunner(store, register, api, clockNow, newId, {
      set: (when) => alarms.push(when),
      clear: () => alarms.push(null),
    });
    const c = createClient(
      {
        kind: "employeur",
        siren: S[0],
        raisonSociale: "Client 0",
        numeroCompte: "117000000000000001",
        montantDerniereDeclaration: 100,
      },
      clockNow(),
    );
    await register.importClients([c]);
    await runner.create("add", [c.id], [], 1_000, sender, 20_000);
    const reply = await runner.report(list(), sender);
    return {
      reply,
      runner,
      navigations,
      alarms,
      mem,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it("arms a deadline (pace + timeout) with an alarm for a stopped worker, and clears it when the page reports", async () => {
    const h = await hung();
    expect(h.reply.command).toMatchObject({ type: "search", delayMs: 1_000 });
    const deadline = Date.parse("2026-11-25T10:00:00Z") + 1_000 + 20_000;
    expect(h.mem.data.get(JOB_KEY)).toMatchObject({ watchdogAt: deadline });
    expect(h.alarms.at(-1)).toBe(deadline + 1_000);
    await h.runner.control("pause", sender);
    expect(h.alarms.at(-1)).toBeNull();
    expect(h.mem.data.get(JOB_KEY)).toMatchObject({ watchdogAt: null });
  });

  it("a read waiting for an in-place page to change keeps the deadline of its « Suivant »", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const mem = memoryArea();
    const w = worker(mem.area);
    await w.runner.create("read", [], [], 1_000, sender, 20_000);
    const page = (rows: ReturnType<typeof row>[], url: string) =>
      ({ ...list(rows), url, hasNext: true }) as Observation;
    const row = (i: number) => ({ regime: "Régime Général", siren: S[i] as string, numeroCompte: null });
    const first = await w.runner.report(page([row(0)], tab.url), sender);
    expect(first.command).toMatchObject({ type: "next-page" });
    const deadline = Date.parse("2026-11-25T10:00:00Z") + 1_000 + 20_000;
    expect(mem.data.get(JOB_KEY)).toMatchObject({ watchdogAt: deadline });
    // The pager pushed ?page=2, the rows of page 1 are still shown: no command, the deadline stays.
    const stale = await w.runner.report(page([row(0)], `${tab.url}?page=2`), sender);
    expect(stale.command).toBeNull();
    expect(stale.view?.job.status).toBe("running");
    expect(mem.data.get(JOB_KEY)).toMatchObject({ watchdogAt: deadline });
  });

  it("keeps the alarm already asked for while it rings before the new deadline, and asks again once it rang", async () => {
    const h = await hung();
    const first = h.alarms.length;
    const asked = h.alarms.at(-1);
    h.advance(3_000);
    const next = await h.runner.report(list(), sender);
    expect(next.command).not.toBeNull();
    // A page every few seconds: the alarm from the first page still rings before the new deadline.
    expect(h.alarms).toHaveLength(first);
    // It rings (the worker was not stopped): too early, the check arms again with a new alarm.
    h.advance(20_000);
    await h.runner.watchdog();
    expect(h.alarms.length).toBe(first + 1);
    expect(h.alarms.at(-1)).toBeGreaterThan(asked ?? 0);
    expect((await h.runner.get(sender))?.job.items[0]?.errors).toBe(0);
  });

  it("does nothing before the deadline", async () => {
    const h = await hung();
    h.advance(10_000);
    await h.runner.watchdog();
    expect(h.navigations).toEqual([]);
    expect((await h.runner.get(sender))?.job.items[0]?.errors).toBe(0);
  });

  it("after the deadline: counts the error, and loads the list in the tab itself after the back-off", async () => {
    const h = await hung();
    h.advance(21_001);
    await h.runner.watchdog();
    const view = await h.runner.get(sender);
    expect(view?.job.items[0]?.errors).toBe(1);
    expect(view?.job.status).toBe("running");
    expect(h.navigations).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.navigations).toEqual([[7, tab.url]]);
    // The reload must itself report in time: a new deadline.
    expect(view?.job.watchdogAt).toBe(Date.parse("2026-11-25T10:00:21.001Z") + 2_000 + 20_000);
  });

  it("after four overdue pages in a row the client fails and the job ends (it was the only one)", async () => {
    const h = await hung();
    for (let i = 0; i < 4; i++) {
      h.advance(60_000);
      await h.runner.watchdog();
    }
    const view = await h.runner.get(sender);
    expect(view?.job.status).toBe("done");
    expect(view?.job.items[0]).toMatchObject({ outcome: "failed", errors: 4 });
    expect(view?.job.items[0]?.message).toContain("ne s'est pas chargée en 20 s");
  });

  it("a closed tab is not reloaded: the job waits for the user to resume it in another tab", async () => {
    const h = await hung();
    const closed = createJobRunner(
      createStore(h.mem.area, MIGRATIONS, () => new Date("2026-11-25T11:00:00Z")),
      createRegisterStore(createStore(h.mem.area, MIGRATIONS, now), now, newId),
      { exists: async () => false, poke: async () => undefined, navigate: async () => undefined },
      () => new Date("2026-11-25T11:00:00Z"),
      newId,
    );
    await closed.watchdog();
    expect((await closed.get(sender))?.job.status).toBe("waiting-tab");
  });
});
