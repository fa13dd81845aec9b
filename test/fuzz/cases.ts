// The fuzz suite's cases (issue 15 point 6): a seeded generator of bad inputs for both commands —
// `clients check` (CSV, XLSX) and `dsn check` — in the classes the security review found: XLSX far
// references, huge rows, bombs, lying sizes, deep XML, encrypted or linked entries, truncated archives;
// CSV of huge widths, control characters, NUL, binary, giant lines, too many rows; DSN with huge numbers,
// impossible dates, many sends, control characters, truncation, giant lines, shuffled blocks; missing
// paths, folders, devices, pipes. Every case is rebuilt from (class, seed): the seed that reproduces a
// failure is all a report needs. `scale` "small" keeps each case tiny (npm test), "large" writes the
// real sizes (npm run fuzz).
import { generateDsnChunks } from "../../src/dsn/generate.ts";
import { cell, registerSheet, sheetXml, xlsxOf, zip } from "./zip.ts";

export type Scale = "small" | "large";
export type Command = "clients" | "dsn";
/** What a correct run gives: "error" = exit 2 with a message, "findings" = exit 0/1, "any" = either. */
export type Expect = "error" | "findings" | "any";

/** A path that is not a file the case writes: missing, a folder, a device, a pipe, a link to a folder. */
export type Special = "missing" | "folder" | "dev-zero" | "dev-null" | "fifo" | "link-to-folder";

export interface FuzzCase {
  id: string;
  klass: string;
  seed: number;
  command: Command;
  expect: Expect;
  /** A regular expression the message must match (the limit named), when the class has one. */
  message?: RegExp;
  /** The file's bytes, or a special path. */
  input: { name: string; bytes: Uint8Array } | { name: string; special: Special };
  json: boolean;
}

/** mulberry32: small, fast, good enough to pick mutations; the same seed gives the same case. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  r: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  scale: Scale;
  big: (small: number, large: number) => number;
}

const enc = new TextEncoder();
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const CONTROL = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u0008",
  "\u001b[2J",
  "\u001b]0;pirate\u0007",
  "\u007f",
  "\u009b31m",
  "\u202e",
  "\u0085",
];
/** XML 1.0 forbids C0 controls (but tab and line breaks) in text: a spreadsheet cannot hold them. */
const xmlAllowed = (s: string) =>
  [...s].filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === "\t" || ch === "\n" || ch === "\r").join("");
const HEADER = "Type;SIREN;Raison sociale;Montant;Effectif;Statut";
const goodRow = (i: number) => `Employeur;552100554;Client ${i};1 234,56;12;inscrit`;

type Maker = (c: Ctx) => Omit<FuzzCase, "id" | "klass" | "seed">;

const csv = (text: string | Uint8Array, expect: Expect = "any", message?: RegExp): ReturnType<Maker> => ({
  command: "clients",
  expect,
  ...(message ? { message } : {}),
  input: { name: "clients.csv", bytes: typeof text === "string" ? enc.encode(text) : text },
  json: false,
});
const xlsx = (bytes: Uint8Array, expect: Expect = "any", message?: RegExp): ReturnType<Maker> => ({
  command: "clients",
  expect,
  ...(message ? { message } : {}),
  input: { name: "clients.xlsx", bytes },
  json: false,
});
const dsnCase = (bytes: Uint8Array, expect: Expect = "any", json = false): ReturnType<Maker> => ({
  command: "dsn",
  expect,
  input: { name: "mois.dsn", bytes },
  json,
});

/** A generated DSN as lines (latin-1 text), for mutations. */
const dsnLines = (c: Ctx, employees: number) =>
  generateDsnChunks({ employees, seed: c.int(1, 1000) })
    .join("")
    .split("\n");
const dsnBytes = (lines: string[]) => latin1(lines.join("\n"));
const colLetters = (n: number) => {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};
const LIMIT = /limite/;

export const CLASSES: Record<string, Maker> = {
  // XLSX (C1–C4, B2)
  "xlsx-far-cell": (c) => {
    const row = c.pick([1_048_576, c.int(50_002, 1_048_576), 2_000_000_000]);
    const col = c.pick(["A", "XFD", colLetters(c.int(1001, 16384))]);
    const sheet = sheetXml(
      `<row r="1">${cell("A1", "SIREN")}</row><row r="${row}">${cell(`${col}${row}`, "x")}</row>`,
    );
    return xlsx(xlsxOf(sheet), "error", LIMIT);
  },
  "xlsx-wide-row": (c) => {
    const col = colLetters(c.int(1001, 16384));
    return xlsx(
      xlsxOf(sheetXml(`<row r="1">${cell("A1", "SIREN")}${cell(`${col}1`, "x")}</row>`)),
      "error",
      LIMIT,
    );
  },
  "xlsx-huge-row-attr": (c) => {
    const r = c.pick(["2000000000", "99999999999999999999", "-1", "abc", "1e9", "0", ""]);
    const sheet = sheetXml(
      `<row r="1">${cell("A1", "SIREN")}</row><row r="${r}"><c r="A${r}"><v>1</v></c></row>`,
    );
    return xlsx(xlsxOf(sheet));
  },
  "xlsx-many-rows": (c) => {
    const n = c.big(50_010, 1_000_000);
    const rows = Array.from({ length: n }, (_, i) => `<row><c><v>${i}</v></c></row>`).join("");
    return xlsx(xlsxOf(sheetXml(rows)), "error", LIMIT);
  },
  "xlsx-bomb-sheet": (c) => {
    // Small: the directory announces a bomb; large: a real one (70–300 Mo of XML in a few hundred KB).
    if (c.scale === "small")
      return xlsx(
        xlsxOf(registerSheet(2), [], { declaredSize: c.int(65, 4000) * 1024 * 1024 }),
        "error",
        LIMIT,
      );
    const unit = c.pick(["A", "<row/>", "<c><v>1</v></c>"]);
    const text = unit.repeat(Math.ceil((c.int(70, 300) * 1024 * 1024) / unit.length));
    return xlsx(xlsxOf(sheetXml(`<row r="1">${cell("A1", "x")}</row>${text}`)), "error", LIMIT);
  },
  "xlsx-bomb-strings": (c) => {
    const size = c.scale === "small" ? c.int(1, 64) * 1024 : c.int(33, 200) * 1024 * 1024;
    const part = { name: "xl/sharedStrings.xml", data: `<sst><si><t>${"B".repeat(size)}</t></si></sst>` };
    return xlsx(xlsxOf(registerSheet(2), [part]), c.scale === "small" ? "any" : "error");
  },
  "xlsx-size-lie": (c) =>
    xlsx(xlsxOf(registerSheet(c.int(1, 20)), [], { declaredSize: c.int(0, 200) }), "error"),
  "xlsx-deep-xml": (c) => {
    const depth = c.big(c.int(1000, 20_000), c.int(200_000, 2_000_000));
    const deep = `${"<r>".repeat(depth)}${"</r>".repeat(depth)}`;
    const where = c.pick(["cell", "sheet", "strings"]);
    if (where === "strings")
      return xlsx(
        xlsxOf(registerSheet(2), [{ name: "xl/sharedStrings.xml", data: `<sst><si>${deep}</si></sst>` }]),
      );
    if (where === "sheet") return xlsx(xlsxOf(sheetXml(`<row r="1">${cell("A1", "SIREN")}</row>${deep}`)));
    return xlsx(
      xlsxOf(
        sheetXml(
          `<row r="1">${cell("A1", "SIREN")}</row><row r="2"><c r="A2" t="inlineStr"><is>${deep}</is></c></row>`,
        ),
      ),
    );
  },
  "xlsx-truncated": (c) => {
    const whole = xlsxOf(registerSheet(c.int(2, 40)));
    return xlsx(whole.subarray(0, c.int(4, whole.length - 1)), "error");
  },
  "xlsx-garbage": (c) => {
    const bytes = new Uint8Array(c.int(30, 4000)).map(() => c.int(0, 255));
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    return xlsx(bytes, "error");
  },
  "xlsx-flipped-bytes": (c) => {
    const bytes = xlsxOf(registerSheet(c.int(2, 30))).slice();
    for (let k = c.int(1, 20); k > 0; k--) bytes[c.int(0, bytes.length - 1)] = c.int(0, 255);
    return xlsx(bytes);
  },
  "xlsx-odd-entry": (c) => {
    const kind = c.pick(["encrypted", "link", "method", "zip64"]);
    const entry =
      kind === "encrypted"
        ? { flags: 1 }
        : kind === "link"
          ? { unixMode: 0o120777 }
          : kind === "method"
            ? { method: 12 }
            : { declaredSize: 0xffffffff };
    return xlsx(xlsxOf(registerSheet(2), [], entry), "error");
  },
  "xlsx-control-chars": (c) => {
    const rows = Array.from({ length: c.int(1, 30) }, (_, i) => {
      const r = i + 2;
      return `<row r="${r}">${cell(`A${r}`, "Employeur")}${cell(`B${r}`, "552100554")}${cell(`C${r}`, `Nom${xmlAllowed(c.pick(CONTROL))}${i}`)}</row>`;
    });
    return xlsx(
      xlsxOf(
        sheetXml(
          `<row r="1">${cell("A1", "Type")}${cell("B1", "SIREN")}${cell("C1", "Raison sociale")}</row>${rows.join("")}`,
        ),
      ),
      "findings",
    );
  },
  "zip-not-xlsx": (c) =>
    xlsx(
      zip([{ name: c.pick(["word/document.xml", "content.xml", "a.txt"]), data: "x".repeat(c.int(1, 999)) }]),
      "error",
    ),
  // CSV (C6, B4)
  "csv-many-columns": (c) => {
    const n = c.big(c.int(1001, 20_000), 1_000_000);
    const sep = c.pick([";", ",", "\t"]);
    return csv(`${`x${sep}`.repeat(n)}\n${`1${sep}`.repeat(c.int(1, 50))}\n`, "error", LIMIT);
  },
  "csv-control-chars": (c) => {
    const rows = Array.from({ length: c.int(1, 200) }, (_, i) => {
      const bad = c.r() < 0.5 ? c.pick(CONTROL) : "";
      return `Employeur;552100554;Nom${bad}${i};1,00;${c.int(0, 99)};inscrit`;
    });
    // NUL or many controls in the first 8 KB make the file binary (a clear refusal): either outcome.
    return csv(`${HEADER}\n${rows.join("\n")}\n`, "any");
  },
  "csv-nul-late": (c) => {
    const filler = Array.from({ length: c.int(300, 2000) }, (_, i) => goodRow(i)).join("\n");
    return csv(
      `${HEADER}\n${filler}\nEmployeur;552100554;Nul\u0000${"\u0000".repeat(c.int(0, 50))};1;1;inscrit\n`,
      "findings",
    );
  },
  "csv-binary": (c) =>
    csv(
      new Uint8Array(c.big(c.int(1, 5000), 5_000_000)).map(() => c.int(0, 255)),
      "any",
    ),
  "csv-giant-line": (c) => {
    const n = c.big(c.int(10_000, 300_000), 19_000_000);
    return csv(`${HEADER}\nEmployeur;552100554;${"N".repeat(n)};1;1;inscrit\n`, "findings");
  },
  "csv-giant-cell-quoted": (c) =>
    csv(`${HEADER}\n"${"a\n".repeat(c.big(c.int(100, 50_000), 5_000_000))}`, "any"),
  "csv-many-rows": (c) => {
    const n = c.big(50_001 + c.int(0, 100), 400_000);
    return csv(`SIREN;Nom\n${"552100554;A\n".repeat(n)}`, "error", /limite est de 50\s000/);
  },
  "csv-huge-numbers": (c) => {
    const big = () =>
      c.pick([
        "9".repeat(c.int(20, 400)),
        `1e${c.int(300, 999)}`,
        "-0",
        "NaN",
        "Infinity",
        `${"1 ".repeat(200)}`,
        "1,2,3,4",
      ]);
    const rows = Array.from(
      { length: c.int(1, 50) },
      (_, i) => `Employeur;552100554;C${i};${big()};${big()};inscrit`,
    );
    return csv(`${HEADER}\n${rows.join("\n")}\n`, "findings");
  },
  "csv-encodings": (c) => {
    const bytes = enc.encode(`${HEADER}\n${goodRow(1)}\n`);
    const out = new Uint8Array(bytes.length + 40);
    out.set(bytes);
    for (let i = bytes.length; i < out.length; i++)
      out[i] = c.pick([0x80, 0x81, 0xc3, 0xff, 0xe9, 0x9d, 0x0a, 0x3b]);
    return csv(out);
  },
  "csv-unclosed-quote": (c) =>
    csv(`${HEADER}\n${goodRow(1)}\n"Employeur;55210${"x".repeat(c.int(0, 5000))}`, "any"),
  "csv-formula-injection": (c) =>
    csv(
      `${HEADER}\n${Array.from({ length: c.int(1, 20) }, (_, i) => `=cmd|' /C calc'!A0;552100554;=HYPERLINK("x";"${i}");+1;@SUM(1);-2`).join("\n")}\n`,
      "findings",
    ),
  "csv-empty-ish": (c) =>
    csv(c.pick(["", " ", "\n\n\n", ";;;\n;;;", "\ufeff", HEADER, `${HEADER}\n`]), "error"),
  // DSN (B3, C5, S6)
  "dsn-huge-numbers": (c) => {
    const lines = dsnLines(c, c.int(1, 5));
    for (let k = c.int(1, 10); k > 0; k--) {
      const i = c.int(0, lines.length - 1);
      lines[i] = (lines[i] ?? "").replace(
        /,'[^']*'/,
        `,'${c.pick(["9".repeat(c.int(20, 400)), "-".repeat(3), "1e308", "0".repeat(300), "12345678901234567890.99"])}'`,
      );
    }
    return dsnCase(dsnBytes(lines), "findings", c.r() < 0.3);
  },
  "dsn-impossible-dates": (c) => {
    const lines = dsnLines(c, c.int(1, 5));
    const bad = () =>
      c.pick([
        "31022026",
        "29022025",
        "00012026",
        "32132026",
        "99999999",
        "01130000",
        "3102202",
        "310220266",
      ]);
    for (let k = c.int(1, 8); k > 0; k--) {
      const idx = lines.findIndex((l, j) => j >= c.int(0, lines.length - 1) && /,'\d{8}'$/.test(l));
      if (idx >= 0) lines[idx] = (lines[idx] ?? "").replace(/'\d{8}'$/, `'${bad()}'`);
    }
    return dsnCase(dsnBytes(lines), "findings");
  },
  "dsn-many-sends": (c) => {
    const lines = dsnLines(c, 1);
    const s10 = lines.filter((l) => l.startsWith("S10."));
    // 1 M sends in the review; 200 000 here (≈ 110 Mo), so that the suite runs on a shared machine.
    const n = c.big(c.int(100, 3000), 200_000);
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(...s10);
    out.push(...lines.filter((l) => !l.startsWith("S10.")));
    return dsnCase(dsnBytes(out), "findings");
  },
  "dsn-control-chars": (c) => {
    const lines = dsnLines(c, c.int(1, 3));
    for (let k = c.int(1, 10); k > 0; k--) {
      const i = c.int(0, lines.length - 1);
      lines[i] = (lines[i] ?? "").replace(/'$/, `${c.pick(CONTROL)}'`);
    }
    return dsnCase(dsnBytes(lines), "any", c.r() < 0.3);
  },
  "dsn-truncated": (c) => {
    const bytes = dsnBytes(dsnLines(c, c.int(1, 10)));
    return dsnCase(bytes.subarray(0, c.int(1, bytes.length - 1)), "any");
  },
  "dsn-binary": (c) =>
    dsnCase(
      new Uint8Array(c.big(c.int(1, 5000), 20_000_000)).map(() => c.int(0, 255)),
      "any",
    ),
  "dsn-giant-line": (c) => {
    const lines = dsnLines(c, 1);
    lines.splice(
      c.int(0, lines.length - 1),
      0,
      `S21.G00.30.002,'${"X".repeat(c.big(c.int(10_000, 1_000_000), 50_000_000))}'`,
    );
    return dsnCase(dsnBytes(lines), "any");
  },
  "dsn-no-newline": (c) =>
    dsnCase(latin1("S10.G00.00.001,'A'".repeat(c.big(c.int(100, 50_000), 3_000_000))), "any"),
  "dsn-shuffled": (c) => {
    const lines = dsnLines(c, c.int(1, 6));
    for (let k = c.int(1, 30); k > 0; k--) {
      const i = c.int(0, lines.length - 1);
      const j = c.int(0, lines.length - 1);
      const op = c.int(0, 2);
      if (op === 0) [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      else if (op === 1) lines.splice(i, 1);
      else lines.splice(i, 0, lines[j] ?? "");
    }
    return dsnCase(dsnBytes(lines), "any");
  },
  "dsn-syntax": (c) => {
    const lines = dsnLines(c, c.int(1, 3));
    for (let k = c.int(1, 20); k > 0; k--) {
      const i = c.int(0, lines.length - 1);
      lines[i] = c.pick([
        `S21.G00.51.0${c.int(0, 99)},'x`,
        "S99.G99.99.999,''",
        "'''",
        "S21.G00.30.001",
        ",,,,",
        `S21.G00.30.001,'${"'".repeat(c.int(1, 50))}'`,
        "\r",
      ]);
    }
    return dsnCase(dsnBytes(lines), "any");
  },
  // Paths (B1, C5)
  "path-special": (c) => {
    const special = c.pick(["missing", "folder", "dev-zero", "dev-null", "fifo", "link-to-folder"] as const);
    const command = c.pick(["clients", "dsn"] as const);
    return {
      command,
      expect: "error" as const,
      message:
        special === "missing"
          ? /n'existe pas/
          : special === "folder" || special === "link-to-folder"
            ? /dossier/
            : /fichier ordinaire/,
      input: { name: command === "dsn" ? "x.dsn" : "x.csv", special },
      json: c.r() < 0.5,
    };
  },
};

/** What rebuilds a case: the inputs are made only when the case runs (the real sizes weigh hundreds of MB). */
export interface CaseRef {
  id: string;
  klass: string;
  seed: number;
  scale: Scale;
}

/** `count` cases, round-robin over the classes, each with its own seed derived from `seed`. */
export function generateCases(
  seed: number,
  count: number,
  scale: Scale,
  only?: readonly string[],
): CaseRef[] {
  const names = Object.keys(CLASSES).filter((k) => !only || only.includes(k));
  const base = rng(seed);
  return Array.from({ length: count }, (_, n) => {
    const klass = names[n % names.length] as string;
    const caseSeed = Math.floor(base() * 2 ** 31);
    return { id: `${klass}:${caseSeed}`, klass, seed: caseSeed, scale };
  });
}

/** One case from its class and seed: what `npm run fuzz -- --case CLASS:SEED` rebuilds. */
export function makeCase(klass: string, seed: number, scale: Scale): FuzzCase {
  const maker = CLASSES[klass];
  if (!maker) throw new Error(`classe inconnue : ${klass}`);
  const r = rng(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const c: Ctx = {
    r,
    int,
    pick: (xs) => xs[int(0, xs.length - 1)] as (typeof xs)[number],
    scale,
    big: (small, large) => (scale === "small" ? small : large),
  };
  return { id: `${klass}:${seed}`, klass, seed, ...maker(c) };
}
