// Executes one command of the job on the page. Every action finds its elements by their labels and
// refuses (with the reason) when one is missing; a résiliation is confirmed only by the dialog bridge,
// armed for that one dialog with the account it must name.

import type { DialogBridge } from "../../../content/bridge-client.ts";
import { PENDING_ALERT_KEY, type PendingAlert } from "../../../content/bridge-protocol.ts";
import { findAction, press } from "../../../pages/dom.ts";
import { etablissementDetailPage } from "../../../pages/etablissement-detail.ts";
import { inscrire, readCompteRows, search } from "../../../pages/etablissements.ts";
import { FORM_LABELS, fillInscription, submitInscription } from "../../../pages/inscription-compte.ts";
import { EMAIL_NOTIFICATIONS, ONLINE_SERVICES } from "../../data/urssaf-services.ts";
import type { Command, JobEvent } from "../../model/jobs.ts";
import { expectAnswerPage } from "./answer-page.ts";

const ALL_BOXES: readonly string[] = [...ONLINE_SERVICES, ...EMAIL_NOTIFICATIONS];

/**
 * Links that lead to the account list, nearest first (seed 001: "Connectez-vous" on the home page,
 * then Mon Profil > Paramètres > Gérer les établissements).
 */
const ROUTE = ["Gérer les établissements", "Paramètres", "Mon Profil", "Connectez-vous"];

export async function execute(
  command: Command,
  doc: Document,
  bridge: DialogBridge,
): Promise<JobEvent | null> {
  switch (command.type) {
    case "goto-list": {
      if (command.url) {
        location.assign(command.url);
        return null;
      }
      const link = ROUTE.map((label) => findAction(doc, label)).find((el) => el !== null);
      if (!link)
        return {
          type: "action-failed",
          reason: "Aucun lien vers « Gérer les établissements » sur cette page.",
        };
      press(link);
      return null;
    }
    case "search": {
      const result = search(doc, command.siret, command.compte);
      return result.ok ? null : { type: "action-failed", reason: result.reason };
    }
    case "inscrire": {
      const result = inscrire(doc, command.by, command.value);
      return result.ok ? null : { type: "action-failed", reason: result.reason };
    }
    case "fill-inscription": {
      const fields: Record<string, string> =
        command.form.kind === "employeur"
          ? {
              [FORM_LABELS.montant]: command.form.montant,
              [FORM_LABELS.compteEmployeur]: command.form.compteEmployeur,
            }
          : {
              [FORM_LABELS.nir]: command.form.nir,
              [FORM_LABELS.compteIndependant]: command.form.compteIndependant,
            };
      const filled = fillInscription(doc, {
        fields,
        services: command.services,
        courriels: command.courriels,
        allBoxes: ALL_BOXES,
      });
      if (!filled.ok) return { type: "action-failed", reason: filled.reason };
      // The success alert is answered for the user (only that text), on this page or on the page the
      // form leads to; a refusal comes back as a page with the site's message.
      await bridge.arm("alert", [command.expectAlert], 30_000);
      const pending: PendingAlert = { mustContain: [command.expectAlert], until: Date.now() + 30_000 };
      sessionStorage.setItem(PENDING_ALERT_KEY, JSON.stringify(pending));
      expectAnswerPage(pending.until);
      const submitted = submitInscription(doc);
      return submitted.ok ? null : { type: "action-failed", reason: submitted.reason };
    }
    case "open-detail": {
      const row = readCompteRows(doc).find(
        (r) =>
          r.regime === command.row.regime &&
          r.siren === command.row.siren &&
          r.numeroCompte === command.row.numeroCompte,
      );
      if (!row?.edit)
        return { type: "action-failed", reason: "Le crayon de la ligne du compte est introuvable." };
      press(row.edit);
      return null;
    }
    case "next-page": {
      const next = findAction(doc, "Suivant");
      if (!next) return { type: "action-failed", reason: "Le lien « Suivant » est introuvable." };
      press(next);
      return null;
    }
    case "resilier": {
      const page = etablissementDetailPage.read(doc, new URL(doc.URL));
      if (!page.understood)
        return { type: "action-failed", reason: `Détail non compris (manque : ${page.missing.join(", ")}).` };
      const armed = await bridge.arm("confirm", command.mustContain, 15_000);
      press(page.view.resilier);
      const outcome = await armed.outcome;
      if (!outcome.seen) return { type: "dialog-missing" };
      if (outcome.answer !== "ok") return { type: "dialog-refused", text: outcome.text };
      return null;
    }
  }
}
