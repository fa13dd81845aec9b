// "Mon Profil > Paramètres > Gérer les établissements" (seed 001): the firm's account list, 10 a page,
// the search form and the two "Inscrire" forms.
import {
  ACTION_SELECTOR,
  actionNames,
  announcedMessages,
  fillField,
  findActionAfter,
  findActions,
  findByText,
  findControlAfter,
  findControlByLabel,
  fold,
  hasText,
  isDisabled,
  matchText,
  NUMBER,
  pageMemo,
  parseNumber,
  press,
  textOf,
} from "./dom.ts";
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
  /** The row (table row, list item, card) holding the account: a feature mounts per row there. */
  anchor: HTMLElement;
}

export interface EtablissementsView {
  rows: CompteRow[];
  previous: HTMLElement | null;
  next: HTMLElement | null;
  search: { siret: HTMLElement; compte: HTMLElement; submit: HTMLElement };
  /** What the page says about its list's completeness (count, pager, loading, empty state). */
  list: ListState;
}

/**
 * What the page itself says about how complete its account list is: the site's own signals, never a
 * timing. A job acts on a list (« absent », « page read ») only when `listIncomplete` says nothing.
 */
export interface ListState {
  /** Account rows shown now. */
  rows: number;
  /** Rows this page must show, when the page says so: « 1 à 10 sur 53 » → 10; « 7 comptes » (one page) → 7. */
  expectedRows: number | null;
  /** Something is loading: aria-busy, role=progressbar, « Chargement… ». */
  loading: boolean;
  /** The site says the list is empty: « Aucun compte … », « Aucun établissement », « 0 compte ». */
  empty: boolean;
  /** A pager is shown (« Précédent » / « Suivant », enabled or not, or « Page 2 / 6 »). */
  pager: boolean;
  /** « Page 2 / 6 », « page 2 sur 6 »: the page number shown, when the page prints one. */
  page: number | null;
  pages: number | null;
}

/**
 * Why the list shown is not (yet) the whole list of this page, or null when it is: something is
 * loading; fewer rows than the page announces; or no row at all and no message saying the list is
 * empty (a list being rendered or fetched looks exactly like that). The pager is not part of it:
 * only reading every page needs it (see the read job).
 */
export function listIncomplete(list: ListState): string | null {
  if (list.loading) return "chargement en cours";
  if (list.expectedRows !== null && list.rows < list.expectedRows)
    return `${list.rows} ligne(s) affichée(s) sur ${list.expectedRows} annoncée(s)`;
  if (list.rows === 0 && !list.empty) return "aucune ligne et aucun message « Aucun compte »";
  return null;
}

// "Comptes Régime Général du SIREN 526018155" (seed 001); a gérant non sirétisé has no SIREN and is
// listed by account number ("Compte gérant majoritaire non sirétisé n° 117…"). Folded (see dom.ts);
// the number may be grouped ("526 018 155"), a raison sociale in brackets (with brackets of its
// own: « MME X (Artisan Commerçant) … ») may follow.
const ROW = /^comptes? (\D+?) (du siren|n°|numero) ?([0-9a-z][0-9a-z .]*?\d)(?: \(.*\))?$/;
const EDIT_LABELS = ["✍", "✎", "✏", "Modifier", "Consulter", "Détail", "Éditer", "Voir"];
const REMOVE_LABELS = ["✕", "✖", "×", "Supprimer", "Résilier"];

/** Whether one of an action's names is `labels`' one, or starts with it (« Supprimer le compte … »). */
function named(action: HTMLElement, labels: readonly string[]): boolean {
  const keys = labels.map(fold);
  return actionNames(action).some((n) => {
    const name = fold(n);
    return keys.some((k) => name === k || name.startsWith(`${k} `));
  });
}

const ROW_CONTAINER = 'tr, li, [role="row"], [role="listitem"], article';

function rowOf(
  rowText: HTMLElement,
  rows: readonly HTMLElement[],
): { edit: HTMLElement | null; remove: HTMLElement | null; anchor: HTMLElement } {
  // The row container is the nearest ancestor that holds an action and no other account row.
  for (let el: HTMLElement | null = rowText; el && el !== rowText.ownerDocument.body; el = el.parentElement) {
    const container = el;
    if (rows.some((other) => other !== rowText && container.contains(other))) break;
    const actions = [...el.querySelectorAll<HTMLElement>(ACTION_SELECTOR)].filter(
      (a) => !a.closest("[data-tiers-feature]"),
    );
    if (actions.length === 0) continue;
    return {
      edit: actions.find((a) => named(a, EDIT_LABELS)) ?? null,
      remove: actions.find((a) => named(a, REMOVE_LABELS)) ?? null,
      anchor: container,
    };
  }
  const row = rowText.closest<HTMLElement>(ROW_CONTAINER);
  return {
    edit: null,
    remove: null,
    anchor: row && !rows.some((o) => o !== rowText && row.contains(o)) ? row : rowText,
  };
}

/**
 * The row's text may be cut in blocks (a wrapper div around the end of a grouped SIREN): the element
 * found first holds « … du SIREN 435 », its parent the whole « … du SIREN 435 215 645 ». The widest
 * ancestor whose text is still one account row is the row's text.
 */
function widestRow(el: HTMLElement, found: readonly HTMLElement[]): HTMLElement {
  let row = el;
  for (
    let parent = el.parentElement;
    parent && parent !== el.ownerDocument.body;
    parent = parent.parentElement
  ) {
    const holder = parent;
    if (found.some((other) => other !== el && holder.contains(other))) break;
    const text = textOf(parent);
    if (text.length > 400 || !ROW.test(fold(text))) break;
    row = parent;
  }
  return row;
}

/** The account rows of the page, wherever they are (table, list, cards; several blocks). */
export function readCompteRows(doc: Document): CompteRow[] {
  return pageMemo(doc, "compte-rows", () => {
    const found = findByText(doc, ROW);
    const rows = found.map((el) => widestRow(el, found));
    return rows.map((el) => {
      const label = textOf(el);
      const [, regime = "", by = "", id = ""] = matchText(label, ROW) ?? [];
      const number = id.replace(/[ .]/g, "");
      const isSiren = fold(by) === "du siren";
      return {
        label,
        regime,
        siren: isSiren ? number : null,
        numeroCompte: isSiren ? null : number,
        ...rowOf(el, rows),
      };
    });
  });
}

/** An enabled pager action: « Suivant » on the last page is disabled, or not an action at all. */
function pagerAction(doc: Document, labels: readonly string[]): HTMLElement | null {
  for (const label of labels) {
    const found = findActions(doc, label).find((a) => !isDisabled(a));
    if (found) return found;
  }
  return null;
}

const PAGER_LABELS = ["Précédent", "Page précédente", "Suivant", "Page suivante"];
const LOADING = /^(chargement|chargement en cours|loading|veuillez patienter)$/;
const EMPTY = /^(aucun|aucune|0) (compte|etablissement|resultat|client)/;
// « 1 à 10 sur 53 », « 11 - 20 sur 53 », « Comptes 1 à 10 sur 53 », « Résultats 1-10 / 53 ».
const RANGE = new RegExp(
  `(?:^|\\D)(${NUMBER}) ?(?:a|-|–) ?(${NUMBER})(?: (?:comptes?|etablissements?|resultats?))? (?:sur|/) (${NUMBER})(?: (?:comptes?|etablissements?|resultats?))?$`,
);
// « 53 établissements », « 7 comptes », « 53 résultats » on a line of its own.
const COUNT = new RegExp(`^(${NUMBER}) (?:comptes?|etablissements?|resultats?)(?: (?:trouves?|inscrits?))?$`);
// « Page 2 / 6 », « page 2 sur 6 ».
const PAGE_OF = /^page (\d+) ?(?:\/|sur) ?(\d+)$/;

function visible(el: Element): boolean {
  return !el.closest("[data-tiers-feature], template, [hidden]");
}

/** The list's completeness signals (see ListState). Memoised with the page's state, as the rows. */
export function readListState(doc: Document): ListState {
  return pageMemo(doc, "compte-list-state", () => {
    const rows = readCompteRows(doc).length;
    const loading =
      [...doc.querySelectorAll('[aria-busy="true"], [role="progressbar"], progress')].some(visible) ||
      findByText(doc, LOADING).length > 0;
    // The list's own message, not a form's refusal (« Aucun compte ne correspond à ce Siren. » under
    // « Inscrire » says nothing about the list).
    const empty = findByText(doc, EMPTY).some((el) => !el.closest("form"));
    const pageOf = findByText(doc, PAGE_OF)
      .map((el) => matchText(textOf(el), PAGE_OF))
      .find(Boolean);
    const page = pageOf ? Number(pageOf[1]) : null;
    const pages = pageOf ? Number(pageOf[2]) : null;
    const pager =
      pageOf !== undefined ||
      PAGER_LABELS.some((l) => findActions(doc, l).length > 0 || findByText(doc, l).length > 0);
    let expectedRows: number | null = null;
    const range = findByText(doc, RANGE)
      .map((el) => matchText(textOf(el), RANGE))
      .find(Boolean);
    if (range) {
      const from = parseNumber(range[1] ?? "");
      const to = parseNumber(range[2] ?? "");
      const total = parseNumber(range[3] ?? "");
      if (from >= 1 && to >= from && total >= to) expectedRows = to - from + 1;
    } else {
      const count = findByText(doc, COUNT)
        .map((el) => matchText(textOf(el), COUNT))
        .find(Boolean);
      const total = count ? parseNumber(count[1] ?? "") : Number.NaN;
      // A total is this page's row count only when there is no other page.
      const paged = pagerAction(doc, PAGER_LABELS) !== null;
      if (!Number.isNaN(total) && !paged) expectedRows = total;
    }
    return {
      rows,
      expectedRows,
      loading,
      empty: empty || expectedRows === 0,
      pager,
      page,
      pages,
    };
  });
}

export const etablissementsPage: PageAdapter<"etablissements", EtablissementsView> = {
  kind: "etablissements",
  label: "Gérer les établissements",
  claims: (doc) => hasText(doc, "Gérer les établissements") && hasText(doc, "Inscrire d'autres comptes"),
  read(doc) {
    const search = readSearchForm(doc);
    if (!search.ok) return notUnderstood("etablissements", search.missing);
    return {
      understood: true,
      kind: "etablissements",
      view: {
        rows: readCompteRows(doc),
        previous: pagerAction(doc, ["Précédent", "Page précédente"]),
        next: pagerAction(doc, ["Suivant", "Page suivante"]),
        search: search.form,
        list: readListState(doc),
      },
    };
  },
};

/** The search form of the list: its two fields and its « Rechercher ». */
function readSearchForm(
  doc: Document,
): { ok: true; form: EtablissementsView["search"] } | { ok: false; missing: string[] } {
  const siret = findControlByLabel(doc, "Siren/Siret de l'établissement");
  const compte = findControlByLabel(doc, "Numéro de compte");
  // The header has the public site's own "Rechercher" (it leaves the space): take the one after the field.
  const submit = siret ? findActionAfter(doc, siret, "Rechercher") : null;
  if (siret && compte && submit) return { ok: true, form: { siret, compte, submit } };
  return {
    ok: false,
    missing: [
      ...(siret ? [] : ["Siren/Siret de l'établissement"]),
      ...(compte ? [] : ["Numéro de compte"]),
      ...(submit ? [] : ["Rechercher"]),
    ],
  };
}

// --- Acting on the page (one step of a job the user started) ---------------------------------

export type ActResult = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): ActResult => ({ ok: false, reason });

/** What the list currently shows results for, and the site's messages. */
export function readSearch(doc: Document): {
  siret: string;
  compte: string;
  alerts: string[];
  notices: string[];
} {
  const siret = findControlByLabel(doc, "Siren/Siret de l'établissement");
  // The first "Numéro de compte" of the page is the search field; the gérant form repeats the label.
  const compte = findControlByLabel(doc, "Numéro de compte");
  const alerts = announcedMessages(doc);
  const notices = announcedMessages(doc, true).filter((m) => !alerts.includes(m));
  return { siret: siret?.value ?? "", compte: compte?.value ?? "", alerts, notices };
}

export function search(doc: Document, siret: string, compte: string): ActResult {
  // Only the search form is needed to search: the rows are not read again.
  const found = readSearchForm(doc);
  if (!found.ok) return fail(`Page non comprise (manque : ${found.missing.join(", ")}).`);
  const { form } = found;
  if (!(form.siret instanceof HTMLInputElement) || !(form.compte instanceof HTMLInputElement)) {
    return fail("Les champs de recherche ne sont pas des zones de saisie.");
  }
  if (!fillField(form.siret, siret) || !fillField(form.compte, compte))
    return fail("Le site a effacé la recherche saisie.");
  press(form.submit);
  return { ok: true };
}

const INSCRIRE_SECTIONS = {
  siren: { heading: "Inscrire d'autres comptes", label: "Siren" },
  compte: { heading: "Inscrire un compte gérant majoritaire (non sirétisé)", label: "Numéro de compte" },
} as const;

/** Seed 001, step 2: the Siren (or a gérant's account number) and "Inscrire". */
export function inscrire(doc: Document, by: "siren" | "compte", value: string): ActResult {
  const section = INSCRIRE_SECTIONS[by];
  const heading = findByText(doc, section.heading)[0];
  if (!heading) return fail(`« ${section.heading} » est introuvable.`);
  const field = findControlAfter(doc, heading, section.label);
  if (!field) return fail(`Le champ « ${section.label} » sous « ${section.heading} » est introuvable.`);
  const button = findActionAfter(doc, field, "Inscrire");
  if (!button) return fail("Le bouton « Inscrire » est introuvable.");
  if (!fillField(field, value)) return fail("Le site a effacé le numéro saisi.");
  press(button);
  return { ok: true };
}
