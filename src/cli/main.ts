/**
 * Command line of the extension's domain (Node, `npm run cli -- …`).
 *
 *   npm run cli -- clients check <fichier.csv|fichier.xlsx> [--json]
 *
 * Reads the file as the options page's import does (src/register/model/table-read.ts), detects the columns
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
 *
 *   npm run cli -- dsn check <fichier.dsn...> [--json] [--firm-siret <siret>]
 *
 * Streams each DSN file from disk (node:fs) through checkDsn (src/dsn/report.ts): reader, block tree and
 * the seven check families (emitter, structure, identifiers, control file, bases, réduction générale,
 * montant net social). --firm-siret gives the firm's active SIRET for the emitter check (without it, the
 * emitter is only checked for its keys). Prints, per file, the declarations then one line per problem —
 * "Erreur — ligne 42 [emitter.client-siret] S10.G00.01.002 : …" — then a summary. With --json, prints
 * exactly:
 *
 *   { "files": [{ "file": "a.dsn",
 *                 "declarations": [{ "siren", "nic", "mois": "2026-03", "nature": "01", "establishments": n,
 *                                    "individuals": n }],
 *                 "findings": [{ "check": "control.bordereau-total", "severity": "error" | "warning" | "info",
 *                                "rubric": "S21.G00.22.005", "line": n | null, "message": "…" }] }] }
 *
 * Problems of the file itself (syntax, truncation, encoding…) are findings whose check is
 * "lecture.<kind>" (e.g. "lecture.missing-quotes"). Exit code: 0 no error in any file; 1 errors (read
 * errors or error findings); 2 a file is missing or unreadable as a DSN (empty, PDF, binary, not a DSN),
 * or usage error.
 */
import { capPerKind, checkDsn, type DsnReport, hasErrors, unreadable } from "../dsn/report.ts";
import { checkSiret } from "../register/model/ids.ts";
import { detectMapping, IMPORT_FIELD_LABELS, validateRows } from "../register/model/table-import.ts";
import { MAX_FILE_BYTES, readTable, tooLargeMessage } from "../register/model/table-read.ts";
import { type PathInfo, pathInfo, pathRefusal, readAtMost, streamFile } from "./files.ts";
import { forTerminal, jsonForTerminal } from "./terminal.ts";

export interface CliIo {
  /** The file's bytes, at most `maxBytes` when given (a larger file is cut there). */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** What the path is (checked before reading); absent: only readFile's errors are reported. */
  stat?(path: string): Promise<PathInfo>;
  /** Streams a file (large DSN files); when absent, readFile is used. */
  openStream?(path: string): AsyncIterable<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  now?: Date;
}

export const USAGE = `Utilisation :
  npm run cli -- clients check <fichier.csv|fichier.xlsx> [--json]

  Vérifie une liste de clients (CSV ou Excel .xlsx) comme l'import de l'extension, sans rien enregistrer.
  --json   affiche le résultat en JSON : { rows, valid, invalid, findings }

Code de sortie : 0 toutes les lignes sont valides, 1 certaines lignes sont refusées,
                 2 fichier illisible ou commande incorrecte.

  npm run cli -- dsn check <fichier.dsn...> [--json] [--firm-siret <siret>]

  Contrôle un ou plusieurs fichiers DSN : émetteur (SIRET actif du cabinet), structure, identifiants,
  fichier de contrôle (bordereaux, versements, effectif), bases, réduction générale, montant net social.
  --json              affiche { files: [{ file, declarations, findings: [{ check, severity, rubric, line, message }] }] }
  --firm-siret <n°>   SIRET actif du cabinet, comparé au SIRET émetteur (S10.G00.01)

Code de sortie : 0 aucune erreur, 1 erreurs trouvées, 2 fichier absent ou illisible, ou commande incorrecte.`;

export const nodeIo: CliIo = {
  readFile: (path, maxBytes) => readAtMost(path, maxBytes ?? Number.MAX_SAFE_INTEGER),
  stat: pathInfo,
  openStream: streamFile,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Null when `file` is a regular file that can be read, else the French refusal (missing, folder,
 * device or pipe, no access). Without io.stat, the read itself reports these.
 */
async function refusePath(io: CliIo, file: string, expected: string): Promise<string | null> {
  if (!io.stat) return null;
  let info: PathInfo;
  try {
    info = await io.stat(file);
  } catch (error) {
    return pathRefusal(file, { error }, expected);
  }
  return pathRefusal(file, info, expected);
}

/** Runs the command line; returns the exit code. */
export async function run(argv: readonly string[], given: CliIo = nodeIo): Promise<number> {
  // Everything printed goes through forTerminal: the file's own text cannot drive the terminal.
  const io: CliIo = {
    ...given,
    stdout: (text) => given.stdout(forTerminal(text)),
    stderr: (text) => given.stderr(forTerminal(text)),
  };
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  if (args.includes("--help") || args.includes("-h") || args.includes("aide")) {
    io.stdout(USAGE);
    return 0;
  }
  if (args[0] === "dsn") return runDsn(args.slice(1), json, io);
  const [group, command, file, ...rest] = args;
  if (group !== "clients" || command !== "check" || !file || rest.length > 0) {
    io.stderr(args.length === 0 ? "Commande manquante." : `Commande incorrecte : « ${args.join(" ")} ».`);
    io.stderr(USAGE);
    return 2;
  }

  const expected = "un fichier CSV ou .xlsx";
  const fileName = file.split(/[\\/]/).pop() ?? file;
  const refused = await refusePath(io, file, expected);
  if (refused) {
    io.stderr(refused);
    return 2;
  }
  const size = io.stat ? (await io.stat(file).catch(() => null))?.size : undefined;
  if (size !== undefined && size > MAX_FILE_BYTES) {
    io.stderr(tooLargeMessage(fileName, size));
    return 2;
  }
  let bytes: Uint8Array;
  try {
    // One byte over the limit is enough for readTable to refuse a file that is too large.
    bytes = await io.readFile(file, MAX_FILE_BYTES + 1);
  } catch (error) {
    io.stderr(pathRefusal(file, { error }, expected) ?? String(error));
    return 2;
  }

  const read = await readTable(bytes, fileName);
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
      jsonForTerminal(
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

/** Lines printed per kind of finding (and for the sends, the declarations) before « … et N autres ». */
const SHOWN_PER_KIND = 10;

const SEVERITY_LABEL = { error: "Erreur", warning: "Attention", info: "Info" } as const;

/** `dsn check <file...> [--firm-siret <siret>]` (--json already removed from args). */
async function runDsn(args: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const files: string[] = [];
  let firmSiret: string | null = null;
  let usage = args[0] !== "check";
  for (let i = 1; i < args.length && !usage; i++) {
    const a = args[i] as string;
    if (a === "--firm-siret") {
      const v = args[++i];
      const r = v === undefined ? null : checkSiret(v);
      if (!r?.ok) {
        io.stderr(r ? `--firm-siret : ${r.problem.message}` : "--firm-siret attend un SIRET (14 chiffres).");
        return 2;
      }
      firmSiret = r.value;
    } else if (a.startsWith("--")) usage = true;
    else files.push(a);
  }
  if (usage || files.length === 0) {
    io.stderr(`Commande incorrecte : « dsn ${args.join(" ")} ».`);
    io.stderr(USAGE);
    return 2;
  }
  const out: {
    file: string;
    declarations: DsnReport["declarations"];
    findings: { check: string; severity: string; rubric: string; line: number | null; message: string }[];
  }[] = [];
  let exit = 0;
  for (const file of files) {
    let report: DsnReport | null = null;
    let message = await refusePath(io, file, "un fichier .dsn");
    if (!message) {
      try {
        const source = io.openStream ? io.openStream(file) : await io.readFile(file);
        report = await checkDsn(source, { firmSiret, oldSirets: [] });
      } catch (error) {
        message = pathRefusal(file, { error }, "un fichier .dsn") ?? String(error);
      }
    }
    if (!report) {
      message ??= `Le fichier « ${file} » n'a pas pu être lu.`;
      exit = 2;
      out.push({
        file,
        declarations: [],
        findings: [{ check: "lecture.file", severity: "error", rubric: "", line: null, message }],
      });
      if (!json) io.stderr(message);
      continue;
    }
    if (unreadable(report)) exit = 2;
    else if (hasErrors(report) && exit === 0) exit = 1;
    const findings = [
      ...report.errors.map((e) => ({
        check: `lecture.${e.kind}`,
        severity: e.severity,
        rubric: e.rubric ?? "",
        line: e.line,
        message: e.message,
      })),
      ...report.findings.map((f) => ({
        check: f.check,
        severity: f.severity,
        rubric: f.rubric,
        line: f.line,
        message: f.message,
      })),
    ];
    out.push({ file, declarations: report.declarations, findings });
    if (json) continue;
    const s = report.stats;
    io.stdout(
      `Fichier ${file} : ${(s.bytes / 1e6).toFixed(2).replace(".", ",")} Mo, ${s.lines} lignes, encodage ${s.encoding === "latin-1" ? "ISO-8859-1" : s.encoding === "utf-8" ? "UTF-8" : "ASCII"}, ${report.sends.length} envoi(s), lu en ${Math.round(s.ms)} ms`,
    );
    // The human output is capped per kind (a file of a million sends or findings prints a few lines
    // and « … et 999 990 autres »); --json keeps everything.
    const sends = capPerKind(report.sends, () => "envois", SHOWN_PER_KIND);
    for (const e of sends.shown) {
      io.stdout(
        `  Envoi lignes ${e.startLine}–${e.endLine}, norme ${e.norm || "?"}, émetteur ${e.emitterSiret || "?"} (${e.emitterStatus})`,
      );
    }
    for (const m of sends.more) io.stdout(`  ${m.text}`);
    const declarations = capPerKind(report.declarations, () => "déclarations", SHOWN_PER_KIND);
    for (const d of declarations.shown) {
      io.stdout(
        `  Déclaration nature ${d.nature || "?"}, ${d.mois || "mois ?"}, SIRET ${d.siren}${d.nic}, ${d.individuals} individu(s)`,
      );
    }
    for (const m of declarations.more) io.stdout(`  ${m.text}`);
    const shown = capPerKind(findings, (f) => f.check, SHOWN_PER_KIND);
    for (const f of shown.shown) {
      io.stdout(
        `${SEVERITY_LABEL[f.severity]} — ${f.line !== null ? `ligne ${f.line} ` : ""}[${f.check}] ${f.rubric ? `${f.rubric} : ` : ""}${f.message}`,
      );
    }
    for (const m of shown.more) io.stdout(m.text);
    const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
    io.stdout(
      `${count("error")} erreur(s), ${count("warning")} avertissement(s), ${count("info")} information(s).\n`,
    );
  }
  if (json) io.stdout(jsonForTerminal(JSON.stringify({ files: out }, null, 2)));
  return exit;
}
