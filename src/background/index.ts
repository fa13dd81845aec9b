// Service worker entry. Listeners are registered synchronously at the top level (MV3 requirement:
// a worker woken by an event must find its listener at once); storage migration runs behind
// `store.ready`, which every handler awaits.

import { openAnomalies } from "../anomalies/background.ts";
import diagnosticsScript from "../content/diagnostics.ts?iife";
import contentScript from "../content/main.ts?iife";
import featuresScript from "../content/page-features.ts?iife";
import { CONTENT_TEXT_KEYS } from "../content/texts.ts";
import {
  browser,
  type Runtime,
  readOwnCatalog,
  restrictStorageToTrustedContexts,
  t,
  workerMessages,
} from "../core/browser.ts";
import { createContentInjection, URSSAF_TABS } from "../core/content-injection.ts";
import { pickTexts } from "../core/i18n-catalog.ts";
import { createWelcome } from "../core/install.ts";
import { route } from "../core/router.ts";
import { isUrssafUrl } from "../core/senders.ts";
import { JOB_KEY, MIGRATIONS } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { createJobRunner, JOB_WATCHDOG_ALARM } from "../portfolio/job-runner.ts";
import { createRegisterStore } from "../register/store.ts";
import {
  affectsReminders,
  createReminderService,
  createShiftableClock,
  isReminderNotification,
} from "../reminders/background.ts";
import { browserPlatform } from "../reminders/platform.ts";
import { createRefreshPacer } from "../reminders/refresh-pacer.ts";
import { createHandlers } from "./handlers.ts";

const store = createStore(browser.storage.local, MIGRATIONS, () => new Date());
const register = createRegisterStore(
  store,
  () => new Date(),
  () => crypto.randomUUID(),
);
const tabs = {
  exists: (tabId: number) =>
    browser.tabs.get(tabId).then(
      () => true,
      () => false,
    ),
  poke: async (tabId: number) => {
    await browser.tabs.sendMessage(tabId, { type: "job/poke" });
  },
  navigate: async (tabId: number, url: string | null) => {
    // Only the site's own addresses (learnt from its pages) are loaded; otherwise the tab is reloaded.
    if (url && isUrssafUrl(url)) await browser.tabs.update(tabId, { url });
    else await browser.tabs.reload(tabId);
  },
};
const watchdogAlarm = {
  set: (when: number) => void browser.alarms.create(JOB_WATCHDOG_ALARM, { when }),
  clear: () => void browser.alarms.clear(JOB_WATCHDOG_ALARM),
};
const jobs = createJobRunner(
  store,
  register,
  tabs,
  () => new Date(),
  () => crypto.randomUUID(),
  watchdogAlarm,
);
const openOptions = async (tab: string) => {
  await browser.tabs.create({ url: browser.runtime.getURL(`src/ui/options/index.html#${tab}`) });
};
// Reminders, notifications and badge (their clock can be shifted by our own pages, for tests).
const platform = browserPlatform();
const reminders = createReminderService({
  store,
  register,
  clock: createShiftableClock(platform.session),
  platform,
  t,
  ownOrigin: browser.runtime.getURL(""),
  // The tracked DSN anomalies (Suivi DSN panel): their correction deadlines become reminders.
  anomalies: async () =>
    (await openAnomalies(store, register, () => new Date())).map(
      ({ siren, siret, period, reference, deadline }) => ({
        siren,
        siret,
        period,
        reference,
        deadline,
      }),
    ),
});
// Welcome on a first install, « Nouveautés » after an update (src/core/install.ts).
const welcome = createWelcome(store, openOptions, browser.runtime.getManifest().version);
const injectFile = async (tabId: number, frameId: number, file: string) => {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
};
// The content script's texts only (src/content/texts.ts); readOwnCatalog reads the files once.
const contentTexts = async () => pickTexts(await readOwnCatalog(), CONTENT_TEXT_KEYS);
const handlers = {
  ...createHandlers(store, register, jobs, () => new Date(), openOptions, t, contentTexts, {
    features: (tabId, frameId) => injectFile(tabId, frameId, featuresScript),
    diagnostics: (tabId, frameId) => injectFile(tabId, frameId, diagnosticsScript),
  }),
  ...reminders.handlers,
  ...welcome.handlers,
};
const ctx = { ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL(""), handlers };

// Content scripts must not read or write storage directly: everything goes through messages here.
void restrictStorageToTrustedContexts();
// Notifications and the handlers' errors use t(), which is ready once our texts are read (browser.ts).
const texts = workerMessages().catch((error: unknown) =>
  console.error("Tiers Assistant : textes de l'extension illisibles", error),
);

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) =>
  texts.then(() => route(raw, sender, ctx)),
);

// The content script, injected into each Urssaf page after its load (src/core/content-injection.ts).
const injection = createContentInjection({
  inject: async (tabId) => {
    await browser.scripting.executeScript({ target: { tabId }, files: [contentScript] });
  },
  urlOf: (tabId) =>
    browser.tabs.get(tabId).then(
      (tab) => tab.url,
      () => undefined,
    ),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
});
browser.tabs.onUpdated.addListener((tabId, change, tab) => injection.onUpdated(tabId, change, tab));
browser.tabs.onRemoved.addListener((tabId) => injection.onRemoved(tabId));
browser.runtime.onInstalled.addListener((details) => {
  void welcome.onInstalled(details);
  void browser.tabs
    .query({ url: URSSAF_TABS })
    .then((tabs) => injection.onInstalled(details.reason, tabs))
    .catch((error: unknown) => console.debug("Tiers Assistant : onglets ouverts non servis", error));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === JOB_WATCHDOG_ALARM) void jobs.watchdog();
  else void texts.then(() => reminders.onAlarm(alarm.name));
});
browser.notifications.onClicked.addListener((id) => {
  if (isReminderNotification(id)) void reminders.onNotificationClick(id);
});
// After every change of the register (options page, import, a bulk job) or of the reminders' data,
// paced: one computation after a burst, and only every 30 s while a bulk job runs (refresh-pacer.ts).
const pacer = createRefreshPacer(() => void texts.then(() => reminders.refresh("stockage")));
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  const job = changes[JOB_KEY];
  if (job) pacer.jobRunning((job.newValue as { status?: unknown } | undefined)?.status === "running");
  if (Object.keys(changes).some(affectsReminders)) pacer.changed();
});
// At every start of the worker (browser start, install, an event that woke it): badge and alarms again.
void Promise.all([store.ready, texts])
  .then(() => reminders.refresh("démarrage"))
  .catch((error: unknown) => console.error("Tiers Assistant : calcul des échéances impossible", error));

store.ready.catch((error: unknown) =>
  console.error("Tiers Assistant : migration du stockage impossible", error),
);
