import { describe, expect, it } from "vitest";
import { memoryArea } from "../../test/support/memory-area.ts";
import { createHandlers } from "../background/handlers.ts";
import type { Runtime } from "../core/browser.ts";
import { type Handlers, route } from "../core/router.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import type { JobRunner } from "../portfolio/job-runner.ts";
import type { RegisterStore } from "../register/store.ts";
import type { DsnHistoryEntry } from "./control-view.ts";
import { DSN_HISTORY_KEY } from "./history-store.ts";

const OWN_ID = "abcdefghijklmnopabcdefghijklmnop";
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;
const options: Runtime.MessageSender = { id: OWN_ID, url: `${OWN_ORIGIN}src/ui/options/index.html` };
const urssafTab: Runtime.MessageSender = {
  id: OWN_ID,
  url: "https://tdbec.urssaf.fr/tableau-de-bord",
  tab: { url: "https://tdbec.urssaf.fr/tableau-de-bord" } as Runtime.MessageSender["tab"],
};

const entry = (siren: string, mois: string, fichier: string, erreurs = 0): DsnHistoryEntry => ({
  siren,
  mois,
  fichier,
  controleLe: `${mois}-28T10:00:00.000Z`,
  declarations: 1,
  etablissements: 1,
  individus: 4,
  erreurs,
  avertissements: 1,
  infos: 2,
  principaux: erreurs ? [{ check: "control.ctp-amount", severity: "error", message: "Écart." }] : [],
});

async function setup() {
  const mem = memoryArea();
  const store = createStore(mem.area, MIGRATIONS, () => new Date("2026-11-25T10:00:00Z"));
  // The reminders' handlers live in reminders.ts; none of their messages is sent here.
  const handlers = createHandlers(store, {} as RegisterStore, {} as JobRunner, () => new Date()) as Handlers;
  const ctx = { ownId: OWN_ID, ownOrigin: OWN_ORIGIN, handlers };
  return { mem, send: (m: unknown, sender = options) => route(m, sender, ctx) };
}

describe("DSN control history in the background", () => {
  it("reads an absent key as empty, without a schema migration", async () => {
    const { mem, send } = await setup();
    expect(await send({ type: "dsn-history/get" })).toEqual({ ok: true, data: [] });
    expect(mem.data.has(DSN_HISTORY_KEY)).toBe(false);
    expect((mem.data.get("meta") as { schemaVersion: number }).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it("records controls, replaces a new control of the same file, forgets a client", async () => {
    const { mem, send } = await setup();
    await send({ type: "dsn-history/record", entries: [entry("123456789", "2026-01", "a.dsn", 2)] });
    await send({ type: "dsn-history/record", entries: [entry("123456789", "2026-02", "b.dsn")] });
    await send({ type: "dsn-history/record", entries: [entry("987654321", "2026-02", "c.dsn")] });
    const again = await send({
      type: "dsn-history/record",
      entries: [entry("123456789", "2026-01", "a.dsn")],
    });
    expect(again).toEqual({ ok: true, data: { kept: 3 } });
    const stored = mem.data.get(DSN_HISTORY_KEY) as DsnHistoryEntry[];
    expect(stored.map((e) => [e.siren, e.mois, e.erreurs])).toEqual([
      ["123456789", "2026-01", 0],
      ["123456789", "2026-02", 0],
      ["987654321", "2026-02", 0],
    ]);
    expect(await send({ type: "dsn-history/clear", siren: "123456789" })).toEqual({
      ok: true,
      data: { removed: 2 },
    });
    expect(await send({ type: "dsn-history/clear" })).toEqual({ ok: true, data: { removed: 1 } });
  });

  it("refuses malformed entries and requests from a content script", async () => {
    const { send } = await setup();
    const bad = await send({
      type: "dsn-history/record",
      entries: [{ ...entry("12345", "2026-01", "a.dsn") }],
    });
    expect(bad.ok).toBe(false);
    const fromPage = await send({ type: "dsn-history/get" }, urssafTab);
    // The router refuses it first (least privilege); the store's own check stays behind it.
    expect(fromPage).toMatchObject({ ok: false, error: expect.stringMatching(/expéditeur non autorisé/) });
  });
});
