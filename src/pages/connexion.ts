// Login page on www.urssaf.fr (seed 001, step 1). Read only: we never log in for the user (a wrong
// password locks the firm's shared account).
import { findAction, findControlByLabel, hasText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface ConnexionView {
  identifiant: HTMLInputElement;
  motDePasse: HTMLInputElement;
  submit: HTMLElement;
}

export const connexionPage: PageAdapter<"connexion", ConnexionView> = {
  kind: "connexion",
  label: "Connexion à l'espace en ligne",
  claims: (doc) =>
    hasText(doc, "Connectez-vous à votre espace") || findAction(doc, "Je me connecte") !== null,
  read(doc) {
    const identifiant = findControlByLabel(doc, "Identifiant");
    const motDePasse = findControlByLabel(doc, "Mot de passe");
    const submit = findAction(doc, "Je me connecte");
    const missing = [
      ...(identifiant instanceof HTMLInputElement ? [] : ["Identifiant"]),
      ...(motDePasse instanceof HTMLInputElement ? [] : ["Mot de passe"]),
      ...(submit ? [] : ["Je me connecte"]),
    ];
    if (
      missing.length > 0 ||
      !(identifiant instanceof HTMLInputElement) ||
      !(motDePasse instanceof HTMLInputElement) ||
      !submit
    ) {
      return notUnderstood("connexion", missing);
    }
    return { understood: true, kind: "connexion", view: { identifiant, motDePasse, submit } };
  },
};
