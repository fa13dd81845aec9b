// Inspection of an XLSX file's ZIP archive before the spreadsheet reader runs (table-read.ts). The
// reader (read-excel-file) unpacks every .xml part in memory and fills a dense grid up to the farthest
// cell reference of every sheet: one cell at XFD1048576 or a row r="2000000000" in a 2 KB file would
// allocate gigabytes, and a compressed "bomb" of a few hundred KB would expand to gigabytes of XML.
// So the central directory is read here (pure code, no dependency), then every part the reader would
// unpack is inflated as a stream and counted, never kept: a part over its limit, a size that does not
// match the directory, a sheet reference beyond MAX_SHEET_ROWS rows or MAX_COLUMNS columns stops the
// inspection at once, with what was exceeded. Pure: no DOM, no Node API (DecompressionStream and
// TextDecoder exist in browsers, workers and Node ≥ 18).

export const MAX_COLUMNS = 1_000;
/** Uncompressed limits per part (bytes): what a 50 000-row register needs, with a wide margin. */
export const XLSX_PART_LIMITS = {
  sheet: 64 * 1024 * 1024,
  sharedStrings: 32 * 1024 * 1024,
  other: 8 * 1024 * 1024,
  total: 128 * 1024 * 1024,
} as const;
const MAX_ENTRIES = 10_000;
/** A tag longer than this (its attributes) is not something a spreadsheet writes. */
const MAX_TAG_CHARS = 64 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Unix file type bits (S_IFMT) when the archive was made on Unix, else 0. */
  unixType: number;
}

export type XlsxRefusal =
  | { kind: "not-zip" }
  | { kind: "encrypted"; part: string }
  | { kind: "unsupported-entry"; part: string; why: "method" | "link" | "zip64" | "entries" }
  | { kind: "damaged"; part: string; why: string }
  | { kind: "part-too-large"; part: string; size: number; limit: number }
  | { kind: "total-too-large"; size: number; limit: number }
  | { kind: "too-many-rows"; part: string; row: number; limit: number }
  | { kind: "too-many-columns"; part: string; column: number; row: number; limit: number }
  | { kind: "tag-too-long"; part: string };

export type XlsxInspection =
  | { ok: true; entries: Map<string, ZipEntry> }
  | { ok: false; refusal: XlsxRefusal };

/** The parts read-excel-file unpacks (its own filter): every .xml and .xml.rels entry. */
const readByReader = (name: string) => name.endsWith(".xml") || name.endsWith(".xml.rels");
const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
const partLimit = (name: string) =>
  isSheet(name)
    ? XLSX_PART_LIMITS.sheet
    : name === "xl/sharedStrings.xml"
      ? XLSX_PART_LIMITS.sharedStrings
      : XLSX_PART_LIMITS.other;

/** The central directory's entries, or null when there is none (not a ZIP, or cut before its end). */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> | null | XlsxRefusal {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) return { kind: "unsupported-entry", part: "", why: "zip64" };
  if (count > MAX_ENTRIES) return { kind: "unsupported-entry", part: "", why: "entries" };
  const entries = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      return { kind: "damaged", part: "", why: "répertoire de l'archive incomplet" };
    }
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      unixType: view.getUint8(p + 5) === 3 ? (view.getUint32(p + 38, true) >>> 16) & 0o170000 : 0,
    };
    entries.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry (after its local header), or null when the header is not there. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = entry.localOffset;
  if (o + 30 > bytes.length || view.getUint32(o, true) !== 0x04034b50) return null;
  const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
  if (start + entry.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + entry.compressedSize);
}

/** The inflated bytes of an entry as a stream of chunks (method 0 stored, 8 deflate). */
async function* inflate(data: Uint8Array, method: number): AsyncGenerator<Uint8Array> {
  if (method === 0) {
    for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
    return;
  }
  const reader = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"))
    .getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Column index (1-based) of letters "A" → 1, "XFD" → 16384. */
const columnIndex = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
};

const ROW_OR_CELL = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
const R_ATTRIBUTE = /\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** A row number, or a column's letters then a row number: anything else (1e9, -1) is refused. */
const VALID_REF = /^([A-Z]{0,4})(\d+)$/;

/**
 * Follows a sheet's XML as it streams: the row and column of every <row> and <c>, as the reader
 * computes them (a missing r="" means the next one). Returns a refusal as soon as a limit is crossed.
 */
class SheetScanner {
  private carry = "";
  private row = 0;
  private column = 0;
  constructor(
    private readonly part: string,
    private readonly maxRows: number,
  ) {}

  push(text: string): XlsxRefusal | null {
    const s = this.carry + text;
    ROW_OR_CELL.lastIndex = 0;
    let end = 0;
    for (let m = ROW_OR_CELL.exec(s); m; m = ROW_OR_CELL.exec(s)) {
      end = ROW_OR_CELL.lastIndex;
      const attribute = R_ATTRIBUTE.exec(m[2] ?? "");
      const value = attribute ? (attribute[1] ?? attribute[2] ?? "") : null;
      const ref = value === null ? null : VALID_REF.exec(value);
      // The reader reads a reference such as r="1e9" as a number: a billion rows. Refused as damaged.
      if (value !== null && (!ref || (m[1] === "row" && ref[1]))) {
        return {
          kind: "damaged",
          part: this.part,
          why: `référence de ${m[1] === "row" ? "ligne" : "cellule"} « ${value.slice(0, 20)} » invalide`,
        };
      }
      if (m[1] === "row") {
        // A row number of 20 digits is still a number here (Infinity compares as too many).
        this.row = ref ? Number(ref[2]) : this.row + 1;
        this.column = 0;
      } else {
        if (ref?.[1]) {
          this.column = ref[1].length > 4 ? Number.POSITIVE_INFINITY : columnIndex(ref[1]);
          const r = Number(ref[2]);
          if (r > this.row) this.row = r;
        } else this.column++;
        if (this.column > MAX_COLUMNS) {
          return {
            kind: "too-many-columns",
            part: this.part,
            column: this.column,
            row: this.row,
            limit: MAX_COLUMNS,
          };
        }
      }
      if (this.row > this.maxRows) {
        return { kind: "too-many-rows", part: this.part, row: this.row, limit: this.maxRows };
      }
    }
    // Keep an unfinished tag for the next chunk.
    const open = s.lastIndexOf("<");
    this.carry = open >= end && s.indexOf(">", open) < 0 ? s.slice(open) : "";
    if (this.carry.length > MAX_TAG_CHARS) return { kind: "tag-too-long", part: this.part };
    return null;
  }
}

/**
 * Checks an XLSX archive before it is read: directory, every part the reader unpacks (inflated and
 * counted as a stream, nothing kept), and the farthest row and column of every sheet.
 * `maxRows`: the sheet rows allowed (header included).
 */
export async function inspectXlsx(bytes: Uint8Array, maxRows: number): Promise<XlsxInspection> {
  const listed = listZip(bytes);
  if (listed === null) return { ok: false, refusal: { kind: "not-zip" } };
  if (!(listed instanceof Map)) return { ok: false, refusal: listed };
  let total = 0;
  for (const entry of listed.values()) {
    if (!readByReader(entry.name)) continue;
    const refusal = await inspectPart(bytes, entry, maxRows);
    if (refusal) return { ok: false, refusal };
    total += entry.size;
    if (total > XLSX_PART_LIMITS.total) {
      return { ok: false, refusal: { kind: "total-too-large", size: total, limit: XLSX_PART_LIMITS.total } };
    }
  }
  return { ok: true, entries: listed };
}

async function inspectPart(bytes: Uint8Array, entry: ZipEntry, maxRows: number): Promise<XlsxRefusal | null> {
  const part = entry.name;
  if (entry.flags & 1) return { kind: "encrypted", part };
  if (entry.unixType !== 0 && entry.unixType !== 0o100000)
    return { kind: "unsupported-entry", part, why: "link" };
  if (entry.method !== 0 && entry.method !== 8) return { kind: "unsupported-entry", part, why: "method" };
  if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
    return { kind: "unsupported-entry", part, why: "zip64" };
  }
  const limit = partLimit(part);
  if (entry.size > limit) return { kind: "part-too-large", part, size: entry.size, limit };
  const data = entryData(bytes, entry);
  if (!data) return { kind: "damaged", part, why: "données absentes ou coupées" };
  const scanner = isSheet(part) ? new SheetScanner(part, maxRows) : null;
  const decoder = new TextDecoder();
  let size = 0;
  try {
    for await (const chunk of inflate(data, entry.method)) {
      size += chunk.length;
      // The directory's size is what the reader allocates: more bytes than announced is a lie.
      if (size > entry.size) {
        return size > limit
          ? { kind: "part-too-large", part, size, limit }
          : { kind: "damaged", part, why: "taille annoncée inexacte" };
      }
      if (scanner) {
        const refusal = scanner.push(decoder.decode(chunk, { stream: true }));
        if (refusal) return refusal;
      }
    }
  } catch {
    return { kind: "damaged", part, why: "données compressées illisibles" };
  }
  if (size !== entry.size) return { kind: "damaged", part, why: "taille annoncée inexacte" };
  return null;
}
