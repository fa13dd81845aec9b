// "Mon Profil > Paramètres > Gérer les établissements" (seed 001): the firm's account list, 10 a page,
// the search form and the two "Inscrire" forms.
import { actionLabel, findAction, findByText, findControlByLabel, hasText, norm, textOf } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

export interface CompteRow {
  /** The row's text as the page shows it, e.g. "Comptes Régime Général du SIREN 526018155". */
  label: string;
  /** "Régime Général", "Artisan Commerçant", "Profession Libérale", … as written on the page. */
  regime: string;
  /** SIREN when the row names one, else the account number of a gérant non sirétisé. */
  siren: string | null;
  numeroCompte: string | null;
  edit: HTMLElement | null;
  remove: HTMLElement | null;
}

export interface EtablissementsView {
  rows: CompteRow[];
  previous: HTMLElement | null;
  next: HTMLElement | null;
  search: { siret: HTMLElement; compte: HTMLElement; submit: HTMLElement };
}

// "Comptes Régime Général du SIREN 526018155" (seed 001); a gérant non sirétisé has no SIREN and is
// listed by account number ("Compte gérant majoritaire non sirétisé n° 117…").
const ROW = /^Comptes? (.+?) (du SIREN|n°) ([0-9A-Z ]+?)(?: \(.*\))?$/i;
const EDIT_LABELS = ["✍", "Modifier", "Consulter", "Détail"];
const REMOVE_LABELS = ["✕", "Supprimer", "Résilier"];

function rowActions(rowText: HTMLElement): { edit: HTMLElement | null; remove: HTMLElement | null } {
  // The row container is the nearest ancestor that holds an action and no other account row.
  for (let el: HTMLElement | null = rowText; el && el !== document.body; el = el.parentElement) {
    const actions = [
      ...el.querySelectorAll<HTMLElement>(
        'a[href], button, input[type="submit"], input[type="button"], [role="button"]',
      ),
    ];
    if (actions.length === 0) continue;
    if (findByText(el, ROW).length > 1) break;
    const labelled = (labels: string[]) =>
      actions.find((a) => labels.some((l) => norm(actionLabel(a)) === l)) ?? null;
    return { edit: labelled(EDIT_LABELS), remove: labelled(REMOVE_LABELS) };
  }
  return { edit: null, remove: null };
}

export function readCompteRows(doc: Document): CompteRow[] {
  return findByText(doc, ROW).map((el) => {
    const label = textOf(el);
    const [, regime = "", by = "", id = ""] = ROW.exec(label) ?? [];
    const number = id.replace(/ /g, "");
    const isSiren = by.toLowerCase() === "du siren";
    return {
      label,
      regime,
      siren: isSiren ? number : null,
      numeroCompte: isSiren ? null : number,
      ...rowActions(el),
    };
  });
}

export const etablissementsPage: PageAdapter<"etablissements", EtablissementsView> = {
  kind: "etablissements",
  label: "Gérer les établissements",
  claims: (doc) => hasText(doc, "Gérer les établissements") && hasText(doc, "Inscrire d'autres comptes"),
  read(doc) {
    const siret = findControlByLabel(doc, "Siren/Siret de l'établissement");
    const compte = findControlByLabel(doc, "Numéro de compte");
    const submit = findAction(doc, "Rechercher");
    const missing = [
      ...(siret ? [] : ["Siren/Siret de l'établissement"]),
      ...(compte ? [] : ["Numéro de compte"]),
      ...(submit ? [] : ["Rechercher"]),
      ...(hasText(doc, /^Compte\(s\)/) ? [] : ["Compte(s)"]),
    ];
    if (!siret || !compte || !submit || missing.length > 0) return notUnderstood("etablissements", missing);
    return {
      understood: true,
      kind: "etablissements",
      view: {
        rows: readCompteRows(doc),
        previous: findAction(doc, "Précédent"),
        next: findAction(doc, "Suivant"),
        search: { siret, compte, submit },
      },
    };
  },
};
