// "Suivi DSN" views that list anomalies (seed 000): by period of an establishment, by individual, by
// type; and the month grids (home, by establishment, period). Everything is found by visible texts: an
// anomaly is a link whose text is its technical reference, on a line "<référence> — <libellé>
// (MM/AAAA[ — <individu>])"; a grid cell is a link "!" (anomalies) or "-" to the month's page.
import { findByText, norm, textOf } from "./dom.ts";
import { notUnderstood, type PageAdapter } from "./types.ts";

/** A technical reference as the pages print it: Urssaf "UR_ANO_…" or a DSN-Val control code. */
export const ANOMALY_REFERENCE_RE = /^(?:UR_ANO_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}\.\d{3}\/[A-Z]{3}-\d{2})$/;
const LINE_RE = /^(\S+) — (.+) \((\d{2})\/(\d{4})(?: — ([^()]+))?\)$/;
const HEADING_RE =
  /^Anomalies (?:de la période (\d{2})\/(\d{4})|par individu|par typologie|par établissement)$/;

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
  view: "periode" | "individus" | "typologies" | "etablissements";
  anomalies: AnomalyOnPage[];
  grids: MonthGrid[];
}

const MONTH_LINK_RE = /\/suivi-dsn\/etablissements\/(\d{14})$/;

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
    let url: URL;
    try {
      url = new URL(a.href);
    } catch {
      continue;
    }
    const siret = MONTH_LINK_RE.exec(url.pathname)?.[1];
    const period = url.searchParams.get("mois") ?? "";
    if (!siret || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) continue;
    const cells = bySiret.get(siret) ?? [];
    // A new run of the same SIRET (another grid of the same establishment) starts at January again.
    if (cells.length > 0 && (cells.at(-1)?.period ?? "") >= period) flush(siret);
    bySiret.set(siret, [...(bySiret.get(siret) ?? []), { period, flagged: mark === "!", link: a }]);
  }
  for (const siret of [...bySiret.keys()]) flush(siret);
  return grids;
}

function anomalyId(link: HTMLAnchorElement): string | null {
  // The link's own address ("…/suivi-dsn/anomalies/<id>"), read without building a URL per link.
  return /\/anomalies\/([A-Za-z0-9_-]{1,40})(?:[?#]|$)/.exec(link.getAttribute("href") ?? "")?.[1] ?? null;
}

/** The anomaly lines of a list view; `missing` names what a line lacked (never guessed). */
export function readAnomalyLines(
  doc: Document,
  siret: string | null,
): { anomalies: AnomalyOnPage[]; missing: string[] } {
  const anomalies: AnomalyOnPage[] = [];
  const missing = new Set<string>();
  for (const link of doc.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const raw = link.textContent ?? "";
    // Cheap test first: a reference starts with "UR_ANO_" or "S" (DSN-Val), and is short.
    if (raw.length > 60 || !/^\s*(?:UR_ANO_|S\d)/.test(raw)) continue;
    const reference = norm(raw);
    if (!ANOMALY_REFERENCE_RE.test(reference) || link.closest("[data-tiers-feature]")) continue;
    let line: RegExpExecArray | null = null;
    let anchor: HTMLElement | null = null;
    for (let el = link.parentElement, depth = 0; el && depth < 3 && !line; el = el.parentElement, depth++) {
      const text = norm(el.textContent);
      if (text.length > 1_000) break;
      line = LINE_RE.exec(text);
      if (line) anchor = el;
    }
    if (!line || !anchor || line[1] !== reference) {
      missing.add(`libellé et période de ${reference} (« — libellé (MM/AAAA) »)`);
      continue;
    }
    anomalies.push({
      reference,
      libelle: line[2] ?? "",
      period: `${line[4]}-${line[3]}`,
      siret,
      id: anomalyId(link),
      individu: line[5] ?? null,
      anchor,
    });
  }
  return { anomalies, missing: [...missing] };
}

export const suiviDsnListePage: PageAdapter<"suivi-dsn-liste", AnomalyListView> = {
  kind: "suivi-dsn-liste",
  label: "Suivi DSN — anomalies",
  claims: (doc) => findByText(doc, HEADING_RE).length > 0,
  read(doc) {
    const heading = textOf(findByText(doc, HEADING_RE)[0]);
    const view = heading.includes("période")
      ? "periode"
      : heading.includes("individu")
        ? "individus"
        : heading.includes("typologie")
          ? "typologies"
          : "etablissements";
    let siret: string | null = null;
    if (view === "periode") {
      const lines = findByText(doc, /— SIRET \d{14}$/);
      siret = /(\d{14})$/.exec(textOf(lines[0]))?.[1] ?? null;
      if (lines.length !== 1 || !siret) return notUnderstood("suivi-dsn-liste", ["SIRET de l'établissement"]);
    }
    const { anomalies, missing } = readAnomalyLines(doc, siret);
    if (missing.length > 0) return notUnderstood("suivi-dsn-liste", missing);
    return {
      understood: true,
      kind: "suivi-dsn-liste",
      view: { view, anomalies, grids: readMonthGrids(doc) },
    };
  },
};
