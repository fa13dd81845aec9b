// The register in storage.local: settings, collaborators, and one key per client under the current
// generation. Every change is one storage.set call (a single write batch: all of it lands or none of
// it), and only the values that changed are written. A restore writes a whole new generation together
// with the pointer to it, then sweeps the old one. An in-memory copy avoids re-reading 10,000 keys on
// every message; it is rebuilt whenever the service worker starts again.

import type { ImportResult, PackedListing, RegisterSnapshot } from "../core/messages.ts";
import {
  COLLABORATORS_KEY,
  CollaboratorsSchema,
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
  /** The packed listing in name order, kept until the next change. */
  listing?: ClientRowTuple[] | undefined;
}

export interface RegisterStore {
  snapshot(): Promise<RegisterSnapshot & { unreadable: string[] }>;
  listing(): Promise<PackedListing>;
  getClient(id: string): Promise<Client>;
  saveSettings(raw: unknown): Promise<FirmSettings>;
  createClient(input: NewClient): Promise<Client>;
  editClient(id: string, edit: ClientEdit): Promise<Client>;
  setStatus(ids: readonly string[], statut: ClientStatus, note?: string): Promise<number>;
  deleteClients(ids: readonly string[]): Promise<number>;
  importClients(raw: readonly unknown[]): Promise<ImportResult>;
  saveCollaborator(
    input: Omit<Collaborator, "id" | "acces"> & { id?: string; acces?: string },
  ): Promise<Collaborator>;
  deleteCollaborator(id: string): Promise<number>;
  exportBackup(): Promise<unknown>;
  restoreBackup(raw: unknown): Promise<{ clients: number; collaborators: number }>;
}

export function createRegisterStore(store: Store, now: () => Date, newId: () => string): RegisterStore {
  const area = store.area;
  let loaded: Loaded | null = null;

  async function load(): Promise<Loaded> {
    if (loaded) return loaded;
    const all = (await area.get(null)) as Record<string, unknown>;
    const { generation } = RegisterMetaSchema.parse(all[REGISTER_KEY]);
    const prefix = clientKeyPrefix(generation);
    const clients = new Map<string, Client>();
    const unreadable: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(prefix)) continue;
      const parsed = ClientSchema.safeParse(value);
      if (parsed.success) clients.set(parsed.data.id, parsed.data);
      else unreadable.push(key.slice(prefix.length));
    }
    loaded = {
      generation,
      settings: SettingsSchema.parse(all[SETTINGS_KEY]),
      collaborators: CollaboratorsSchema.parse(all[COLLABORATORS_KEY]),
      clients,
      unreadable,
    };
    // Keys of an older generation are what an interrupted restore left behind: sweep them.
    const stale = Object.keys(all).filter((k) => k.startsWith("client/") && !k.startsWith(prefix));
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
        };
      }),

    listing: () =>
      store.exclusive(async () => {
        const reg = await load();
        // Sent in name order, the table's default: the page's sort then has nothing to move.
        reg.listing ??= [...reg.clients.values()]
          .sort((a, b) => NAME_ORDER.compare(a.raisonSociale, b.raisonSociale))
          .map(packRow);
        return { settings: reg.settings, collaborators: reg.collaborators, rows: reg.listing };
      }),

    getClient: (id) => store.exclusive(async () => mustGet(await load(), id)),

    saveSettings: (raw) =>
      store.exclusive(async () => {
        const reg = await load();
        const settings = FirmSettingsSchema.parse(raw);
        await area.set({ [SETTINGS_KEY]: settings });
        reg.settings = settings;
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
        return makeBackup(
          { settings: reg.settings, collaborators: reg.collaborators, clients: [...reg.clients.values()] },
          now(),
        );
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
        };
        if (old.length > 0) await area.remove(old);
        return { clients: backup.clients.length, collaborators: backup.collaborators.length };
      }),
  };
}
