// What the anomaly panels of a Suivi DSN page show, computed by the background from the catalogue
// (src/anomalies/data), the correction path for today and the tracking state. The content script
// imports only the types of this module: the catalogue never enters its bundle, and the panel's static
// parts come as a tree of plain nodes (text only) that it builds as they are.

import type { UiNode, UiTag } from "../../core/ui-node.ts";
import { contractNatureTable } from "../../dsn/data/codes.ts";
import {
  type DueDay,
  deMoisFr,
  formatDateLongFr,
  formatPeriodFr,
  type IsoDate,
  type Period,
} from "../../reminders/model/calendar.ts";
import {
  type AnomalyEntry,
  explainReference,
  GENERIC_CORRECTION,
  LEVEL_LABELS,
  normalizeReference,
  SUBSTITUTION_TEXT,
  SUIVI_DSN_CHECKLIST,
  SUIVI_DSN_CHECKLIST_SOURCE,
  UNKNOWN_REFERENCE_SOURCES,
} from "../data/index.ts";
import { anomalyDeadline, correctionPath, THIRTY_DAY_RULE_FR } from "./path.ts";
import { monthStatus, type TrackingState, type TrackStatus } from "./tracking.ts";

export type { UiNode, UiTag } from "../../core/ui-node.ts";
/** The extension's messages (browser.i18n.getMessage in the background; the French file in tests). */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface PanelValue {
  code: string;
  label: string;
  highlight: boolean;
}

export interface PanelRubric {
  code: string;
  label: string;
  role: string;
  values: PanelValue[];
  /** True when `values` is the rubric's whole value table (e.g. the contract natures). */
  fullTable: boolean;
}

export interface PanelQuestion {
  id: string;
  text: string;
  /** The Urssaf's own question (asked on the Suivi DSN page too). */
  fromUrssaf: boolean;
  values: PanelValue[];
  answers: { answer: string; advice: string }[];
}

/** Everything known about one reference, structured (tests, and the nodes below are made from it). */
export interface ReferenceInfo {
  reference: string;
  known: boolean;
  title: string;
  /** Family member, e.g. "Salarié à temps partiel". */
  variant: string | null;
  officialLabel: string | null;
  explanation: string;
  /** "données individuelles (…)" / "données agrégées (…)", when known. */
  level: string | null;
  rubrics: PanelRubric[];
  causes: string[];
  correctionBefore: string | null;
  correctionAfter: string | null;
  questions: PanelQuestion[];
  /** What happens without correction, when a DSN de substitution can apply to it (else null). */
  substitution: string | null;
  /** Public references only: norm control ids with the norm's version, official pages, code articles. */
  sources: string[];
}

/** What a page's panels get for one reference (same for every anomaly of that reference). */
export interface ReferencePanel {
  reference: string;
  known: boolean;
  /** Short name for the summary line: the family member, the title, or "référence inconnue…". */
  short: string;
  /** Title, explanation, level. */
  head: UiNode[];
  /** How to correct before / after the deadline. */
  mid: UiNode[];
  /** Rubrics with their values, causes, sources. */
  tail: UiNode[];
  /** Answered inside the panel: the question's nodes, then one button per answer (content script). */
  questions: { id: string; nodes: UiNode[]; answers: { answer: string; advice: string }[] }[];
}

/** The correction path of a period for today, for a due day. */
export interface PathPanel {
  kind: "annule-et-remplace" | "dsn-ulterieure";
  /** "annule et remplace possible jusqu'au … à minuit" / "à corriger dans la DSN de …, à déposer au plus tard le … à midi". */
  summary: string;
  sentences: string[];
  /** The DSN month that carries the correction (the period itself for an annule et remplace). */
  correctIn: Period;
  /** "d'août 2026", for "Marquer comme corrigée dans la DSN d'août 2026". */
  correctInLabel: string;
  dueDay: DueDay;
  /** The notification date the path counts the 30 days from. */
  notifiedOn: IsoDate;
  /** Last day to correct or contest (30-day rule): fixed, it does not move with today. */
  deadline: IsoDate;
  /** The deadline is behind today. */
  overdue: boolean;
  /** Heading, the summary and the sentences (30-day rule, DSN de substitution). */
  nodes: UiNode[];
}

export interface PanelItem {
  reference: string;
  /** Key into `paths`. */
  path: string;
  /** Tracking key, null when the page does not say which establishment the anomaly belongs to. */
  key: string | null;
  status: TrackStatus | null;
  correctedIn: Period | null;
  correctedInLabel: string | null;
  /** The due day was not found in the register (client absent, or not an employer): 15 assumed. */
  dueDayAssumed: boolean;
  /** Copied from the path: last day to correct or contest, and whether it is behind today. */
  deadline: IsoDate;
  overdue: boolean;
}

export interface MonthPanel {
  siret: string;
  period: Period;
  /** "mars 2026". */
  label: string;
  count: number;
  byStatus: Record<TrackStatus, number>;
}

export interface AnomalyPanelsView {
  today: IsoDate;
  refs: Record<string, ReferencePanel>;
  paths: Record<string, PathPanel>;
  /** One per item of the request, same order. */
  items: PanelItem[];
  months: MonthPanel[];
  /** The seed's checklist, folded. */
  common: UiNode[];
}

const sourceText = (s: { ref: string; supports: string }) => `${s.ref} — ${s.supports}`;

export function referenceInfo(reference: string): ReferenceInfo {
  const explained = explainReference(reference);
  if (explained.status === "unknown") {
    return {
      reference: explained.reference,
      known: false,
      title: "Référence inconnue du catalogue",
      variant: null,
      officialLabel: null,
      explanation: explained.summary,
      level: explained.urssaf?.level ? LEVEL_LABELS[explained.urssaf.level] : null,
      rubrics: [],
      causes: [],
      correctionBefore: GENERIC_CORRECTION.before,
      correctionAfter: GENERIC_CORRECTION.after,
      questions: [],
      substitution: null,
      sources: [...UNKNOWN_REFERENCE_SOURCES],
    };
  }
  const { entry, variant } = explained.match;
  return {
    reference: explained.reference,
    known: true,
    title: entry.title,
    variant: variant ? variant.title : null,
    officialLabel: entry.officialLabel ?? null,
    explanation: variant ? `${entry.explanation} ${variant.explanation}` : entry.explanation,
    level: entry.scope === "envoi" ? null : LEVEL_LABELS[entry.scope],
    rubrics: entry.rubrics.map(rubricInfo),
    causes: [...entry.causes],
    correctionBefore: entry.correction.beforeDeadline,
    correctionAfter: entry.correction.afterDeadline,
    questions: entry.questions.map((q) => ({
      id: q.id,
      text: q.text,
      fromUrssaf: q.fromUrssaf,
      values: (q.values ?? []).map((v) => ({
        code: v.code,
        label: v.label,
        highlight: v.highlight ?? false,
      })),
      answers: q.answers.map((a) => ({ answer: a.answer, advice: a.advice })),
    })),
    substitution: entry.substitution ? SUBSTITUTION_TEXT[entry.substitution] : null,
    // The Urssaf's own questions have a source; ours are our advice, written from the entry's sources.
    sources: [
      ...new Set([
        ...entry.sources.map(sourceText),
        ...entry.questions.filter((q) => q.fromUrssaf).map((q) => q.source),
      ]),
    ],
  };
}

function rubricInfo(r: AnomalyEntry["rubrics"][number]): PanelRubric {
  if (r.valueTable === "CONTRACT_NATURES") {
    return {
      code: r.code,
      label: r.label,
      role: r.role,
      values: contractNatureTable().map((n) => ({
        code: n.code,
        label: n.label,
        highlight: n.fixedTermInSeed,
      })),
      fullTable: true,
    };
  }
  return {
    code: r.code,
    label: r.label,
    role: r.role,
    values: (r.values ?? []).map((v) => ({ code: v.code, label: v.label, highlight: v.highlight ?? false })),
    fullTable: false,
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const el = (t: UiTag, k: UiNode[] = [], c?: string, id?: string): UiNode => ({
  t,
  k,
  ...(c ? { c } : {}),
  ...(id ? { id } : {}),
});
const labelled = (label: string, text: string): UiNode => el("p", [el("strong", [`${label} : `]), text]);

function pathPanel(
  period: Period,
  dueDay: DueDay,
  notifiedOn: IsoDate,
  today: IsoDate,
  t: Translate,
): PathPanel {
  const path = correctionPath({ period, dueDay, today, notifiedOn });
  const limit = anomalyDeadline(period, dueDay, notifiedOn);
  const overdue = limit.deadline.date < today;
  const correctIn = path.kind === "dsn-ulterieure" ? path.target.period : period;
  const nodes: UiNode[] = [el("h3", [t("anomalyHowWhen")])];
  if (overdue)
    nodes.push(
      el(
        "p",
        [t("anomalyOverdue", [formatDateLongFr(limit.deadline.date), deMoisFr(limit.period)])],
        "overdue",
        "overdue",
      ),
    );
  else
    nodes.push(
      el(
        "p",
        [t("anomalyDeadline", [formatDateLongFr(limit.deadline.date), deMoisFr(limit.period)])],
        "muted",
      ),
    );
  nodes.push(
    el("p", [`${capitalize(path.summary)}.`], "path", "path"),
    ...path.sentences.map((sentence) => el("p", [sentence])),
  );
  return {
    kind: path.kind,
    summary: path.summary,
    sentences: [...path.sentences],
    correctIn,
    correctInLabel: deMoisFr(correctIn),
    dueDay,
    notifiedOn,
    deadline: limit.deadline.date,
    overdue,
    nodes,
  };
}

/** A value table; highlighted rows (the seed's fixed-term natures) get a legend. */
function valuesTable(values: readonly PanelValue[], t: Translate): UiNode[] {
  const table = el(
    "table",
    values.map((v) => el("tr", [el("td", [v.code]), el("td", [v.label])], v.highlight ? "hl" : undefined)),
  );
  return values.some((v) => v.highlight) ? [table, el("p", [t("anomalyHighlighted")], "muted")] : [table];
}

/** The nodes of a reference's panel, from its structured info. */
export function referencePanel(info: ReferenceInfo, t: Translate): ReferencePanel {
  const head: UiNode[] = [
    el("h3", [`${info.reference} — ${info.known ? info.title : t("anomalyUnknownShort")}`]),
  ];
  if (info.variant) head.push(el("p", [info.variant]));
  head.push(el("p", [info.explanation], undefined, "explanation"));
  if (info.level) head.push(el("p", [t("anomalyLevel", info.level)], "muted"));
  if (!info.known) head.push(el("p", [t("anomalyUnknownNote")], "muted"));
  const mid: UiNode[] = [];
  if (info.correctionBefore) mid.push(labelled(t("anomalyBefore"), info.correctionBefore));
  if (info.correctionAfter) mid.push(labelled(t("anomalyAfter"), info.correctionAfter));
  mid.push(labelled(t("anomalyThirtyDays"), THIRTY_DAY_RULE_FR));
  if (info.substitution) mid.push(labelled(t("anomalySubstitution"), info.substitution));
  const tail: UiNode[] = [];
  if (info.rubrics.length > 0) {
    tail.push(el("h3", [t("anomalyRubrics")]));
    tail.push(
      el(
        "ul",
        info.rubrics.map((r) => {
          const kids: UiNode[] = [el("strong", [r.code]), ` ${r.label} — ${r.role}`];
          if (r.fullTable)
            kids.push({
              t: "details",
              open: r.values.length <= 30,
              k: [el("summary", [t("anomalyFullTable", r.label)]), ...valuesTable(r.values, t)],
            });
          else if (r.values.length > 0) kids.push(...valuesTable(r.values, t));
          return el("li", kids);
        }),
        undefined,
        "rubrics",
      ),
    );
  }
  if (info.causes.length > 0)
    tail.push(
      el("h3", [t("anomalyCauses")]),
      el(
        "ul",
        info.causes.map((c) => el("li", [c])),
      ),
    );
  tail.push(
    el("details", [
      el("summary", [t("anomalySources")]),
      el(
        "ul",
        info.sources.map((source) => el("li", [source], "muted")),
      ),
    ]),
  );
  return {
    reference: info.reference,
    known: info.known,
    short: info.known ? (info.variant ?? info.title) : t("anomalyUnknownShort"),
    head,
    mid,
    tail,
    questions: info.questions.map((q) => ({
      id: q.id,
      nodes: [
        ...(q.fromUrssaf ? [el("p", [t("anomalyUrssafQuestion")], "muted")] : []),
        el("p", [q.text]),
        ...(q.values.length > 0 ? valuesTable(q.values, t) : []),
      ],
      answers: q.answers,
    })),
  };
}

function checklistNodes(t: Translate): UiNode[] {
  return [
    el("details", [
      el("summary", [t("anomalyChecklist")]),
      ...SUIVI_DSN_CHECKLIST.flatMap((step) => [
        el("p", [el("strong", [step.step])]),
        el(
          "ul",
          step.items.map((item) => el("li", [item])),
        ),
      ]),
      el("p", [SUIVI_DSN_CHECKLIST_SOURCE], "muted"),
    ]),
  ];
}

export interface PanelRequestItem {
  reference: string;
  period: Period;
  siret: string | null;
}

/**
 * The panels' data for a page: one explanation per distinct reference, one correction path per
 * distinct (period, due day), and per anomaly its tracking status. `keys` are the tracking keys of the
 * items (from recordSeen), `dueDayOf` the client's due day from its SIREN (null when unknown).
 */
export function buildPanels(input: {
  items: readonly PanelRequestItem[];
  keys: readonly (string | null)[];
  months: readonly { siret: string; period: Period }[];
  tracking: TrackingState;
  today: IsoDate;
  dueDayOf: (siren: string) => DueDay | null;
  t: Translate;
}): AnomalyPanelsView {
  const refs: Record<string, ReferencePanel> = {};
  const paths: Record<string, PathPanel> = {};
  const items = input.items.map((item, i): PanelItem => {
    const key = input.keys[i] ?? null;
    const tracked = key ? input.tracking.items[key] : undefined;
    const siret = item.siret ?? tracked?.siret ?? null;
    const found = siret ? input.dueDayOf(siret.slice(0, 9)) : null;
    const dueDay: DueDay = found ?? 15;
    // Not tracked (the page does not say which establishment): notified today as far as we know.
    const notifiedOn =
      tracked?.notifiedOn && tracked.notifiedOn <= input.today ? tracked.notifiedOn : input.today;
    const pathKey = `${item.period}|${dueDay}|${notifiedOn}`;
    paths[pathKey] ??= pathPanel(item.period, dueDay, notifiedOn, input.today, input.t);
    const path = paths[pathKey];
    const reference = normalizeReference(item.reference);
    refs[reference] ??= referencePanel(referenceInfo(reference), input.t);
    const panel = refs[reference];
    return {
      reference: panel.reference,
      path: pathKey,
      key,
      status: tracked?.status ?? null,
      correctedIn: tracked?.correctedIn ?? null,
      correctedInLabel: tracked?.correctedIn ? deMoisFr(tracked.correctedIn) : null,
      dueDayAssumed: found === null,
      deadline: path.deadline,
      overdue: path.overdue,
    };
  });
  return {
    today: input.today,
    refs,
    paths,
    items,
    months: input.months.map((m) => ({
      ...m,
      label: formatPeriodFr(m.period),
      ...monthStatus(input.tracking, m.siret, m.period),
    })),
    common: checklistNodes(input.t),
  };
}
