// Benchmark of the DSN control (issue "Emitter-SIRET checks and the DSN control report"): a generated
// 50 000-employee monthly DSN in memory; parse + all checks vs a bare line split of the same bytes in the
// same run. Goals: ≥ 50 MB/s, ratio ≥ 25 %. Run alone: `npx tsx test/bench/dsn.ts`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDsnBytes, generatedFirmContext } from "../../src/dsn/generate.ts";
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
  let findings = 0;
  let lines = 0;
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    lines = bareSplit(bytes);
    splits.push(performance.now() - t);
    t = performance.now();
    const report = await checkDsn(bytes, generatedFirmContext());
    checks.push(performance.now() - t);
    findings = report.findings.filter((f) => f.severity !== "info").length + report.errors.length;
  }
  const split = median(splits);
  const check = median(checks);
  const speed = mb / (check / 1000);
  const ratio = split / check;
  const mem = process.memoryUsage();
  const maxRss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `DSN générée : ${EMPLOYEES.toLocaleString("fr-FR")} salariés, ${mb.toFixed(1)} Mo, ${lines.toLocaleString("fr-FR")} lignes (${findings} constat(s) hors information)`,
  );
  console.log(`Découpage brut en lignes : ${split.toFixed(0)} ms (${(mb / (split / 1000)).toFixed(0)} Mo/s)`);
  console.log(
    `Lecture + tous les contrôles : ${check.toFixed(0)} ms, ${speed.toFixed(1)} Mo/s (objectif ≥ ${DSN_GOAL_MBS} Mo/s, ${((speed / DSN_GOAL_MBS) * 100).toFixed(0)} % de l'objectif)`,
  );
  console.log(
    `Rapport au découpage brut : ${(ratio * 100).toFixed(1)} % (objectif ≥ ${DSN_GOAL_RATIO * 100} %) — médianes de 3 passes`,
  );
  console.log(
    `Mémoire : pic RSS du processus ${maxRss.toFixed(0)} Mo (génération comprise, fichier de ${mb.toFixed(0)} Mo gardé en mémoire), tas ${(mem.heapUsed / 1e6).toFixed(0)} Mo en fin de mesure`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await benchDsn();
