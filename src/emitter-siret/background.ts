// The emitter-SIRET badge's handler: the typed SIRET against the firm's settings and the register's SIRENs.
import type { HandlersOf } from "../core/message-spec.ts";
import type { RegisterStore } from "../register/store.ts";
import type { EMITTER_SIRET_MESSAGES } from "./messages.ts";
import { classifySiret, clientSirensOf } from "./model/emitter-siret.ts";

export function createEmitterSiretHandlers(
  register: RegisterStore,
): HandlersOf<typeof EMITTER_SIRET_MESSAGES> {
  return {
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
