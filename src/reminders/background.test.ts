// The background's reminder service with a fake browser: alarms in real time under a shifted clock,
// digest and grouped notifications, badge text and colour, done / snooze, the indicators' history,
// and the clock hook refused to anything but our own pages.
import { describe, expect, it } from "vitest";
import { siren } from "../../test/support/ids.ts";
import { memoryArea } from "../../test/support/memory-area.ts";
import type { Runtime } from "../core/browser.ts";
import type { AgendaView } from "../core/messages.ts";
import { MIGRATIONS } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { createRegisterStore } from "../register/store.ts";
import {
  createReminderService,
  createShiftableClock,
  type NotificationContent,
  type ReminderPlatform,
  WAKE_ALARM,
} from "./background.ts";
import { parisInstant } from "./model/calendar.ts";
import { BADGE_COLORS } from "./model/delivery.ts";
import type { ReminderSettings } from "./model/rules.ts";

const ORIGIN = "chrome-extension://abc/";
const own = { id: "abc", url: `${ORIGIN}src/ui/popup/index.html` } as Runtime.MessageSender;
const page = { id: "abc", url: "https://www.urssaf.fr/", tab: { id: 3 } } as unknown as Runtime.MessageSender;
const REAL = Date.parse("2026-11-25T10:00:00Z");

function setup() {
  const mem = memoryArea();
  const session = new Map<string, unknown>();
  const alarms = new Map<string, number>();
  const notes: { id: string; content: NotificationContent }[] = [];
  const opened: string[] = [];
  let badge = { text: "", color: "" };
  const platform: ReminderPlatform = {
    setAlarm: async (name, when) => void alarms.set(name, when),
    ensurePeriodic: async (name) => void alarms.set(name, -1),
    notify: async (id, content) => void notes.push({ id, content }),
    clearNotification: async () => undefined,
    setBadge: async (text, color) => {
      badge = { text, color };
    },
    openTab: async (path) => void opened.push(path),
    session: { get: async (k) => session.get(k), set: async (k, v) => void session.set(k, v) },
  };
  const realNow = () => REAL;
  const clock = createShiftableClock(platform.session, realNow);
  const store = createStore(mem.area, MIGRATIONS, () => new Date(REAL));
  const register = createRegisterStore(
    store,
    () => clock.now(),
    () => "k1",
  );
  const t = (key: string, subs?: string | string[]) =>
    [key, ...(subs === undefined ? [] : [subs].flat())].join("|");
  const service = createReminderService({ store, register, clock, platform, t, ownOrigin: ORIGIN, realNow });
  const send = <T extends keyof typeof service.handlers>(
    message: Parameters<(typeof service.handlers)[T]>[0],
    sender = own,
  ) =>
    (service.handlers[message.type as T] as (m: unknown, s: Runtime.MessageSender) => Promise<unknown>)(
      message,
      sender,
    );
  return { service, register, alarms, notes, opened, badge: () => badge, clock, session, send };
}

const at = (date: string, time: string) => parisInstant(date, time).toISOString();

describe("reminder service", () => {
  it("schedules, notifies and sets the badge for a client due tomorrow, driven by the clock hook", async () => {
    const s = setup();
    await s.register.createClient({
      kind: "employeur",
      siren: siren("52601815"),
      raisonSociale: "SARL Martin",
    });
    // Monday 14 December 2026, 10:00: the DSN of November is due tomorrow at noon.
    await s.send({ type: "clock/set", at: at("2026-12-14", "10:00") });
    const shift = s.clock.offsetMs();
    expect(s.session.get("clock/offsetMs")).toBe(shift);
    // The next wake-up is midnight in Paris (the day changes), set in real time.
    expect(s.alarms.get(WAKE_ALARM)).toBe(parisInstant("2026-12-15", "00:00").getTime() - shift);
    // Today is the last day for an "annule et remplace"; the DSN itself is tomorrow.
    expect(s.badge()).toEqual({ text: "1", color: BADGE_COLORS.today });
    const view = (await s.send({ type: "reminders/get" })) as AgendaView;
    expect(view.dueToday.map((r) => r.kind)).toEqual(["dsn-annule-remplace"]);
    expect(view.upcoming.map((r) => [r.kind, r.date])).toEqual([["dsn-echeance", "2026-12-15"]]);
    expect(view.overdue).toEqual([]);

    await s.send({ type: "clock/set", at: at("2026-12-15", "08:45") });
    const digests = s.notes.filter((n) => n.id.startsWith("ta|digest|"));
    expect(digests).toHaveLength(2); // the 14th's (the cutoff) and the 15th's
    const digest = digests.at(-1);
    expect(digest?.content.title).toBe("notifDigestTitle|1");
    expect(digest?.content.items).toEqual([
      { title: "SARL Martin", message: "reminderKindDsnDue|de novembre 2026|15 décembre 2026" },
    ]);
    expect(digest?.id.endsWith("|client|employeur:526018155")).toBe(true);
    expect(s.badge()).toEqual({ text: "1", color: BADGE_COLORS.today });

    await s.send({ type: "clock/set", at: at("2026-12-16", "09:00") });
    expect(s.badge()).toEqual({ text: "1", color: BADGE_COLORS.overdue });
    // A click on the digest opens the options page on the client.
    await s.service.onNotificationClick(digest?.id ?? "");
    expect(s.opened).toEqual(["src/ui/options/index.html#echeances/employeur%3A526018155"]);

    await s.send({ type: "reminders/mark", id: "dsn:employeur:526018155:2026-11", action: "snooze-1j" });
    expect(s.badge().text).toBe("");
    await s.send({ type: "clock/set", at: at("2026-12-17", "09:00") });
    expect(s.badge()).toEqual({ text: "1", color: BADGE_COLORS.overdue });
    await s.send({ type: "reminders/mark", id: "dsn:employeur:526018155:2026-11", action: "done" });
    expect(s.badge().text).toBe("");
  });

  it("never floods: 50 clients due the same day make one digest, then one grouped notice near noon", async () => {
    const s = setup();
    await s.register.importClients(
      Array.from({ length: 50 }, (_, i) => ({
        id: `employeur:${siren(String(10_000_000 + i))}`,
        kind: "employeur",
        siren: siren(String(10_000_000 + i)),
        siret: null,
        raisonSociale: `Client ${i}`,
        numeroCompte: null,
        nir: null,
        montantDerniereDeclaration: null,
        effectif: 3,
        paieDecalee: false,
        collaborateurId: null,
        tags: [],
        profil: null,
        statut: "inscrit",
        historique: [{ statut: "inscrit", le: "2026-01-01T00:00:00.000Z" }],
        creeLe: "2026-01-01T00:00:00.000Z",
        modifieLe: "2026-01-01T00:00:00.000Z",
      })),
    );
    await s.send({ type: "clock/set", at: at("2026-12-15", "09:00") });
    await s.service.refresh("again");
    await s.send({ type: "clock/set", at: at("2026-12-15", "10:05") });
    await s.service.refresh("again");
    expect(s.notes.map((n) => n.id.split("|")[1])).toEqual(["digest", "due"]);
    expect(s.notes[1]?.content.title).toBe("notifDueTitle|50");
    expect(s.notes[1]?.content.items).toHaveLength(5);
    expect(s.notes[1]?.id.endsWith("|popup")).toBe(true);
  });

  it("keeps the indicators' history, shows nothing after a dashboard not understood, badge by mode", async () => {
    const s = setup();
    await s.send({ type: "clock/set", at: at("2026-12-14", "10:00") });
    const reading = {
      derniereMiseAJour: "14 décembre 2026 à 9h12",
      incidents: 2,
      anomaliesDsn: 7,
      anneeAnomalies: 2026,
      messagesNonLus: 3,
    };
    await s.send({ type: "indicators/record", reading: { understood: true, ...reading } }, page);
    await s.send(
      { type: "indicators/record", reading: { understood: true, ...reading, messagesNonLus: 1 } },
      page,
    );
    const view = (await s.send({ type: "indicators/get" })) as {
      latest: { messagesNonLus: number };
      previous: { messagesNonLus: number };
    };
    expect([view.previous.messagesNonLus, view.latest.messagesNonLus]).toEqual([3, 1]);
    const settings = (await s.send({ type: "reminders/settings" })) as ReminderSettings;
    await s.send({ type: "reminders/settings", settings: { ...settings, badge: "messages" } });
    expect(s.badge()).toEqual({ text: "1", color: BADGE_COLORS.info });
    await s.send(
      { type: "indicators/record", reading: { understood: false, missing: ["message(s) non lu(s)"] } },
      page,
    );
    expect(await s.send({ type: "indicators/get" })).toMatchObject({
      latest: null,
      notUnderstood: { missing: ["message(s) non lu(s)"] },
    });
    expect(s.badge().text).toBe("");
  });

  it("refuses the clock hook from anything but our own pages", async () => {
    const s = setup();
    await expect(s.send({ type: "clock/set", at: at("2030-01-01", "10:00") }, page)).rejects.toThrow(
      /réservée/,
    );
    expect(s.clock.offsetMs()).toBe(0);
  });

  it("records what the rules need for a client of the register only", async () => {
    const s = setup();
    const client = await s.register.createClient({
      kind: "profession-liberale",
      siren: siren("52601815"),
      raisonSociale: "Dr Martin",
      nir: null,
    });
    const record = {
      estimationsRevenu: ["2026-11-20"],
      attestationVigilanceLe: null,
      codeRecuLe: null,
      echeancier: null,
    };
    await s.send({ type: "clock/set", at: at("2026-12-14", "10:00") });
    expect(await s.send({ type: "client-record/save", id: client.id, record })).toEqual(record);
    expect(await s.send({ type: "client-record/get", id: client.id })).toEqual(record);
    const view = (await s.send({ type: "reminders/get" })) as { upcoming: { kind: string; date: string }[] };
    expect(view.upcoming).toContainEqual(
      expect.objectContaining({ kind: "estimation-possible", date: "2026-12-20" }),
    );
    await expect(s.send({ type: "client-record/save", id: "nobody", record })).rejects.toThrow();
  });
});
