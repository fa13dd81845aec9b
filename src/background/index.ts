// Service worker entry. Listeners are registered synchronously at the top level (MV3 requirement:
// a worker woken by an event must find its listener at once); storage migration runs behind
// `store.ready`, which every handler awaits.
import { browser, type Runtime, restrictStorageToTrustedContexts } from "../browser.ts";
import { createHandlers } from "./handlers.ts";
import { createJobRunner } from "./job-runner.ts";
import { createRegisterStore } from "./register-store.ts";
import { route } from "./router.ts";
import { MIGRATIONS } from "./schema.ts";
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
};
const jobs = createJobRunner(
  store,
  register,
  tabs,
  () => new Date(),
  () => crypto.randomUUID(),
);
const openOptions = async (tab: string) => {
  await browser.tabs.create({ url: browser.runtime.getURL(`src/ui/options/index.html#${tab}`) });
};
const handlers = createHandlers(store, register, jobs, () => new Date(), openOptions);
const ctx = { ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL(""), handlers };

// Content scripts must not read or write storage directly: everything goes through messages here.
void restrictStorageToTrustedContexts();

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) =>
  route(raw, sender, ctx),
);

store.ready.catch((error: unknown) =>
  console.error("Tiers Assistant : migration du stockage impossible", error),
);
