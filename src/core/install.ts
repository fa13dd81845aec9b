// The background's side of the welcome (src/core/welcome.ts): runtime.onInstalled opens the options
// page's welcome on a first install and keeps a « Nouveautés » note for an update; three messages
// let the options page read that state, skip a step, and mark the note seen.
import type { Runtime } from "./browser.ts";
import type { Handlers } from "./router.ts";
import type { Store } from "./storage/store.ts";
import { onInstall, type WelcomeState } from "./welcome.ts";
import { WELCOME_KEY, WelcomeSchema } from "./welcome-schema.ts";

export function createWelcome(store: Store, openOptions: (tab: string) => Promise<void>, version: string) {
  const handlers: Pick<Handlers, "welcome/get" | "welcome/skip" | "welcome/news-seen"> = {
    "welcome/get": () => store.get(WELCOME_KEY, WelcomeSchema),
    "welcome/skip": (m) =>
      store.update(WELCOME_KEY, WelcomeSchema, (s): WelcomeState => {
        const others = s.skipped.filter((step) => step !== m.step);
        return { ...s, skipped: m.skipped ? [...others, m.step] : others };
      }),
    "welcome/news-seen": () => store.update(WELCOME_KEY, WelcomeSchema, (s) => ({ ...s, news: null })),
  };
  async function onInstalled(details: Runtime.OnInstalledDetailsType): Promise<void> {
    let open = false;
    await store.update(WELCOME_KEY, WelcomeSchema, (s) => {
      const next = onInstall(s, details, version);
      open = next.openWelcome;
      return next.state;
    });
    if (open) await openOptions("bienvenue");
  }
  return { handlers, onInstalled };
}
