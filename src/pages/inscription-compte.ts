// The form after "Inscrire" (seed 001, step 3): employer (amount of the last declaration + employer
// account number) or self-employed (NIR + self-employed account number), services and e-mail boxes.
import { findAction, hasText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface InscriptionCompteView {
  enregistrer: HTMLElement;
}

export const inscriptionComptePage: PageAdapter<"inscription-compte", InscriptionCompteView> = {
  kind: "inscription-compte",
  label: "Inscription d'un compte client",
  claims: (doc) =>
    findAction(doc, "Enregistrer") !== null &&
    hasText(doc, "DPAE") &&
    !hasText(doc, "Siret de l'établissement"),
  read(doc) {
    const enregistrer = findAction(doc, "Enregistrer");
    if (!enregistrer) return notUnderstood("inscription-compte", ["Enregistrer"]);
    return { understood: true, kind: "inscription-compte", view: { enregistrer } };
  },
};
