/**
 * DSN reader: bytes (streamed) → lines → rubric events. Pure TypeScript (no DOM, no Node API).
 *
 * - Encoding detected on the first non-ASCII bytes: UTF-8 when they decode as UTF-8 (or a BOM is
 *   present), ISO-8859-1 otherwise (decoded with the WHATWG "latin1" label, i.e. windows-1252, a
 *   superset for printable characters). CRLF and LF.
 * - Never throws on bad input: every problem becomes a {@link ReadError} with its line number; reading
 *   stops on input that is not a DSN at all (empty, PDF, binary, text without rubric lines) or after
 *   {@link MAX_ERRORS} errors.
 * - Memory: only the current chunk and an incomplete last line are held (a line longer than
 *   {@link MAX_LINE_CHARS} characters is dropped up to the next line break).
 */
import { AMOUNT_RUBRICS } from "./data/amounts.ts";
import { DSN_BLOCKS, type DsnBlockDef } from "./data/blocks.ts";
import type { FileEncoding, ReadError, ReadErrorKind, RubricEvent, Severity } from "./types.ts";

export const MAX_ERRORS = 500;
/** The norm allows 256 characters; longer lines are reported, very long ones dropped. */
export const NORM_LINE_CHARS = 256;
export const MAX_LINE_CHARS = 65_536;

export interface ReaderSink {
  /** A rubric of the norm (or of a known block). */
  rubric(event: RubricEvent): void;
  /** A platform wrapper line (S05, S06, S95, S96). */
  wrapper?(event: RubricEvent): void;
  /** A rubric whose value does not fit the norm's type or length (the rubric event is still sent). */
  invalid?(event: RubricEvent, message: string): void;
  /** A non-blank line that produced no rubric event (technical, unknown or malformed). */
  skipped?(line: number): void;
  error(error: ReadError): void;
}

type RubricKind = "norm" | "wrapper" | "technical" | "unknown-block" | "unknown-rubric";
interface RubricInfo {
  code: string;
  block: string;
  num: string;
  kind: RubricKind;
  /** The block exists in the norm. */
  known: boolean;
  /** Value type of the norm (P26V01): 0 text or unchecked, 1 number, 2 date JJMMAAAA, 3 amount -?d.dd. */
  fmt: number;
  /** Maximum length of the value in the norm, 0 when unknown. */
  max: number;
}

const CODE_RE = /^S\d\d\.G\d\d\.\d\d\.\d{3}$/;
const WRAPPER_SEGMENTS = new Set(["S05", "S06", "S95", "S96"]);

/**
 * One copy of each block, rubric number and code string, internalised (a property key): the tree and the
 * checks compare them with `===` (and with literals such as "001"), which is then a pointer comparison.
 */
const INTERNED = new Map<string, string>();
function intern(s: string): string {
  let v = INTERNED.get(s);
  if (v === undefined) {
    v = Object.keys({ [s]: 0 })[0] as string;
    if (INTERNED.size < 100_000) INTERNED.set(v, v);
  }
  return v;
}

function classify(code: string): RubricInfo {
  const block = intern(code.slice(0, 10));
  const num = intern(code.slice(11, 14));
  const segment = code.slice(0, 3);
  let kind: RubricKind;
  const def: DsnBlockDef | undefined = DSN_BLOCKS[block];
  if (WRAPPER_SEGMENTS.has(segment)) kind = "wrapper";
  else if (def)
    kind =
      def.rubrics[num] !== undefined || Object.keys(def.rubrics).length === 0
        ? "norm"
        : num >= "900"
          ? "technical"
          : "unknown-rubric";
  else
    kind = Number(code.slice(8, 10)) >= 90 && /^S(10|20|21)$/.test(segment) ? "technical" : "unknown-block";
  const spec = def?.rubrics[num];
  const letter = spec?.charAt(0);
  return {
    code: intern(code),
    block,
    num,
    kind,
    known: def !== undefined,
    fmt: AMOUNT_RUBRICS.has(code) ? 3 : letter === "N" ? 1 : letter === "D" ? 2 : 0,
    max: spec && spec !== "-" ? Number(spec.slice(1)) || 0 : 0,
  };
}

/**
 * 0 when the value (bytes `s` from `a` to `b`, one byte per character) fits its rubric's type and
 * length, else 1 too long, 2 not a number (-digits, optional decimal point), 3 not a date JJMMAAAA of
 * the calendar, 4 not an amount (-digits.dd).
 * Same rules as {@link valueProblemText}; two copies so that each stays monomorphic on the hot path.
 */
function valueProblemBytes(s: Uint8Array, a: number, b: number, info: RubricInfo): number {
  if (info.max > 0 && b - a > info.max) return 1;
  if (info.fmt === 1) {
    let i = a;
    if (s[i] === 45) i++;
    let digits = 0;
    let point = false;
    for (; i < b; i++) {
      const c = s[i] as number;
      if (c >= 48 && c <= 57) digits++;
      else if (c === 46 && !point && digits > 0 && i + 1 < b) point = true;
      else return 2;
    }
    return digits > 0 ? 0 : 2;
  }
  if (info.fmt === 2) {
    if (b - a !== 8) return 3;
    for (let i = a; i < b; i++) {
      const c = s[i] as number;
      if (c < 48 || c > 57) return 3;
    }
    const day = ((s[a] as number) - 48) * 10 + (s[a + 1] as number) - 48;
    const month = ((s[a + 2] as number) - 48) * 10 + (s[a + 3] as number) - 48;
    const year =
      ((s[a + 4] as number) - 48) * 1000 +
      ((s[a + 5] as number) - 48) * 100 +
      ((s[a + 6] as number) - 48) * 10 +
      (s[a + 7] as number) -
      48;
    return calendarDate(day, month, year) ? 0 : 3;
  }
  if (info.fmt === 3) {
    let i = a;
    if (s[i] === 45) i++;
    const point = b - 3;
    if (point <= i || s[point] !== 46) return 4;
    for (let j = i; j < b; j++) {
      const c = s[j] as number;
      if (j !== point && (c < 48 || c > 57)) return 4;
    }
    return 0;
  }
  return 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when day/month/year is a day of the Gregorian calendar (29 February in leap years only). */
export function calendarDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number));
}

function valueProblemText(s: string, info: RubricInfo): number {
  const b = s.length;
  if (info.max > 0 && b > info.max) return 1;
  if (info.fmt === 1) {
    let i = 0;
    if (s.charCodeAt(0) === 45) i++;
    let digits = 0;
    let point = false;
    for (; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 46 && !point && digits > 0 && i + 1 < b) point = true;
      else return 2;
    }
    return digits > 0 ? 0 : 2;
  }
  if (info.fmt === 2) {
    if (b !== 8) return 3;
    for (let i = 0; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return 3;
    }
    const day = (s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48;
    const month = (s.charCodeAt(2) - 48) * 10 + s.charCodeAt(3) - 48;
    return calendarDate(day, month, Number(s.slice(4))) ? 0 : 3;
  }
  if (info.fmt === 3) {
    let i = 0;
    if (s.charCodeAt(0) === 45) i++;
    const point = b - 3;
    if (point <= i || s.charCodeAt(point) !== 46) return 4;
    for (let j = i; j < b; j++) {
      const c = s.charCodeAt(j);
      if (j !== point && (c < 48 || c > 57)) return 4;
    }
    return 0;
  }
  return 0;
}

/**
 * From the first byte ≥ 0x80 at `from`: "utf-8" when the bytes form valid UTF-8 sequences (the last one
 * may be cut by the chunk end once a complete one was seen), "latin-1" on an invalid sequence,
 * "undecided" when the only sequence is cut by the chunk end.
 */
function utf8Verdict(bytes: Uint8Array, from: number): "utf-8" | "latin-1" | "undecided" {
  let complete = false;
  let i = from;
  const len = bytes.length;
  while (i < len) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return "latin-1";
    for (let j = 1; j < n; j++) {
      if (i + j >= len) return complete ? "utf-8" : "undecided";
      const c = bytes[i + j] as number;
      if (c < 0x80 || c > 0xbf) return "latin-1";
    }
    complete = true;
    i += n;
  }
  return complete ? "utf-8" : "undecided";
}

/** A decimal digit's value, or a large number (never a digit) for any other character. */
function digit(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) >>> 0;
}

/**
 * "S21.G00.06.001" at `i` → 210006001 (its 9 digits), or -1 when the shape is not Sdd.Gdd.dd.ddd.
 * Unrolled: it runs on every line.
 */
function numericKey(s: string, i: number): number {
  if (
    s.charCodeAt(i + 3) !== 46 ||
    s.charCodeAt(i + 4) !== 71 ||
    s.charCodeAt(i + 7) !== 46 ||
    s.charCodeAt(i + 10) !== 46
  )
    return -1;
  const a = digit(s, i + 1);
  const b = digit(s, i + 2);
  const c = digit(s, i + 5);
  const d = digit(s, i + 6);
  const e = digit(s, i + 8);
  const f = digit(s, i + 9);
  const g = digit(s, i + 11);
  const h = digit(s, i + 12);
  const k = digit(s, i + 13);
  if (a > 9 || b > 9 || c > 9 || d > 9 || e > 9 || f > 9 || g > 9 || h > 9 || k > 9) return -1;
  return (((((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f) * 10 + g) * 10 + h) * 10 + k;
}

/** {@link numericKey} on bytes (one-byte encodings). */
function byteKey(s: Uint8Array, i: number): number {
  if (s[i + 3] !== 46 || s[i + 4] !== 71 || s[i + 7] !== 46 || s[i + 10] !== 46) return -1;
  const a = ((s[i + 1] as number) - 48) >>> 0;
  const b = ((s[i + 2] as number) - 48) >>> 0;
  const c = ((s[i + 5] as number) - 48) >>> 0;
  const d = ((s[i + 6] as number) - 48) >>> 0;
  const e = ((s[i + 8] as number) - 48) >>> 0;
  const f = ((s[i + 9] as number) - 48) >>> 0;
  const g = ((s[i + 11] as number) - 48) >>> 0;
  const h = ((s[i + 12] as number) - 48) >>> 0;
  const k = ((s[i + 13] as number) - 48) >>> 0;
  if (a > 9 || b > 9 || c > 9 || d > 9 || e > 9 || f > 9 || g > 9 || h > 9 || k > 9) return -1;
  return (((((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f) * 10 + g) * 10 + h) * 10 + k;
}

/** A short, printable excerpt of a line for error messages (control characters shown as "·"). */
function excerpt(text: string): string {
  let clean = "";
  for (const ch of text.slice(0, 41)) {
    const c = ch.charCodeAt(0);
    clean += c < 32 || (c >= 127 && c < 160) ? "·" : ch;
  }
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Streaming reader: call {@link push} for every chunk, then {@link end}. */
export class DsnReader {
  bytes = 0;
  lines = 0;
  encoding: FileEncoding = "ascii";
  errors = 0;
  aborted = false;
  /** True once at least one rubric line was recognised. */
  sawRubric = false;

  private carry = "";
  /** The incomplete last line while the file reads one byte per character (ASCII, Latin-1). */
  private carryBytes: Uint8Array | null = null;
  private skipping = false;
  private utf8: TextDecoder | null = null;
  private readonly latin1 = new TextDecoder("latin1");
  private readonly cache = new Map<string, RubricInfo>();
  /** Norm rubrics already met, by {@link numericKey}: the hot path. */
  private readonly fast = new Map<number, RubricInfo>();
  private readonly reported = new Set<string>();
  private firstChunk = true;
  /** Bytes held back while the encoding is undecided (at most one multi-byte sequence). */
  private pending: Uint8Array | null = null;
  private mixedReported = false;
  private replacementReported = false;

  constructor(private readonly sink: ReaderSink) {}

  private report(
    kind: ReadErrorKind,
    severity: Severity,
    line: number | null,
    rubric: string | null,
    message: string,
  ) {
    if (this.aborted) return;
    if (severity === "error") {
      this.errors += 1;
      if (this.errors > MAX_ERRORS) {
        this.sink.error({
          kind: "too-many-errors",
          severity: "error",
          line,
          rubric: null,
          message: `Lecture interrompue à la ligne ${line ?? "?"} : plus de ${MAX_ERRORS} erreurs. Le fichier est trop abîmé pour être contrôlé ; régénérez-le depuis le logiciel de paie.`,
        });
        this.aborted = true;
        return;
      }
    }
    this.sink.error({ kind, severity, line, rubric, message });
  }

  /** Stops reading without an error of its own (the caller reported why, e.g. too many sends). */
  stop(): void {
    this.aborted = true;
  }

  private fatal(kind: ReadErrorKind, message: string) {
    this.report(kind, "error", null, null, message);
    this.aborted = true;
  }

  /** Feeds one chunk; returns false once reading has stopped (fatal error). */
  push(chunk: Uint8Array): boolean {
    if (this.aborted || chunk.length === 0) return !this.aborted;
    this.bytes += chunk.length;
    let start = 0;
    if (this.firstChunk) {
      this.firstChunk = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        start = 3;
        this.encoding = "utf-8";
        this.utf8 = new TextDecoder("utf-8", { fatal: true });
      }
      const head = this.latin1.decode(chunk.subarray(0, Math.min(chunk.length, 8)));
      if (head.startsWith("%PDF")) {
        this.fatal(
          "pdf",
          "Ce fichier est un document PDF, pas un fichier DSN : déposez le fichier .dsn produit par le logiciel de paie (texte, une rubrique par ligne), pas l'édition PDF.",
        );
        return false;
      }
      if (head.startsWith("PK\u0003\u0004")) {
        this.fatal(
          "binary",
          "Ce fichier est une archive ZIP (ou un document Office), pas un fichier DSN : décompressez-la et déposez le fichier .dsn qu'elle contient.",
        );
        return false;
      }
      const n = Math.min(chunk.length, 4096);
      let control = 0;
      for (let i = start; i < n; i++) {
        const b = chunk[i] ?? 0;
        if (b === 0) {
          control = n;
          break;
        }
        if (b < 9 || (b > 13 && b < 32)) control++;
      }
      if (control > n / 20) {
        this.fatal(
          "binary",
          "Ce fichier contient des données binaires : ce n'est pas un fichier DSN (texte, une rubrique par ligne « S21.G00.06.001,'…' »). Vérifiez que vous avez déposé le bon fichier.",
        );
        return false;
      }
    }
    let bytes = start === 0 ? chunk : chunk.subarray(start);
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + bytes.length);
      joined.set(this.pending);
      joined.set(bytes, this.pending.length);
      bytes = joined;
      this.pending = null;
    }
    if (this.carryBytes) {
      const carry = this.carryBytes;
      this.carryBytes = null;
      const nl = this.pending ? -1 : bytes.indexOf(10);
      if (nl >= 0 && nl < bytes.length - 1) {
        // The line cut by the previous chunk, completed and read alone: the chunk itself is not copied.
        const head = new Uint8Array(carry.length + nl + 1);
        head.set(carry);
        head.set(bytes.subarray(0, nl + 1), carry.length);
        this.consume(head);
        if (this.aborted) return false;
        bytes = bytes.subarray(nl + 1);
      } else {
        const joined = new Uint8Array(carry.length + bytes.length);
        joined.set(carry);
        joined.set(bytes, carry.length);
        bytes = joined;
      }
    }
    this.consume(bytes);
    return !this.aborted;
  }

  /** Decodes `bytes` (after the carry and pending bytes) and reads their lines. */
  private consume(bytes: Uint8Array) {
    const text = this.decode(bytes);
    if (this.encoding !== "utf-8") {
      // One byte per character: lines are found and recognised on the bytes, values sliced from the text.
      this.splitBytes(this.pending ? bytes.subarray(0, text.length) : bytes, text);
    } else this.split(text);
  }

  private decode(chunk: Uint8Array): string {
    if (this.encoding === "latin-1") return this.latin1.decode(chunk);
    if (this.encoding === "ascii") {
      let high = -1;
      for (let i = 0; i < chunk.length; i++) {
        if ((chunk[i] ?? 0) >= 0x80) {
          high = i;
          break;
        }
      }
      if (high < 0) return this.latin1.decode(chunk);
      const verdict = utf8Verdict(chunk, high);
      if (verdict === "undecided") {
        // A multi-byte sequence cut by the chunk boundary: decide with the next chunk.
        this.pending = chunk.slice(high);
        return this.latin1.decode(chunk.subarray(0, high));
      }
      if (verdict === "utf-8") {
        const probe = new TextDecoder("utf-8", { fatal: true });
        try {
          const text = probe.decode(chunk, { stream: true });
          this.encoding = "utf-8";
          this.utf8 = probe;
          return text;
        } catch {
          // fall through: not UTF-8 after all
        }
      }
      this.encoding = "latin-1";
      return this.latin1.decode(chunk);
    }
    try {
      return (this.utf8 as TextDecoder).decode(chunk, { stream: true });
    } catch {
      this.utf8 = new TextDecoder("utf-8", { fatal: true });
      if (!this.mixedReported) {
        this.mixedReported = true;
        this.report(
          "encoding",
          "warning",
          this.lines + 1,
          null,
          `Encodage mélangé : le fichier est en UTF-8 mais contient, vers la ligne ${this.lines + 1}, des caractères ISO-8859-1. Ces passages sont lus en ISO-8859-1 ; la norme DSN demande un seul encodage (ISO-8859-1).`,
        );
      }
      return this.latin1.decode(chunk);
    }
  }

  /** {@link split} for one-byte encodings: `text` is `bytes` decoded, character i being byte i. */
  private splitBytes(data: Uint8Array, text: string) {
    let from = 0;
    const len = data.length;
    const fast = this.fast;
    while (from < len && !this.aborted) {
      const nl = text.indexOf("\n", from);
      if (nl < 0) {
        if (len - from > MAX_LINE_CHARS) {
          if (!this.skipping) {
            this.lines += 1;
            this.skipping = true;
            this.tooLong();
          }
        } else this.carryBytes = data.slice(from);
        return;
      }
      if (this.skipping) {
        this.skipping = false;
      } else {
        const end = nl > from && data[nl - 1] === 13 ? nl - 1 : nl;
        this.lines += 1;
        // Hot path: a well-formed rubric line of a known code.
        const info =
          end - from > 16 &&
          end - from <= NORM_LINE_CHARS &&
          data[from] === 83 &&
          data[from + 14] === 44 &&
          data[from + 15] === 39 &&
          data[end - 1] === 39
            ? fast.get(byteKey(data, from))
            : undefined;
        if (info !== undefined) {
          const event: RubricEvent = {
            line: this.lines,
            code: info.code,
            block: info.block,
            num: info.num,
            value: text.slice(from + 16, end - 1),
          };
          const problem = valueProblemBytes(data, from + 16, end - 1, info);
          if (problem !== 0) this.invalid(event, info, problem);
          this.sink.rubric(event);
        } else this.line(text.slice(from, end), false);
      }
      from = nl + 1;
    }
  }

  private invalid(e: RubricEvent, info: RubricInfo, problem: number) {
    if (!this.sink.invalid) return;
    const v = excerpt(e.value);
    const why =
      problem === 1
        ? `la valeur « ${v} » a ${e.value.length} caractères, la norme en admet ${info.max} au plus`
        : problem === 2
          ? `la valeur « ${v} » n'est pas un nombre (chiffres, signe « - » et point décimal, par exemple 1234.56)`
          : problem === 3
            ? `la valeur « ${v} » n'est pas une date JJMMAAAA du calendrier (par exemple 31012026 ; pas de 31 février ni de 29 février hors année bissextile)`
            : `la valeur « ${v} » n'est pas un montant de la norme (chiffres, point et deux décimales, par exemple 1234.56)`;
    this.sink.invalid(
      e,
      `Ligne ${e.line} (${e.code}) : ${why}. Corrigez la donnée dans le logiciel de paie et régénérez la DSN.`,
    );
  }

  private tooLong() {
    this.report(
      "line-too-long",
      "error",
      this.lines,
      null,
      `Ligne ${this.lines} : plus de ${MAX_LINE_CHARS.toLocaleString("fr-FR")} caractères sans retour à la ligne. Ce n'est pas une ligne DSN (256 caractères au plus) ; elle est ignorée.`,
    );
  }

  private split(text: string) {
    let from = 0;
    let data = text;
    if (this.carry !== "") {
      data = this.carry + text;
      this.carry = "";
    }
    const len = data.length;
    while (from < len && !this.aborted) {
      const nl = data.indexOf("\n", from);
      if (nl < 0) {
        const rest = data.length - from;
        if (rest > MAX_LINE_CHARS) {
          if (!this.skipping) {
            this.lines += 1;
            this.skipping = true;
            this.tooLong();
          }
        } else this.carry = from === 0 ? data : data.slice(from);
        return;
      }
      if (this.skipping) {
        this.skipping = false;
      } else {
        const end = nl > from && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.lines += 1;
        // Hot path: a well-formed rubric line of a known code, sliced straight from the chunk.
        const info =
          end - from > 16 &&
          end - from <= NORM_LINE_CHARS &&
          data.charCodeAt(from) === 83 &&
          data.charCodeAt(from + 14) === 44 &&
          data.charCodeAt(from + 15) === 39 &&
          data.charCodeAt(end - 1) === 39
            ? this.fast.get(numericKey(data, from))
            : undefined;
        if (info !== undefined) {
          const value = data.slice(from + 16, end - 1);
          if (this.encoding === "utf-8" && value.includes("\uFFFD")) this.line(data.slice(from, end), false);
          else {
            const event = { line: this.lines, code: info.code, block: info.block, num: info.num, value };
            const problem = info.max > 0 || info.fmt !== 0 ? valueProblemText(value, info) : 0;
            if (problem !== 0) this.invalid(event, info, problem);
            this.sink.rubric(event);
          }
        } else this.line(data.slice(from, end), false);
      }
      from = nl + 1;
    }
  }

  /** Flushes the last line and reports what the whole file lacks. */
  end(): void {
    if (this.carryBytes) {
      this.carry = this.latin1.decode(this.carryBytes);
      this.carryBytes = null;
    }
    if (!this.aborted && this.pending) {
      // The file ends inside an undecided sequence: not UTF-8.
      this.encoding = "latin-1";
      const tail = this.latin1.decode(this.pending);
      this.pending = null;
      this.split(tail);
    }
    if (!this.aborted) {
      if (this.utf8) {
        try {
          const tail = this.utf8.decode();
          if (tail) this.carry += tail;
        } catch {
          this.carry += "\uFFFD";
        }
      }
      if (this.carry !== "" && !this.skipping) {
        const last = this.carry.endsWith("\r") ? this.carry.slice(0, -1) : this.carry;
        this.carry = "";
        this.lines += 1;
        this.line(last, true);
      }
    }
    if (this.bytes === 0) {
      this.fatal(
        "empty-file",
        "Le fichier est vide (0 octet) : exportez à nouveau la DSN depuis le logiciel de paie.",
      );
    } else if (!this.sawRubric && !this.aborted) {
      this.fatal(
        "not-dsn",
        "Aucune rubrique DSN trouvée : ce fichier n'est pas une DSN (les lignes d'une DSN ont la forme S21.G00.06.001,'valeur').",
      );
    }
  }

  private line(line: string, last: boolean) {
    const n = this.lines;
    const len = line.length;
    if (len === 0 || (line.charCodeAt(0) <= 32 && line.trim() === "")) return;
    // Hot path: "Sxx.Gyy.zz.aaa,'value'"
    if (len < 15 || line.charCodeAt(0) !== 83 || line.charCodeAt(14) !== 44) {
      this.bad(n, line, last);
      return;
    }
    const code = line.slice(0, 14);
    let info = this.cache.get(code);
    if (info === undefined) {
      if (!CODE_RE.test(code)) {
        this.bad(n, line, last);
        return;
      }
      info = classify(code);
      if (this.cache.size < 10_000) this.cache.set(code, info);
    }
    let value: string;
    if (len >= 17 && line.charCodeAt(15) === 39 && line.charCodeAt(len - 1) === 39) {
      value = line.slice(16, len - 1);
    } else {
      value = line.slice(15).replace(/^'|'$/g, "");
      if (last) {
        this.report(
          "truncated",
          "error",
          n,
          code,
          `Ligne ${n} (${code}) : le fichier s'arrête au milieu d'une ligne (valeur sans apostrophe de fin). Le fichier est tronqué : récupérez-le en entier.`,
        );
      } else {
        this.report(
          "missing-quotes",
          "error",
          n,
          code,
          `Ligne ${n} (${code}) : la valeur doit être entre apostrophes, par exemple ${code},'${excerpt(value) || "valeur"}'. Corrigez la ligne dans le logiciel de paie et régénérez la DSN.`,
        );
      }
      this.sink.skipped?.(n);
      return;
    }
    if (len > NORM_LINE_CHARS + 2 && !this.reported.has(`long:${code}`)) {
      this.reported.add(`long:${code}`);
      this.report(
        "line-too-long",
        "warning",
        n,
        code,
        `Ligne ${n} (${code}) : ${len} caractères, la norme en admet ${NORM_LINE_CHARS} au plus. Raccourcissez la valeur.`,
      );
    }
    this.sawRubric = true;
    if (info.kind === "norm") {
      if (value.length === 0) {
        this.report(
          "empty-value",
          "error",
          n,
          code,
          `Ligne ${n} (${code}) : valeur vide (''). La norme interdit les rubriques vides : supprimez la ligne ou renseignez la valeur.`,
        );
        this.sink.skipped?.(n);
        return;
      }
      if (this.encoding === "utf-8" && !this.replacementReported && value.includes("\uFFFD")) {
        this.replacementReported = true;
        this.report(
          "encoding",
          "warning",
          n,
          code,
          `Ligne ${n} (${code}) : la valeur « ${excerpt(value)} » contient le caractère de remplacement « \uFFFD » : des lettres accentuées ont été perdues lors d'une conversion d'encodage. Régénérez le fichier depuis le logiciel de paie (ISO-8859-1).`,
        );
      }
      const event = { line: n, code: info.code, block: info.block, num: info.num, value };
      const problem = valueProblemText(value, info);
      if (problem !== 0) this.invalid(event, info, problem);
      this.sink.rubric(event);
      if (this.fast.size < 10_000) this.fast.set(numericKey(line, 0), info);
      return;
    }
    if (info.kind === "wrapper") {
      this.sink.wrapper?.({ line: n, code, block: info.block, num: info.num, value });
      return;
    }
    this.sink.skipped?.(n);
    const key = info.known ? code : info.block;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (info.kind === "technical") {
      this.report(
        "technical",
        "info",
        n,
        key,
        `Ligne ${n} : ${key.length === 10 ? `bloc ${key}` : `rubrique ${key}`} hors norme (données techniques ajoutées par la plateforme ou le logiciel), ignoré par les contrôles.`,
      );
    } else if (info.kind === "unknown-block") {
      this.report(
        "unknown-block",
        "error",
        n,
        code,
        `Ligne ${n} : le bloc ${info.block} n'existe pas dans la norme DSN (P24V01 à P26V01). Vérifiez le code de la ligne ${code} ; les lignes suivantes de ce bloc sont ignorées.`,
      );
    } else {
      this.report(
        "unknown-rubric",
        "warning",
        n,
        code,
        `Ligne ${n} : la rubrique ${code} n'existe pas dans le bloc ${info.block} de la norme P26V01 (rubrique supprimée ou code erroné). Elle est ignorée ; vérifiez le paramétrage du logiciel de paie.`,
      );
    }
  }

  private bad(n: number, line: string, last: boolean) {
    this.sink.skipped?.(n);
    if (!this.sawRubric && this.errors === 0) {
      this.fatal(
        "not-dsn",
        `Ce fichier n'est pas une DSN : la 1re ligne (« ${excerpt(line)} ») n'est pas une rubrique de la forme S10.G00.00.001,'valeur'. Déposez le fichier .dsn produit par le logiciel de paie.`,
      );
      return;
    }
    if (last && /^S[\d.G]*$/.test(line)) {
      this.report(
        "truncated",
        "error",
        n,
        null,
        `Ligne ${n} : le fichier s'arrête au milieu d'une ligne (« ${excerpt(line)} »). Le fichier est tronqué : récupérez-le en entier.`,
      );
      return;
    }
    this.report(
      "syntax",
      "error",
      n,
      null,
      `Ligne ${n} : « ${excerpt(line)} » n'est pas une ligne DSN (attendu : code de rubrique Sxx.Gyy.zz.aaa, virgule, valeur entre apostrophes). Corrigez ou supprimez cette ligne.`,
    );
  }
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array;

/** Splits a byte array into chunks so that a large in-memory file is still processed incrementally. */
export function* chunksOf(bytes: Uint8Array, size = 1 << 20): Iterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** Feeds every chunk of `source` to the reader (stops early on a fatal error), then ends it. */
export async function feed(reader: DsnReader, source: ByteSource): Promise<void> {
  const iterable: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
    source instanceof Uint8Array ? chunksOf(source) : source;
  if (Symbol.asyncIterator in iterable) {
    for await (const chunk of iterable as AsyncIterable<Uint8Array>) if (!reader.push(chunk)) break;
  } else {
    for (const chunk of iterable as Iterable<Uint8Array>) if (!reader.push(chunk)) break;
  }
  reader.end();
}

/** Convenience for tests and small files: every event and error of `source`. */
export async function readEvents(source: ByteSource): Promise<{
  events: RubricEvent[];
  wrappers: RubricEvent[];
  errors: ReadError[];
  encoding: FileEncoding;
  lines: number;
}> {
  const events: RubricEvent[] = [];
  const wrappers: RubricEvent[] = [];
  const errors: ReadError[] = [];
  const reader = new DsnReader({
    rubric: (e) => events.push(e),
    wrapper: (e) => wrappers.push(e),
    error: (e) => errors.push(e),
  });
  await feed(reader, source);
  return { events, wrappers, errors, encoding: reader.encoding, lines: reader.lines };
}
