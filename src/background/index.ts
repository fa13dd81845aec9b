// Service worker entry. Listeners are registered synchronously at the top level (MV3 requirement:
// a worker woken by an event must find its listener at once); storage migration runs behind
// `store.ready`, which every handler awaits.
import { browser, type Runtime, restrictStorageToTrustedContexts, t } from "../browser.ts";
import { createHandlers } from "./handlers.ts";
import { createJobRunner, JOB_WATCHDOG_ALARM } from "./job-runner.ts";
import { createRegisterStore } from "./register-store.ts";
import { route } from "./router.ts";
import { MIGRATIONS } from "./schema.ts";
import { isUrssafUrl } from "./senders.ts";
import { createStore } from "./store.ts";

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
const handlers = createHandlers(store, register, jobs, () => new Date(), openOptions, t);
const ctx = { ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL(""), handlers };

// Content scripts must not read or write storage directly: everything goes through messages here.
void restrictStorageToTrustedContexts();

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) =>
  route(raw, sender, ctx),
);

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === JOB_WATCHDOG_ALARM) void jobs.watchdog();
});

store.ready.catch((error: unknown) =>
  console.error("Tiers Assistant : migration du stockage impossible", error),
);
