// The register in storage.local: settings, collaborators, and one key per client under the current
// generation. Every change is one storage.set call (a single write batch: all of it lands or none of
// it), and only the values that changed are written. A restore writes a whole new generation together
// with the pointer to it, then sweeps the old one. An in-memory copy avoids re-reading 10,000 keys on
// every message; it is rebuilt whenever the service worker starts again.

import type { ImportResult, PackedListing, RegisterSnapshot } from "../core/messages.ts";
import { isClientKey } from "../core/storage/keys.ts";
import { asideKey, type SetAside, salvage } from "../core/storage/salvage.ts";
import {
  COLLABORATORS_KEY,
  clientKeyPrefix,
  REGISTER_KEY,
  RegisterMetaSchema,
  SETTINGS_KEY,
  SettingsSchema,
} from "../core/storage/schema.ts";
import type { Store } from "../core/storage/store.ts";
import { makeBackup, parseBackup } from "./model/backup.ts";
import {
  type Client,
  type ClientEdit,
  type ClientRowTuple,
  ClientSchema,
  type ClientStatus,
  type Collaborator,
  CollaboratorSchema,
  changeStatus,
  createClient,
  DEFAULT_SETTINGS,
  editClient,
  type FirmSettings,
  FirmSettingsSchema,
  mergeClients,
  NAME_ORDER,
  type NewClient,
  packRow,
  RegisterError,
} from "./model/register.ts";

interface Loaded {
  generation: number;
  settings: FirmSettings;
  collaborators: Collaborator[];
  clients: Map<string, Client>;
  /** Stored clients that no longer pass the schema (kept in storage, reported, never silently dropped). */
  unreadable: string[];
  /** Stored values today's schema rejected, repaired or left out (their originals kept aside). */
  setAside: SetAside[];
  /** The packed listing in name order, kept until the next change. */
  listing?: ClientRowTuple[] | undefined;
}

export interface RegisterStore {
  snapshot(): Promise<RegisterSnapshot & { unreadable: string[]; setAside: SetAside[] }>;
  listing(): Promise<PackedListing>;
  getClient(id: string): Promise<Client>;
  saveSettings(raw: unknown): Promise<FirmSettings>;
  createClient(input: NewClient): Promise<Client>;
  editClient(id: string, edit: ClientEdit): Promise<Client>;
  setStatus(ids: readonly string[], statut: ClientStatus, note?: string): Promise<number>;
  /**
   * Writes status changes together with `values` (a job's step) in one storage batch: both land or
   * neither does. Clients no longer in the register are passed over.
   */
  setStatusesWith(changes: readonly StatusRequest[], values: Record<string, unknown>): Promise<number>;
  deleteClients(ids: readonly string[]): Promise<number>;
  importClients(raw: readonly unknown[]): Promise<ImportResult>;
  saveCollaborator(
    input: Omit<Collaborator, "id" | "acces"> & { id?: string; acces?: string },
  ): Promise<Collaborator>;
  deleteCollaborator(id: string): Promise<number>;
  exportBackup(): Promise<unknown>;
  restoreBackup(raw: unknown): Promise<{ clients: number; collaborators: number }>;
}

/** A change of status the register should follow (what a job did on the site). */
export interface StatusRequest {
  id: string;
  statut: ClientStatus;
  note?: string | undefined;
}

export function createRegisterStore(store: Store, now: () => Date, newId: () => string): RegisterStore {
  const area = store.area;
  let loaded: Loaded | null = null;

  async function load(): Promise<Loaded> {
    if (loaded) return loaded;
    const all = (await area.get(null)) as Record<string, unknown>;
    // A value today's schema rejects (written by an older version, or damaged) must not block the
    // listing, the export or a restore: it is repaired where that is obvious or left out, its original
    // is kept aside under its own key, and the options page is told (setAside).
    const setAside: SetAside[] = [];
    const originals: Record<string, unknown> = {};
    const report = (key: string, problems: string[], repaired: boolean) => {
      setAside.push({ key, problems, repaired });
      if (!(asideKey(key) in all)) originals[asideKey(key)] = all[key];
    };
    const meta = RegisterMetaSchema.safeParse(all[REGISTER_KEY]);
    const generation = meta.success ? meta.data.generation : 1;
    const prefix = clientKeyPrefix(generation);
    const clients = new Map<string, Client>();
    const unreadable: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(prefix)) continue;
      const read = salvage(ClientSchema, value);
      if (read.ok) clients.set(read.value.id, read.value);
      else unreadable.push(key.slice(prefix.length));
      if (read.problems.length > 0) report(key, read.problems, read.ok);
    }
    const settings = salvage(SettingsSchema, all[SETTINGS_KEY], DEFAULT_SETTINGS);
    if (settings.problems.length > 0) report(SETTINGS_KEY, settings.problems, settings.ok);
    const rawCollaborators = Array.isArray(all[COLLABORATORS_KEY])
      ? (all[COLLABORATORS_KEY] as unknown[])
      : [];
    const collaborators: Collaborator[] = [];
    const collaboratorProblems: string[] = Array.isArray(all[COLLABORATORS_KEY])
      ? []
      : ["valeur : liste des collaborateurs illisible"];
    for (const [i, raw] of rawCollaborators.entries()) {
      const read = salvage(CollaboratorSchema, raw, { telephone: "", email: "" });
      if (read.ok) collaborators.push(read.value);
      collaboratorProblems.push(...read.problems.map((p) => `collaborateur n° ${i + 1}, ${p}`));
    }
    if (collaboratorProblems.length > 0)
      report(COLLABORATORS_KEY, collaboratorProblems, collaborators.length === rawCollaborators.length);
    loaded = {
      generation,
      settings: settings.ok ? settings.value : DEFAULT_SETTINGS,
      collaborators,
      clients,
      unreadable,
      setAside,
    };
    if (Object.keys(originals).length > 0) await area.set(originals);
    // Keys of an older generation are what an interrupted restore left behind: sweep them.
    const stale = Object.keys(all).filter((k) => isClientKey(k) && !k.startsWith(prefix));
    if (stale.length > 0) await area.remove(stale);
    return loaded;
  }

  const keyOf = (generation: number, id: string) => `${clientKeyPrefix(generation)}${id}`;

  /** Writes the given clients (one batch) and only then updates the in-memory copy. */
  async function writeClients(reg: Loaded, clients: readonly Client[], extra: Record<string, unknown> = {}) {
    if (clients.length === 0 && Object.keys(extra).length === 0) return;
    await area.set({ ...Object.fromEntries(clients.map((c) => [keyOf(reg.generation, c.id), c])), ...extra });
    for (const c of clients) reg.clients.set(c.id, c);
    reg.listing = undefined;
  }

  const mustGet = (reg: Loaded, id: string): Client => {
    const client = reg.clients.get(id);
    if (!client) throw new RegisterError("Ce client n'est plus dans le registre : rechargez la page.");
    return client;
  };

  const checkCollaborator = (reg: Loaded, id: string | null | undefined) => {
    if (id && !reg.collaborators.some((c) => c.id === id)) {
      throw new RegisterError("Ce collaborateur n'existe plus : choisissez-en un autre.");
    }
  };

  return {
    snapshot: () =>
      store.exclusive(async () => {
        const reg = await load();
        return {
          settings: reg.settings,
          collaborators: reg.collaborators,
          clients: [...reg.clients.values()],
          unreadable: reg.unreadable,
          setAside: reg.setAside,
        };
      }),

    listing: () =>
      store.exclusive(async () => {
        const reg = await load();
        // Sent in name order, the table's default: the page's sort then has nothing to move.
        reg.listing ??= [...reg.clients.values()]
          .sort((a, b) => NAME_ORDER.compare(a.raisonSociale, b.raisonSociale))
          .map(packRow);
        return {
          settings: reg.settings,
          collaborators: reg.collaborators,
          rows: reg.listing,
          ...(reg.setAside.length > 0 ? { setAside: reg.setAside } : {}),
        };
      }),

    getClient: (id) => store.exclusive(async () => mustGet(await load(), id)),

    saveSettings: (raw) =>
      store.exclusive(async () => {
        const reg = await load();
        const settings = FirmSettingsSchema.parse(raw);
        await area.set({ [SETTINGS_KEY]: settings });
        reg.settings = settings;
        reg.setAside = reg.setAside.filter((a) => a.key !== SETTINGS_KEY);
        return settings;
      }),

    createClient: (input) =>
      store.exclusive(async () => {
        const reg = await load();
        const client = createClient(input, now());
        if (reg.clients.has(client.id)) {
          throw new RegisterError(
            `${client.raisonSociale} est déjà dans le registre (même numéro et même type de client).`,
          );
        }
        checkCollaborator(reg, client.collaborateurId);
        await writeClients(reg, [client]);
        return client;
      }),

    editClient: (id, edit) =>
      store.exclusive(async () => {
        const reg = await load();
        checkCollaborator(reg, edit.collaborateurId);
        const client = editClient(mustGet(reg, id), edit, now());
        await writeClients(reg, [client]);
        return client;
      }),

    setStatus: (ids, statut, note) =>
      store.exclusive(async () => {
        const reg = await load();
        const at = now();
        const changed = ids.map((id) => mustGet(reg, id)).filter((c) => c.statut !== statut);
        await writeClients(
          reg,
          changed.map((c) => changeStatus(c, statut, at, note)),
        );
        return changed.length;
      }),

    setStatusesWith: (changes, values) =>
      store.exclusive(async () => {
        const reg = await load();
        const at = now();
        const changed = new Map<string, Client>();
        for (const { id, statut, note } of changes) {
          const client = changed.get(id) ?? reg.clients.get(id);
          if (client && client.statut !== statut) changed.set(id, changeStatus(client, statut, at, note));
        }
        await writeClients(reg, [...changed.values()], values);
        return changed.size;
      }),

    deleteClients: (ids) =>
      store.exclusive(async () => {
        const reg = await load();
        const present = ids.filter((id) => reg.clients.has(id));
        if (present.length === 0) return 0;
        await area.remove(present.map((id) => keyOf(reg.generation, id)));
        for (const id of present) reg.clients.delete(id);
        reg.listing = undefined;
        return present.length;
      }),

    importClients: (raw) =>
      store.exclusive(async () => {
        const reg = await load();
        const incoming = raw.map((value, i) => {
          const parsed = ClientSchema.safeParse(value);
          if (!parsed.success) {
            throw new RegisterError(
              `Import refusé, rien n'a été enregistré : le client n° ${i + 1} est invalide (${parsed.error.issues[0]?.message}).`,
            );
          }
          checkCollaborator(reg, parsed.data.collaborateurId);
          return parsed.data;
        });
        const { added, updated, unchanged } = mergeClients(reg.clients, incoming, now());
        await writeClients(reg, [...added, ...updated]);
        return { added: added.length, updated: updated.length, unchanged };
      }),

    saveCollaborator: (input) =>
      store.exclusive(async () => {
        const reg = await load();
        const existing = input.id ? reg.collaborators.find((c) => c.id === input.id) : undefined;
        if (input.id && !existing)
          throw new RegisterError("Ce collaborateur n'existe plus : rechargez la page.");
        const collaborator = CollaboratorSchema.parse({
          ...input,
          id: existing?.id ?? newId(),
          acces: input.acces ?? existing?.acces ?? now().toISOString(),
        });
        const collaborators = existing
          ? reg.collaborators.map((c) => (c.id === collaborator.id ? collaborator : c))
          : [...reg.collaborators, collaborator];
        await area.set({ [COLLABORATORS_KEY]: collaborators });
        reg.collaborators = collaborators;
        return collaborator;
      }),

    deleteCollaborator: (id) =>
      store.exclusive(async () => {
        const reg = await load();
        const at = now().toISOString();
        const unassigned = [...reg.clients.values()]
          .filter((c) => c.collaborateurId === id)
          .map((c) => ({ ...c, collaborateurId: null, modifieLe: at }));
        const collaborators = reg.collaborators.filter((c) => c.id !== id);
        await writeClients(reg, unassigned, { [COLLABORATORS_KEY]: collaborators });
        reg.collaborators = collaborators;
        return unassigned.length;
      }),

    exportBackup: () =>
      store.exclusive(async () => {
        const reg = await load();
        // A client assigned to a collaborator left out (set aside) is exported unassigned: the backup
        // must restore.
        const known = new Set(reg.collaborators.map((c) => c.id));
        const clients = [...reg.clients.values()].map((c) =>
          c.collaborateurId === null || known.has(c.collaborateurId) ? c : { ...c, collaborateurId: null },
        );
        return makeBackup({ settings: reg.settings, collaborators: reg.collaborators, clients }, now());
      }),

    restoreBackup: (raw) =>
      store.exclusive(async () => {
        const reg = await load();
        const check = parseBackup(raw);
        if (!check.ok) throw new RegisterError(check.error);
        const { backup } = check;
        const generation = reg.generation + 1;
        // One batch: the new generation's clients, settings, collaborators and the pointer to it.
        await area.set({
          ...Object.fromEntries(backup.clients.map((c) => [keyOf(generation, c.id), c])),
          [SETTINGS_KEY]: backup.settings,
          [COLLABORATORS_KEY]: backup.collaborators,
          [REGISTER_KEY]: { generation },
        });
        const old = [...reg.clients.keys(), ...reg.unreadable].map((id) => keyOf(reg.generation, id));
        loaded = {
          generation,
          settings: backup.settings,
          collaborators: backup.collaborators,
          clients: new Map(backup.clients.map((c) => [c.id, c])),
          unreadable: [],
          setAside: [],
        };
        if (old.length > 0) await area.remove(old);
        return { clients: backup.clients.length, collaborators: backup.collaborators.length };
      }),
  };
}
