import { comparePortfolio } from "../domain/portfolio.ts";
import { type NewClient, unpackRow } from "../domain/register.ts";
import type { ClientForm, ReminderMessageType } from "../messages.ts";
import type { JobRunner } from "./job-runner.ts";
import type { RegisterStore } from "./register-store.ts";
import type { Handlers } from "./router.ts";
import { META_KEY, MetaSchema, PAGES_KEY, PagesSchema } from "./schema.ts";
import { isUrssafUrl } from "./senders.ts";
import type { Store } from "./store.ts";

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
): Omit<Handlers, ReminderMessageType> {
  // The reminders' messages are handled by reminders.ts (merged in index.ts).
  return {
    async "page/seen"(message, sender) {
      const url = sender.url ?? sender.tab?.url;
      const host = url && isUrssafUrl(url) ? new URL(url).hostname : "";
      await store.update(PAGES_KEY, PagesSchema, (pages) => ({
        count: pages.count + 1,
        last: {
          kind: message.page.kind,
          understood: message.page.understood,
          missing: message.page.understood ? [] : message.page.missing,
          host,
          at: now().toISOString(),
        },
      }));
      return { recorded: true };
    },
    async "status/get"() {
      const meta = await store.get(META_KEY, MetaSchema);
      const pages = await store.get(PAGES_KEY, PagesSchema);
      return {
        schemaVersion: meta.schemaVersion,
        installedAt: meta.installedAt,
        lastPage: pages.last,
        pagesSeen: pages.count,
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
    "job/create": (m, sender) => jobs.create(m.action, m.clientIds ?? [], m.accounts ?? [], m.paceMs, sender),
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
    "job/report": (m, sender) => jobs.report(m.observation, sender, m.loadMs, m.spentMs),
    "job/event": (m, sender) => jobs.event(m.jobId, m.event, sender),
    "job/control": (m, sender) => jobs.control(m.what, sender),
    "job/get": (_m, sender) => jobs.get(sender),
  };
}
