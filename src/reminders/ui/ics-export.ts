// The calendar export (popup and options page): upcoming deadlines from the background, turned into an
// ICS file (src/reminders/model/ics.ts) with the same French texts as the lists, saved as a download.
import { t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import { stripAccents } from "../../core/text.ts";
import { downloadBlob } from "../../ui/common/download.ts";
import { buildIcs, type IcsEvent } from "../model/ics.ts";
import type { Reminder } from "../model/rules.ts";

/** How far ahead the export goes. */
export const ICS_DAYS = 92;

export function reminderEvent(r: Reminder): IcsEvent {
  const text = t(r.textKey, r.params);
  return {
    uid: `${r.id}@tiers-assistant`,
    summary: r.subject ? `${r.subject} — ${text}` : text,
    description: t("icsDescription", [text, r.source]),
    date: r.date,
    ...(r.at ? { end: new Date(r.at), minutes: 30, alarmMinutesBefore: 120 } : {}),
    categories: [t("icsCategory")],
  };
}

/** Exports the firm's (null) or one collaborator's upcoming deadlines; returns how many. */
export async function exportCalendar(collaborateurId: string | null, who: string): Promise<number> {
  const { reminders, firm, today } = await send({
    type: "reminders/export",
    collaborateurId,
    days: ICS_DAYS,
  });
  const name = collaborateurId === null ? firm || t("icsFirm") : who;
  const text = buildIcs(reminders.map(reminderEvent), {
    calendarName: t("icsCalendarName", name),
    now: new Date(),
  });
  const slug = stripAccents(name)
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  downloadBlob(
    new Blob([text], { type: "text/calendar;charset=utf-8" }),
    `echeances-${slug || "cabinet"}-${today}.ics`,
  );
  return reminders.length;
}
