// Bytes of a spreadsheet file (CSV or XLSX) → a table of cell texts. Pure: no DOM, no Node API, runs in
// the options page and in Node (the CLI, the tests). Every refusal is a French sentence that says what
// to do. The table is then mapped and validated by table-import.ts.
//
// Limits (documented in the README by the lead):
//   - MAX_FILE_BYTES = 20 Mo: a register of clients is a few hundred KB; above, the file is something
//     else or must be split.
//   - MAX_ROWS = 50 000 data rows: the preview shows every row; a larger firm splits its file.
// Encoding: a UTF-8 BOM → UTF-8; bytes that are valid UTF-8 → UTF-8; anything else → Windows-1252 (what
// Excel for Windows writes in "CSV (séparateur : point-virgule)").
// Delimiter: ";" "," or tab, chosen on the header line (outside quotes), papaparse's guess as a fallback.
// XLSX: recognised by its ZIP signature (not by the extension), read with read-excel-file/universal
// (ArrayBuffer input, same entry in the browser and in Node); first non-empty sheet; header row = first
// non-empty row; numbers rendered as a person sees them; formulas and merged cells reported in `notes`.
import Papa from "papaparse";
import readXlsxFile from "read-excel-file/universal";
import { inspectXlsx, MAX_COLUMNS, type XlsxRefusal, type ZipEntry } from "./table-zip.ts";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 50_000;
export { MAX_COLUMNS };

export type ReadTableErrorCode =
  | "empty"
  | "too-large"
  | "binary"
  | "unreadable"
  | "no-rows"
  | "too-many-rows"
  | "too-many-columns"
  | "too-complex"
  | "protected"
  | "unsupported";

export interface RawTable {
  headers: string[];
  /** Cell texts, trimmed; every row has headers.length cells. Fully empty rows are skipped. */
  rows: string[][];
  /** File line (CSV) or sheet row (XLSX) of rows[0], 1-based. */
  firstDataLine: number;
  /** File line / sheet row of each row of `rows` (1-based; empty rows are skipped). Absent: consecutive. */
  lines?: number[];
  source: {
    format: "csv" | "xlsx";
    encoding?: "utf-8" | "windows-1252";
    delimiter?: ";" | "," | "\t";
    sheet?: string;
  };
  /** French remarks on how the file was read (formulas replaced by their values, merged cells…). */
  notes: string[];
}

export type ReadTableResult =
  | { ok: true; table: RawTable }
  | { ok: false; error: string; code: ReadTableErrorCode };

const fail = (code: ReadTableErrorCode, error: string): ReadTableResult => ({ ok: false, code, error });

const formatMo = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;

const EXPORT_HINT =
  "Ouvrez votre liste de clients dans votre tableur et enregistrez-la au format CSV (séparateur point-virgule) ou Excel (.xlsx), puis importez ce fichier.";

/** Signatures of files that are certainly not a table, with the name shown to the user. */
const BINARY_SIGNATURES: { bytes: number[]; name: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], name: "un document PDF" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: "une image PNG" },
  { bytes: [0xff, 0xd8, 0xff], name: "une image JPEG" },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: "une image GIF" },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: "une archive RAR" },
  { bytes: [0x1f, 0x8b], name: "une archive compressée (gzip)" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: "une archive 7-Zip" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: "un programme" },
  { bytes: [0x4d, 0x5a], name: "un programme Windows" },
];

const startsWith = (bytes: Uint8Array, sig: readonly number[]) =>
  bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/** The refusal of a file over MAX_FILE_BYTES (`size`: its size on disk, when known). */
export function tooLargeMessage(fileName: string, size: number): string {
  const shown = size > MAX_FILE_BYTES + 1 ? `pèse ${formatMo(size)}` : `dépasse ${formatMo(MAX_FILE_BYTES)}`;
  return (
    `Le fichier « ${fileName} » ${shown} : la limite est de ${formatMo(MAX_FILE_BYTES)}. ` +
    `Une liste de clients pèse bien moins : vérifiez qu'il s'agit du bon fichier, ou découpez-le en plusieurs fichiers (au plus ${MAX_ROWS.toLocaleString("fr-FR")} lignes chacun) et importez-les l'un après l'autre.`
  );
}

/**
 * Reads a CSV or XLSX file. Never throws: any failure is `{ ok: false }` with a French message.
 * `fileName` is only used in messages and to recognise an old `.xls`/`.ods` file.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<ReadTableResult> {
  try {
    return await readTableUnsafe(bytes, fileName);
  } catch (error) {
    if (isResourceError(error)) return fail("too-complex", tooComplexMessage(fileName));
    return fail(
      "unreadable",
      `Le fichier « ${fileName} » n'a pas pu être lu. ${EXPORT_HINT} Si le problème persiste, enregistrez-le au format CSV.`,
    );
  }
}

/**
 * A limit of the JavaScript engine (call stack, string or array length, memory), not a damaged file:
 * the file is too big or too deeply nested for the reader.
 */
export function isResourceError(error: unknown): boolean {
  if (error instanceof RangeError) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /call stack|out of memory|allocation failed|invalid (string|array|typed array) length|too much recursion/i.test(
    message,
  );
}

const tooComplexMessage = (fileName: string) =>
  `Le fichier « ${fileName} » est trop volumineux ou trop complexe pour être lu ici (limite de mémoire ou d'imbrication atteinte) : il n'est pas endommagé pour autant. ` +
  `Gardez uniquement la feuille des clients et leurs colonnes, puis enregistrez-la au format CSV (séparateur point-virgule) et importez ce fichier.`;

async function readTableUnsafe(bytes: Uint8Array, fileName: string): Promise<ReadTableResult> {
  if (bytes.length === 0) {
    return fail("empty", `Le fichier « ${fileName} » est vide. ${EXPORT_HINT}`);
  }
  if (bytes.length > MAX_FILE_BYTES) return fail("too-large", tooLargeMessage(fileName, bytes.length));
  if (startsWith(bytes, ZIP_SIGNATURE)) return readXlsx(bytes, fileName);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    return fail(
      "unsupported",
      `Le fichier « ${fileName} » est un classeur Excel à l'ancien format (.xls) ou protégé par un mot de passe, que l'extension ne lit pas. Ouvrez-le dans Excel et enregistrez-le sans mot de passe au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.`,
    );
  }
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) {
      return fail(
        "binary",
        `Le fichier « ${fileName} » est ${sig.name}, pas un tableau (même si son nom se termine par .csv). ${EXPORT_HINT}`,
      );
    }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return fail(
      "unsupported",
      `Le fichier « ${fileName} » est encodé en UTF-16 (« Texte Unicode »), que l'extension ne lit pas. Enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.`,
    );
  }
  if (looksBinary(bytes)) {
    return fail(
      "binary",
      `Le fichier « ${fileName} » n'est pas un fichier texte (CSV) ni un classeur Excel (.xlsx) : il contient des données binaires. ${EXPORT_HINT}`,
    );
  }
  return readCsv(bytes, fileName);
}

/** NUL bytes or many control characters in the first 8 KB: not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > Math.max(2, n * 0.01);
}

// ---------------------------------------------------------------------------------------------
// Text decoding

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Windows-1252 bytes 0x80–0x9F. TextDecoder("windows-1252") is correct in browsers, but Node 20's maps
 * these bytes to C1 control characters (latin-1): they are fixed up here so both agree.
 */
const CP1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_RANGE = /[\u0080-\u009f]/g;

export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (startsWith(bytes, UTF8_BOM)) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    const text = new TextDecoder("windows-1252")
      .decode(bytes)
      .replace(C1_RANGE, (c) => CP1252_C1.charAt(c.charCodeAt(0) - 0x80));
    return { text, encoding: "windows-1252" };
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

const DELIMITERS = [";", "\t", ","] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Counts each delimiter outside double quotes on the first non-empty line; the most frequent wins. */
function detectDelimiter(text: string): Delimiter | null {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      if (seenContent) break;
    } else if (!inQuotes && (c === ";" || c === "\t" || c === ",")) {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      seenContent = true;
    } else if (c.trim() !== "") seenContent = true;
  }
  let best: Delimiter | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function readCsv(bytes: Uint8Array, fileName: string): ReadTableResult {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === "") {
    return fail(
      "empty",
      `Le fichier « ${fileName} » ne contient que des espaces ou des lignes vides. ${EXPORT_HINT}`,
    );
  }
  const notes: string[] = [];
  let delimiter = detectDelimiter(text);
  if (!delimiter) {
    const guess = Papa.parse<string[]>(text.slice(0, 10_000), { delimitersToGuess: [...DELIMITERS] }).meta
      .delimiter;
    delimiter = (DELIMITERS as readonly string[]).includes(guess) ? (guess as Delimiter) : ";";
  }
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false });
  if (parsed.errors.some((e) => e.code === "MissingQuotes")) {
    const first = parsed.errors.find((e) => e.code === "MissingQuotes");
    notes.push(
      `Un guillemet ouvert n'est jamais refermé${first?.row !== undefined ? ` (vers l'enregistrement ${first.row + 1})` : ""} : la fin du fichier a pu être lue comme une seule cellule. Vérifiez les guillemets dans le fichier.`,
    );
  }
  // File line of each record: 1 + the line breaks of the records before it (quoted cells may hold some).
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  for (const record of parsed.data) {
    let breaks = 0;
    const cells = record.map((cell) => {
      for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) breaks++;
      return cell.trim();
    });
    records.push({ line, cells });
    line += 1 + breaks;
  }
  return buildTable(records, { format: "csv", encoding, delimiter }, notes, fileName, "ligne");
}

// ---------------------------------------------------------------------------------------------
// Common end: header, empty rows, limits

function buildTable(
  records: { line: number; cells: string[] }[],
  source: RawTable["source"],
  notes: string[],
  fileName: string,
  lineWord: "ligne" | "ligne du tableau",
): ReadTableResult {
  const nonEmpty = records.filter((r) => r.cells.some((c) => c !== ""));
  const [header, ...data] = nonEmpty;
  if (!header) {
    return fail("empty", `Le fichier « ${fileName} » ne contient aucune donnée. ${EXPORT_HINT}`);
  }
  if (data.length === 0) {
    return fail(
      "no-rows",
      `Le fichier « ${fileName} » ne contient que la ligne d'en-tête (${lineWord} ${header.line}) : ajoutez une ligne par client sous les en-têtes, puis importez-le à nouveau.`,
    );
  }
  if (data.length > MAX_ROWS) {
    return fail(
      "too-many-rows",
      `Le fichier « ${fileName} » compte ${data.length.toLocaleString("fr-FR")} lignes de clients : la limite est de ${MAX_ROWS.toLocaleString("fr-FR")} lignes par import. Découpez-le en plusieurs fichiers (en gardant la ligne d'en-tête dans chacun) et importez-les l'un après l'autre.`,
    );
  }
  // Columns that hold something, header included: a row of a million cells is refused before anything
  // (detectMapping, the preview) goes through each of them.
  let extent = filledWidth(header.cells);
  for (const r of data) extent = Math.max(extent, filledWidth(r.cells));
  if (extent > MAX_COLUMNS) {
    return fail(
      "too-many-columns",
      `Le fichier « ${fileName} » a des cellules jusqu'à la colonne ${columnLetter(extent - 1)} (${extent.toLocaleString("fr-FR")} colonnes) : la limite est de ${MAX_COLUMNS.toLocaleString("fr-FR")} colonnes. Une liste de clients en a quelques-unes : vérifiez le séparateur${source.format === "csv" ? " (point-virgule, virgule ou tabulation)" : ""} et supprimez les colonnes en trop, puis importez le fichier à nouveau.`,
    );
  }
  let width = header.cells.length > MAX_COLUMNS ? extent : header.cells.length;
  for (const r of data) {
    for (let i = r.cells.length - 1; i >= width; i--) {
      if (r.cells[i] !== "") {
        width = i + 1;
        break;
      }
    }
  }
  const headers = Array.from({ length: width }, (_, i) => header.cells[i] || `Colonne ${columnLetter(i)}`);
  if (header.cells.length > width) header.cells.length = width;
  if (width > header.cells.length) {
    notes.push(
      `Certaines lignes ont plus de cellules que la ligne d'en-tête : les cellules en trop sont lues dans des colonnes sans titre (${headers.slice(header.cells.length).join(", ")}). Vérifiez le séparateur et les guillemets du fichier.`,
    );
  }
  const rows = data.map((r) => {
    if (r.cells.length === width) return r.cells;
    const cells = r.cells.slice(0, width);
    while (cells.length < width) cells.push("");
    return cells;
  });
  const lines = data.map((r) => r.line);
  return {
    ok: true,
    table: { headers, rows, firstDataLine: lines[0] ?? header.line + 1, lines, source, notes },
  };
}

/** Number of cells up to the last non-empty one. */
function filledWidth(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== "") return i + 1;
  return 0;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ReadTableResult> {
  // Before the reader: every part it would unpack is bounded (table-zip.ts).
  const inspection = await inspectXlsx(bytes, MAX_ROWS + 1);
  if (!inspection.ok && inspection.refusal.kind !== "not-zip") {
    return xlsxRefusal(inspection.refusal, fileName);
  }
  const entries = inspection.ok ? inspection.entries : null;
  if (entries && !entries.has("xl/workbook.xml")) {
    const isOds =
      entries.has("content.xml") ||
      new TextDecoder().decode(bytes.subarray(30, 100)).includes("opendocument");
    return fail(
      "unsupported",
      isOds
        ? `Le fichier « ${fileName} » est un classeur OpenDocument (.ods). Dans LibreOffice, choisissez Fichier › Enregistrer sous… et le type « Excel 2007-365 (.xlsx) » ou « Texte CSV », puis importez ce fichier.`
        : `Le fichier « ${fileName} » est une archive ZIP ou un document (Word, PowerPoint…), pas un classeur Excel. ${EXPORT_HINT}`,
    );
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(buffer);
  } catch (error) {
    if (isResourceError(error)) return fail("too-complex", tooComplexMessage(fileName));
    return fail("unreadable", damagedMessage(fileName));
  }
  const chosen = sheets.find((s) => s.data.some((row) => row.some((c) => cellText(c, null) !== "")));
  if (!chosen) {
    return fail(
      "empty",
      `Le classeur « ${fileName} » ne contient aucune donnée (toutes ses feuilles sont vides). ${EXPORT_HINT}`,
    );
  }
  const notes: string[] = [];
  if (sheets.length > 1) {
    notes.push(
      `Le classeur compte ${sheets.length} feuilles : seule la feuille « ${chosen.sheet} » (la première non vide) est importée.`,
    );
  }
  const lost = { count: 0, first: "" };
  const records = chosen.data.map((row, i) => ({ line: i + 1, cells: row.map((c) => cellText(c, lost)) }));
  if (lost.count > 0) {
    notes.push(
      `${lost.count} cellule${lost.count > 1 ? "s" : ""} (par exemple « ${lost.first} ») contien${lost.count > 1 ? "nent" : "t"} un nombre de plus de 15 chiffres : Excel n'en garde que 15, les derniers chiffres sont perdus. Mettez la colonne au format Texte, ressaisissez les numéros et enregistrez à nouveau.`,
    );
  }
  if (entries) {
    const xml = await sheetXml(bytes, entries, chosen.sheet);
    if (xml) notes.push(...sheetNotes(xml));
  }
  return buildTable(records, { format: "xlsx", sheet: chosen.sheet }, notes, fileName, "ligne du tableau");
}

const damagedMessage = (fileName: string, detail = "") =>
  `Le fichier « ${fileName} » ressemble à un classeur Excel mais il est endommagé${detail ? ` (${detail})` : ""}. Ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx ou au format CSV, puis importez ce fichier.`;

const KEEP_CLIENTS_HINT =
  "Gardez dans le classeur la seule feuille des clients (supprimez les autres feuilles, les lignes et colonnes vides en trop), enregistrez-le à nouveau ou au format CSV, puis importez ce fichier.";

/** The French refusal of an XLSX archive that the inspection stopped: which limit, where. */
function xlsxRefusal(refusal: XlsxRefusal, fileName: string): ReadTableResult {
  const fr = (n: number) => n.toLocaleString("fr-FR");
  const where = partName;
  switch (refusal.kind) {
    case "not-zip":
      return fail("unreadable", damagedMessage(fileName));
    case "encrypted":
      return fail(
        "protected",
        `Le classeur « ${fileName} » est chiffré (${where(refusal.part)}) : l'extension ne lit pas un fichier protégé. Ouvrez-le dans Excel, enregistrez-le sans mot de passe au format .xlsx ou CSV, puis importez ce fichier.`,
      );
    case "unsupported-entry":
      return fail(
        "unsupported",
        refusal.why === "entries"
          ? `Le fichier « ${fileName} » contient plus de 10 000 éléments : ce n'est pas un classeur de clients. ${EXPORT_HINT}`
          : refusal.why === "link"
            ? `Le fichier « ${fileName} » contient un lien symbolique (${refusal.part}) au lieu d'une partie de classeur : il n'est pas lu. ${EXPORT_HINT}`
            : `Le fichier « ${fileName} » utilise un format d'archive que l'extension ne lit pas (${refusal.why === "zip64" ? "ZIP64, pour les archives de plus de 4 Go" : "méthode de compression inconnue"}). Ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx ou CSV, puis importez ce fichier.`,
      );
    case "damaged":
      return fail("unreadable", damagedMessage(fileName, `${where(refusal.part)} : ${refusal.why}`));
    case "part-too-large":
      return fail(
        "too-complex",
        `Le classeur « ${fileName} » est trop volumineux une fois décompressé : ${where(refusal.part)} dépasse ${formatMo(refusal.limit)} (limite par ${isSheetPart(refusal.part) ? "feuille" : "partie du classeur"}), alors qu'une liste de 50 000 clients en occupe bien moins. ${KEEP_CLIENTS_HINT}`,
      );
    case "total-too-large":
      return fail(
        "too-complex",
        `Le classeur « ${fileName} » dépasse ${formatMo(refusal.limit)} une fois décompressé (limite pour l'ensemble du classeur). ${KEEP_CLIENTS_HINT}`,
      );
    case "too-many-rows":
      return fail(
        "too-many-rows",
        `Le classeur « ${fileName} » a des cellules jusqu'à la ligne ${fr(refusal.row)} (${where(refusal.part)}) : la limite est de ${fr(refusal.limit)} lignes par feuille, en-tête compris (${fr(MAX_ROWS)} lignes de clients par import). Supprimez les lignes en trop sous le tableau, ou découpez-le en plusieurs fichiers (en gardant la ligne d'en-tête dans chacun) et importez-les l'un après l'autre.`,
      );
    case "too-many-columns":
      return fail(
        "too-many-columns",
        `Le classeur « ${fileName} » a des cellules jusqu'à la colonne ${Number.isFinite(refusal.column) ? columnLetter(refusal.column - 1) : "?"} (${where(refusal.part)}, ligne ${fr(refusal.row)}) : la limite est de ${fr(refusal.limit)} colonnes. ${KEEP_CLIENTS_HINT}`,
      );
    case "tag-too-long":
      return fail(
        "too-complex",
        `Le classeur « ${fileName} » contient une balise XML de plus de 64 Ko (${where(refusal.part)}) : ce n'est pas ce qu'écrit un tableur. ${KEEP_CLIENTS_HINT}`,
      );
  }
}

const isSheetPart = (part: string) => part.startsWith("xl/worksheets/");

/** « la feuille 2 (xl/worksheets/sheet2.xml) » or « la partie xl/sharedStrings.xml ». */
function partName(part: string): string {
  if (!part) return "le répertoire de l'archive";
  if (part === "xl/sharedStrings.xml") return "le texte partagé des cellules (xl/sharedStrings.xml)";
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(part);
  if (sheet) return `la feuille n° ${sheet[1]} du classeur`;
  return isSheetPart(part) ? `la feuille ${part}` : `la partie ${part}`;
}

/**
 * The text a person sees for an XLSX cell (text cells are kept as typed, leading zeros included).
 * Integers of up to 15 digits are written in full; more digits cannot be exact in Excel, so they are
 * kept in scientific notation (table-import.ts reports them as "excel-number") and counted in `lost`.
 */
function cellText(cell: unknown, lost: { count: number; first: string } | null): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "boolean") return cell ? "oui" : "non";
  if (typeof cell === "number") return numberText(String(cell), lost);
  if (cell instanceof Date) {
    const p = (n: number) => String(n).padStart(2, "0");
    return `${p(cell.getUTCDate())}/${p(cell.getUTCMonth() + 1)}/${cell.getUTCFullYear()}`;
  }
  return String(cell).trim();
}

function numberText(raw: string, lost: { count: number; first: string } | null): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw.trim();
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n.toFixed(0);
  if (Number.isInteger(n)) {
    const shown = n
      .toPrecision(15)
      .replace(/\.?0+e/, "e")
      .toUpperCase();
    if (lost) {
      lost.count++;
      if (!lost.first) lost.first = shown;
    }
    return shown;
  }
  // Decimal: 15 significant digits as Excel (0.1 + 0.2 → 0,3), French decimal comma.
  return String(Number(n.toPrecision(15))).replace(".", ",");
}

/** Formulas and merged cells of the sheet, as French notes. */
function sheetNotes(xml: string): string[] {
  const notes: string[] = [];
  const formulas = xml.match(/<f[\s>/]/g)?.length ?? 0;
  if (formulas > 0) {
    notes.push(
      `${formulas} cellule${formulas > 1 ? "s contiennent" : " contient"} une formule : la dernière valeur calculée par le tableur est utilisée (une formule jamais calculée est lue vide). Pour être sûr, copiez les colonnes et collez-les « en valeurs » (Collage spécial › Valeurs) avant d'enregistrer.`,
    );
  }
  const merged = [...xml.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1] ?? "");
  if (merged.length > 0) {
    const shown = merged.slice(0, 5).join(", ") + (merged.length > 5 ? "…" : "");
    notes.push(
      `La feuille contient ${merged.length} groupe${merged.length > 1 ? "s" : ""} de cellules fusionnées (${shown}) : seule la première cellule de chaque groupe porte la valeur, les autres sont lues vides. Défusionnez ces cellules et recopiez la valeur dans chaque ligne, puis enregistrez à nouveau.`,
    );
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Reading one part of the archive (already bounded by inspectXlsx) for the notes above:
// read-excel-file gives values but neither formulas nor merged cells.

async function unzipEntry(bytes: Uint8Array, entry: ZipEntry): Promise<string | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = entry.localOffset;
  if (o + 30 > bytes.length || view.getUint32(o, true) !== 0x04034b50) return null;
  const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return new TextDecoder().decode(data);
  if (entry.method !== 8 || typeof DecompressionStream === "undefined") return null;
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/** XML of the sheet named `sheet`, via workbook.xml and its relationships. */
async function sheetXml(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  sheet: string,
): Promise<string | null> {
  try {
    const workbook = entries.get("xl/workbook.xml");
    const rels = entries.get("xl/_rels/workbook.xml.rels");
    if (!workbook || !rels) return null;
    const wb = (await unzipEntry(bytes, workbook)) ?? "";
    const rl = (await unzipEntry(bytes, rels)) ?? "";
    let rid: string | null = null;
    for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
      const tag = m[0];
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      if (name !== undefined && unescapeXml(name) === sheet) rid = /\br:id="([^"]*)"/.exec(tag)?.[1] ?? null;
    }
    if (!rid) return null;
    let target: string | null = null;
    for (const m of rl.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = m[0];
      if (/\bId="([^"]*)"/.exec(tag)?.[1] === rid) target = /\bTarget="([^"]*)"/.exec(tag)?.[1] ?? null;
    }
    if (!target) return null;
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const entry = entries.get(path);
    return entry ? await unzipEntry(bytes, entry) : null;
  } catch {
    return null;
  }
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
