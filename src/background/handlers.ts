import { createAnomalyHandlers } from "../anomalies/background.ts";
import type { Runtime } from "../core/browser.ts";
import type { ClientForm, ReminderMessageType, SeenPage } from "../core/messages.ts";
import { createPagesSeen } from "../core/pages-seen.ts";
import type { Handlers } from "../core/router.ts";
import { isUrssafUrl } from "../core/senders.ts";
import { META_KEY, MetaSchema } from "../core/storage/schema.ts";
import type { Store } from "../core/storage/store.ts";
import type { WelcomeMessageType } from "../core/welcome-schema.ts";
import { createDsnHistoryStore, fromExtensionPage } from "../dsn/history-store.ts";
import { classifySiret, clientSirensOf } from "../emitter-siret/model/emitter-siret.ts";
import type { JobRunner } from "../portfolio/job-runner.ts";
import { comparePortfolio } from "../portfolio/model/portfolio.ts";
import { idHint } from "../register/id-hints-background.ts";
import { type NewClient, unpackRow } from "../register/model/register.ts";
import type { RegisterStore } from "../register/store.ts";

/** The form's optional fields become the register's explicit nulls. */
function toNewClient(form: ClientForm): NewClient {
  return {
    ...form,
    siren: form.siren ?? null,
    siret: form.siret ?? null,
    numeroCompte: form.numeroCompte ?? null,
    nir: form.nir ?? null,
    montantDerniereDeclaration: form.montantDerniereDeclaration ?? null,
    effectif: form.effectif ?? null,
    collaborateurId: form.collaborateurId ?? null,
    profil: form.profil ?? null,
  };
}

export function createHandlers(
  store: Store,
  register: RegisterStore,
  jobs: JobRunner,
  now: () => Date,
  openOptions: (tab: string) => Promise<void> = async () => undefined,
  /** The UI text of the browser's language (the background's own browser.i18n; injected for tests). */
  t: (key: string, substitutions?: string | string[]) => string = (key) => key,
): Omit<Handlers, ReminderMessageType | WelcomeMessageType> {
  // The reminders' messages are handled by reminders.ts (merged in index.ts).
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
  const dsnHistory = createDsnHistoryStore(store);
  return {
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
    "register/get": () => register.snapshot(),
    "register/list": () => register.listing(),
    "client/get": (m) => register.getClient(m.id),
    "settings/save": (m) => register.saveSettings(m.settings),
    "client/create": (m) => register.createClient({ ...toNewClient(m.client), statut: m.client.statut }),
    "client/edit": (m) => register.editClient(m.id, m.edit as Partial<NewClient>),
    "clients/status": async (m) => ({ changed: await register.setStatus(m.ids, m.statut, m.note) }),
    "clients/delete": async (m) => ({ deleted: await register.deleteClients(m.ids) }),
    "clients/import": (m) => register.importClients(m.clients),
    "collaborator/save": (m) => register.saveCollaborator(m.collaborator),
    "collaborator/delete": async (m) => ({ unassigned: await register.deleteCollaborator(m.id) }),
    "backup/export": () => register.exportBackup(),
    "backup/restore": (m) => register.restoreBackup(m.backup),
    "job/create": (m, sender) =>
      jobs.create(m.action, m.clientIds ?? [], m.accounts ?? [], m.paceMs, sender, m.pageTimeoutMs),
    "portfolio/get": () => jobs.portfolio(),
    async "portfolio/summary"() {
      const snapshot = await jobs.portfolio();
      if (!snapshot) return null;
      const listing = await register.listing();
      const diff = comparePortfolio(snapshot.accounts, listing.rows.map(unpackRow));
      return {
        readAt: snapshot.readAt,
        accounts: snapshot.accounts.length,
        toRegister: diff.toRegister.map((c) => c.id),
        toResign: diff.toResign.length,
        mismatches: diff.mismatches.length,
      };
    },
    async "options/open"(m) {
      await openOptions(m.tab);
      return { opened: true };
    },
    async "job/report"(m, sender) {
      const reply = await jobs.report(m.observation, sender, m.loadMs, {
        scriptMs: m.scriptMs,
        waitMs: m.waitMs,
      });
      // The page's first report also says which page it is (the popup's "last page"): written after the
      // job's own step, so the job never waits behind it.
      if (m.page) recordPage(m.page, sender).catch((e: unknown) => console.warn("Tiers Assistant :", e));
      return reply;
    },
    "job/event": (m, sender) => jobs.event(m.jobId, m.event, sender),
    "job/control": (m, sender) => jobs.control(m.what, sender),
    "job/get": (_m, sender) => jobs.get(sender),
    // Contrôle DSN: history of controls per client (extension pages only).
    async "dsn-history/get"(_m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.get();
    },
    async "dsn-history/record"(m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.record(m.entries);
    },
    async "dsn-history/clear"(m, sender) {
      fromExtensionPage(sender);
      return dsnHistory.clear(m.siren);
    },
    ...createAnomalyHandlers(store, register, now, t),
    /** Login badge (issue 6): the typed SIRET against the firm's settings and the register's SIRENs. */
    async "id/check"(m) {
      return idHint(m.check, m.value, t);
    },
    async "siret/classify"(m) {
      const { settings, clients } = await register.snapshot();
      const v = classifySiret(
        m.siret,
        { active: settings.siretActif, old: settings.anciensSirets },
        clientSirensOf(clients),
      );
      return { status: v.status, problem: v.problem };
    },
  };
}
