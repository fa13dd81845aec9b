// The reminders in the service worker: computes them from the register, what the accountant recorded
// and the tracked anomalies; keeps done / snooze marks; sends one morning digest and grouped "due
// today" notifications; sets the toolbar badge; schedules chrome.alarms. Everything is recomputed at
// start-up, on every alarm and after every change of the register or of the reminders' own data, so a
// stopped worker or a browser restart loses nothing (alarms persist, the state is in storage).
//
// Its clock can be shifted for tests ("clock/set", from our own pages only, kept in storage.session):
// the end-to-end tests drive days through it instead of waiting.

import { ANOMALY_TRACKING_KEY } from "../anomalies/model/tracking.ts";
import type { Runtime } from "../core/browser.ts";
import type { HandlersOf } from "../core/message-spec.ts";
import { isClientKey, LOCAL_KEYS, SESSION_KEYS } from "../core/storage/keys.ts";
import type { Store } from "../core/storage/store.ts";
import type { RegisterStore } from "../register/store.ts";
import type { AgendaView, IndicatorsView, REMINDER_MESSAGES } from "./messages.ts";
import { type Agenda, agenda, agendaWindow, forCollaborator } from "./model/agenda.ts";
import { addDays, type IsoDate, parisDateOf } from "./model/calendar.ts";
import { badgeFor, type Digest, NOTIFICATION_ITEMS, planDelivery } from "./model/delivery.ts";
import {
  ClientRecordSchema,
  ClientRecordsSchema,
  DEFAULTS,
  DeliveryStateSchema,
  type IndicatorHistory,
  IndicatorHistorySchema,
  ReminderSettingsSchema,
  ReminderStateSchema,
} from "./model/reminder-schema.ts";
import {
  computeReminders,
  type Reminder,
  type ReminderSettings,
  type TrackedAnomalyDeadline,
} from "./model/rules.ts";
import { markDone, pruneState, snooze, undoReminder } from "./model/state.ts";

export const REMINDER_KEYS = {
  settings: LOCAL_KEYS.reminderSettings,
  records: LOCAL_KEYS.reminderRecords,
  state: LOCAL_KEYS.reminderState,
  delivery: LOCAL_KEYS.reminderDelivery,
  indicators: LOCAL_KEYS.indicatorHistory,
} as const;
/** storage.session key of the test clock's offset (ms); gone when the browser closes. */
export const CLOCK_KEY = SESSION_KEYS.clockOffset;
export const WAKE_ALARM = "reminders/wake";
export const HOURLY_ALARM = "reminders/hourly";
const HISTORY_CAP = 365;
const LIST_CAP = 200;

/** Storage keys whose change means the reminders must be computed again. */
export function affectsReminders(key: string): boolean {
  return (
    isClientKey(key) ||
    key === "collaborators" ||
    key === "settings" ||
    key === "register" ||
    key === REMINDER_KEYS.settings ||
    key === REMINDER_KEYS.records ||
    key === REMINDER_KEYS.state ||
    key === REMINDER_KEYS.indicators ||
    // A DSN anomaly marked "à traiter" or corrected changes its correction reminder.
    key === ANOMALY_TRACKING_KEY
  );
}

export interface NotificationContent {
  title: string;
  message: string;
  items: { title: string; message: string }[];
}

/** The browser side, behind a small interface so the service is tested in Node with fakes. */
export interface ReminderPlatform {
  setAlarm(name: string, when: number): Promise<void>;
  ensurePeriodic(name: string, minutes: number): Promise<void>;
  notify(id: string, content: NotificationContent): Promise<void>;
  clearNotification(id: string): Promise<void>;
  setBadge(text: string, color: string): Promise<void>;
  openTab(path: string): Promise<void>;
  session: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
}

export interface ShiftableClock {
  now(): Date;
  /** Loads the offset kept in storage.session (a worker restarted keeps the shifted time). */
  ready: Promise<void>;
  set(at: Date | null): Promise<void>;
  offsetMs(): number;
}

export function createShiftableClock(
  session: ReminderPlatform["session"],
  real: () => number = Date.now,
): ShiftableClock {
  let offset = 0;
  const ready = session.get(CLOCK_KEY).then(
    (v) => {
      if (typeof v === "number" && Number.isFinite(v)) offset = v;
    },
    () => undefined,
  );
  return {
    now: () => new Date(real() + offset),
    ready,
    offsetMs: () => offset,
    async set(at) {
      await ready;
      offset = at === null ? 0 : at.getTime() - real();
      await session.set(CLOCK_KEY, offset);
    },
  };
}

export type Translate = (key: string, substitutions?: string | string[]) => string;

/** One line of a notification or a list: the client (or collaborator) and what is due. */
export function reminderLine(r: Reminder, t: Translate): { title: string; message: string } {
  return { title: r.subject, message: t(r.textKey, r.params) };
}

export interface ReminderServiceDeps {
  store: Store;
  register: RegisterStore;
  clock: ShiftableClock;
  platform: ReminderPlatform;
  t: Translate;
  /** Our own pages' origin (chrome-extension://<id>/): the only senders allowed to move the clock. */
  ownOrigin: string;
  /**
   * The tracked DSN anomalies' correction deadlines. Built by the anomaly tracking (another feature);
   * until it is wired, no anomaly reminders.
   */
  anomalies?: () => Promise<TrackedAnomalyDeadline[]>;
  /** Real time (alarms are set in real time even when the clock is shifted). */
  realNow?: () => number;
}

export interface ReminderService {
  refresh(reason: string): Promise<void>;
  onAlarm(name: string): Promise<void>;
  onNotificationClick(id: string): Promise<void>;
  handlers: HandlersOf<typeof REMINDER_MESSAGES>;
}

async function read<T>(
  store: Store,
  key: string,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  fallback: T,
): Promise<T> {
  await store.ready;
  const value = (await store.area.get(key))[key];
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as T) : fallback;
}

export function createReminderService(deps: ReminderServiceDeps): ReminderService {
  const { store, register, clock, platform, t } = deps;
  const realNow = deps.realNow ?? Date.now;
  const anomalies = deps.anomalies ?? (async () => []);

  // This service is the only writer of its keys: what it read or wrote stays in memory until the worker
  // stops (no parse of thousands of client records on every computation).
  const cache = new Map<string, unknown>();
  const cached =
    <T>(key: string, load: () => Promise<T>) =>
    async (): Promise<T> => {
      if (cache.has(key)) return cache.get(key) as T;
      const value = await load();
      cache.set(key, value);
      return value;
    };
  const write = async (key: string, value: unknown) => {
    await store.set(key, value);
    cache.set(key, value);
  };
  const settings = cached(REMINDER_KEYS.settings, () =>
    read(store, REMINDER_KEYS.settings, ReminderSettingsSchema, DEFAULTS.settings),
  );
  const records = cached(REMINDER_KEYS.records, () =>
    read(store, REMINDER_KEYS.records, ClientRecordsSchema, DEFAULTS.records),
  );
  const state = cached(REMINDER_KEYS.state, () =>
    read(store, REMINDER_KEYS.state, ReminderStateSchema, DEFAULTS.state),
  );
  const delivery = cached(REMINDER_KEYS.delivery, () =>
    read(store, REMINDER_KEYS.delivery, DeliveryStateSchema, DEFAULTS.delivery),
  );
  const indicators = cached(REMINDER_KEYS.indicators, () =>
    read(store, REMINDER_KEYS.indicators, IndicatorHistorySchema, DEFAULTS.indicators),
  );

  async function compute(windowOf: (today: IsoDate, s: ReminderSettings) => { from: IsoDate; to: IsoDate }) {
    await clock.ready;
    const now = clock.now();
    const today = parisDateOf(now);
    const [snapshot, s, recs, st, anomalyList] = await Promise.all([
      register.snapshot(),
      settings(),
      records(),
      state(),
      anomalies().catch(() => []),
    ]);
    const reminders = computeReminders(
      {
        clients: snapshot.clients,
        collaborators: snapshot.collaborators,
        records: recs,
        anomalies: anomalyList,
        settings: s,
      },
      windowOf(today, s),
    );
    const collaborators = snapshot.collaborators.map((k) => ({ id: k.id, name: `${k.prenom} ${k.nom}` }));
    return { now, today, settings: s, state: st, reminders, firm: snapshot.settings.nom, collaborators };
  }

  const toView = (a: Agenda, now: Date, collaborators: AgendaView["collaborators"]): AgendaView => ({
    collaborators,
    today: a.today,
    now: now.toISOString(),
    overdue: a.overdue.slice(0, LIST_CAP),
    dueToday: a.dueToday.slice(0, LIST_CAP),
    upcoming: a.upcoming.slice(0, LIST_CAP),
    counts: { overdue: a.overdue.length, dueToday: a.dueToday.length, upcoming: a.upcoming.length },
  });

  function digestContent(d: Digest): NotificationContent {
    return {
      title: t("notifDigestTitle", String(d.dueToday + d.overdue)),
      message: t("notifDigestBody", [String(d.overdue), String(d.dueToday), String(d.lead)]),
      items: d.items.map((r) => reminderLine(r, t)),
    };
  }

  function immediateContent(items: readonly Reminder[]): NotificationContent {
    return {
      title: t("notifDueTitle", String(items.length)),
      message:
        items.length === 1
          ? t(items[0]?.textKey ?? "", items[0]?.params ?? [])
          : t("notifDueMore", String(items.length)),
      items: items.slice(0, NOTIFICATION_ITEMS).map((r) => reminderLine(r, t)),
    };
  }

  /** Notification ids say where a click goes: the popup page, or the options page on one client. */
  function notificationId(kind: "digest" | "due", items: readonly Reminder[], now: Date): string {
    const clients = new Set(items.map((r) => r.clientId));
    const only = clients.size === 1 ? items[0]?.clientId : null;
    const collaborator = items.length === 1 && items[0]?.kind === "activation-collaborateur";
    const target = only ? `client|${only}` : collaborator ? "collaborateurs" : "popup";
    return `ta|${kind}|${now.getTime()}|${target}`;
  }

  let running: Promise<void> | null = null;
  let again = false;

  async function refreshOnce(): Promise<void> {
    const { now, today, settings: s, state: st, reminders } = await compute(agendaWindow);
    const a = agenda(reminders, st, today, s);
    const plan = planDelivery(a, await delivery(), now, s);
    if (plan.digest)
      await platform.notify(notificationId("digest", plan.digest.items, now), digestContent(plan.digest));
    if (plan.immediate)
      await platform.notify(notificationId("due", plan.immediate, now), immediateContent(plan.immediate));
    if (plan.changed) await write(REMINDER_KEYS.delivery, plan.state);
    const ind = await indicators();
    const latest = ind.lastVisit?.understood ? (ind.readings.at(-1) ?? null) : null;
    const badge = badgeFor(a, s.badge, latest);
    await platform.setBadge(badge.text, badge.color);
    // Alarms run in real time: the wake-up instant of the (maybe shifted) clock, moved by the offset.
    const when = plan.wakeAt.getTime() - clock.offsetMs();
    await platform.setAlarm(WAKE_ALARM, Math.max(when, realNow() + 1_000));
    await platform.ensurePeriodic(HOURLY_ALARM, 60);
  }

  /** Coalesces: a change during a computation triggers exactly one more. */
  function refresh(_reason: string): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          try {
            await refreshOnce();
          } catch (error) {
            // A failed notification or badge must not fail the user's action that triggered it.
            console.error("Tiers Assistant : échéances non recalculées", error);
          }
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function agendaView(): Promise<AgendaView> {
    const { now, today, settings: s, state: st, reminders, collaborators } = await compute(agendaWindow);
    return toView(agenda(reminders, st, today, s), now, collaborators);
  }

  async function indicatorsView(): Promise<IndicatorsView> {
    const h = await indicators();
    if (h.lastVisit && !h.lastVisit.understood)
      return {
        latest: null,
        previous: null,
        notUnderstood: { at: h.lastVisit.at, missing: h.lastVisit.missing },
        history: [],
      };
    return {
      latest: h.readings.at(-1) ?? null,
      previous: h.readings.at(-2) ?? null,
      notUnderstood: null,
      history: h.readings.slice(-30),
    };
  }

  const isOwnPage = (sender: Runtime.MessageSender) =>
    typeof sender.url === "string" && sender.url.startsWith(deps.ownOrigin);

  return {
    refresh,
    async onAlarm(name) {
      if (name === WAKE_ALARM || name === HOURLY_ALARM) await refresh(`alarme ${name}`);
    },
    async onNotificationClick(id) {
      const [, , , target, clientId] = id.split("|");
      await platform.clearNotification(id);
      if (target === "client" && clientId)
        await platform.openTab(`src/ui/options/index.html#echeances/${encodeURIComponent(clientId)}`);
      else if (target === "collaborateurs")
        await platform.openTab("src/ui/options/index.html#collaborateurs");
      else await platform.openTab("src/ui/popup/index.html?onglet=1");
    },
    handlers: {
      "reminders/get": () => agendaView(),
      async "reminders/mark"(m) {
        await clock.ready;
        const today = parisDateOf(clock.now());
        const next = await store.update(REMINDER_KEYS.state, ReminderStateSchema.optional(), (current) => {
          const st = pruneState(current ?? DEFAULTS.state, today);
          if (m.action === "done") return markDone(st, m.id, today);
          if (m.action === "undo") return undoReminder(st, m.id);
          return snooze(st, m.id, m.action === "snooze-1j" ? "1j" : "1s", today);
        });
        cache.set(REMINDER_KEYS.state, next);
        await refresh("marque");
        return agendaView();
      },
      async "reminders/export"(m) {
        const {
          today,
          state: st,
          reminders,
          firm,
        } = await compute((day) => ({ from: day, to: addDays(day, m.days) }));
        const open = reminders.filter((r) => !st.done[r.id]);
        return { reminders: forCollaborator(open, m.collaborateurId), firm, today };
      },
      async "reminders/settings"(m) {
        if (m.settings) {
          await write(REMINDER_KEYS.settings, ReminderSettingsSchema.parse(m.settings));
          await refresh("réglages");
        }
        return settings();
      },
      async "client-record/get"(m) {
        return (await records())[m.id] ?? DEFAULTS.record;
      },
      async "client-record/save"(m) {
        const record = ClientRecordSchema.parse(m.record);
        await register.getClient(m.id); // refuses a client that is no longer in the register
        const next = await store.update(REMINDER_KEYS.records, ClientRecordsSchema.optional(), (all) => ({
          ...(all ?? {}),
          [m.id]: record,
        }));
        cache.set(REMINDER_KEYS.records, next);
        await refresh("dossier client");
        return record;
      },
      async "indicators/record"(m) {
        await clock.ready;
        const at = clock.now().toISOString();
        const history = await store.update(
          REMINDER_KEYS.indicators,
          IndicatorHistorySchema.optional(),
          (current): IndicatorHistory => {
            const h = current ?? DEFAULTS.indicators;
            if (!m.reading.understood)
              return { ...h, lastVisit: { at, understood: false, missing: m.reading.missing } };
            const { understood: _, ...values } = m.reading;
            return {
              readings: [...h.readings, { ...values, at }].slice(-HISTORY_CAP),
              lastVisit: { at, understood: true, missing: [] },
            };
          },
        );
        cache.set(REMINDER_KEYS.indicators, history);
        await refresh("indicateurs");
        return { recorded: m.reading.understood };
      },
      "indicators/get": () => indicatorsView(),
      async "clock/set"(m, sender) {
        if (!isOwnPage(sender)) throw new Error("Horloge de test : réservée aux pages de l'extension.");
        await clock.set(m.at === null ? null : new Date(m.at));
        await refresh("horloge");
        return { now: clock.now().toISOString() };
      },
    },
  };
}

/** Only the digest and due notifications' ids come from here (a click on another id is not ours). */
export const isReminderNotification = (id: string) => id.startsWith("ta|");
