// The register's message handlers (options page) and the identifier hints (content script).
import type { HandlersOf } from "../core/message-spec.ts";
import { idHint } from "./id-hints-background.ts";
import type { ClientForm, REGISTER_MESSAGES } from "./messages.ts";
import type { NewClient } from "./model/register.ts";
import type { RegisterStore } from "./store.ts";

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

export function createRegisterHandlers(
  register: RegisterStore,
  /** The UI text of the browser's language (the background's own browser.i18n; injected for tests). */
  t: (key: string, substitutions?: string | string[]) => string,
): HandlersOf<typeof REGISTER_MESSAGES> {
  return {
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
    async "id/check"(m) {
      return idHint(m.check, m.value, t);
    },
  };
}
