// Test helpers (not shipped) shared by the reminders' unit tests: a client, an input, a window.
import {
  type ClientRecord,
  DEFAULT_REMINDER_SETTINGS,
  EMPTY_RECORD,
  type Reminder,
  type ReminderClient,
  type ReminderInput,
} from "./rules.ts";

export const S = DEFAULT_REMINDER_SETTINGS;

export function employer(id: string, over: Partial<ReminderClient> = {}): ReminderClient {
  return {
    id,
    kind: "employeur",
    raisonSociale: `Client ${id}`,
    siren: null,
    effectif: 10,
    paieDecalee: false,
    statut: "inscrit",
    collaborateurId: null,
    historique: [{ statut: "inscrit", le: "2025-01-01T09:00:00.000Z" }],
    modifieLe: "2025-01-01T09:00:00.000Z",
    ...over,
  };
}

export function input(over: Partial<ReminderInput> = {}): ReminderInput {
  return { clients: [], collaborators: [], records: {}, anomalies: [], settings: S, ...over };
}

/** The period whose DSN is due in the month of `due`. */
export const dsnPeriodOf = (due: string) => {
  const [y, m] = due.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};
export const window = (from: string, to: string) => ({ from, to });
export const byId = (list: readonly Reminder[], id: string) => list.find((r) => r.id === id);
export const record = (over: Partial<ClientRecord>): ClientRecord => ({ ...EMPTY_RECORD, ...over });
