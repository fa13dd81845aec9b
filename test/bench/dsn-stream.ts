// A 2 GB DSN streamed through checkDsn without being written or held (src/dsn/generate-stream.ts), in its
// own process (run by test/bench/dsn.ts): time, throughput, peak heap and peak RSS. `-- --gb 0.5` for less.
import { generatedFirmContext } from "../../src/dsn/generate.ts";
import { largeDsnStream } from "../../src/dsn/generate-stream.ts";
import { checkDsn } from "../../src/dsn/report.ts";

const gbArg = process.argv.indexOf("--gb");
const total = Math.round((gbArg > 0 ? Number(process.argv[gbArg + 1]) : 2) * 1024 ** 3);
const rssStart = process.memoryUsage().rss;
let peakHeap = 0;
let n = 0;
function* sampled() {
  for (const chunk of largeDsnStream({ totalBytes: total, seed: 7 })) {
    if (n++ % 8 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    yield chunk;
  }
}
const t = performance.now();
const report = await checkDsn(sampled(), generatedFirmContext());
const ms = performance.now() - t;
const mo = (b: number) => `${(b / 1e6).toFixed(0)} Mo`;
const individuals = report.declarations.reduce((s, d) => s + d.individuals, 0);
console.log(
  `DSN de ${(report.stats.bytes / 1024 ** 3).toFixed(2)} Gio en flux (jamais écrite ni gardée) : ${report.stats.lines.toLocaleString("fr-FR")} lignes, ${individuals.toLocaleString("fr-FR")} individus en ${(ms / 1000).toFixed(1)} s (${(report.stats.bytes / 1e6 / (ms / 1000)).toFixed(1)} Mo/s) ; ${report.errors.filter((e) => e.severity === "error").length} erreur(s) de lecture`,
);
console.log(
  `Mémoire du flux de 2 Go : pic du tas ${mo(peakHeap)}, pic RSS ${mo(process.resourceUsage().maxRSS * 1024)} (RSS au départ ${mo(rssStart)}) — bornée, sans rapport avec la taille du fichier`,
);
