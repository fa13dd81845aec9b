// The form after "Inscrire" (seed 001, step 3): employer (amount of the last declaration + employer
// account number) or self-employed (NIR + self-employed account number), then the check boxes of the
// online services and e-mail notifications, and "Enregistrer".
import {
  announcedMessages,
  fillField,
  findAction,
  findCheckbox,
  findControlByLabel,
  hasText,
  press,
} from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export const FORM_LABELS = {
  montant: "Montant à payer déclaré sur la dernière déclaration",
  compteEmployeur: "Numéro de compte employeur",
  nir: "Numéro de sécurité sociale",
  compteIndependant: "Numéro de compte Indépendant",
} as const;

export interface InscriptionCompteView {
  enregistrer: HTMLElement;
  form: "employeur" | "independant" | null;
  /** The site's error messages (a refused form comes back with them). */
  alerts: string[];
}

export const inscriptionComptePage: PageAdapter<"inscription-compte", InscriptionCompteView> = {
  kind: "inscription-compte",
  label: "Inscription d'un compte client",
  claims: (doc) =>
    findAction(doc, "Enregistrer") !== null &&
    // « DPAE » is the first online service's box; its label may carry a hint in brackets.
    (findCheckbox(doc, "DPAE") !== null || hasText(doc, "DPAE")) &&
    !hasText(doc, "Siret de l'établissement"),
  read(doc) {
    const enregistrer = findAction(doc, "Enregistrer");
    if (!enregistrer) return notUnderstood("inscription-compte", ["Enregistrer"]);
    const form = findControlByLabel(doc, FORM_LABELS.compteEmployeur)
      ? "employeur"
      : findControlByLabel(doc, FORM_LABELS.nir)
        ? "independant"
        : null;
    return {
      understood: true,
      kind: "inscription-compte",
      view: { enregistrer, form, alerts: announcedMessages(doc) },
    };
  },
};

export type FillResult = { ok: true } | { ok: false; reason: string };

export interface InscriptionValues {
  fields: Record<string, string>;
  services: string[];
  courriels: string[];
  /** Every box of these two lists is set: ticked when named, unticked otherwise. */
  allBoxes: readonly string[];
}

/** Fills the form by its labels and ticks the boxes; does not submit. */
export function fillInscription(doc: Document, values: InscriptionValues): FillResult {
  for (const [label, value] of Object.entries(values.fields)) {
    const control = findControlByLabel(doc, label);
    if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement))
      return { ok: false, reason: `Le champ « ${label} » est introuvable.` };
    if (!fillField(control, value)) return { ok: false, reason: `Le site a effacé le champ « ${label} ».` };
  }
  const wanted = new Set([...values.services, ...values.courriels]);
  for (const label of values.allBoxes) {
    const box = findCheckbox(doc, label);
    if (!box) {
      if (wanted.has(label)) return { ok: false, reason: `La case « ${label} » est introuvable.` };
      continue;
    }
    if (box.checked !== wanted.has(label)) box.click();
  }
  return { ok: true };
}

export function submitInscription(doc: Document): FillResult {
  const button = findAction(doc, "Enregistrer");
  if (!button) return { ok: false, reason: "Le bouton « Enregistrer » est introuvable." };
  press(button);
  return { ok: true };
}
