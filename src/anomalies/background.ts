// The background's side of the DSN anomaly panel (issue 5): it holds the catalogue, answers the
// content script's one batched request per Suivi DSN page, keeps the tracking and the unknown
// references (storage keys and shapes: src/anomalies/model/tracking.ts), and lists the open anomalies.

import type { HandlersOf } from "../core/message-spec.ts";
import type { Store } from "../core/storage/store.ts";
import { dsnDueDay } from "../register/model/register-model.ts";
import type { RegisterStore } from "../register/store.ts";
import { type DueDay, parisDateOf } from "../reminders/model/calendar.ts";
import type { ANOMALY_MESSAGES } from "./messages.ts";
import { buildPanels, type Translate } from "./model/panel.ts";
import {
  ANOMALY_TRACKING_KEY,
  ANOMALY_UNKNOWN_KEY,
  EMPTY_TRACKING,
  openTrackedAnomalies,
  recordSeen,
  recordUnknown,
  setTrackStatus,
  type TrackingState,
  TrackingStateSchema,
  type UnknownReferences,
  UnknownReferencesSchema,
} from "./model/tracking.ts";

/** Storage read with a default when the key is absent (no migration needed for these keys). */
async function readOr<T>(store: Store, key: string, parse: (v: unknown) => T, fallback: T): Promise<T> {
  await store.ready;
  const value = (await store.area.get(key))[key];
  return value === undefined ? fallback : parse(value);
}

function parseWith<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  key: string,
) {
  return (v: unknown): T => {
    const parsed = schema.safeParse(v);
    if (!parsed.success) throw new Error(`Données « ${key} » illisibles dans le stockage de l'extension.`);
    return parsed.data;
  };
}

export const readTracking = (store: Store): Promise<TrackingState> =>
  readOr(store, ANOMALY_TRACKING_KEY, parseWith(TrackingStateSchema, ANOMALY_TRACKING_KEY), EMPTY_TRACKING);
export const readUnknown = (store: Store): Promise<UnknownReferences> =>
  readOr(store, ANOMALY_UNKNOWN_KEY, parseWith(UnknownReferencesSchema, ANOMALY_UNKNOWN_KEY), {});

/** The DSN due day of each employer client of the register, by SIREN. */
async function dueDays(register: RegisterStore): Promise<(siren: string) => DueDay | null> {
  const { clients } = await register.snapshot();
  const bySiren = new Map<string, DueDay>();
  for (const c of clients) {
    const siren = c.siren ?? c.siret?.slice(0, 9);
    const day = dsnDueDay(c);
    if (siren && day) bySiren.set(siren, day);
  }
  return (siren) => bySiren.get(siren) ?? null;
}

type AnomalyHandlers = HandlersOf<typeof ANOMALY_MESSAGES>;

/** The anomalies still to correct, with their deadlines (the popup's list and the reminders' input). */
export async function openAnomalies(store: Store, register: RegisterStore, now: () => Date) {
  const dueDayOf = await dueDays(register);
  return openTrackedAnomalies(await readTracking(store), parisDateOf(now()), (s) => dueDayOf(s) ?? 15);
}

export function createAnomalyHandlers(
  store: Store,
  register: RegisterStore,
  now: () => Date,
  t: Translate,
): AnomalyHandlers {
  return {
    async "anomaly/panels"(m) {
      const at = now();
      const dueDayOf = await dueDays(register);
      // Read, record and build under the store's lock: two tabs loading together lose nothing.
      return store.exclusive(async () => {
        const before = await readTracking(store);
        const { state, keys } = recordSeen(before, m.items, at);
        const view = buildPanels({
          items: m.items,
          keys,
          months: m.months ?? [],
          tracking: state,
          today: parisDateOf(at),
          dueDayOf,
          t,
        });
        const unknownSeen = m.items.flatMap((item, i) => {
          const ref = view.items[i]?.reference ?? item.reference;
          return view.refs[ref]?.known === false ? [{ reference: ref, libelle: item.libelle }] : [];
        });
        const writes: Record<string, unknown> = {};
        if (m.items.length > 0) writes[ANOMALY_TRACKING_KEY] = state;
        if (unknownSeen.length > 0)
          writes[ANOMALY_UNKNOWN_KEY] = recordUnknown(await readUnknown(store), unknownSeen, at);
        if (Object.keys(writes).length > 0) await store.area.set(writes);
        return view;
      });
    },
    async "anomaly/track"(m) {
      return store.exclusive(async () => {
        const next = setTrackStatus(await readTracking(store), m.key, m.status, m.correctedIn ?? null, now());
        await store.area.set({ [ANOMALY_TRACKING_KEY]: next });
        const item = next.items[m.key];
        if (!item) throw new Error("Anomalie introuvable.");
        return item;
      });
    },
    "anomaly/open": () => openAnomalies(store, register, now),
    "anomaly/unknown": () => readUnknown(store),
  };
}
