// Test helper (not shipped): reads the official norm tables (the net-entreprises workbook of norm
// P24V01 and its derived text files, see docs/sources.md) so that the tests can check every code and
// label of the knowledge base against them. The folder is given by DSN_NORM_DIR, else the team's
// usual locations are tried; without it the norm checks are skipped.

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export const NORM_DIR: string | null = (() => {
  const candidates = [process.env.DSN_NORM_DIR, resolve(here, "../../../test/fixtures/dsn-norm")];
  for (const dir of candidates) if (dir && existsSync(resolve(dir, "fields2024.txt"))) return dir;
  return null;
})();

function read(name: string): string {
  if (!NORM_DIR) throw new Error("Dossier des tables de la norme DSN introuvable (DSN_NORM_DIR)");
  return readFileSync(resolve(NORM_DIR, name), "utf8");
}

let fields: Map<string, string> | undefined;

/** Rubric code "Sxx.Gyy.zz.aaa" → label (column C of the Fields sheet, norm P24V01). */
export function p24FieldLabels(): Map<string, string> {
  if (fields) return fields;
  fields = new Map();
  for (const line of read("fields2024.txt").split("\n")) {
    const match = /^A=(S\d{2}\.G\d{2}\.\d{2})\tB=(\d{3})\tC=([^\t]*)\t/.exec(line);
    if (match) fields.set(`${match[1]}.${match[2]}`, match[3] ?? "");
  }
  return fields;
}

let fieldTypes: Map<string, string> | undefined;

/** Rubric code → data type id (column E of the Fields sheet, norm P24V01). */
export function p24FieldDataType(code: string): string | undefined {
  if (!fieldTypes) {
    fieldTypes = new Map();
    const text = read("fields2024.txt");
    // A rubric's description may span several lines: its data type is the first "E=" after its "A=".
    const re = /^A=(S\d{2}\.G\d{2}\.\d{2})\tB=(\d{3})\t[\s\S]*?\tE=([^\t\n]*)/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) fieldTypes.set(`${m[1]}.${m[2]}`, m[3] ?? "");
  }
  return fieldTypes.get(code);
}

/** Enumerated values of a P24V01 data type (datatypes2024.txt, column G "code=label;…"). */
export function p24DataTypeValues(typeId: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of read("datatypes2024.txt").split("\n")) {
    if (!line.startsWith(`A=${typeId}\t`)) continue;
    const g = /\tG=(.*?)\tH=/.exec(line)?.[1] ?? "";
    for (const item of g.split(";")) {
      const at = item.indexOf("=");
      if (at > 0) values.set(item.slice(0, at), item.slice(at + 1));
    }
  }
  return values;
}

/** Reads a YAML double-quoted scalar starting at `text[start]` (just after the opening quote). */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start;
  const skipIndent = (): void => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === "\\") {
      const next = text[i + 1];
      i += 2;
      if (next === "\n") skipIndent();
      else if (next === " ") value += " ";
      else if (next === "_") value += "\u00A0";
      else if (next === "n") value += "\n";
      else if (next === "t") value += "\t";
      else value += next ?? "";
      continue;
    }
    if (ch === "\n") {
      i++;
      skipIndent();
      value += " ";
      continue;
    }
    value += ch;
    i++;
  }
  throw new Error("chaîne YAML non terminée");
}

export interface YamlField {
  readonly label: string;
  readonly options: Map<string, string>;
}

let yamlText: string | undefined;

/** A rubric of norm-P26V01.yaml: its label and value list (empty when none). */
export function p26Field(code: string): YamlField | undefined {
  yamlText ??= read("norm-P26V01.yaml");
  const startMarker = `\n      ${code}:`;
  const at = yamlText.indexOf(startMarker);
  if (at < 0) return undefined;
  // The rubric ends at the next line indented by 6 spaces or less.
  const rest = yamlText.slice(at + 1);
  const endMatch = /\n {0,6}\S/.exec(rest);
  const block = endMatch ? rest.slice(0, endMatch.index + 1) : rest;
  const labelAt = block.indexOf('label: "');
  const label = labelAt >= 0 ? readQuoted(block, labelAt + 'label: "'.length).value : "";
  const options = new Map<string, string>();
  const optionsAt = block.indexOf("options:");
  if (optionsAt >= 0) {
    const keyRe = /\n {10}"?([^":\n]+)"?: "/g;
    keyRe.lastIndex = optionsAt;
    for (let m = keyRe.exec(block); m; m = keyRe.exec(block)) {
      const { value, end } = readQuoted(block, m.index + m[0].length);
      options.set(m[1] ?? "", value);
      keyRe.lastIndex = end;
    }
  }
  return { label, options };
}

let dsnval: Map<string, { rule: string; message: string }> | undefined;

/** DSN-Val control code → rule and official user message (P24V01). */
export function dsnValMessages(): Map<string, { rule: string; message: string }> {
  if (dsnval) return dsnval;
  dsnval = new Map();
  for (const line of read("dsnval_messages_P24V01.tsv").split("\n")) {
    const [code, rule, message] = line.split("\t");
    if (code && message !== undefined) dsnval.set(code, { rule: rule ?? "", message: message.trimEnd() });
  }
  return dsnval;
}

export interface CtpRow {
  readonly code: string;
  readonly label: string;
  readonly shortLabel: string;
  readonly format: string;
  readonly cappedRate: string;
  readonly uncappedRate: string;
  readonly since: string;
}

/** Rows of the Urssaf CTP table. */
export function ctpRows(): CtpRow[] {
  return read("ctp_rate_reference.tsv")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const c = line.split("\t");
      return {
        code: c[0] ?? "",
        label: c[1] ?? "",
        shortLabel: c[2] ?? "",
        format: c[3] ?? "",
        cappedRate: c[4] ?? "",
        uncappedRate: c[5] ?? "",
        since: c[7] ?? "",
      };
    });
}
