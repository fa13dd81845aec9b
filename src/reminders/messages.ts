// Reminders, notifications, badge and the dashboard indicators. Schemas only: the handlers are in
// background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import {
  ClientRecordSchema,
  type IndicatorValues,
  IndicatorValuesSchema,
  ReminderSettingsSchema,
} from "./model/reminder-schema.ts";
import type { ClientRecord, Reminder, ReminderSettings } from "./model/rules.ts";

export interface AgendaView {
  today: string;
  now: string;
  overdue: Reminder[];
  dueToday: Reminder[];
  upcoming: Reminder[];
  /** Counts before the lists were cut to what the popup shows. */
  counts: { overdue: number; dueToday: number; upcoming: number };
  /** For the calendar export's choice (per collaborator or the whole firm). */
  collaborators: { id: string; name: string }[];
}

export interface IndicatorsView {
  latest: (IndicatorValues & { at: string }) | null;
  previous: (IndicatorValues & { at: string }) | null;
  /** The last visit could not read the dashboard: nothing is shown. */
  notUnderstood: { at: string; missing: string[] } | null;
  history: (IndicatorValues & { at: string })[];
}

export const REMINDER_MESSAGES = {
  /** The popup's lists: overdue, today, next 7 days. */
  "reminders/get": message("pages", {}).answers<AgendaView>(),
  "reminders/mark": message("pages", {
    id: z.string().min(1).max(400),
    action: z.enum(["done", "snooze-1j", "snooze-1s", "undo"]),
  }).answers<AgendaView>(),
  /** Upcoming deadlines for a calendar export, for one collaborator or the whole firm (null). */
  "reminders/export": message("pages", {
    collaborateurId: z.string().nullable(),
    days: z.number().int().min(1).max(400),
  }).answers<{ reminders: Reminder[]; firm: string; today: string }>(),
  /** Reads (no `settings`) or saves the reminder settings. */
  "reminders/settings": message("pages", {
    settings: ReminderSettingsSchema.optional(),
  }).answers<ReminderSettings>(),
  "client-record/get": message("pages", { id: z.string().min(1) }).answers<ClientRecord>(),
  "client-record/save": message("pages", {
    id: z.string().min(1),
    record: ClientRecordSchema,
  }).answers<ClientRecord>(),
  /** The content script on the dashboard reports the key indicators it read (or that it could not). */
  "indicators/record": message("content", {
    reading: z.union([
      IndicatorValuesSchema.extend({ understood: z.literal(true) }),
      z.object({ understood: z.literal(false), missing: z.array(z.string().max(100)).max(10) }),
    ]),
  }).answers<{ recorded: boolean }>(),
  "indicators/get": message("pages", {}).answers<IndicatorsView>(),
  /** Test hook: shifts the background's clock (accepted from the extension's own pages only). */
  "clock/set": message("pages", { at: z.iso.datetime({ offset: true }).nullable() }).answers<{
    now: string;
  }>(),
};
export type ReminderMessageType = keyof typeof REMINDER_MESSAGES;
