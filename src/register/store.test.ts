import { describe, expect, it } from "vitest";
import { nir, siren } from "../../test/support/ids.ts";
import { memoryArea } from "../../test/support/memory-area.ts";
import { MIGRATIONS } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { makeBackup, parseBackup } from "./model/backup.ts";
import { createClient } from "./model/register.ts";
import { createRegisterStore } from "./store.ts";

const now = () => new Date("2026-11-25T10:00:00Z");
let n = 0;
const newId = () => `id-${++n}`;

function setup(initial: Record<string, unknown> = {}) {
  const mem = memoryArea(initial);
  const store = createStore(mem.area, MIGRATIONS, now);
  return { mem, store, register: createRegisterStore(store, now, newId) };
}

const S = Array.from({ length: 5 }, (_, i) => siren(`5260181${i}`));
const employer = (i: number, name = `Client ${i}`) =>
  createClient({ kind: "employeur", siren: S[i], raisonSociale: name }, now());

describe("register store", () => {
  it("starts empty with default settings after the migrations", async () => {
    const { register } = setup();
    const snap = await register.snapshot();
    expect(snap.clients).toEqual([]);
    expect(snap.collaborators).toEqual([]);
    expect(snap.settings.profilParDefaut.services).toContain("DPAE");
  });

  it("writes one small value per client change, whatever the register's size", async () => {
    const { mem, register } = setup();
    await register.importClients([0, 1, 2, 3].map((i) => employer(i)));
    const writes = mem.writes();
    await register.editClient(`employeur:${S[2]}`, { raisonSociale: "Renommé" });
    expect(mem.writes()).toBe(writes + 1);
    const stored = [...mem.data.keys()].filter((k) => k.startsWith("client/"));
    expect(stored).toHaveLength(4);
    expect(mem.data.get(`client/1/employeur:${S[2]}`)).toMatchObject({ raisonSociale: "Renommé" });
  });

  it("imports atomically: a failed write leaves the register exactly as before", async () => {
    const { mem, register } = setup();
    await register.importClients([employer(0)]);
    const before = structuredClone(Object.fromEntries(mem.data));
    mem.failNextSet();
    await expect(register.importClients([employer(0, "Changé"), employer(1), employer(2)])).rejects.toThrow(
      /quota/,
    );
    expect(Object.fromEntries(mem.data)).toEqual(before);
    expect((await register.snapshot()).clients.map((c) => c.raisonSociale)).toEqual(["Client 0"]);
  });

  it("refuses an import with one invalid client and writes nothing", async () => {
    const { mem, register } = setup();
    await register.snapshot();
    const writes = mem.writes();
    await expect(register.importClients([employer(0), { ...employer(1), siren: "123" }])).rejects.toThrow(
      /rien n'a été enregistré/,
    );
    expect(mem.writes()).toBe(writes);
  });

  it("re-importing the same clients changes nothing", async () => {
    const { mem, register } = setup();
    const clients = [0, 1, 2].map((i) => employer(i));
    expect(await register.importClients(clients)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const writes = mem.writes();
    expect(await register.importClients(clients)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(mem.writes()).toBe(writes);
  });

  it("changes statuses in bulk with history, and deletes", async () => {
    const { register } = setup();
    await register.importClients([0, 1, 2].map((i) => employer(i)));
    const ids = [`employeur:${S[0]}`, `employeur:${S[1]}`];
    expect(await register.setStatus(ids, "inscrit")).toBe(2);
    expect(await register.setStatus(ids, "inscrit")).toBe(0);
    expect(await register.deleteClients([ids[0] as string, "inconnu"])).toBe(1);
    const snap = await register.snapshot();
    expect(snap.clients.map((c) => c.statut).sort()).toEqual(["a-inscrire", "inscrit"]);
  });

  it("unassigns a deleted collaborator's clients", async () => {
    const { register } = setup();
    const collab = await register.saveCollaborator({
      nom: "Durand",
      prenom: "Léa",
      telephone: "",
      email: "lea@cabinet.fr",
    });
    await register.importClients([{ ...employer(0), collaborateurId: collab.id }]);
    expect(await register.deleteCollaborator(collab.id)).toBe(1);
    expect((await register.snapshot()).clients[0]?.collaborateurId).toBeNull();
    await expect(
      register.createClient({
        kind: "employeur",
        siren: S[1],
        raisonSociale: "X",
        collaborateurId: collab.id,
      }),
    ).rejects.toThrow(/collaborateur n'existe plus/);
  });

  it("survives a restart (new worker, same storage)", async () => {
    const { mem, register } = setup();
    await register.importClients([employer(0)]);
    const again = createRegisterStore(createStore(mem.area, MIGRATIONS, now), now, newId);
    expect((await again.snapshot()).clients.map((c) => c.id)).toEqual([`employeur:${S[0]}`]);
  });

  it("restores by replacing the register in one batch and sweeping the old generation", async () => {
    const { mem, register } = setup();
    await register.importClients([employer(0), employer(1)]);
    const other = createClient(
      { kind: "profession-liberale", siren: S[4], raisonSociale: "Dr Petit", nir: nir("2850675123456") },
      now(),
    );
    const snap = await register.snapshot();
    const backup = makeBackup(
      { settings: { ...snap.settings, nom: "Cabinet Restauré" }, collaborators: [], clients: [other] },
      now(),
    );
    expect(await register.restoreBackup(JSON.parse(JSON.stringify(backup)))).toEqual({
      clients: 1,
      collaborators: 0,
    });
    expect([...mem.data.keys()].filter((k) => k.startsWith("client/"))).toEqual([`client/2/${other.id}`]);
    const after = await register.snapshot();
    expect(after.settings.nom).toBe("Cabinet Restauré");
    expect(after.clients.map((c) => c.id)).toEqual([other.id]);
  });

  it("refuses a damaged backup and keeps the register", async () => {
    const { register } = setup();
    await register.importClients([employer(0)]);
    await expect(register.restoreBackup({ format: "tiers-assistant/registre", version: 99 })).rejects.toThrow(
      /plus récente/,
    );
    expect((await register.snapshot()).clients).toHaveLength(1);
  });

  it("sweeps what an interrupted restore left behind", async () => {
    const { mem, register } = setup();
    await register.importClients([employer(0)]);
    mem.data.set("client/7/employeur:orphelin", { any: 1 });
    const again = createRegisterStore(createStore(mem.area, MIGRATIONS, now), now, newId);
    await again.snapshot();
    expect(mem.data.has("client/7/employeur:orphelin")).toBe(false);
  });
});

describe("a stored value today's schema rejects", () => {
  /** A register written by an older version: fields longer than today's bounds. */
  async function olderRegister() {
    const { mem, register } = setup();
    const collab = await register.saveCollaborator({
      nom: "Durand",
      prenom: "Léa",
      telephone: "01 23 45 67 89",
      email: "",
    });
    await register.importClients([{ ...employer(0), collaborateurId: collab.id }, employer(1)]);
    const settings = mem.data.get("settings") as Record<string, unknown>;
    const longName = "Cabinet ".padEnd(121, "x");
    mem.data.set("settings", { ...settings, nom: longName });
    const phone = "+33 (0)1 23 45 67 890"; // 21 characters
    mem.data.set("collaborators", [{ ...collab, telephone: phone }]);
    const key = `client/1/employeur:${S[1]}`;
    mem.data.set(key, { ...(mem.data.get(key) as object), raisonSociale: "Société ".padEnd(201, "y") });
    // A new worker reads it back.
    const again = createRegisterStore(createStore(mem.area, MIGRATIONS, now), now, newId);
    return { mem, register: again, collab, longName, phone, key };
  }

  it("lists, exports and restores, with the value repaired and its original kept aside", async () => {
    const { mem, register, collab, longName, phone, key } = await olderRegister();
    const listing = await register.listing();
    expect(listing.rows).toHaveLength(2);
    expect(listing.settings.nom).toBe(longName.slice(0, 120));
    expect(listing.collaborators[0]?.telephone).toHaveLength(20);
    expect(listing.setAside?.map((a) => [a.key, a.repaired])).toEqual([
      [key, true],
      ["settings", true],
      ["collaborators", true],
    ]);
    expect(listing.setAside?.[1]?.problems[0]).toMatch(/^nom : /);
    expect(mem.data.get("aside/settings")).toMatchObject({ nom: longName });
    expect(mem.data.get("aside/collaborators")).toEqual([{ ...collab, telephone: phone }]);

    const backup = await register.exportBackup();
    const check = parseBackup(JSON.parse(JSON.stringify(backup)));
    expect(check.ok).toBe(true);
    expect(await register.restoreBackup(JSON.parse(JSON.stringify(backup)))).toEqual({
      clients: 2,
      collaborators: 1,
    });
    expect((await register.listing()).setAside).toBeUndefined();
  });

  it("leaves out a collaborator it cannot repair, and exports its clients unassigned", async () => {
    const { mem, collab } = await olderRegister();
    mem.data.set("collaborators", [{ ...collab, nom: "" }]);
    const fresh = createRegisterStore(createStore(mem.area, MIGRATIONS, now), now, newId);
    const snap = await fresh.snapshot();
    expect(snap.collaborators).toEqual([]);
    expect(snap.setAside.find((a) => a.key === "collaborators")).toMatchObject({ repaired: false });
    const backup = (await fresh.exportBackup()) as { clients: { collaborateurId: string | null }[] };
    expect(backup.clients.map((c) => c.collaborateurId)).toEqual([null, null]);
    expect(parseBackup(JSON.parse(JSON.stringify(backup))).ok).toBe(true);
  });

  it("keeps a client it cannot repair aside and out of the listing, without blocking the rest", async () => {
    const { mem, key } = await olderRegister();
    mem.data.set(key, { ...(mem.data.get(key) as object), siren: "123" });
    const fresh = createRegisterStore(createStore(mem.area, MIGRATIONS, now), now, newId);
    expect((await fresh.listing()).rows).toHaveLength(1);
    expect((await fresh.snapshot()).setAside.find((a) => a.key === key)).toMatchObject({ repaired: false });
    expect(mem.data.has(key)).toBe(true);
  });
});
