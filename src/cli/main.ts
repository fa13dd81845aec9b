/**
 * Command line of the extension's domain (Node, `npm run cli -- …`).
 *
 *   npm run cli -- clients check <fichier.csv|fichier.xlsx> [--json]
 *
 * Reads the file as the options page's import does (src/domain/table-read.ts), detects the columns
 * (detectMapping) and validates every row (validateRows) against an empty register, without
 * collaborators, at the current date. Prints one line per finding — "Ligne 14, colonne « SIRET » : …" —
 * then a summary. With --json, prints exactly:
 *
 *   { "rows": n, "valid": n, "invalid": n,
 *     "findings": [{ "row": n, "column": "SIRET" | null, "code": "invalid-key", "severity": "error" | "warning",
 *                    "message": "Ligne 14, colonne « SIRET » : …" }] }
 *
 * Exit code: 0 all rows valid; 1 some rows invalid; 2 file missing or unreadable (empty, binary, too
 * large, too many rows…) or usage error (the usage is printed in French on stderr).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { detectMapping, IMPORT_FIELD_LABELS, validateRows } from "../domain/table-import.ts";
import { readTable } from "../domain/table-read.ts";

export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  now?: Date;
}

export const USAGE = `Utilisation :
  npm run cli -- clients check <fichier.csv|fichier.xlsx> [--json]

  Vérifie une liste de clients (CSV ou Excel .xlsx) comme l'import de l'extension, sans rien enregistrer.
  --json   affiche le résultat en JSON : { rows, valid, invalid, findings }

Code de sortie : 0 toutes les lignes sont valides, 1 certaines lignes sont refusées,
                 2 fichier illisible ou commande incorrecte.`;

const nodeIo: CliIo = {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the command line; returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  if (args.includes("--help") || args.includes("-h") || args.includes("aide")) {
    io.stdout(USAGE);
    return 0;
  }
  const [group, command, file, ...rest] = args;
  if (group !== "clients" || command !== "check" || !file || rest.length > 0) {
    io.stderr(args.length === 0 ? "Commande manquante." : `Commande incorrecte : « ${args.join(" ")} ».`);
    io.stderr(USAGE);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.stderr(
      code === "ENOENT"
        ? `Le fichier « ${file} » n'existe pas : vérifiez son nom et son dossier.`
        : code === "EISDIR"
          ? `« ${file} » est un dossier : indiquez un fichier CSV ou .xlsx.`
          : `Le fichier « ${file} » n'a pas pu être ouvert (${code ?? "erreur inconnue"}) : vérifiez ses droits d'accès.`,
    );
    return 2;
  }

  const read = await readTable(bytes, file.split(/[\\/]/).pop() ?? file);
  if (!read.ok) {
    io.stderr(read.error);
    return 2;
  }
  const { table } = read;
  const mapping = detectMapping(table.headers);
  const preview = validateRows(table, mapping, {
    existing: new Map(),
    collaborators: [],
    now: io.now ?? new Date(),
  });

  if (json) {
    io.stdout(
      JSON.stringify(
        {
          rows: preview.rows.length,
          valid: preview.valid,
          invalid: preview.invalid,
          findings: preview.findings.map((f) => ({
            row: f.row,
            column: f.column,
            code: f.code,
            severity: f.severity,
            message: f.message,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    const src = table.source;
    io.stdout(
      src.format === "csv"
        ? `Fichier CSV (${src.encoding === "windows-1252" ? "Windows-1252" : "UTF-8"}, séparateur ${src.delimiter === "\t" ? "tabulation" : `« ${src.delimiter} »`})`
        : `Classeur Excel, feuille « ${src.sheet} »`,
    );
    const columns = table.headers.map((h, i) => {
      const field = mapping[i];
      return `  « ${h} » → ${field ? IMPORT_FIELD_LABELS[field] : "(ignorée)"}`;
    });
    io.stdout(`Colonnes :\n${columns.join("\n")}`);
    for (const note of table.notes) io.stdout(`Remarque : ${note}`);
    if (preview.findings.length > 0) io.stdout("");
    for (const f of preview.findings)
      io.stdout(`${f.severity === "error" ? "Erreur" : "Attention"} — ${f.message}`);
    const warnings = preview.findings.filter((f) => f.severity === "warning").length;
    const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
    io.stdout(
      `\n${plural(preview.rows.length, "ligne")} : ${plural(preview.valid, "valide")}, ${plural(preview.invalid, "refusée")}, ${plural(warnings, "avertissement")}.`,
    );
    if (preview.invalid > 0) {
      io.stdout(
        "Corrigez les lignes refusées dans le fichier puis vérifiez-le à nouveau ; l'import n'enregistre que les lignes valides.",
      );
    }
  }
  return preview.invalid > 0 ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
