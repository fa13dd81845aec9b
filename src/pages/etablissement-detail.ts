// Account detail reached by the pencil (seed 001): SIRET, raison sociale ("(Radié)" when closed),
// services ✓/✗ and the "Résilier", "Modifier", "Fermer" buttons.
import { findAction, hasText, pageText } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface EtablissementDetailView {
  /** 14 digits, or null for a gérant non sirétisé. */
  siret: string | null;
  raisonSociale: string | null;
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
        ...readIdentity(pageText(doc)),
        resilier,
        modifier: findAction(doc, "Modifier"),
        fermer: findAction(doc, "Fermer"),
      },
    };
  },
};

/**
 * "Siret de l'établissement" and "Raison sociale" head a two-column table (a list of definitions in
 * some layouts); in reading order the values follow the two headers.
 */
export function readIdentity(text: string): {
  siret: string | null;
  raisonSociale: string | null;
  radie: boolean;
} {
  const m =
    /Siret de l'établissement Raison sociale (?:(\d[\d ]{12,}\d)|Non sirétisé)? ?(\(Radié\))? ?(.*?) Services en ligne/.exec(
      text,
    );
  return {
    siret: m?.[1] ? m[1].replace(/ /g, "") : null,
    raisonSociale: m?.[3]?.trim() || null,
    radie: Boolean(m?.[2]) || text.includes("(Radié)"),
  };
}
