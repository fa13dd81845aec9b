// The browser side of the reminders: chrome.alarms, notifications, the toolbar badge, tabs and
// storage.session, through the polyfilled `browser` object.
import { browser } from "../core/browser.ts";
import type { ReminderPlatform } from "./background.ts";

export function browserPlatform(): ReminderPlatform {
  return {
    async setAlarm(name, when) {
      await browser.alarms.create(name, { when });
    },
    async ensurePeriodic(name, minutes) {
      const existing = await browser.alarms.get(name);
      if (!existing || existing.periodInMinutes !== minutes)
        await browser.alarms.create(name, { periodInMinutes: minutes, delayInMinutes: minutes });
    },
    async notify(id, content) {
      await browser.notifications.create(id, {
        type: content.items.length > 1 ? "list" : "basic",
        iconUrl: browser.runtime.getURL("icons/icon-128.png"),
        title: content.title,
        message: content.message,
        ...(content.items.length > 1 ? { items: content.items } : {}),
        priority: 1,
      });
    },
    async clearNotification(id) {
      await browser.notifications.clear(id);
    },
    async setBadge(text, color) {
      await browser.action.setBadgeText({ text });
      await browser.action.setBadgeBackgroundColor({ color });
    },
    async openTab(path) {
      await browser.tabs.create({ url: browser.runtime.getURL(path) });
    },
    session: {
      async get(key) {
        return (await browser.storage.session.get(key))[key];
      },
      async set(key, value) {
        await browser.storage.session.set({ [key]: value });
      },
    },
  };
}
