// Account detail reached by the pencil (seed 001): SIRET, raison sociale ("(Radié)" when closed),
// services ✓/✗ and the "Résilier", "Modifier", "Fermer" buttons.
import { findAction, hasText, isDisabled, pageText, readLabelledValues } from "./dom.ts";
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

const SIRET_LABEL = "Siret de l'établissement";
const NAME_LABEL = "Raison sociale";

export const etablissementDetailPage: PageAdapter<"etablissement-detail", EtablissementDetailView> = {
  kind: "etablissement-detail",
  label: "Détail d'un compte inscrit",
  claims: (doc) =>
    hasText(doc, "Gérer les établissements") && hasText(doc, SIRET_LABEL) && hasText(doc, NAME_LABEL),
  read(doc) {
    const resilier = findAction(doc, "Résilier");
    const missing = [
      ...(resilier && !isDisabled(resilier) ? [] : ["Résilier"]),
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

/** A SIRET as printed: 14 digits, maybe grouped 3-3-3-5 by spaces or dots. */
const SIRET_RE = /^(\d{3})[\s.]?(\d{3})[\s.]?(\d{3})[\s.]?(\d{5})\b/;

/**
 * "Siret de l'établissement" and "Raison sociale" head a two-column table (a list of definitions, or
 * label/value pairs, in other layouts): read from the page's lines, whatever the markup. "(Radié)" may
 * follow the SIRET or precede the raison sociale.
 */
export function readIdentity(text: string): {
  siret: string | null;
  raisonSociale: string | null;
  radie: boolean;
} {
  const values = readLabelledValues(text, [SIRET_LABEL, NAME_LABEL]);
  const siretCell = values.get(SIRET_LABEL) ?? "";
  const nameCell = values.get(NAME_LABEL) ?? "";
  const digits = SIRET_RE.exec(siretCell);
  const radie = /\(radi[ée]e?\)/i;
  return {
    siret: digits ? digits.slice(1).join("") : null,
    raisonSociale: nameCell.replace(radie, "").trim() || null,
    radie: radie.test(siretCell) || radie.test(nameCell),
  };
}
