// The background's handlers, merged from each capability's (the reminders' come with their service,
// see index.ts), plus the core's own: the page a content script recognised, the status, the options page.
import { createAnomalyHandlers } from "../anomalies/background.ts";
import type { Runtime } from "../core/browser.ts";
import type { OnDemandScripts } from "../core/content-injection.ts";
import { createDiagnosticHandlers } from "../core/diagnostic/background.ts";
import type { Catalog } from "../core/i18n-catalog.ts";
import type { HandlersOf } from "../core/message-spec.ts";
import type { CORE_MESSAGES, Handlers, ReminderMessageType, SeenPage } from "../core/messages.ts";
import { createPagesSeen } from "../core/pages-seen.ts";
import { isUrssafUrl, senderTab } from "../core/senders.ts";
import { META_KEY, MetaSchema } from "../core/storage/schema.ts";
import type { Store } from "../core/storage/store.ts";
import type { WelcomeMessageType } from "../core/welcome-schema.ts";
import { createDsnHandlers } from "../dsn/background.ts";
import { createEmitterSiretHandlers } from "../emitter-siret/background.ts";
import { createPortfolioHandlers } from "../portfolio/background.ts";
import type { JobRunner } from "../portfolio/job-runner.ts";
import { createRegisterHandlers } from "../register/background.ts";
import type { RegisterStore } from "../register/store.ts";

export function createHandlers(
  store: Store,
  register: RegisterStore,
  jobs: JobRunner,
  now: () => Date,
  openOptions: (tab: string) => Promise<void> = async () => undefined,
  /** The UI text of the browser's language (the background's own browser.i18n; injected for tests). */
  t: (key: string, substitutions?: string | string[]) => string = (key) => key,
  /** Our _locales texts, the content script's only source of texts (browser.ts; injected for tests). */
  catalog: () => Promise<Catalog> = async () => ({}),
  /** Loads our on-demand scripts into a content script's frame (index.ts; injected for tests). */
  inject: OnDemandScripts = { features: async () => undefined, diagnostics: async () => undefined },
): Omit<Handlers, ReminderMessageType | WelcomeMessageType> {
  const pages = createPagesSeen(store);
  const recordPage = (page: SeenPage, sender: Runtime.MessageSender) => {
    const url = sender.url ?? sender.tab?.url;
    const host = url && isUrssafUrl(url) ? new URL(url).hostname : "";
    return pages.record({
      kind: page.kind,
      understood: page.understood,
      missing: page.understood ? [] : page.missing,
      host,
      at: now().toISOString(),
    });
  };
  const core: HandlersOf<typeof CORE_MESSAGES> = {
    async "page/seen"(message, sender) {
      await recordPage(message.page, sender);
      return { recorded: true };
    },
    async "status/get"() {
      const meta = await store.get(META_KEY, MetaSchema);
      const seen = await pages.get();
      return {
        schemaVersion: meta.schemaVersion,
        installedAt: meta.installedAt,
        lastPage: seen.last,
        pagesSeen: seen.count,
      };
    },
    async "content/features"(_m, sender) {
      await inject.features(senderTab(sender, "Aucun onglet où charger les fonctions."), sender.frameId ?? 0);
      return { loaded: true };
    },
    async "options/open"(m) {
      await openOptions(m.tab);
      return { opened: true };
    },
    "i18n/catalog": () => catalog(),
  };
  return {
    ...core,
    ...createRegisterHandlers(register, t),
    ...createPortfolioHandlers(jobs, register, recordPage),
    ...createAnomalyHandlers(store, register, now, t),
    ...createDsnHandlers(store),
    ...createEmitterSiretHandlers(register),
    ...createDiagnosticHandlers(store, inject.diagnostics),
  };
}
