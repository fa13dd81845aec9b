// The command line on a real file (issue 14 point 5): `dsn check` on an ~80 MB generated DSN written to
// disk, as a user runs it — the bundled JavaScript (node dist-cli/tiers-assistant.mjs), through
// `npm run cli`, and the former way (tsx compiling TypeScript on the fly) as the A/B baseline — against
// a bare line split of the same file in a fresh process (read + decode + split, nothing else). 3 passes
// each, interleaved, medians. Also the start-up alone (`--help`). Goals: start-up ≤ 0.3 s, whole
// command ≥ 25 % of the bare split's speed. Run alone: `npx tsx test/bench/dsn-cli.ts [--mb 80]`.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDsnBytes } from "../../src/dsn/generate.ts";
import { cliBundle, ROOT } from "../support/cli-bundle.ts";

export const CLI_STARTUP_GOAL_S = 0.3;
export const CLI_RATIO_GOAL = 0.25;

const BARE_SPLIT = `
const { createReadStream } = require("node:fs");
const decoder = new TextDecoder("latin1");
let lines = 0, carry = "";
const s = createReadStream(process.argv[1], { highWaterMark: 1 << 20 });
s.on("data", (b) => {
  const text = carry + decoder.decode(b, { stream: true });
  let from = 0, nl = text.indexOf("\\n");
  while (nl >= 0) { lines++; from = nl + 1; nl = text.indexOf("\\n", from); }
  carry = text.slice(from);
});
s.on("end", () => console.log(lines));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

/** Wall and CPU time (s, user + system, of the command and its children) of a command; exit code checked. */
function timed(cmd: string, args: string[], codes: number[] = [0, 1]): { wall: number; cpu: number } {
  const t = performance.now();
  const [c, a] = hasTime ? [TIME, ["-f", "@@%U %S", cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = (performance.now() - t) / 1000;
  if (!codes.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(" ")} → ${r.status}: ${r.stderr}`);
  const m = /@@([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN };
}

export async function benchDsnCli(): Promise<void> {
  const mbArg = process.argv.indexOf("--mb");
  const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 80;
  const bundle = cliBundle();
  const dir = mkdtempSync(join(tmpdir(), "tiers-bench-cli-"));
  const file = join(dir, "gros.dsn");
  try {
    // ~2 890 bytes per employee in the generator's monthly file.
    const fd = openSync(file, "w");
    for (const chunk of generateDsnBytes({ employees: Math.round((targetMb * 1e6) / 2890), seed: 2026 }))
      writeSync(fd, chunk);
    closeSync(fd);
    const mb = statSync(file).size / 1e6;
    const load = loadavg()[0] ?? 0;
    const node = process.execPath;
    type Times = { wall: number; cpu: number }[];
    const ways = [
      { label: "node dist-cli/tiers-assistant.mjs", cmd: node, args: [bundle] },
      { label: "npm run cli", cmd: "npm", args: ["run", "--silent", "cli", "--"] },
      { label: "ancien chemin (tsx)", cmd: "npx", args: ["tsx", "src/cli/bin.ts"] },
    ];
    const help = ways.map(() => [] as Times);
    const check = ways.map(() => [] as Times);
    const split: Times = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const [i, w] of ways.entries()) help[i]?.push(timed(w.cmd, [...w.args, "--help"]));
      split.push(timed(node, ["-e", BARE_SPLIT, file]));
      for (const [i, w] of ways.entries()) check[i]?.push(timed(w.cmd, [...w.args, "dsn", "check", file]));
    }
    const f = (s: number) => `${s.toFixed(2).replace(".", ",")} s`;
    const pct = (x: number) => `${(x * 100).toFixed(1).replace(".", ",")} %`;
    const wall = (xs: Times) => median(xs.map((x) => x.wall));
    const cpu = (xs: Times) => median(xs.map((x) => x.cpu));
    console.log(
      `\nLigne de commande, dsn check (charge moyenne ${load.toFixed(1)} ; temps réel, et temps CPU du processus entre parenthèses ; médianes de 3 passes)`,
    );
    console.log(
      `  découpage brut en lignes de ${mb.toFixed(1)} Mo (lecture du disque comprise) : ${f(wall(split))} (${f(cpu(split))})`,
    );
    ways.forEach((w, i) => {
      const h = help[i] as Times;
      const c = check[i] as Times;
      const ratioWall = median(c.map((x, k) => (split[k]?.wall ?? 0) / x.wall));
      const ratioCpu = median(c.map((x, k) => (split[k]?.cpu ?? 0) / x.cpu));
      console.log(
        `  ${w.label} : démarrage (--help) ${f(wall(h))} (${f(cpu(h))}), objectif ≤ ${f(CLI_STARTUP_GOAL_S)} ; ` +
          `commande entière ${f(wall(c))} (${f(cpu(c))}), ${(mb / wall(c)).toFixed(1)} Mo/s, ` +
          `${pct(ratioWall)} du découpage brut (${pct(ratioCpu)} en CPU), objectif ≥ ${pct(CLI_RATIO_GOAL)}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await benchDsnCli();
}
