// What the anomaly panels of a Suivi DSN page show, computed by the background from the catalogue
// (src/knowledge/anomalies), the correction path for today and the tracking state. The content script
// imports only the types of this module: the catalogue never enters its bundle.

import {
  type AnomalyEntry,
  explainReference,
  LEVEL_LABELS,
  normalizeReference,
  SUIVI_DSN_CHECKLIST,
  SUIVI_DSN_CHECKLIST_SOURCE,
} from "../knowledge/anomalies/index.ts";
import { contractNatureTable } from "../knowledge/dsn-codes.ts";
import { correctionPath, THIRTY_DAY_RULE_FR } from "./anomaly-path.ts";
import { monthStatus, type TrackingState, type TrackStatus } from "./anomaly-tracking.ts";
import { type DueDay, deMoisFr, formatPeriodFr, type IsoDate, type Period } from "./calendar.ts";

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

/** Everything the panel says about one reference (same for every anomaly of that reference). */
export interface ReferencePanel {
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
  sources: string[];
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
  thirtyDayRule: string;
  checklist: { step: string; items: string[] }[];
  checklistSource: string;
}

const sourceText = (s: { ref: string; supports: string }) => `${s.ref} — ${s.supports}`;

function entryPanel(reference: string): ReferencePanel {
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
      correctionBefore: null,
      correctionAfter: null,
      questions: [],
      sources: ["shared/facts/dsn.md — forme des références UR_ANO_ (DA/DI, domaine)"],
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
    rubrics: entry.rubrics.map(rubricPanel),
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
    sources: [...entry.sources.map(sourceText), ...entry.questions.map((q) => q.source)],
  };
}

function rubricPanel(r: AnomalyEntry["rubrics"][number]): PanelRubric {
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

function pathPanel(period: Period, dueDay: DueDay, today: IsoDate): PathPanel {
  const path = correctionPath({ period, dueDay, today });
  const correctIn = path.kind === "dsn-ulterieure" ? path.target.period : period;
  return {
    kind: path.kind,
    summary: path.summary,
    sentences: [...path.sentences],
    correctIn,
    correctInLabel: deMoisFr(correctIn),
    dueDay,
  };
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
}): AnomalyPanelsView {
  const refs: Record<string, ReferencePanel> = {};
  const paths: Record<string, PathPanel> = {};
  const items = input.items.map((item, i): PanelItem => {
    const key = input.keys[i] ?? null;
    const tracked = key ? input.tracking.items[key] : undefined;
    const siret = item.siret ?? tracked?.siret ?? null;
    const found = siret ? input.dueDayOf(siret.slice(0, 9)) : null;
    const dueDay: DueDay = found ?? 15;
    const pathKey = `${item.period}|${dueDay}`;
    paths[pathKey] ??= pathPanel(item.period, dueDay, input.today);
    const reference = normalizeReference(item.reference);
    refs[reference] ??= entryPanel(reference);
    const panel = refs[reference];
    return {
      reference: panel.reference,
      path: pathKey,
      key,
      status: tracked?.status ?? null,
      correctedIn: tracked?.correctedIn ?? null,
      correctedInLabel: tracked?.correctedIn ? deMoisFr(tracked.correctedIn) : null,
      dueDayAssumed: found === null,
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
    thirtyDayRule: THIRTY_DAY_RULE_FR,
    checklist: SUIVI_DSN_CHECKLIST.map((s) => ({ step: s.step, items: [...s.items] })),
    checklistSource: SUIVI_DSN_CHECKLIST_SOURCE,
  };
}
