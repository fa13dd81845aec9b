// What the user marked on the reminders: done (with the day) and snoozed (until a day). Keyed by the
// reminder's id, which is stable from one computation to the next (see rules.ts).

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
