// The fuzz runner's child process (run.ts): runs a batch of cases, one after the other, through the
// bundled command line's `run` (the real code path: file checks, bounded reads, readers, printing), and
// reports each one on stdout as a JSON line — first { start }, then { done } with the exit code, the
// output (the first 256 KB, all of it counted), the wall and CPU time and the process's peak memory so far.
// Plain JavaScript: no TypeScript loader between the measure and the command.
// Usage: node --max-old-space-size=512 measure.mjs <bundle> <batch.json>  (batch: [{ args: [...] }])
import { readFileSync, writeSync } from "node:fs";

/**
 * Peak resident memory (KB) of this process since it started. On Linux, VmHWM: getrusage's maxRSS
 * carries over the parent's peak at fork time (the runner may hold a 500 MB input just then).
 */
function peakRssKb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}

import { pathToFileURL } from "node:url";

const KEEP = 256 * 1024;
const [bundle, batchFile] = process.argv.slice(2);
const { run, nodeIo } = await import(pathToFileURL(bundle).href);
const batch = JSON.parse(readFileSync(batchFile, "utf8"));
const report = (message) => writeSync(1, `${JSON.stringify(message)}\n`);

for (let i = 0; i < batch.length; i++) {
  report({ start: i });
  let out = "";
  let err = "";
  let outBytes = 0;
  const io = {
    ...nodeIo,
    stdout: (text) => {
      outBytes += text.length + 1;
      if (out.length < KEEP) out += `${text}\n`;
    },
    stderr: (text) => {
      if (err.length < KEEP) err += `${text}\n`;
    },
  };
  const t = performance.now();
  const cpu = process.cpuUsage();
  let exit = null;
  let crash = null;
  try {
    exit = await run(batch[i].args, io);
  } catch (error) {
    crash = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  report({
    done: i,
    exit,
    out: out.slice(0, KEEP),
    err: err.slice(0, KEEP),
    outBytes,
    ms,
    cpuMs,
    rssKb: peakRssKb(),
    crash,
  });
}
