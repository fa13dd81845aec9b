// Runs fuzz cases (cases.ts), each in its own Node process running the bundled command line with a heap
// cap (--max-old-space-size) and a time limit, and judges each one: a clear error (exit 2 with a French
// message), findings (exit 0 or 1 with a report), or a failure — crash (signal, another exit code, an
// unexpected error or a stack trace), hang (time limit), memory blow-up (peak RSS over the limit), or an
// unclear answer (no message, NaN/Infinity/undefined printed, not the expected outcome or limit named).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type CaseRef, type FuzzCase, makeCase } from "./cases.ts";

/** A case without its input (kept while it runs; the bytes are on disk). */
type CaseMeta = Omit<FuzzCase, "input">;

/** Per case: CPU time (the issue's 10 s), and a wall-clock cap for a case blocked without working. */
export const TIME_LIMIT_MS = 10_000;
export const WALL_LIMIT_MS = 60_000;
export const MEMORY_LIMIT_MB = 512;
const MEASURE = resolve(import.meta.dirname, "measure.mjs");
/** Output kept for judging; the rest is only counted (a report of 233 MB must not fill our memory). */
const KEEP = 256 * 1024;

export type Verdict = "error" | "findings" | "crash" | "hang" | "memory" | "unclear";

export interface CaseResult {
  id: string;
  klass: string;
  verdict: Verdict;
  exit: number | null;
  signal: string | null;
  ms: number;
  /** CPU time of the case (ms). */
  cpuMs: number;
  rssMb: number;
  outBytes: number;
  why: string;
  /** What reproduces it. */
  reproduce: string;
}

/** Writes the case's input into `dir`; returns the path to give the command. */
function materialise(
  input: FuzzCase["input"],
  dir: string,
  spawnSync: (cmd: string, args: string[]) => void,
): string {
  const path = join(dir, input.name);
  if ("bytes" in input) {
    writeFileSync(path, input.bytes);
    return path;
  }
  switch (input.special) {
    case "missing":
      return join(dir, "absent", input.name);
    case "folder":
      mkdirSync(path);
      return path;
    case "link-to-folder":
      mkdirSync(join(dir, "cible"));
      symlinkSync(join(dir, "cible"), path);
      return path;
    case "dev-zero":
      return "/dev/zero";
    case "dev-null":
      return "/dev/null";
    case "fifo":
      spawnSync("mkfifo", [path]);
      return path;
  }
}

const UNCLEAR = /\b(NaN|Infinity|undefined|\[object Object\])\b/;
const CRASH = /Erreur inattendue|FATAL ERROR|\n\s+at [\w.<>]+ \(|Maximum call stack|heap out of memory/;

function judge(
  c: CaseMeta,
  exit: number | null,
  signal: string | null,
  out: string,
  err: string,
): [Verdict, string] {
  if (signal) return ["crash", `signal ${signal}`];
  if (CRASH.test(err)) return ["crash", err.slice(0, 300)];
  if (exit !== 0 && exit !== 1 && exit !== 2) return ["crash", `code de sortie ${exit}`];
  const text = c.json ? `${err}\n${messagesOf(out)}` : `${err}\n${out}`;
  if (text.trim() === "") return ["unclear", `code ${exit} sans message`];
  // Words between « » echo the file's own content (« Infinity » n'est pas un montant): not ours.
  const ours = text.replace(/«[^»]*»/g, "« … »");
  const odd = UNCLEAR.exec(ours);
  if (odd) return ["unclear", `« ${odd[0]} » affiché : ${context(ours, odd.index)}`];
  if (c.expect === "error" && exit !== 2)
    return ["unclear", `attendu : refus (code 2), obtenu : code ${exit}`];
  if (c.expect === "findings" && exit === 2)
    return ["unclear", `attendu : constats, obtenu : refus « ${text.trim().slice(0, 200)} »`];
  if (c.message && exit === 2 && !c.message.test(text))
    return ["unclear", `le message ne dit pas ${c.message} : ${text.trim().slice(0, 200)}`];
  return exit === 2 ? ["error", ""] : ["findings", ""];
}

function messagesOf(json: string): string {
  try {
    const found: string[] = [];
    JSON.parse(json, (key, value) => {
      if (key === "message" && typeof value === "string") found.push(value);
      return value;
    });
    return found.join("\n");
  } catch {
    return json.length > 0 && !json.trimStart().startsWith("{") ? json : "";
  }
}

const context = (s: string, i: number) => s.slice(Math.max(0, i - 80), i + 40).replace(/\s+/g, " ");

interface Started {
  ref: CaseRef;
  c: CaseMeta;
  dir: string;
  path: string;
}

/**
 * Runs cases in child processes of at most `batchSize` cases each (1: a fresh process per case, its
 * memory measured alone; more: cheaper, a case's memory is the process's peak after it — an upper
 * bound). A case that kills its process (out of memory, abort) or passes the time limit fails alone:
 * the cases after it run in a new process.
 */
export async function runCases(
  cases: readonly CaseRef[],
  bundle: string,
  reproduce: (c: CaseRef) => string,
  options: { batchSize?: number; parallel?: number } = {},
): Promise<CaseResult[]> {
  const batchSize = options.batchSize ?? 1;
  const parallel = options.parallel ?? Math.max(1, Math.min(4, availableParallelism()));
  const results: CaseResult[] = new Array(cases.length);
  const queue: number[][] = [];
  for (let i = 0; i < cases.length; i += batchSize)
    queue.push(Array.from({ length: Math.min(batchSize, cases.length - i) }, (_, k) => i + k));
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const left = await runBatch(batch, cases, bundle, reproduce, results);
      if (left.length > 0) queue.unshift(left);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Runs one batch in one process; returns the indexes it did not reach (after a crash or a hang). */
function runBatch(
  batch: number[],
  cases: readonly CaseRef[],
  bundle: string,
  reproduce: (c: CaseRef) => string,
  results: CaseResult[],
): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), "tiers-fuzz-"));
  const started: Started[] = [];
  const runnable: number[] = [];
  for (const [k, index] of batch.entries()) {
    const ref = cases[index] as CaseRef;
    const dir = join(root, String(k));
    mkdirSync(dir);
    try {
      const { input, ...c } = makeCase(ref.klass, ref.seed, ref.scale);
      const path = materialise(input, dir, (cmd, args) => {
        if (spawnSync(cmd, args).status !== 0) throw new Error(`${cmd} a échoué`);
      });
      started.push({ ref, c, dir, path });
      runnable.push(index);
    } catch (error) {
      results[index] = failure(ref, "crash", `préparation : ${String(error)}`, reproduce(ref));
    }
  }
  const batchFile = join(root, "batch.json");
  writeFileSync(
    batchFile,
    JSON.stringify(
      started.map((s) => ({ args: [s.c.command, "check", s.path, ...(s.c.json ? ["--json"] : [])] })),
    ),
  );
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${MEMORY_LIMIT_MB}`, MEASURE, bundle, batchFile],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let current = -1;
    let finished = -1;
    let caseStart = 0;
    let timer: NodeJS.Timeout | undefined;
    let hung = false;
    let err = "";
    let buffer = "";
    child.stderr.on("data", (b: Buffer) => {
      if (err.length < KEEP) err += b.toString("utf8");
    });
    child.stdout.on("data", (b: Buffer) => {
      buffer += b.toString("utf8");
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = JSON.parse(line) as Report;
        if ("start" in m) {
          current = m.start;
          caseStart = performance.now();
          timer = watchdog(child.pid, () => {
            hung = true;
            child.kill("SIGKILL");
          });
        } else {
          clearInterval(timer);
          finished = m.done;
          const s = started[m.done] as Started;
          results[runnable[m.done] as number] = judgeReport(s.c, m, reproduce(s.ref));
        }
      }
    });
    child.on("close", (exit, signal) => {
      clearInterval(timer);
      rmSync(root, { recursive: true, force: true });
      if (current > finished) {
        const s = started[current] as Started;
        const ms = performance.now() - caseStart;
        results[runnable[current] as number] = hung
          ? {
              ...failure(
                s.c,
                "hang",
                `arrêté : plus de ${TIME_LIMIT_MS / 1000} s de CPU ou ${WALL_LIMIT_MS / 1000} s en tout`,
                reproduce(s.ref),
              ),
              ms,
            }
          : {
              ...failure(
                s.c,
                /heap out of memory|allocation failed/i.test(err) ? "memory" : "crash",
                `processus arrêté (${signal ?? `code ${exit}`}) : ${err.trim().split("\n").slice(-3).join(" ").slice(0, 300)}`,
                reproduce(s.ref),
              ),
              ms,
            };
      }
      if (current < 0) {
        // The process did not even start a case: every case of the batch fails with its message.
        for (const [k, index] of runnable.entries()) {
          const s = started[k] as Started;
          results[index] = failure(
            s.c,
            "crash",
            `processus non démarré (${signal ?? `code ${exit}`}) : ${err.slice(0, 300)}`,
            reproduce(s.ref),
          );
        }
        done([]);
        return;
      }
      done(runnable.slice(Math.max(current, finished) + 1));
    });
  });
}

/**
 * Calls `stop` when the case has used TIME_LIMIT_MS of CPU time (Linux: /proc/PID/stat), or after
 * WALL_LIMIT_MS whatever the CPU: on a shared machine whose load reaches 20 on 2 cores, wall time
 * says more about the neighbours than about the case.
 */
function watchdog(pid: number | undefined, stop: () => void): NodeJS.Timeout {
  const start = performance.now();
  const cpu0 = cpuOf(pid);
  return setInterval(() => {
    const cpu = cpuOf(pid);
    const cpuMs = cpu !== null && cpu0 !== null ? cpu - cpu0 : null;
    const wall = performance.now() - start;
    if ((cpuMs ?? wall) > TIME_LIMIT_MS || wall > WALL_LIMIT_MS) stop();
  }, 200);
}

/** CPU time (ms) of a process so far, or null where /proc is not there. */
function cpuOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the name), in clock ticks (100/s).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

type Report =
  | { start: number }
  | {
      done: number;
      exit: number | null;
      out: string;
      err: string;
      outBytes: number;
      ms: number;
      cpuMs: number;
      rssKb: number;
      crash: string | null;
    };

const failure = (
  c: { id: string; klass: string },
  verdict: Verdict,
  why: string,
  reproduce: string,
): CaseResult => ({
  id: c.id,
  klass: c.klass,
  verdict,
  exit: null,
  signal: null,
  ms: 0,
  cpuMs: 0,
  rssMb: 0,
  outBytes: 0,
  why,
  reproduce,
});

function judgeReport(c: CaseMeta, m: Extract<Report, { done: number }>, reproduce: string): CaseResult {
  const rssMb = m.rssKb / 1024;
  let [verdict, why]: [Verdict, string] = m.crash
    ? ["crash", m.crash.slice(0, 300)]
    : judge(c, m.exit, null, m.out, m.err);
  if (verdict !== "crash" && rssMb > MEMORY_LIMIT_MB) [verdict, why] = ["memory", `${rssMb.toFixed(0)} Mo`];
  if (verdict !== "crash" && m.cpuMs > TIME_LIMIT_MS)
    [verdict, why] = ["hang", `${(m.cpuMs / 1000).toFixed(1)} s de CPU`];
  return {
    id: c.id,
    klass: c.klass,
    verdict,
    exit: m.exit,
    signal: null,
    ms: m.ms,
    cpuMs: m.cpuMs,
    rssMb,
    outBytes: m.outBytes,
    why,
    reproduce,
  };
}

export interface Summary {
  cases: number;
  errors: number;
  findings: number;
  failures: CaseResult[];
  worstMs: CaseResult;
  worstCpu: CaseResult;
  worstRss: CaseResult;
  worstOut: CaseResult;
  wallMs: number;
}

export function summarise(results: readonly CaseResult[], wallMs: number): Summary {
  const by = (f: (r: CaseResult) => number) => results.reduce((a, b) => (f(b) > f(a) ? b : a));
  return {
    cases: results.length,
    errors: results.filter((r) => r.verdict === "error").length,
    findings: results.filter((r) => r.verdict === "findings").length,
    failures: results.filter((r) => r.verdict !== "error" && r.verdict !== "findings"),
    worstMs: by((r) => r.ms),
    worstCpu: by((r) => r.cpuMs),
    worstRss: by((r) => r.rssMb),
    worstOut: by((r) => r.outBytes),
    wallMs,
  };
}

export function formatSummary(s: Summary, label: string): string {
  const kinds = ["crash", "hang", "memory", "unclear"] as const;
  const count = (k: string) => s.failures.filter((f) => f.verdict === k).length;
  const lines = [
    `Fuzz ${label} : ${s.cases} cas en ${(s.wallMs / 1000).toFixed(1)} s — ${s.errors} refus clairs, ${s.findings} avec constats, ` +
      kinds
        .map(
          (k) =>
            `${count(k)} ${k === "crash" ? "plantage(s)" : k === "hang" ? "blocage(s)" : k === "memory" ? "dépassement(s) de mémoire" : "réponse(s) peu claire(s)"}`,
        )
        .join(", "),
    `  pire temps CPU ${(s.worstCpu.cpuMs / 1000).toFixed(2)} s (${s.worstCpu.id}), pire temps réel ${(s.worstMs.ms / 1000).toFixed(2)} s (${s.worstMs.id}, charge de la machine comprise), pire mémoire ${s.worstRss.rssMb.toFixed(0)} Mo (${s.worstRss.id}), plus longue sortie ${(s.worstOut.outBytes / 1e6).toFixed(2)} Mo (${s.worstOut.id}) — limites ${TIME_LIMIT_MS / 1000} s de CPU et ${MEMORY_LIMIT_MB} Mo par cas`,
  ];
  for (const f of s.failures)
    lines.push(
      `  ✗ ${f.verdict} ${f.id} (${(f.ms / 1000).toFixed(1)} s, ${f.rssMb.toFixed(0)} Mo) : ${f.why}\n      rejouer : ${f.reproduce}`,
    );
  return lines.join("\n");
}
