// What the user marked on the reminders: done (with the day) and snoozed (until a day). Keyed by the
// reminder's id, which is stable from one computation to the next (see rules.ts).

import { LOCAL_KEYS } from "../../core/storage/keys.ts";
import { addDays, type IsoDate } from "./calendar.ts";

export interface ReminderState {
  /** id → the day it was marked done. */
  done: Record<string, IsoDate>;
  /** id → the first day it shows again. */
  snoozed: Record<string, IsoDate>;
}

export const EMPTY_STATE: ReminderState = { done: {}, snoozed: {} };

export const SNOOZE_DAYS = { "1j": 1, "1s": 7 } as const;
export type SnoozeLength = keyof typeof SNOOZE_DAYS;

export function markDone(state: ReminderState, id: string, today: IsoDate): ReminderState {
  const { [id]: _, ...snoozed } = state.snoozed;
  return { done: { ...state.done, [id]: today }, snoozed };
}

export function snooze(
  state: ReminderState,
  id: string,
  length: SnoozeLength,
  today: IsoDate,
): ReminderState {
  return { ...state, snoozed: { ...state.snoozed, [id]: addDays(today, SNOOZE_DAYS[length]) } };
}

export function undoReminder(state: ReminderState, id: string): ReminderState {
  const { [id]: _d, ...done } = state.done;
  const { [id]: _s, ...snoozed } = state.snoozed;
  return { done, snoozed };
}

/** Drops marks older than `keepDays` (their reminders left the window long ago). */
export function pruneState(state: ReminderState, today: IsoDate, keepDays = 400): ReminderState {
  const limit = addDays(today, -keepDays);
  return {
    done: Object.fromEntries(Object.entries(state.done).filter(([, d]) => d >= limit)),
    snoozed: Object.fromEntries(Object.entries(state.snoozed).filter(([, d]) => d > today)),
  };
}

/** Where the background keeps the marks (storage.local key). */
export const REMINDER_STATE_KEY = LOCAL_KEYS.reminderState;

/**
 * Marks written when an anomaly's reminder id had no period (`anomalie:<siret>:<reference>`): one mark
 * then covered the reference in every month. Each becomes a mark on every tracked anomaly of that
 * establishment and reference (`anomalie:<siret>:<period>:<reference>`), so nothing the user marked
 * comes back. Other marks are kept as they are. Pure: used by a storage migration.
 */
export function splitAnomalyMarks(
  state: ReminderState,
  tracked: readonly { siret: string; period: string; reference: string }[],
): ReminderState {
  const split = (marks: Record<string, IsoDate>): Record<string, IsoDate> => {
    const out: Record<string, IsoDate> = {};
    for (const [id, day] of Object.entries(marks)) {
      const old = /^anomalie:(\d{14}):(?!\d{4}-\d{2}:)(.+)$/.exec(id);
      if (!old) {
        out[id] = day;
        continue;
      }
      for (const a of tracked)
        if (a.siret === old[1] && a.reference === old[2])
          out[`anomalie:${a.siret}:${a.period}:${a.reference}`] = day;
    }
    return out;
  };
  return { done: split(state.done), snoozed: split(state.snoozed) };
}
