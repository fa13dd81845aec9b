// What the popup lists for a day: overdue (persistent kinds, within a month), due today, the next
// 7 days, and what the morning digest announces ahead (lead times moved off non-working days).

import { REMINDER_RULES } from "../data/reminder-dates.ts";
import { addDays, type IsoDate, isWorkingDay } from "./calendar.ts";
import { type DateWindow, OVERDUE_UNTIL_DONE, type Reminder, type ReminderSettings } from "./rules.ts";
import type { ReminderState } from "./state.ts";

export interface Agenda {
  today: IsoDate;
  overdue: Reminder[];
  dueToday: Reminder[];
  /** The next 7 days (tomorrow to today + 7). */
  upcoming: Reminder[];
  /**
   * Announced by today's digest: due one of the lead times from today; an announcement that would fall
   * on a weekend or a public holiday is brought forward to the previous working day.
   */
  lead: Reminder[];
}

export const UPCOMING_DAYS = 7;
const LEAD_MARGIN_DAYS = 7;

/** The window to compute for an agenda of `today`. */
export function agendaWindow(today: IsoDate, settings: ReminderSettings): DateWindow {
  // A lead-time announcement moved off a weekend or holiday comes a few days earlier: margin of a week.
  const ahead = Math.max(UPCOMING_DAYS, ...settings.leadDays) + LEAD_MARGIN_DAYS;
  return { from: addDays(today, -REMINDER_RULES.dsn.overdueWindowDays), to: addDays(today, ahead), today };
}

export function agenda(
  reminders: readonly Reminder[],
  state: ReminderState,
  today: IsoDate,
  settings: ReminderSettings,
): Agenda {
  const out: Agenda = { today, overdue: [], dueToday: [], upcoming: [], lead: [] };
  const soonest = addDays(today, -REMINDER_RULES.dsn.overdueWindowDays);
  const lastUpcoming = addDays(today, UPCOMING_DAYS);
  const lastLead = addDays(today, Math.max(0, ...settings.leadDays) + LEAD_MARGIN_DAYS);
  // Announcement days per deadline date (a few distinct dates for thousands of items).
  const announcements = new Map<IsoDate, IsoDate[]>();
  // Maps, and no lookup at all when empty: 10,000 clients make tens of thousands of ids to look up.
  const done = new Map(Object.entries(state.done));
  const snoozed = new Map(Object.entries(state.snoozed));
  for (const r of reminders) {
    if (done.size > 0 && done.has(r.id)) continue;
    const until = snoozed.size > 0 ? snoozed.get(r.id) : undefined;
    if (until && until > today) continue;
    if (r.date < today) {
      if (r.persists && (r.date >= soonest || OVERDUE_UNTIL_DONE.has(r.kind))) out.overdue.push(r);
    } else if (r.date === today) out.dueToday.push(r);
    else {
      if (r.date <= lastUpcoming) out.upcoming.push(r);
      if (r.date <= lastLead) {
        let days = announcements.get(r.date);
        if (!days) {
          days = announcedOn(r.date, settings.leadDays);
          announcements.set(r.date, days);
        }
        if (days.includes(today)) out.lead.push(r);
      }
    }
  }
  return out;
}

/** The date itself when worked, otherwise the last working day before it. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

/** The days on which a deadline is announced in the digest (one per lead time, on working days). */
export function announcedOn(date: IsoDate, leadDays: readonly number[]): IsoDate[] {
  return [...new Set(leadDays.filter((n) => n > 0).map((n) => previousWorkingDay(addDays(date, -n))))];
}

/** Only the reminders of one collaborator (for a per-collaborator calendar export). */
export function forCollaborator(reminders: readonly Reminder[], collaborateurId: string | null): Reminder[] {
  return collaborateurId === null
    ? [...reminders]
    : reminders.filter((r) => r.collaborateurId === collaborateurId);
}
