/**
 * Emitter checks (seed 000, "Le SIRET connecté"): the DSN must be emitted with the firm's *active* SIRET
 * in S10.G00.01 — not a client's SIRET, not a closed SIRET of the firm — and the S10.G00.02 contact must
 * be complete and match the firm's settings.
 */

import { stripAccents } from "../../core/text.ts";
import { classifySiret, type EmitterStatus } from "../../emitter-siret/model/emitter-siret.ts";
import { checkSiren, formatSiret } from "../../register/model/ids.ts";
import type { SendInfo } from "../tree.ts";
import { type DsnCheckContext, type DsnCheckFamily, finding } from "./common.ts";

const SEED = "Seed 000, « Le SIRET connecté » (Urssaf) : déclarer dans S10.G00.01 le SIRET actif du cabinet";

export type { EmitterStatus } from "../../emitter-siret/model/emitter-siret.ts";

export interface EmitterClassification {
  siret: string;
  status: EmitterStatus;
  /** French, one sentence. */
  label: string;
}

/**
 * Says what an emitter SIRET is for the firm (see {@link classifySiret}, shared with the login badge),
 * with a French sentence for the report: its active SIRET, an old one, another establishment of the firm,
 * a client's (SIREN of the file's S21.G00.06 or of the register), unknown, or invalid.
 */
export function classifyEmitter(
  siret: string,
  context: DsnCheckContext,
  fileSirens: ReadonlySet<string> = new Set(),
): EmitterClassification {
  const shown = formatSiret(siret);
  const v = classifySiret(
    siret,
    { active: context.firmSiret, old: context.oldSirets },
    context.clientSirens,
    fileSirens,
  );
  const label = (() => {
    switch (v.status) {
      case "invalid":
        return v.problem ?? `${shown} est invalide.`;
      case "active":
        return `${shown} est le SIRET actif du cabinet.`;
      case "old":
        return `${shown} est un ancien SIRET du cabinet (fermé).`;
      case "firm-other":
        return `${shown} est un autre établissement du cabinet, pas son SIRET actif.`;
      case "client":
        return `${shown} est le SIRET d'un client : ${v.clientFrom === "file" ? "l'entreprise déclarée dans le fichier (S21.G00.06)" : "un client du registre"}.`;
      case "not-configured":
        return `${shown} : le SIRET actif du cabinet n'est pas renseigné dans les réglages, la comparaison est impossible.`;
      case "unknown":
        return `${shown} n'est ni le SIRET du cabinet ni celui d'un client connu.`;
    }
  })();
  return { siret, status: v.status, label };
}

const norm = (s: string) =>
  stripAccents(s)
    .replace(/[^a-zA-Z0-9@.]/g, "")
    .toLowerCase();

export const emitterFamily: DsnCheckFamily = {
  id: "emitter",
  label: "Émetteur",
  create(context, report) {
    return {
      send(send: SendInfo) {
        const emitter = send.header.child("S10.G00.01");
        if (emitter) {
          const siren = emitter.get("001") ?? "";
          const nic = emitter.get("002") ?? "";
          const sirenCheck = checkSiren(siren);
          if (!sirenCheck.ok) {
            report(
              finding(
                "emitter.siren-key",
                "error",
                "S10.G00.01.001",
                emitter.lineOf("001"),
                `SIREN de l'émetteur invalide : ${sirenCheck.problem.message} Renseignez dans le logiciel de paie le SIREN du cabinet${context.firmSiret ? ` (SIRET actif ${formatSiret(context.firmSiret)})` : ""}.`,
                "DSN-Val S10.G00.01.001/CSL-11",
              ),
            );
          } else {
            const siret = `${siren}${nic}`;
            const cls = classifyEmitter(siret, context, send.sirens);
            const line = emitter.lineOf("002");
            const active = context.firmSiret ? ` : ${formatSiret(context.firmSiret)}` : "";
            const fix = `Déclarez dans S10.G00.01 (.001 SIREN, .002 NIC) le SIRET actif du cabinet${active}, et connectez-vous à net-entreprises avec ce SIRET.`;
            switch (cls.status) {
              case "invalid":
                report(
                  finding(
                    "emitter.siret-key",
                    "error",
                    "S10.G00.01.002",
                    line,
                    `SIRET de l'émetteur invalide : ${cls.label} ${fix}`,
                    "DSN-Val S10.G00.01.002/CCH-11",
                  ),
                );
                break;
              case "old":
                report(
                  finding(
                    "emitter.old-siret",
                    "error",
                    "S10.G00.01.002",
                    line,
                    `L'émetteur ${cls.label} L'Urssaf ne rattache pas la DSN au cabinet. ${fix}`,
                    SEED,
                  ),
                );
                break;
              case "firm-other":
                report(
                  finding(
                    "emitter.firm-other-siret",
                    "warning",
                    "S10.G00.01.002",
                    line,
                    `L'émetteur ${cls.label} ${fix}`,
                    SEED,
                  ),
                );
                break;
              case "client":
                report(
                  finding(
                    "emitter.client-siret",
                    "error",
                    "S10.G00.01.002",
                    line,
                    `La DSN est émise avec le SIRET du client, pas celui du cabinet : ${cls.label} L'Urssaf ne voit pas le cabinet comme tiers déclarant. ${fix}`,
                    SEED,
                  ),
                );
                break;
              case "unknown":
                report(
                  finding(
                    "emitter.unknown-siret",
                    "warning",
                    "S10.G00.01.002",
                    line,
                    `L'émetteur ${cls.label} Vérifiez qu'il s'agit bien du cabinet. ${fix}`,
                    SEED,
                  ),
                );
                break;
              case "not-configured":
                report(
                  finding(
                    "emitter.not-configured",
                    "info",
                    "S10.G00.01.002",
                    line,
                    `${cls.label} Renseignez le SIRET actif dans les réglages de l'extension.`,
                    SEED,
                  ),
                );
                break;
              case "active":
                break;
            }
          }
        }
        const contact = send.header.child("S10.G00.02");
        if (!contact) return;
        const missing: string[] = [];
        const parts: [string, string][] = [
          ["001", "civilité"],
          ["002", "nom et prénom"],
          ["004", "adresse e-mail"],
          ["005", "téléphone"],
        ];
        for (const [num, label] of parts) if (!contact.get(num)) missing.push(`${label} (S10.G00.02.${num})`);
        if (missing.length > 0) {
          report(
            finding(
              "emitter.contact-incomplete",
              "warning",
              "S10.G00.02",
              contact.line,
              `Contact émetteur incomplet : il manque ${missing.join(", ")}. Renseignez dans le logiciel de paie les coordonnées du collaborateur du cabinet qui suit ce dossier.`,
              SEED,
            ),
          );
        }
        const expected = context.contact;
        if (expected) {
          const diffs: string[] = [];
          const name = contact.get("002") ?? "";
          if (expected.nomPrenom && name && norm(name) !== norm(expected.nomPrenom))
            diffs.push(`nom « ${name} » au lieu de « ${expected.nomPrenom} »`);
          const mail = contact.get("004") ?? "";
          if (expected.email && mail && mail.toLowerCase() !== expected.email.toLowerCase())
            diffs.push(`e-mail « ${mail} » au lieu de « ${expected.email} »`);
          const tel = contact.get("005") ?? "";
          if (expected.telephone && tel && tel.replace(/\D/g, "") !== expected.telephone.replace(/\D/g, ""))
            diffs.push(`téléphone « ${tel} » au lieu de « ${expected.telephone} »`);
          const civ = contact.get("001") ?? "";
          if (expected.civilite && civ && civ !== expected.civilite)
            diffs.push(`civilité « ${civ} » au lieu de « ${expected.civilite} »`);
          if (diffs.length > 0) {
            report(
              finding(
                "emitter.contact-mismatch",
                "warning",
                "S10.G00.02",
                contact.line,
                `Le contact émetteur ne correspond pas aux réglages du cabinet : ${diffs.join(" ; ")}. Mettez à jour le contact dans le logiciel de paie (ou les réglages).`,
                SEED,
              ),
            );
          }
        }
      },
    };
  },
};
