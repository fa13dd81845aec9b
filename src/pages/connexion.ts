// Login page on www.urssaf.fr (seed 001, step 1). Read only: we never log in for the user (a wrong
// password locks the firm's shared account). On the real site the profile is chosen first in a
// combobox (« Tiers mandaté »), and only then does its form appear: until it is there the page is
// recognised and "not understood" with the fields missing; the page lifecycle reads it again.
import { findAction, findControlByLabel, hasText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface ConnexionView {
  identifiant: HTMLInputElement;
  motDePasse: HTMLInputElement;
  submit: HTMLElement;
}

const SUBMIT = "Je me connecte";

export const connexionPage: PageAdapter<"connexion", ConnexionView> = {
  kind: "connexion",
  label: "Connexion à l'espace en ligne",
  claims: (doc, url) =>
    hasText(doc, "Connectez-vous à votre espace") ||
    findAction(doc, SUBMIT) !== null ||
    (url.hostname.startsWith("www.") && /\/(?:accueil\/)?se-connecter(?:\.html)?$/.test(url.pathname)),
  read(doc) {
    const identifiant = findControlByLabel(doc, "Identifiant");
    const motDePasse = findControlByLabel(doc, "Mot de passe");
    const submit = findAction(doc, SUBMIT);
    if (!(identifiant instanceof HTMLInputElement) || !(motDePasse instanceof HTMLInputElement) || !submit) {
      return notUnderstood("connexion", [
        ...(identifiant instanceof HTMLInputElement ? [] : ["Identifiant"]),
        ...(motDePasse instanceof HTMLInputElement ? [] : ["Mot de passe"]),
        ...(submit ? [] : [SUBMIT]),
      ]);
    }
    return { understood: true, kind: "connexion", view: { identifiant, motDePasse, submit } };
  },
};
