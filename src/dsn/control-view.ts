// The options page's "Contrôle DSN" report, as pure functions: the verdict of a file, its findings
// grouped by check, the CSV rows, and the compact history of controls per client (SIREN) that the
// background keeps month after month. No browser API; the report itself comes from src/dsn/report.ts.

import { z } from "zod";
import { ControlSummarySchema, type PreviousMonth, summarise } from "./control-table.ts";
import type { DsnReport, Finding, ReadError } from "./report.ts";

export type Verdict = "unreadable" | "errors" | "warnings" | "ok";

type Severity = Finding["severity"];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: "Erreur",
  warning: "Avertissement",
  info: "Information",
};

/** Kinds of read error that mean the file is not a DSN at all (same list as report.ts `unreadable`). */
const FATAL_KINDS = new Set<ReadError["kind"]>(["empty-file", "pdf", "binary", "not-dsn"]);

export function isUnreadable(report: DsnReport): boolean {
  return report.errors.some((e) => FATAL_KINDS.has(e.kind));
}

/** The French message saying why the file could not be read (the reader's own), or null. */
export function unreadableMessage(report: DsnReport): string | null {
  return report.errors.find((e) => FATAL_KINDS.has(e.kind))?.message ?? null;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Findings and read errors of the whole file, by severity. */
export function countSeverities(report: DsnReport): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const item of [...report.errors, ...report.findings]) {
    if (item.severity === "error") counts.errors++;
    else if (item.severity === "warning") counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function verdict(report: DsnReport): Verdict {
  if (isUnreadable(report)) return "unreadable";
  const c = countSeverities(report);
  return c.errors > 0 ? "errors" : c.warnings > 0 ? "warnings" : "ok";
}

/** Establishments and individuals of the whole file (every declaration of every send). */
export function fileTotals(report: DsnReport): { establishments: number; individuals: number } {
  let establishments = 0;
  let individuals = 0;
  for (const d of report.declarations) {
    establishments += d.establishments;
    individuals += d.individuals;
  }
  return { establishments, individuals };
}

/**
 * The checks write "what is wrong. What to do." in one message: the last sentence is the advice
 * (it starts with a capital after a full stop). A message of one sentence has no separate advice.
 */
export function splitAdvice(message: string): { explanation: string; fix: string } {
  const re = /\.\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])/g;
  let cut = -1;
  for (let m = re.exec(message); m; m = re.exec(message)) cut = m.index;
  if (cut < 0) return { explanation: message, fix: "" };
  return { explanation: message.slice(0, cut + 1), fix: message.slice(cut + 1).trim() };
}

/** A read error shown like a finding, under the "Lecture du fichier" group. */
export const READ_FAMILY = "lecture";
export const READ_FAMILY_LABEL = "Lecture du fichier";

/** A finding as the report shows it: a check's, or a read error put in the same shape. */
export type ShownFinding = Finding;

export interface CheckGroup {
  check: string;
  /** The worst severity among its findings. */
  severity: Severity;
  findings: ShownFinding[];
}

export interface FamilyGroup {
  family: string;
  label: string;
  checks: CheckGroup[];
}

/**
 * Findings grouped by check family (report order of `families`, read errors first), then by check;
 * inside a check by line. Families without findings are left out.
 */
export function groupFindings(report: DsnReport, families: Readonly<Record<string, string>>): FamilyGroup[] {
  const all: ShownFinding[] = [
    ...report.errors.map((e) => ({
      check: `${READ_FAMILY}.${e.kind}`,
      severity: e.severity,
      rubric: e.rubric ?? "",
      line: e.line,
      message: e.message,
      source: "Norme DSN (cahier technique)",
    })),
    ...report.findings,
  ];
  const order = [READ_FAMILY, ...Object.keys(families)];
  const byFamily = new Map<string, Map<string, ShownFinding[]>>();
  for (const f of all) {
    const family = f.check.split(".")[0] ?? f.check;
    if (!order.includes(family)) order.push(family);
    let checks = byFamily.get(family);
    if (!checks) {
      checks = new Map();
      byFamily.set(family, checks);
    }
    const list = checks.get(f.check);
    if (list) list.push(f);
    else checks.set(f.check, [f]);
  }
  const groups: FamilyGroup[] = [];
  for (const family of order) {
    const checks = byFamily.get(family);
    if (!checks) continue;
    const label = family === READ_FAMILY ? READ_FAMILY_LABEL : (families[family] ?? family);
    const list: CheckGroup[] = [...checks].map(([check, findings]) => ({
      check,
      severity: worst(findings),
      findings: [...findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    }));
    list.sort(
      (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.check.localeCompare(b.check),
    );
    groups.push({ family, label, checks: list });
  }
  return groups;
}

function worst(findings: readonly { severity: Severity }[]): Severity {
  let best: Severity = "info";
  for (const f of findings) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[best]) best = f.severity;
  return best;
}

export const REPORT_CSV_HEADERS = [
  "Fichier",
  "SIREN",
  "Période",
  "Famille de contrôle",
  "Contrôle",
  "Gravité",
  "Rubrique",
  "Ligne",
  "Explication",
  "Correction",
  "Source",
] as const;

export interface ControlledFile {
  name: string;
  report: DsnReport;
  families: Readonly<Record<string, string>>;
}

/** "2026-04" → "04/2026". */
export function frenchMonth(mois: string): string {
  return /^\d{4}-\d\d$/.test(mois) ? `${mois.slice(5)}/${mois.slice(0, 4)}` : mois;
}

/** One row per finding (read errors included) of every file, for toCsv (src/core/csv.ts). */
export function reportRows(files: readonly ControlledFile[]): string[][] {
  const rows: string[][] = [[...REPORT_CSV_HEADERS]];
  for (const file of files) {
    const sirens = [...new Set(file.report.declarations.map((d) => d.siren).filter(Boolean))].join(", ");
    const months = [
      ...new Set(file.report.declarations.map((d) => frenchMonth(d.mois)).filter(Boolean)),
    ].join(", ");
    const groups = groupFindings(file.report, file.families);
    if (groups.length === 0) {
      rows.push([file.name, sirens, months, "", "", "", "", "", "Aucun constat.", "", ""]);
      continue;
    }
    for (const g of groups)
      for (const c of g.checks)
        for (const f of c.findings) {
          const { explanation, fix } = splitAdvice(f.message);
          rows.push([
            file.name,
            sirens,
            months,
            g.label,
            f.check,
            SEVERITY_LABELS[f.severity],
            f.rubric,
            f.line === null ? "" : String(f.line),
            explanation,
            fix,
            f.source,
          ]);
        }
  }
  return rows;
}

// --- History of controls per client (kept by the background, key DSN_HISTORY_KEY) ---------------

/** At most this many entries are kept (the oldest controls go first). */
export const MAX_HISTORY_ENTRIES = 5_000;
/** Main findings kept per entry, each cut to this many characters. */
export const TOP_FINDINGS = 3;
export const TOP_MESSAGE_CHARS = 240;
/** Establishments' control figures kept per history entry. */
export const MAX_TABLES_PER_ENTRY = 5;

export const DsnHistoryEntrySchema = z.object({
  siren: z.string().regex(/^\d{9}$/),
  /** Month declared "YYYY-MM", or "" when the file has none. */
  mois: z.string().regex(/^(\d{4}-\d\d)?$/),
  fichier: z.string().max(255),
  /** ISO date and time of the control. */
  controleLe: z.string().max(40),
  /** Declarations in the file (the counts below are those of the whole file). */
  declarations: z.number().int().min(0),
  etablissements: z.number().int().min(0),
  individus: z.number().int().min(0),
  erreurs: z.number().int().min(0),
  avertissements: z.number().int().min(0),
  infos: z.number().int().min(0),
  principaux: z
    .array(
      z.object({
        check: z.string().max(80),
        severity: z.enum(["error", "warning", "info"]),
        message: z.string().max(TOP_MESSAGE_CHARS),
      }),
    )
    .max(TOP_FINDINGS),
  /** The control file's figures of each establishment (to show previous months beside a new control). */
  controles: z.array(ControlSummarySchema).max(MAX_TABLES_PER_ENTRY).optional(),
});
export type DsnHistoryEntry = z.infer<typeof DsnHistoryEntrySchema>;

/** The stored history; an absent key reads as an empty history (no schema migration needed). */
export const DsnHistorySchema = z.array(DsnHistoryEntrySchema).default([]);

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The history entries of one controlled file: one per client (SIREN) and month declared in it, with
 * the whole file's counts and its first errors (then warnings). An unreadable file gives none.
 */
export function historyEntries(fileName: string, report: DsnReport, at: Date): DsnHistoryEntry[] {
  if (isUnreadable(report)) return [];
  const counts = countSeverities(report);
  const totals = fileTotals(report);
  const top = [...report.errors.map((e) => ({ ...e, check: `${READ_FAMILY}.${e.kind}` })), ...report.findings]
    .filter((f) => f.severity !== "info")
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0))
    .slice(0, TOP_FINDINGS)
    .map((f) => ({
      check: cut(f.check, 80),
      severity: f.severity,
      message: cut(f.message, TOP_MESSAGE_CHARS),
    }));
  const seen = new Set<string>();
  const entries: DsnHistoryEntry[] = [];
  for (const d of report.declarations) {
    if (!/^\d{9}$/.test(d.siren)) continue;
    const mois = /^\d{4}-\d\d$/.test(d.mois) ? d.mois : "";
    const key = `${d.siren} ${mois}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({
      siren: d.siren,
      mois,
      fichier: cut(fileName, 255),
      controleLe: at.toISOString(),
      declarations: report.declarations.length,
      etablissements: totals.establishments,
      individus: totals.individuals,
      erreurs: counts.errors,
      avertissements: counts.warnings,
      infos: counts.infos,
      principaux: top,
      controles: (report.tables ?? [])
        .filter((tb) => tb.siren === d.siren && tb.month === mois)
        .slice(0, MAX_TABLES_PER_ENTRY)
        .map(summarise),
    });
  }
  return entries;
}

/**
 * The previous months of an establishment in the history (latest first, at most `max`), for the
 * control file's columns beside the current month.
 */
export function previousMonths(
  history: readonly DsnHistoryEntry[],
  siren: string,
  nic: string,
  month: string,
  max = 3,
): PreviousMonth[] {
  const byMonth = new Map<string, PreviousMonth>();
  for (const e of history) {
    if (e.siren !== siren || e.mois === "" || e.mois >= month || byMonth.has(e.mois)) continue;
    const summary = e.controles?.find((c) => c.nic === nic);
    if (summary) byMonth.set(e.mois, { month: e.mois, summary });
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? 1 : -1)).slice(0, max);
}

/**
 * Adds controls to the history: a new control of the same file for the same client and month replaces
 * the previous one; the oldest controls go beyond {@link MAX_HISTORY_ENTRIES}.
 */
export function addToHistory(
  history: readonly DsnHistoryEntry[],
  added: readonly DsnHistoryEntry[],
  max = MAX_HISTORY_ENTRIES,
): DsnHistoryEntry[] {
  const key = (e: DsnHistoryEntry) => `${e.siren}\u0000${e.mois}\u0000${e.fichier}`;
  const replaced = new Set(added.map(key));
  const next = [...history.filter((e) => !replaced.has(key(e))), ...added];
  next.sort((a, b) => a.controleLe.localeCompare(b.controleLe));
  return next.length > max ? next.slice(next.length - max) : next;
}

export interface ClientHistory {
  siren: string;
  /** Latest month first, then the latest control first. */
  entries: DsnHistoryEntry[];
}

/** The history by client (SIREN in order), month after month (latest first). */
export function historyBySiren(history: readonly DsnHistoryEntry[]): ClientHistory[] {
  const bySiren = new Map<string, DsnHistoryEntry[]>();
  for (const e of history) {
    const list = bySiren.get(e.siren);
    if (list) list.push(e);
    else bySiren.set(e.siren, [e]);
  }
  return [...bySiren]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([siren, entries]) => ({
      siren,
      entries: entries.sort(
        (a, b) => b.mois.localeCompare(a.mois) || b.controleLe.localeCompare(a.controleLe),
      ),
    }));
}

/**
 * A client's months, latest first (at most `months` of them), each with the verdict of its latest
 * control: the "month after month" strip of the history. Entries as {@link historyBySiren} orders them.
 */
export function monthlyStatus(
  entries: readonly DsnHistoryEntry[],
  months = 12,
): { mois: string; verdict: Exclude<Verdict, "unreadable"> }[] {
  const seen = new Set<string>();
  const strip: { mois: string; verdict: Exclude<Verdict, "unreadable"> }[] = [];
  for (const e of entries) {
    if (!e.mois || seen.has(e.mois)) continue;
    seen.add(e.mois);
    strip.push({
      mois: e.mois,
      verdict: e.erreurs > 0 ? "errors" : e.avertissements > 0 ? "warnings" : "ok",
    });
    if (strip.length === months) break;
  }
  return strip;
}
