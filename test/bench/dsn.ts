// Benchmark of the DSN control (issue "Emitter-SIRET checks and the DSN control report"): a generated
// 50 000-employee monthly DSN in memory; parse + all checks vs a bare line split of the same bytes in the
// same run, 3 passes, medians. Goals: ≥ 50 MB/s, ratio ≥ 25 %. Then a 2 GB DSN streamed (never written)
// in a fresh process for the peak memory. Run alone: `npx tsx test/bench/dsn.ts` (`--no-2gb` to skip).
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDsnBytes, generatedFirmContext } from "../../src/dsn/generate.ts";
import { chunksOf } from "../../src/dsn/read.ts";
import { checkDsn } from "../../src/dsn/report.ts";

export const DSN_GOAL_MBS = 50;
export const DSN_GOAL_RATIO = 0.25;
const EMPLOYEES = 50_000;
const CHUNK = 1 << 20;

function bareSplit(bytes: Uint8Array): number {
  const decoder = new TextDecoder("latin1");
  let lines = 0;
  let carry = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const text = carry + decoder.decode(bytes.subarray(i, Math.min(bytes.length, i + CHUNK)));
    let from = 0;
    let nl = text.indexOf("\n");
    while (nl >= 0) {
      lines++;
      from = nl + 1;
      nl = text.indexOf("\n", from);
    }
    carry = text.slice(from);
  }
  return lines;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mo = (bytes: number) => `${(bytes / 1e6).toFixed(0)} Mo`;

export async function benchDsn(): Promise<void> {
  const parts = [...generateDsnBytes({ employees: EMPLOYEES, seed: 2026 })];
  const size = parts.reduce((s, p) => s + p.length, 0);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  parts.length = 0;
  const mb = size / 1e6;
  const splits: number[] = [];
  const checks: number[] = [];
  const splitsCpu: number[] = [];
  const checksCpu: number[] = [];
  const peaks: number[] = [];
  let findings = 0;
  let lines = 0;
  const load = loadavg()[0] ?? 0;
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    let c = cpuMs();
    lines = bareSplit(bytes);
    splits.push(performance.now() - t);
    splitsCpu.push(cpuMs() - c);
    // Heap sampled at every 1 MB chunk (garbage not yet collected included): the reading's own peak.
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    function* sampled() {
      for (const chunk of chunksOf(bytes)) {
        const h = process.memoryUsage().heapUsed;
        if (h > peak) peak = h;
        yield chunk;
      }
    }
    t = performance.now();
    c = cpuMs();
    const report = await checkDsn(run === 0 ? sampled() : bytes, generatedFirmContext());
    checks.push(performance.now() - t);
    checksCpu.push(cpuMs() - c);
    if (run === 0) peaks.push(peak - before);
    findings = report.findings.filter((f) => f.severity !== "info").length + report.errors.length;
  }
  const split = median(splits);
  const check = median(checks);
  const speed = mb / (check / 1000);
  // Each pass's ratio pairs a split and a check run back to back (the same load): their median.
  const ratios = splits.map((x, i) => x / (checks[i] as number));
  const ratio = median(ratios);
  const best = Math.min(...checks);
  const speedCpu = mb / (median(checksCpu) / 1000);
  const ratioCpu = median(splitsCpu) / median(checksCpu);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `DSN générée : ${EMPLOYEES.toLocaleString("fr-FR")} salariés, ${mb.toFixed(1)} Mo, ${lines.toLocaleString("fr-FR")} lignes (${findings} constat(s) hors information)`,
  );
  console.log(
    `Découpage brut en lignes : ${split.toFixed(0)} ms (${(mb / (split / 1000)).toFixed(0)} Mo/s) — passes ${splits.map((x) => x.toFixed(0)).join(" / ")} ms`,
  );
  console.log(
    `Lecture + tous les contrôles : ${check.toFixed(0)} ms, ${speed.toFixed(1)} Mo/s (objectif ≥ ${DSN_GOAL_MBS} Mo/s, ${((speed / DSN_GOAL_MBS) * 100).toFixed(0)} % de l'objectif) — passes ${checks.map((x) => x.toFixed(0)).join(" / ")} ms`,
  );
  console.log(
    `Rapport au découpage brut : ${(ratio * 100).toFixed(1)} % (objectif ≥ ${DSN_GOAL_RATIO * 100} %) — médiane des rapports des 3 passes (${ratios.map((r) => (r * 100).toFixed(1)).join(" / ")} %) ; meilleure passe ${(mb / (best / 1000)).toFixed(1)} Mo/s`,
  );
  console.log(
    `En temps CPU du processus (moins sensible aux autres programmes ; charge moyenne ${load.toFixed(1)}) : ${speedCpu.toFixed(1)} Mo/s, rapport ${(ratioCpu * 100).toFixed(1)} %`,
  );
  console.log(
    `Mémoire : pic du tas pendant la lecture + contrôles +${mo(peaks[0] ?? 0)} (déchets non ramassés compris ; le fichier de ${mo(size)} est hors tas) ; pic RSS du processus ${mo(maxRss)} (génération et fichier en mémoire compris)`,
  );
  if (!process.argv.includes("--no-2gb")) {
    // A fresh process: its peak RSS is the streamed reading's, not this one's generation.
    const out = execFileSync("npx", ["tsx", resolve(import.meta.dirname, "dsn-stream.ts")], {
      cwd: resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
    });
    process.stdout.write(out);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await benchDsn();
