// Account detail reached by the pencil (seed 001): SIRET, raison sociale ("(Radié)" when closed),
// services ✓/✗ and the "Résilier", "Modifier", "Fermer" buttons.
import { findAction, hasText, pageText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface EtablissementDetailView {
  radie: boolean;
  resilier: HTMLElement;
  modifier: HTMLElement | null;
  fermer: HTMLElement | null;
}

export const etablissementDetailPage: PageAdapter<"etablissement-detail", EtablissementDetailView> = {
  kind: "etablissement-detail",
  label: "Détail d'un compte inscrit",
  claims: (doc) =>
    hasText(doc, "Gérer les établissements") &&
    hasText(doc, "Siret de l'établissement") &&
    hasText(doc, "Raison sociale"),
  read(doc) {
    const resilier = findAction(doc, "Résilier");
    const missing = [
      ...(resilier ? [] : ["Résilier"]),
      ...(hasText(doc, "Services en ligne") ? [] : ["Services en ligne"]),
    ];
    if (!resilier || missing.length > 0) return notUnderstood("etablissement-detail", missing);
    return {
      understood: true,
      kind: "etablissement-detail",
      view: {
        radie: pageText(doc).includes("(Radié)"),
        resilier,
        modifier: findAction(doc, "Modifier"),
        fermer: findAction(doc, "Fermer"),
      },
    };
  },
};
