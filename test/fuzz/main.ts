// `npm run fuzz`: the fuzz suite at full size (cases.ts, run.ts). Options:
//   --seed N          the suite's seed (default 20260415); every case's own seed is printed on failure
//   --count N         number of cases (default 330, round-robin over the classes)
//   --small           the small sizes of `npm test` instead of the real ones
//   --class NAME      only this class (repeatable)
//   --case CLASS:SEED rebuild and run one case (repeatable), as printed by a failure
// Exit code 1 when a case crashes, hangs, blows the memory limit or answers unclearly.
import { cliBundle } from "../support/cli-bundle.ts";
import { type CaseRef, generateCases, type Scale } from "./cases.ts";
import { formatSummary, runCases, summarise } from "./run.ts";

const argv = process.argv.slice(2);
const values = (flag: string) =>
  argv.flatMap((a, i) => (a === flag && argv[i + 1] ? [argv[i + 1] as string] : []));
const seed = Number(values("--seed")[0] ?? 20260415);
const count = Number(values("--count")[0] ?? 330);
const scale: Scale = argv.includes("--small") ? "small" : "large";
const classes = values("--class");
const single = values("--case");

const cases: CaseRef[] =
  single.length > 0
    ? single.map((id) => {
        const [klass = "", s = ""] = id.split(":");
        return { id, klass, seed: Number(s), scale };
      })
    : generateCases(seed, count, scale, classes.length > 0 ? classes : undefined);

const bundle = cliBundle();
const t = performance.now();
const results = await runCases(
  cases,
  bundle,
  (c) => `npm run fuzz -- ${scale === "small" ? "--small " : ""}--case ${c.id}`,
);
const summary = summarise(results, performance.now() - t);
console.log(
  formatSummary(summary, `${scale === "small" ? "petites tailles" : "tailles réelles"}, graine ${seed}`),
);
process.exitCode = summary.failures.length > 0 ? 1 : 0;
