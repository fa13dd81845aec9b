/**
 * checkDsn: reads a DSN file (streamed bytes), builds the block tree and runs every check family as the
 * individuals stream past. Pure TypeScript: runs in a browser Worker and in Node. Never throws on bad
 * input: problems of the file itself are in `errors`, business findings in `findings`.
 */
import { formatSiret } from "../register/model/ids.ts";
import type { DsnCheckRunner } from "./checks/common.ts";
import { classifyEmitter, type EmitterStatus } from "./checks/emitter.ts";
import { CHECK_FAMILIES, type DsnCheckContext } from "./checks/index.ts";
import type { ControlTable } from "./control-table.ts";
import { type ByteSource, DsnReader, feed } from "./read.ts";
import { TreeBuilder } from "./tree.ts";
import type { FileEncoding, Finding, ReadError } from "./types.ts";

export type { DsnCheckContext } from "./checks/index.ts";
export type { Finding, ReadError } from "./types.ts";

export interface DsnDeclarationSummary {
  siren: string;
  nic: string;
  /** Month declared, "YYYY-MM", or "" when missing. */
  mois: string;
  nature: string;
  establishments: number;
  individuals: number;
}

export interface DsnSendSummary {
  startLine: number;
  endLine: number;
  norm: string;
  emitterSiret: string;
  emitterStatus: EmitterStatus;
  declarations: number;
}

export interface DsnReport {
  declarations: DsnDeclarationSummary[];
  sends: DsnSendSummary[];
  findings: Finding[];
  errors: ReadError[];
  /** The control file of each establishment and month (seed 003), in file order. */
  tables: ControlTable[];
  stats: { bytes: number; lines: number; ms: number; encoding: FileEncoding };
}

/** True when the report has something blocking (a read error or an error finding). */
export function hasErrors(report: DsnReport): boolean {
  return (
    report.errors.some((e) => e.severity === "error") || report.findings.some((f) => f.severity === "error")
  );
}

/** True when the file could not be read as a DSN at all (empty, PDF, binary, not a DSN). */
export function unreadable(report: DsnReport): boolean {
  return report.errors.some(
    (e) => e.kind === "empty-file" || e.kind === "pdf" || e.kind === "binary" || e.kind === "not-dsn",
  );
}

const MAX_FINDINGS_PER_CHECK = 1000;
/** Control tables kept per file (one per establishment and month). */
const MAX_TABLES = 1000;

/**
 * One truncation, one error: the tree's "no S90 at the end" joins the reader's "line cut" when both
 * exist, and the findings of the cut blocks (counted in `collapsed`) are named in it, not listed.
 */
function explainTruncation(errors: ReadError[], collapsed: number) {
  let cutLine = -1;
  let noTotal = -1;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i] as ReadError;
    if (e.kind !== "truncated") continue;
    if (e.rubric === "S90.G00.90") {
      // Only the send cut by the end of the file (a send closed early by the next one is another error).
      if (e.message.startsWith("Le fichier s'arrête")) noTotal = i;
    } else cutLine = i;
  }
  if (cutLine >= 0 && noTotal >= 0) errors.splice(noTotal, 1);
  const main = cutLine >= 0 ? cutLine - (noTotal >= 0 && noTotal < cutLine ? 1 : 0) : noTotal;
  const e = errors[main];
  if (e && collapsed > 0)
    e.message += ` ${collapsed} autre(s) constat(s) sur les blocs coupés (blocs manquants, totaux, rapprochements avec les individus) en découlent et ne sont pas listés : contrôlez le fichier complet.`;
}

/**
 * The first `perKind` items of each kind (`kindOf`) in order, then one line per kind that had more:
 * « … et 999 990 autres » (for the human output of the command line).
 */
export function capPerKind<T>(
  items: readonly T[],
  kindOf: (item: T) => string,
  perKind = 10,
): { shown: T[]; more: { kind: string; count: number; text: string }[] } {
  const counts = new Map<string, number>();
  const shown: T[] = [];
  for (const item of items) {
    const k = kindOf(item);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n <= perKind) shown.push(item);
  }
  const more = [...counts]
    .filter(([, n]) => n > perKind)
    .map(([kind, n]) => ({
      kind,
      count: n - perKind,
      text: `… et ${(n - perKind).toLocaleString("fr-FR").replace(/\s/g, " ")} autres « ${kind} »`,
    }));
  return { shown, more };
}

export async function checkDsn(source: ByteSource, context: DsnCheckContext): Promise<DsnReport> {
  const start = performance.now();
  const findings: Finding[] = [];
  const errors: ReadError[] = [];
  const perCheck = new Map<string, number>();
  const perKind = new Map<string, number>();
  const readError = (e: ReadError) => {
    const n = (perKind.get(e.kind) ?? 0) + 1;
    perKind.set(e.kind, n);
    if (n <= MAX_FINDINGS_PER_CHECK) errors.push(e);
    else if (n === MAX_FINDINGS_PER_CHECK + 1)
      errors.push({
        ...e,
        line: null,
        message: `Plus de ${MAX_FINDINGS_PER_CHECK} problèmes de lecture « ${e.kind} » : les suivants ne sont pas listés.`,
      });
  };
  const keep = (f: Finding) => {
    const n = (perCheck.get(f.check) ?? 0) + 1;
    perCheck.set(f.check, n);
    if (n <= MAX_FINDINGS_PER_CHECK) findings.push(f);
    else if (n === MAX_FINDINGS_PER_CHECK + 1) {
      findings.push({
        ...f,
        severity: f.severity,
        line: null,
        message: `Plus de ${MAX_FINDINGS_PER_CHECK} constats « ${f.check} » : les suivants ne sont pas listés.`,
      });
    }
  };
  // Findings of blocks cut by the end of the file are consequences of the truncation: counted, not listed.
  let collapsing = false;
  let collapsed = 0;
  const report = (f: Finding) => {
    if (collapsing) collapsed++;
    else keep(f);
  };
  const tables: ControlTable[] = [];
  const runners: DsnCheckRunner[] = CHECK_FAMILIES.map((f) =>
    f.create(context, report, { table: (t) => tables.length < MAX_TABLES && tables.push(t) }),
  );
  const declarations: DsnDeclarationSummary[] = [];
  const sends: DsnSendSummary[] = [];
  const tree = new TreeBuilder(
    {
      individual(ind, d) {
        collapsing = ind.truncated;
        for (const r of runners) r.individual?.(ind, d);
        collapsing = false;
      },
      declaration(d) {
        collapsing = d.truncated;
        for (const r of runners) r.declaration?.(d);
        collapsing = false;
        const ent = d.enterprise();
        declarations.push({
          siren: ent?.get("001") ?? "",
          nic: d.establishment()?.get("001") ?? "",
          mois: d.period ? d.period.slice(0, 7) : "",
          nature: d.nature,
          establishments: ent ? ent.all("S21.G00.11").length : 0,
          individuals: d.individuals,
        });
      },
      wrapper(e) {
        for (const r of runners) r.wrapper?.(e);
      },
      send(s) {
        collapsing = s.truncated;
        if (!s.extract) for (const r of runners) r.send?.(s);
        collapsing = false;
        const em = s.header.child("S10.G00.01");
        const siret = `${em?.get("001") ?? ""}${em?.get("002") ?? ""}`;
        sends.push({
          startLine: s.startLine,
          endLine: s.endLine,
          norm: s.header.get("006") ?? "",
          emitterSiret: formatSiret(siret),
          emitterStatus: classifyEmitter(siret, context, s.sirens).status,
          declarations: s.declarations,
        });
      },
    },
    (e) => readError(e),
  );
  const reader = new DsnReader({
    rubric: (e) => {
      tree.rubric(e);
      if (tree.stopped) reader.stop();
    },
    invalid: (e, message) =>
      report({
        check: "structure.rubric-format",
        severity: "error",
        rubric: e.code,
        line: e.line,
        message,
        source:
          "Norme DSN P26V01 : type (X, N, D) et longueur maximale de chaque rubrique (norm-P26V01.yaml)",
      }),
    wrapper: (e) => tree.wrapper(e),
    skipped: (line) => tree.skipped(line),
    error: (e) => readError(e),
  });
  try {
    await feed(reader, source);
    if (!reader.aborted || reader.sawRubric) {
      tree.end();
      for (const r of runners) r.end?.();
    }
  } catch (error) {
    errors.push({
      kind: "truncated",
      severity: "error",
      line: reader.lines || null,
      rubric: null,
      message: `La lecture du fichier s'est interrompue (${error instanceof Error ? error.message : String(error)}) : le fichier est peut-être inaccessible ou tronqué.`,
    });
  }
  explainTruncation(errors, collapsed);
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  return {
    declarations,
    sends,
    findings,
    errors,
    tables,
    stats: {
      bytes: reader.bytes,
      lines: reader.lines,
      ms: performance.now() - start,
      encoding: reader.encoding,
    },
  };
}
