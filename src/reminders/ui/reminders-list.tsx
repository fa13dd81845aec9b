// The popup's deadlines across all clients: overdue, today, the next 7 days, each with done and
// snooze (1 day, 1 week), the suggested action when there is one, and the calendar export.
import { useEffect, useState } from "preact/hooks";
import { browser, t } from "../../core/browser.ts";
import type { AgendaView } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { formatDateFr } from "../model/calendar.ts";
import type { Reminder } from "../model/rules.ts";
import { exportCalendar } from "./ics-export.ts";

const SHOWN = 30;

/** The three lists, in order: their test id, their title's message and their field in the view. */
const SECTIONS = [
  { id: "overdue", title: "reminderOverdue", key: "overdue" },
  { id: "today", title: "reminderToday", key: "dueToday" },
  { id: "upcoming", title: "reminderUpcoming", key: "upcoming" },
] as const;

function Item(props: {
  r: Reminder;
  onMark: (id: string, action: "done" | "snooze-1j" | "snooze-1s") => void;
}) {
  const { r } = props;
  const openClient = () =>
    void browser.tabs.create({
      url: browser.runtime.getURL(
        `src/ui/options/index.html#echeances/${encodeURIComponent(r.clientId ?? "")}`,
      ),
    });
  return (
    <li class="reminder" data-testid="reminder" data-id={r.id} data-kind={r.kind}>
      <div>
        <strong>{r.subject}</strong> <span class="muted small">{formatDateFr(r.date)}</span>
      </div>
      <div title={r.source}>{t(r.textKey, r.params)}</div>
      <div class="actions">
        <button type="button" onClick={() => props.onMark(r.id, "done")}>
          {t("reminderDone")}
        </button>
        <button type="button" onClick={() => props.onMark(r.id, "snooze-1j")}>
          {t("reminderSnoozeDay")}
        </button>
        <button type="button" onClick={() => props.onMark(r.id, "snooze-1s")}>
          {t("reminderSnoozeWeek")}
        </button>
        {r.clientId && (
          <button type="button" onClick={openClient} title={t("reminderOpenClientHint")}>
            {t("reminderOpenClient")}
          </button>
        )}
      </div>
    </li>
  );
}

function Section(props: {
  id: string;
  title: string;
  items: Reminder[];
  total: number;
  onMark: (id: string, action: "done" | "snooze-1j" | "snooze-1s") => void;
}) {
  if (props.total === 0) return null;
  return (
    <section class={`reminders ${props.id}`} data-testid={`reminders-${props.id}`} aria-label={props.title}>
      <h2>
        {props.title} ({props.total})
      </h2>
      <ul>
        {props.items.slice(0, SHOWN).map((r) => (
          <Item key={r.id} r={r} onMark={props.onMark} />
        ))}
      </ul>
      {props.total > SHOWN && <p class="muted small">{t("reminderMore", String(props.total - SHOWN))}</p>}
    </section>
  );
}

export function RemindersList() {
  const [view, setView] = useState<AgendaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [who, setWho] = useState("");
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "reminders/get" }).then(setView, (e: Error) => setError(e.message));
  }, []);
  const mark = (id: string, action: "done" | "snooze-1j" | "snooze-1s") =>
    void send({ type: "reminders/mark", id, action }).then(setView, (e: Error) => setError(e.message));
  const doExport = () => {
    const name = view?.collaborators.find((k) => k.id === who)?.name ?? "";
    exportCalendar(who || null, name).then(
      (n) => setExported(t("icsDone", String(n))),
      (e: Error) => setError(e.message),
    );
  };
  if (error)
    return (
      <p class="warn" role="alert">
        {t("reminderError", error)}
      </p>
    );
  if (!view) return null;
  const empty = SECTIONS.every(({ key }) => view.counts[key] === 0);
  return (
    <div data-testid="reminders" data-today={view.today}>
      {SECTIONS.map(({ id, title, key }) => (
        <Section key={id} id={id} title={t(title)} items={view[key]} total={view.counts[key]} onMark={mark} />
      ))}
      {empty && <p class="muted">{t("reminderNone")}</p>}
      <div class="ics">
        <label>
          {t("icsFor")}{" "}
          <select value={who} onChange={(e) => setWho(e.currentTarget.value)} data-testid="ics-who">
            <option value="">{t("icsWholeFirm")}</option>
            {view.collaborators.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="button" class="link" onClick={doExport} data-testid="ics-export">
          {t("icsExport")}
        </button>
        {exported && (
          <span role="status" class="muted small">
            {" "}
            {exported}
          </span>
        )}
      </div>
    </div>
  );
}
