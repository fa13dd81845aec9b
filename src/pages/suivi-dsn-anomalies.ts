// "Suivi DSN" views that list anomalies (seed 000): by period of an establishment, by individual, by
// type; and the month grids (home, by establishment, period). A list is read from what it holds, not
// from one line format: each technical reference (Urssaf « UR_ANO_… » or a DSN-Val control code) and,
// in the same row, item or card, a period, a label and maybe a person or a SIRET, in any order or
// markup. A grid cell is a link "!" (anomalies) or "-" to the month's page.
import { findByText, foldSameLength, indexedTexts, linesOf, pageMemo, textOf } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

/** A technical reference as the pages print it: Urssaf "UR_ANO_…" or a DSN-Val control code. */
export const ANOMALY_REFERENCE_RE = /^(?:UR_ANO_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}\.\d{3}\/[A-Z]{3}-\d{2})$/;
/** The headings of the demo's and the seed's list views (folded): they name the view when present. */
const HEADING_RE = /^anomalies (?:de la periode\b.*|par individu|par typologie|par etablissement)$/;

export interface AnomalyOnPage {
  reference: string;
  libelle: string;
  /** "YYYY-MM". */
  period: string;
  /** Shown on the period view and the detail; null on the views by individual and by type. */
  siret: string | null;
  /** The Urssaf's id of the anomaly, from its link. */
  id: string | null;
  individu: string | null;
  /** The element holding the anomaly's line: the panel goes at its end. */
  anchor: HTMLElement;
}

export interface MonthCell {
  period: string;
  /** "!" on the grid: the month has anomalies. */
  flagged: boolean;
  link: HTMLAnchorElement;
}

export interface MonthGrid {
  siret: string;
  cells: MonthCell[];
  /** The grid element (the cells' closest common container): our summary goes after it. */
  container: Element;
}

export interface AnomalyListView {
  /** The view the page's heading names; "liste" when it names none. */
  view: "periode" | "individus" | "typologies" | "etablissements" | "liste";
  anomalies: AnomalyOnPage[];
  grids: MonthGrid[];
}

const MONTH_LINK_RE = /\/suivi-dsn\/etablissements\/(\d{14})$/;
/** The month of a grid's link, in its query (`?mois=2026-03`); checked strictly below. */
const MONTH_PARAM_RE = /[?&]mois=([^&#]*)/;

/** A query value as URLSearchParams gives it (percent-encoding and « + » decoded); "" when malformed. */
function decodedParam(raw: string | undefined): string {
  try {
    return decodeURIComponent((raw ?? "").replace(/\+/g, " "));
  } catch {
    return "";
  }
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

/** The month grids of a Suivi DSN page: cells are links "!" / "-" to "…/etablissements/<siret>?mois=…". */
export function readMonthGrids(doc: Document): MonthGrid[] {
  const bySiret = new Map<string, MonthCell[]>();
  const grids: MonthGrid[] = [];
  const flush = (siret: string) => {
    const cells = bySiret.get(siret) ?? [];
    const first = cells[0]?.link;
    const last = cells.at(-1)?.link;
    const container = first && last ? commonAncestor(first, last) : null;
    if (container && cells.length > 1) grids.push({ siret, cells, container });
    bySiret.delete(siret);
  };
  for (const a of doc.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const raw = a.textContent ?? "";
    if (raw.length > 8) continue;
    const mark = raw.trim();
    if ((mark !== "!" && mark !== "-") || a.closest("[data-tiers-feature]")) continue;
    // The link's own address parts: no URL is built per link (see PageAddress in claims.ts).
    const siret = MONTH_LINK_RE.exec(a.pathname)?.[1];
    const period = decodedParam(MONTH_PARAM_RE.exec(a.search)?.[1]);
    if (!siret || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) continue;
    const cells = bySiret.get(siret) ?? [];
    // A new run of the same SIRET (another grid of the same establishment) starts at January again.
    if (cells.length > 0 && (cells.at(-1)?.period ?? "") >= period) flush(siret);
    bySiret.set(siret, [...(bySiret.get(siret) ?? []), { period, flagged: mark === "!", link: a }]);
  }
  for (const siret of [...bySiret.keys()]) flush(siret);
  return grids;
}

function anomalyId(item: Element): string | null {
  // The link's own address ("…/suivi-dsn/anomalies/<id>"), read without building a URL per link.
  for (const link of item.querySelectorAll("a[href]")) {
    const id = /\/anomalies\/([A-Za-z0-9_-]{1,40})(?:[?#]|$)/.exec(link.getAttribute("href") ?? "")?.[1];
    if (id) return id;
  }
  return null;
}

/** Folded form of a reference (see dom.ts), to find the elements that hold one. */
const REFERENCE_IN_TEXT = /ur_ano_[a-z0-9_]+|s\d{2}\.g\d{2}\.\d{2}\.\d{3}\/[a-z]{3}-\d{2}/;
const REFERENCE_CASED = /UR_ANO_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}\.\d{3}\/[A-Z]{3}-\d{2}/i;

const MONTHS = [
  "janvier",
  "fevrier",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "aout",
  "septembre",
  "octobre",
  "novembre",
  "decembre",
];
/** A period: « 01/2026 » (never the end of a date « 15/01/2026 ») or « janvier 2026 », folded. */
const PERIOD_RE = new RegExp(
  `(?<![\\d/])(0[1-9]|1[0-2])\\/(\\d{4})(?![\\d/])|\\b(${MONTHS.join("|")})\\s+(\\d{4})\\b`,
);

/** The period of a folded text as "YYYY-MM", or null. */
export function readPeriod(text: string): string | null {
  const m = PERIOD_RE.exec(foldSameLength(text));
  if (!m) return null;
  if (m[1] && m[2]) return `${m[2]}-${m[1]}`;
  return `${m[4]}-${String(MONTHS.indexOf(m[3] ?? "") + 1).padStart(2, "0")}`;
}

const SIRET_RE = /(?<!\d)(\d{3})[\s.]?(\d{3})[\s.]?(\d{3})[\s.]?(\d{5})(?![\d])/;

interface RawItem {
  reference: string;
  /** The row, item or card holding the reference and its period. */
  item: HTMLElement;
  /** Its text, one line a block. */
  lines: string;
}

/** Where a reference is an anomaly's row, not a heading over rows: a list item, a table row, a link. */
const ROW_LIKE = 'li, tr, [role="row"], [role="listitem"], a[href], [role="link"]';

interface PageAnomalies {
  /** A reference with its period in the same row, item or card. */
  items: RawItem[];
  /** References in a row (or a link) where no period was found: rows the page shows and we cannot read. */
  unread: string[];
}

/**
 * Every anomaly on the page, whatever the markup (list, table, cards): an element holding a technical
 * reference, and the nearest container around it holding a period and no other reference. A
 * reference alone outside a row (a heading over the rows of one type, a breadcrumb) is not an anomaly.
 */
function anomalyItems(doc: Document): PageAnomalies {
  return pageMemo(doc, "anomaly-items", () => {
    const refs = findByText(doc, REFERENCE_IN_TEXT);
    // How many references each ancestor holds, counted once (not one containment test per pair:
    // a month of 500 anomalies would take 250,000 of them).
    const held = new Map<Element, number>();
    for (const ref of refs)
      for (let el: Element | null = ref; el && el !== doc.body; el = el.parentElement)
        held.set(el, (held.get(el) ?? 0) + 1);
    const holdsOther = (el: Element) => (held.get(el) ?? 0) > 1;
    const items: RawItem[] = [];
    const unread: string[] = [];
    const short = indexedTexts(doc);
    for (const ref of refs) {
      const reference = REFERENCE_CASED.exec(short(ref) ?? textOf(ref))?.[0]?.toUpperCase();
      if (!reference) continue;
      let item: HTMLElement | null = null;
      let itemLines = "";
      let widest: HTMLElement = ref;
      for (let el: HTMLElement | null = ref; el && el !== doc.body; el = el.parentElement) {
        if (holdsOther(el)) break;
        widest = el;
        // Bounded: a container of a whole page is not a row. The index's one-line text says whether
        // a period is there; the row's lines (its parts) are read once, for the row found.
        const text = short(el) ?? linesOf(el);
        if (text.length > 2_000) break;
        if (readPeriod(text)) {
          item = el;
          itemLines = linesOf(el);
          break;
        }
      }
      if (item) items.push({ reference, item, lines: itemLines });
      else {
        // Only a row around this reference alone counts (a page laid out in one big table does not).
        const row = ref.closest(ROW_LIKE);
        if (row && widest.contains(row)) unread.push(reference);
      }
    }
    return { items, unread };
  });
}

/** Splits a row's text into its parts: cells, lines, « — »-separated parts, the period's brackets. */
function segments(text: string): string[] {
  return text
    .replace(/\(([^()]*)\)/g, (whole, inner: string) => (readPeriod(inner) ? `\n${inner}\n` : whole))
    .split(/\n| [—–] | \| | · /)
    .map((s) => s.trim().replace(/^[—–-]\s*|\s*[—–-]$/g, ""))
    .filter(Boolean);
}

/**
 * Field names a row or card may print before its values (folded), taken as names only when followed
 * by a colon or alone in their cell: a label may start with « Code … ».
 */
const FIELD_LABEL_RE =
  /^(libelle(?: de l'anomalie)?|reference(?: technique)?|code(?: [a-z]+)?|periode|mois|individu|salarie|nom|siret|etablissement|date(?: [a-z' ]+)?)\s*(?::\s*|$)/;

const PERSON_RE = /^[\p{Lu}][\p{Lu}'’ -]+(?: [\p{Lu}][\p{L}'’-]+)+$/u;

interface ItemFields {
  libelle: string | null;
  period: string | null;
  siret: string | null;
  individu: string | null;
}

/** Whether a part is only a period, maybe after its name (« Période : 01/2026 », « janvier 2026 »). */
const onlyPeriod = (part: string): boolean =>
  foldSameLength(part)
    .replace(PERIOD_RE, "")
    .replace(/^(?:periode|mois)\s*:?/, "")
    .trim() === "";

/** Whether a part is only a SIRET, maybe after its name. */
const onlySiret = (part: string): boolean => /^(?:siret\s*:?\s*)?[\d .]+$/i.test(part);

/** The parts of one anomaly's row, recognised by what they hold, not by their place. */
function readItem(reference: string, lines: string): ItemFields {
  const fields: ItemFields = { libelle: null, period: null, siret: null, individu: null };
  const loose: string[] = [];
  // The name of a field alone in its cell names the next part (a card's « Période » then « 01/2026 »).
  let pending: string | null = null;
  for (const part of segments(lines)) {
    const label = FIELD_LABEL_RE.exec(foldSameLength(part));
    const field = label?.[1] ?? pending;
    pending = null;
    let rest = (label ? part.slice(label[0].length) : part).trim();
    const at = rest.toUpperCase().indexOf(reference);
    if (at >= 0) rest = `${rest.slice(0, at)} ${rest.slice(at + reference.length)}`.trim();
    if (!rest) {
      if (label) pending = label[1] ?? null;
      continue;
    }
    const siret = SIRET_RE.exec(rest);
    if (field?.startsWith("libelle")) fields.libelle ??= rest;
    else if (field === "individu" || field === "salarie" || field === "nom") fields.individu ??= rest;
    else if (onlyPeriod(rest) && readPeriod(rest)) fields.period ??= readPeriod(rest);
    else if (siret && (field === "siret" || field === "etablissement" || onlySiret(rest)))
      fields.siret ??= siret.slice(1).join("");
    else if (field?.startsWith("date") || field?.startsWith("reference") || field?.startsWith("code"))
      continue;
    else if (/^nir\b/i.test(rest)) continue;
    else loose.push(rest);
  }
  fields.period ??= readPeriod(lines);
  const person = loose.find((s) => s.length <= 80 && PERSON_RE.test(s));
  if (!fields.individu && person) fields.individu = person;
  // The label is the row's longest free text: a sentence, where the others are names and codes.
  const texts = loose.filter((s) => s !== fields.individu && s.split(" ").length >= 3);
  fields.libelle ??= texts.sort((x, y) => y.length - x.length)[0] ?? null;
  return fields;
}

/** The one SIRET a page shows for its establishment (a period view's heading), or null. */
function pageSiret(doc: Document): string | null {
  const found = new Set<string>();
  for (const el of findByText(doc, /\bsiret\b/)) {
    const m = SIRET_RE.exec(textOf(el));
    if (m) found.add(m.slice(1).join(""));
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** The anomaly rows of a list view; `missing` names what a row lacked (never guessed). */
export function readAnomalyLines(
  doc: Document,
  siret: string | null = pageSiret(doc),
): { anomalies: AnomalyOnPage[]; missing: string[] } {
  const anomalies: AnomalyOnPage[] = [];
  const missing = new Set<string>();
  const { items, unread } = anomalyItems(doc);
  for (const reference of unread) missing.add(`libellé et période de ${reference}`);
  for (const { reference, item, lines } of items) {
    const fields = readItem(reference, lines);
    if (!fields.libelle || !fields.period) {
      missing.add(
        `${fields.libelle ? "" : "libellé"}${!fields.libelle && !fields.period ? " et " : ""}${fields.period ? "" : "période"} de ${reference}`,
      );
      continue;
    }
    anomalies.push({
      reference,
      libelle: fields.libelle,
      period: fields.period,
      siret: fields.siret ?? siret,
      id: anomalyId(item),
      individu: fields.individu,
      anchor: item,
    });
  }
  return { anomalies, missing: [...missing] };
}

/** How many anomaly rows (a reference with its period) the page holds: 2 or more is a list. */
export function countAnomalyRows(doc: Document): number {
  return anomalyItems(doc).items.length;
}

export const suiviDsnListePage: PageAdapter<"suivi-dsn-liste", AnomalyListView> = {
  kind: "suivi-dsn-liste",
  label: "Suivi DSN — anomalies",
  // A list heading, or anomaly rows that are not one anomaly's detail page (see suivi-dsn.ts: several
  // rows are always a list).
  claims: (doc) =>
    findByText(doc, HEADING_RE).length > 0 ||
    countAnomalyRows(doc) >= 2 ||
    (countAnomalyRows(doc) === 1 && !looksLikeAnomalyDetail(doc)),
  read(doc) {
    const heading = foldSameLength(textOf(findByText(doc, HEADING_RE)[0]));
    const view = heading.includes("periode")
      ? "periode"
      : heading.includes("individu")
        ? "individus"
        : heading.includes("typologie")
          ? "typologies"
          : heading.includes("etablissement")
            ? "etablissements"
            : "liste";
    const { anomalies, missing } = readAnomalyLines(doc);
    // A period view is one establishment's: without its SIRET the rows cannot be told apart from another's.
    if (view === "periode" && anomalies.some((a) => a.siret === null))
      missing.push("SIRET de l'établissement");
    if (missing.length > 0) return notUnderstood("suivi-dsn-liste", missing);
    return {
      understood: true,
      kind: "suivi-dsn-liste",
      view: { view, anomalies, grids: readMonthGrids(doc) },
    };
  },
};

/**
 * One anomaly's detail page shows its description as labelled values (« Référence technique »,
 * « Libellé de l'anomalie ») and « Actions attendues de votre part ». A list may print the same names
 * as column headers: the detail is never taken for a list when it holds two rows or more.
 */
export function looksLikeAnomalyDetail(doc: Document): boolean {
  return (
    findByText(doc, "Référence technique").length + findByText(doc, /^reference technique\s*:/).length > 0 &&
    findByText(doc, /actions attendues de votre part$/).length > 0
  );
}
