/**
 * `npm run dsn:generate -- --employees N --seed S [--plant <erreur>...] [--month 2026-03]
 *   [--establishments K] [--utf8] [--crlf] [--out fichier.dsn]`
 *
 * Writes a generated monthly DSN (src/dsn/generate.ts) to --out, or to stdout. Node only.
 */
import { createWriteStream } from "node:fs";
import {
  GENERATED_FIRM,
  type GenerateOptions,
  generateDsnBytes,
  PLANTABLE_ERRORS,
  type PlantableError,
} from "./generate.ts";

const HELP = `Utilisation :
  npm run dsn:generate -- --employees N --seed S [--plant <erreur>...] [--month AAAA-MM]
                          [--establishments K] [--utf8] [--crlf] [--out fichier.dsn]

  Génère une DSN mensuelle (nature 01, norme P26V01, paramètres 2026) réaliste et cohérente,
  identique pour une même graine. Encodage ISO-8859-1 (--utf8 pour UTF-8), fins de ligne LF (--crlf).
  SIRET actif du cabinet émetteur : ${GENERATED_FIRM.siret} (ancien : ${GENERATED_FIRM.oldSiret}).

  Erreurs à introduire (--plant, répétable) :
${Object.entries(PLANTABLE_ERRORS)
  .map(([k, v]) => `    ${k.padEnd(26)} ${v}`)
  .join("\n")}`;

function main(argv: string[]): number {
  const options: GenerateOptions = { employees: 10, seed: 1, plant: [] };
  const plant: PlantableError[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? "";
    if (a === "--help" || a === "-h") {
      process.stdout.write(`${HELP}\n`);
      return 0;
    } else if (a === "--employees") options.employees = Number(next());
    else if (a === "--seed") options.seed = Number(next());
    else if (a === "--month") options.month = next();
    else if (a === "--establishments") options.establishments = Number(next());
    else if (a === "--utf8") options.encoding = "utf-8";
    else if (a === "--crlf") options.eol = "\r\n";
    else if (a === "--out") out = next();
    else if (a === "--plant") {
      const p = next();
      if (!(p in PLANTABLE_ERRORS)) {
        process.stderr.write(`Erreur inconnue « ${p} ».\n${HELP}\n`);
        return 2;
      }
      plant.push(p as PlantableError);
    } else {
      process.stderr.write(`Option inconnue « ${a} ».\n${HELP}\n`);
      return 2;
    }
  }
  if (!Number.isInteger(options.employees) || options.employees < 1 || !Number.isInteger(options.seed)) {
    process.stderr.write(`--employees (≥ 1) et --seed doivent être des entiers.\n${HELP}\n`);
    return 2;
  }
  if (options.month !== undefined && !/^20(2[4-9])-(0[1-9]|1[0-2])$/.test(options.month)) {
    process.stderr.write("--month attend AAAA-MM (2024 à 2029).\n");
    return 2;
  }
  options.plant = plant;
  const sink = out ? createWriteStream(out) : process.stdout;
  for (const chunk of generateDsnBytes(options)) sink.write(chunk);
  if (out) (sink as ReturnType<typeof createWriteStream>).end();
  return 0;
}

process.exitCode = main(process.argv.slice(2));
