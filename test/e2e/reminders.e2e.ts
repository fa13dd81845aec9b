// Reminders in real Chromium, time driven through the background's own clock hook (never by waiting):
// a client whose DSN is due tomorrow → alarm, then the morning digest notification and the badge
// (text and colour) as the days pass; the service worker stopped → alarms still there and the badge
// set again by the new worker; snooze from the popup; the dashboard's indicators read in layouts A
// and B and shown in the popup with the change since the previous visit; the ICS export parsed back.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import type { Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisInstant } from "../../src/reminders/model/calendar.ts";
import { login, openExtensionPage, openSession, type Session, stopServiceWorkers } from "./support.ts";

let session: Session;
let options: Page;
const id = () => session.browser.extensionId ?? "";
const CLIENT = "employeur:526018155";

beforeAll(async () => {
  session = await openSession();
  options = await openExtensionPage(session.browser.context, id(), "src/ui/options/index.html");
});
afterAll(async () => session?.close());

/** Sends a message to the background from our options page (an extension page, as the hook requires). */
async function message<T = unknown>(m: unknown): Promise<T> {
  const reply = (await options.evaluate((msg) => chrome.runtime.sendMessage(msg), m)) as {
    ok: boolean;
    data?: T;
    error?: string;
  };
  if (!reply.ok) throw new Error(reply.error);
  return reply.data as T;
}

const setClock = (date: string, time: string) =>
  message<{ now: string }>({ type: "clock/set", at: parisInstant(date, time).toISOString() });

async function worker(): Promise<Worker> {
  return session.browser.serviceWorker();
}

async function badge(): Promise<{ text: string; color: number[] }> {
  const sw = await worker();
  return sw.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: [...(await chrome.action.getBadgeBackgroundColor({}))],
  }));
}

const ORANGE = [0xb3, 0x47, 0x00, 255];
const RED = [0xb0, 0x00, 0x20, 255];

describe("reminders, notifications and badge", () => {
  it("schedules an alarm for a client whose DSN is due tomorrow, then notifies and counts it", async () => {
    await message({
      type: "client/create",
      client: {
        kind: "employeur",
        siren: "526018155",
        raisonSociale: "SARL Boulangerie Martin",
        effectif: 8,
      },
    });
    // Monday 14 December 2026, 10:00 in Paris: the DSN of November is due tomorrow at noon.
    await setClock("2026-12-14", "10:00");
    const sw = await worker();
    const offset = await sw.evaluate(
      async () => (await chrome.storage.session.get("clock/offsetMs"))["clock/offsetMs"],
    );
    expect(typeof offset).toBe("number");
    const alarms = await sw.evaluate(() => chrome.alarms.getAll());
    const wake = alarms.find((a) => a.name === "reminders/wake");
    // Next wake-up: midnight in Paris (the day changes), in real time.
    expect(wake?.scheduledTime).toBeCloseTo(
      parisInstant("2026-12-15", "00:00").getTime() - (offset as number),
      -4,
    );
    expect(alarms.map((a) => a.name)).toContain("reminders/hourly");
    // Today is the last day for an "annule et remplace" of that DSN: one item due today, orange.
    expect(await badge()).toEqual({ text: "1", color: ORANGE });

    await setClock("2026-12-15", "08:45");
    const notes = await sw.evaluate(() => chrome.notifications.getAll());
    const digests = Object.keys(notes).filter((n) => n.startsWith("ta|digest|"));
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.at(-1)).toMatch(/\|client\|employeur:526018155$/);
    expect(await badge()).toEqual({ text: "1", color: ORANGE });

    const popup = await openExtensionPage(session.browser.context, id(), "src/ui/popup/index.html");
    const today = popup.getByTestId("reminders-today");
    await today.waitFor();
    expect(await today.innerText()).toContain("SARL Boulangerie Martin");
    expect(await today.innerText()).toContain(
      "DSN de novembre 2026 à déposer avant midi le 15 décembre 2026",
    );
    await popup.close();

    await setClock("2026-12-16", "09:00");
    expect(await badge()).toEqual({ text: "1", color: RED });
  });

  it("keeps the alarms when the service worker is stopped, and the new worker sets the badge again", async () => {
    const before = await (await worker()).evaluate(async () => {
      Object.assign(globalThis, { __sameInstance: true });
      await chrome.action.setBadgeText({ text: "" });
      return (await chrome.alarms.getAll()).map((a) => a.name).sort();
    });
    await stopServiceWorkers(session.browser.context, id());
    // Our options page's next message wakes a new worker, which recomputes at start-up.
    await message({ type: "status/get" });
    await expect.poll(async () => (await badge()).text, { timeout: 10_000 }).toBe("1");
    expect(await badge()).toEqual({ text: "1", color: RED });
    const current = session.browser.context
      .serviceWorkers()
      .find((w) => w.url().startsWith("chrome-extension://"));
    expect(await current?.evaluate(() => "__sameInstance" in globalThis)).toBe(false);
    const after = await (await worker()).evaluate(async () =>
      (await chrome.alarms.getAll()).map((a) => a.name).sort(),
    );
    expect(after).toEqual(before);
    expect(after).toEqual(["reminders/hourly", "reminders/wake"]);
  });

  it("snoozes an overdue item from the popup for a day", async () => {
    const popup = await openExtensionPage(session.browser.context, id(), "src/ui/popup/index.html");
    const item = popup.locator(`[data-testid="reminders-overdue"] [data-id="dsn:${CLIENT}:2026-11"]`);
    await item.getByRole("button", { name: "Dans 1 jour" }).click();
    await item.waitFor({ state: "detached" });
    expect((await badge()).text).toBe("");
    await setClock("2026-12-17", "09:00");
    expect(await badge()).toEqual({ text: "1", color: RED });
    await popup.close();
  });

  it("records an attestation de vigilance in the options page, opened on the client as a notification does", async () => {
    const page = await openExtensionPage(
      session.browser.context,
      id(),
      `src/ui/options/index.html#echeances/${encodeURIComponent(CLIENT)}`,
    );
    const form = page.getByTestId("client-record");
    await form.waitFor();
    expect(await form.getAttribute("data-client")).toBe(CLIENT);
    await page.getByLabel("Attestation de vigilance émise le").fill("2026-06-20");
    await page.getByTestId("rem-record-save").click();
    await page.getByText("Noté pour SARL Boulangerie Martin.").waitFor();
    const view = await message<{ upcoming: { kind: string; date: string; clientId: string }[] }>({
      type: "reminders/get",
    });
    expect(view.upcoming).toContainEqual(
      expect.objectContaining({ kind: "vigilance-expiree", date: "2026-12-20", clientId: CLIENT }),
    );
    await page.close();
  });

  it("exports the upcoming deadlines as an ICS file that a real parser reads back", async () => {
    const popup = await openExtensionPage(session.browser.context, id(), "src/ui/popup/index.html");
    await popup.getByTestId("ics-export").waitFor();
    const [download] = await Promise.all([
      popup.waitForEvent("download"),
      popup.getByTestId("ics-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^echeances-.*-2026-12-17\.ics$/);
    const text = readFileSync(await download.path(), "utf8");
    expect(text).toContain("\r\n");
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
    const events = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const dsn = events.find((e) => e.uid === `dsn:${CLIENT}:2026-12@tiers-assistant`);
    expect(dsn?.summary).toBe(
      "SARL Boulangerie Martin — DSN de décembre 2026 à déposer avant midi le 15 janvier 2027",
    );
    expect(dsn?.endDate.toJSDate().toISOString()).toBe("2027-01-15T11:00:00.000Z");
    const cutoff = events.find((e) => e.uid === `ar:${CLIENT}:2026-12@tiers-assistant`);
    expect(cutoff?.startDate.isDate).toBe(true);
    expect(cutoff?.startDate.toString()).toBe("2027-01-14");
    await popup.close();
  });
});

describe("the dashboard's key indicators", () => {
  async function popupIndicators() {
    const popup = await openExtensionPage(session.browser.context, id(), "src/ui/popup/index.html");
    const section = popup.getByTestId("indicators");
    await section.waitFor();
    const read = async (field: string) => ({
      value: (await popup.getByTestId(`indicator-${field}`).locator(".value").innerText()).trim(),
      change: (await popup.getByTestId(`indicator-${field}-change`).innerText()).trim(),
    });
    const result = {
      state: await section.getAttribute("data-state"),
      incidents: await read("incidents"),
      anomalies: await read("anomaliesDsn"),
      unread: await read("messagesNonLus"),
    };
    await popup.close();
    return result;
  }

  async function waitForReading(count: number) {
    await expect
      .poll(async () => (await message<{ history: unknown[] }>({ type: "indicators/get" })).history.length, {
        timeout: 10_000,
      })
      .toBe(count);
  }

  it("reads them on the dashboard in layout A and shows them in the popup", async () => {
    const page = await session.browser.context.newPage();
    await login(page, session.demo);
    await waitForReading(1);
    const ind = session.demo.state.indicators;
    const shown = await popupIndicators();
    expect(shown.state).toBe("ok");
    expect([shown.incidents.value, shown.anomalies.value, shown.unread.value]).toEqual([
      String(ind.incidents),
      String(ind.anomalies),
      String(ind.unread),
    ]);
    expect(shown.unread.change).toBe("");
    await page.close();
  });

  it("reads them again in layout B and shows the change since the previous visit", async () => {
    const ind = session.demo.state.indicators;
    expect(ind.unread).toBeGreaterThan(0);
    const page = await session.browser.context.newPage();
    const unread = session.demo.state.messages.find((m) => !m.read);
    await page.goto(session.demo.url("dcl.urssaf.fr", `/messagerie/${unread?.id}`));
    session.demo.faults.set({ variant: "B" });
    await page.goto(session.demo.url("tdbec.urssaf.fr", "/tableau-de-bord"));
    await waitForReading(2);
    const shown = await popupIndicators();
    expect(shown.unread).toEqual({ value: String(ind.unread - 1), change: "−1" });
    expect(shown.incidents).toEqual({ value: String(ind.incidents), change: "=" });
    expect(shown.anomalies.value).toBe(String(ind.anomalies));
    session.demo.faults.clear();
    await page.close();
  });
});
