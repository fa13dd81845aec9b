// Delivery of the reminders: the toolbar badge, one morning digest and grouped "due today"
// notifications (never a flood). Pure: the background sends, sets and stores what this plans.

import type { Agenda } from "./agenda.ts";
import { addDays, type IsoDate, isWorkingDay, parisInstant } from "./calendar.ts";
import type { BadgeMode, Reminder, ReminderSettings } from "./rules.ts";

export interface Badge {
  text: string;
  /** CSS colour. */
  color: string;
  tone: "overdue" | "today" | "info" | "none";
}

export const BADGE_COLORS = {
  overdue: "#b00020",
  today: "#b34700",
  info: "#00539b",
  none: "#00539b",
} as const;

const badgeText = (n: number) => (n <= 0 ? "" : n > 999 ? "999+" : String(n));

/**
 * The toolbar badge: by default the number of items due today or overdue (red when any is overdue,
 * orange when all are for today); or, as set, the unread messages or the DSN anomalies of the last
 * dashboard reading — nothing when that reading was not understood.
 */
export function badgeFor(
  a: Pick<Agenda, "overdue" | "dueToday">,
  mode: BadgeMode,
  indicators: { messagesNonLus: number; anomaliesDsn: number } | null,
): Badge {
  if (mode === "echeances") {
    const n = a.overdue.length + a.dueToday.length;
    const tone = a.overdue.length > 0 ? "overdue" : n > 0 ? "today" : "none";
    return { text: badgeText(n), color: BADGE_COLORS[tone], tone };
  }
  if (!indicators) return { text: "", color: BADGE_COLORS.none, tone: "none" };
  const n = mode === "messages" ? indicators.messagesNonLus : indicators.anomaliesDsn;
  return { text: badgeText(n), color: BADGE_COLORS.info, tone: n > 0 ? "info" : "none" };
}

// Notifications: one morning digest, grouped "due today" ones ---------------------------------------

export interface DeliveryState {
  /** The day whose digest was sent. */
  digestOn: IsoDate | null;
  /** The day `notified` is about (reset each day). */
  day: IsoDate | null;
  /** Today's items already announced: "digest" (in the digest or a grouped notice), "due" (near their time). */
  notified: Record<string, "digest" | "due">;
}

export const EMPTY_DELIVERY: DeliveryState = { digestOn: null, day: null, notified: {} };

export interface Digest {
  day: IsoDate;
  overdue: number;
  dueToday: number;
  lead: number;
  /** What the notification lists (due today first, then overdue, then announced), at most a few. */
  items: Reminder[];
}

export interface DeliveryPlan {
  digest: Digest | null;
  /** One grouped notification for today's items not yet announced, or near their time. */
  immediate: Reminder[] | null;
  state: DeliveryState;
  /** False when `state` is the previous one unchanged (nothing to write). */
  changed: boolean;
  /** When to look again (the next digest, the next timed item, or the next midnight). */
  wakeAt: Date;
}

export const NOTIFICATION_ITEMS = 5;

/**
 * What to notify at `now`: the morning digest once a day (at or after the digest time), then at most
 * one grouped notification per call for today's items that the digest did not announce (added later)
 * or whose time comes near (a DSN due at noon, an activation). Pure: the caller sends and stores.
 */
export function planDelivery(
  a: Agenda,
  previous: DeliveryState,
  now: Date,
  settings: ReminderSettings,
): DeliveryPlan {
  const today = a.today;
  const notified: Record<string, "digest" | "due"> = previous.day === today ? { ...previous.notified } : {};
  const digestAt = parisInstant(today, settings.digestTime);
  const warnMs = settings.dueWarnMinutes * 60_000;
  let digest: Digest | null = null;
  let digestOn = previous.digestOn;

  // The digest is for working days: on a weekend or a holiday nothing is announced (the lead-time
  // announcements were brought forward to the working day before).
  if (settings.notifications && now >= digestAt && digestOn !== today && isWorkingDay(today)) {
    digestOn = today;
    const total = a.overdue.length + a.dueToday.length + a.lead.length;
    if (total > 0)
      digest = {
        day: today,
        overdue: a.overdue.length,
        dueToday: a.dueToday.length,
        lead: a.lead.length,
        items: [...a.dueToday, ...a.overdue, ...a.lead].slice(0, NOTIFICATION_ITEMS),
      };
    for (const r of a.dueToday) notified[r.id] = "digest";
  }

  let immediate: Reminder[] | null = null;
  if (settings.notifications) {
    const group = a.dueToday.filter((r) => {
      const stage = notified[r.id];
      const near = r.at !== null && now.getTime() >= Date.parse(r.at) - warnMs;
      // Added after today's digest, or its time comes near (also on a day without digest).
      return (stage === undefined && digestOn === today) || (near && stage !== "due");
    });
    if (group.length > 0) {
      immediate = group;
      for (const r of group)
        notified[r.id] = r.at !== null && now.getTime() >= Date.parse(r.at) - warnMs ? "due" : "digest";
    }
  }

  // Next wake-up: the digest (today's if still ahead, else tomorrow's), a timed item's warning, midnight.
  const candidates = [
    now < digestAt ? digestAt : parisInstant(addDays(today, 1), settings.digestTime),
    parisInstant(addDays(today, 1), "00:00"),
  ];
  for (const r of [...a.dueToday, ...a.upcoming]) {
    if (r.at === null) continue;
    const warn = Date.parse(r.at) - warnMs;
    if (warn > now.getTime()) candidates.push(new Date(warn));
  }
  const wakeAt = new Date(Math.min(...candidates.map((d) => d.getTime())));
  const changed =
    digestOn !== previous.digestOn ||
    today !== previous.day ||
    Object.keys(notified).length !== Object.keys(previous.notified).length ||
    immediate !== null;
  return { digest, immediate, state: { digestOn, day: today, notified }, changed, wakeAt };
}
