import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { cell, registerSheet, sheetXml, xlsxOf } from "../../../test/fuzz/zip.ts";
import {
  decodeText,
  isResourceError,
  MAX_COLUMNS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  type ReadTableResult,
  readTable,
} from "./table-read.ts";
import { XLSX_PART_LIMITS } from "./table-zip.ts";

const fixtures = resolve(import.meta.dirname, "../../../test/fixtures/clients");
const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
/** Windows-1252 bytes of a string made of Latin-1 characters plus € ’ œ. */
const win1252 = (s: string) =>
  new Uint8Array(
    [...s].map((c) => {
      const special: Record<string, number> = { "€": 0x80, "’": 0x92, œ: 0x9c, Œ: 0x8c };
      const code = special[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in windows-1252: ${c}`);
      return code;
    }),
  );

function table(result: ReadTableResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.error}`);
  return result.table;
}

function refused(result: ReadTableResult) {
  if (result.ok) throw new Error("expected a refusal");
  return result;
}

const xlsx = async (data: unknown[]) => new Uint8Array(await writeXlsxFile(data as never).toBuffer());

describe("readTable — CSV", () => {
  it("reads a UTF-8 file separated by semicolons, with quoted fields and French amounts", async () => {
    const t = table(
      await readTable(
        utf8(
          'Raison sociale;SIREN;Montant\r\n"Dupont; fils & Cie";526 018 155;"1 234,56"\r\nCafé;732829320;12\r\n',
        ),
        "clients.csv",
      ),
    );
    expect(t.source).toEqual({ format: "csv", encoding: "utf-8", delimiter: ";" });
    expect(t.headers).toEqual(["Raison sociale", "SIREN", "Montant"]);
    expect(t.rows).toEqual([
      ["Dupont; fils & Cie", "526 018 155", "1 234,56"],
      ["Café", "732829320", "12"],
    ]);
    expect(t.firstDataLine).toBe(2);
  });

  it("drops a UTF-8 BOM", async () => {
    const t = table(await readTable(withBom("SIREN;Nom\n526018155;Café\n"), "bom.csv"));
    expect(t.headers).toEqual(["SIREN", "Nom"]);
    expect(t.source.encoding).toBe("utf-8");
    expect(t.rows[0]).toEqual(["526018155", "Café"]);
  });

  it("decodes Windows-1252 (é, €, ’, œ) when the bytes are not UTF-8", async () => {
    const bytes = win1252("Raison sociale;Montant;Étiquettes\r\nSociété Générale;1 234 €;l’œuvre\r\n");
    expect(bytes.includes(0xe9)).toBe(true);
    const t = table(await readTable(bytes, "excel.csv"));
    expect(t.source.encoding).toBe("windows-1252");
    expect(t.headers).toEqual(["Raison sociale", "Montant", "Étiquettes"]);
    expect(t.rows[0]).toEqual(["Société Générale", "1 234 €", "l’œuvre"]);
  });

  it("reads the Windows-1252 fixture", async () => {
    const bytes = new Uint8Array(readFileSync(resolve(fixtures, "clients-win1252.csv")));
    const t = table(await readTable(bytes, "clients-win1252.csv"));
    expect(t.source).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(t.rows.map((r) => r[0])).toEqual([
      "Café de l'Été",
      "Société Générale d'Épicerie",
      "Boucherie Müller",
    ]);
  });

  it("detects commas and tabs, and ignores separators inside quotes", async () => {
    const comma = table(
      await readTable(utf8('SIREN,Nom,Montant\n526018155,"Martin, père","1234.56"\n'), "a.csv"),
    );
    expect(comma.source.delimiter).toBe(",");
    expect(comma.rows[0]).toEqual(["526018155", "Martin, père", "1234.56"]);
    const tab = table(await readTable(utf8("SIREN\tNom\n526018155\tMartin; Fils\n"), "a.tsv"));
    expect(tab.source.delimiter).toBe("\t");
    expect(tab.rows[0]).toEqual(["526018155", "Martin; Fils"]);
    const quotedHeader = table(await readTable(utf8('"Nom; prénom",SIREN\nA,1\n'), "q.csv"));
    expect(quotedHeader.source.delimiter).toBe(",");
    expect(quotedHeader.headers).toEqual(["Nom; prénom", "SIREN"]);
  });

  it("skips empty rows and keeps file line numbers (also after a quoted line break)", async () => {
    const t = table(
      await readTable(utf8('\n\nSIREN;Nom\n;\n526018155;"Deux\nlignes"\n\n732829320;Autre\n;;\n'), "l.csv"),
    );
    expect(t.headers).toEqual(["SIREN", "Nom"]);
    expect(t.firstDataLine).toBe(5);
    expect(t.lines).toEqual([5, 8]);
    expect(t.rows[1]).toEqual(["732829320", "Autre"]);
  });

  it("pads short rows and names extra columns", async () => {
    const t = table(await readTable(utf8("A;B\n1\n1;2;3\n"), "x.csv"));
    expect(t.headers).toEqual(["A", "B", "Colonne C"]);
    expect(t.rows).toEqual([
      ["1", "", ""],
      ["1", "2", "3"],
    ]);
    expect(t.notes.join(" ")).toMatch(/plus de cellules que la ligne d'en-tête/);
  });

  it("keeps formula text from a CSV as is (table-import refuses it)", async () => {
    const t = table(
      await readTable(utf8('Nom;SIREN\nA;"=HYPERLINK(""http://x"";""526018155"")"\n'), "f.csv"),
    );
    expect(t.rows[0]?.[1]).toBe('=HYPERLINK("http://x";"526018155")');
  });
});

describe("readTable — bad input gets a French answer", () => {
  it("empty file", async () => {
    const r = refused(await readTable(new Uint8Array(), "vide.csv"));
    expect(r.code).toBe("empty");
    expect(r.error).toMatch(/« vide\.csv » est vide/);
  });

  it("blank lines only", async () => {
    expect(refused(await readTable(utf8("\r\n  \r\n;;\r\n"), "blanc.csv")).code).toBe("empty");
  });

  it("header only", async () => {
    const r = refused(await readTable(utf8("SIREN;Raison sociale\r\n"), "entete.csv"));
    expect(r.code).toBe("no-rows");
    expect(r.error).toMatch(/ne contient que la ligne d'en-tête.*ajoutez une ligne par client/);
  });

  it("a PDF or a PNG renamed .csv", async () => {
    const pdf = refused(await readTable(utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "clients.csv"));
    expect(pdf.code).toBe("binary");
    expect(pdf.error).toMatch(/document PDF, pas un tableau.*CSV/);
    const png = refused(
      await readTable(
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        "clients.csv",
      ),
    );
    expect(png.code).toBe("binary");
    expect(png.error).toMatch(/image PNG/);
  });

  it("unknown binary data", async () => {
    const bytes = new Uint8Array(2000).map((_, i) => (i * 37) % 256);
    expect(refused(await readTable(bytes, "data.csv")).code).toBe("binary");
  });

  it("an old .xls, a UTF-16 file", async () => {
    const xls = refused(
      await readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "a.xls"),
    );
    expect(xls.code).toBe("unsupported");
    expect(xls.error).toMatch(/\.xls.*\.xlsx/);
    const utf16 = refused(await readTable(new Uint8Array([0xff, 0xfe, 0x53, 0, 0x49, 0]), "u.csv"));
    expect(utf16.code).toBe("unsupported");
    expect(utf16.error).toMatch(/UTF-16/);
  });

  it("a 50 MB file", async () => {
    const r = refused(await readTable(new Uint8Array(50 * 1024 * 1024).fill(0x41), "gros.csv"));
    expect(r.code).toBe("too-large");
    expect(r.error).toMatch(/pèse 50 Mo : la limite est de 20 Mo.*découpez-le/);
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
  });

  it("100 000 rows", async () => {
    const text = `SIREN;Nom\n${"526018155;A\n".repeat(100_000)}`;
    const r = refused(await readTable(utf8(text), "long.csv"));
    expect(r.code).toBe("too-many-rows");
    expect(r.error).toMatch(/100\s000 lignes de clients : la limite est de 50\s000.*Découpez-le/);
    expect(MAX_ROWS).toBe(50_000);
  });

  it("a damaged XLSX or another ZIP", async () => {
    const broken = refused(
      await readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), "c.xlsx"),
    );
    expect(["unreadable", "unsupported"]).toContain(broken.code);
    expect(broken.error).toMatch(/xlsx|CSV/);
  });

  it("never throws on arbitrary bytes, and answers ok or a French error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.string({ maxLength: 20 }),
        async (bytes, name) => {
          const r = await readTable(bytes, `${name}.csv`);
          if (r.ok) {
            expect(r.table.rows.length).toBeGreaterThan(0);
            for (const row of r.table.rows) expect(row.length).toBe(r.table.headers.length);
          } else {
            expect(r.error).toMatch(/fichier|classeur/i);
            expect(r.error.length).toBeGreaterThan(20);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on text-like bytes either", async () => {
    const csvish = fc.array(fc.constantFrom(";", ",", "\t", '"', "\n", "\r", "a", "é", "1", " ", "="), {
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(csvish, async (chars) => {
        const r = await readTable(utf8(chars.join("")), "t.csv");
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(r.error).toMatch(/fichier/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("readTable — XLSX", () => {
  it("reads the first non-empty sheet, detected by its signature whatever the extension", async () => {
    const bytes = await xlsx([
      { sheet: "Vide", data: [[null]] },
      {
        sheet: "Clients",
        data: [
          [null],
          [{ value: "SIREN" }, { value: "Raison sociale" }, { value: "Montant" }, { value: "Paie décalée" }],
          [
            { value: 526018155, type: Number },
            { value: "  Boulangerie Martin " },
            { value: 1234.56, type: Number },
            { value: true, type: Boolean },
          ],
          [null, null],
          [{ value: "012345678" }, { value: "Zéro initial" }, { value: 0.1 + 0.2, type: Number }, null],
          [
            { value: new Date(Date.UTC(2024, 0, 5)), type: Date, format: "dd/mm/yyyy" },
            { value: "Date" },
            null,
            null,
          ],
        ],
      },
    ]);
    const t = table(await readTable(bytes, "clients.csv"));
    expect(t.source).toEqual({ format: "xlsx", sheet: "Clients" });
    expect(t.headers).toEqual(["SIREN", "Raison sociale", "Montant", "Paie décalée"]);
    expect(t.firstDataLine).toBe(3);
    expect(t.lines).toEqual([3, 5, 6]);
    expect(t.rows).toEqual([
      ["526018155", "Boulangerie Martin", "1234,56", "oui"],
      ["012345678", "Zéro initial", "0,3", ""],
      ["05/01/2024", "Date", "", ""],
    ]);
    expect(t.notes.join(" ")).toMatch(/2 feuilles.*« Clients »/);
  });

  it("reports merged cells, formulas and numbers that lost digits", async () => {
    const bytes = await xlsx([
      [{ value: "Raison sociale" }, { value: "N° compte" }, { value: "Lien" }],
      [
        { value: "Fusion", rowSpan: 2 },
        { value: 117000001234567890, type: Number },
        { value: '=HYPERLINK("http://x";"y")', type: "Formula" },
      ],
      [null, { value: 253072123456789, type: Number }, null],
    ]);
    const t = table(await readTable(bytes, "f.xlsx"));
    expect(t.rows[0]?.[1]).toMatch(/^1\.\d+E\+17$/);
    expect(t.rows[1]).toEqual(["", "253072123456789", ""]);
    const notes = t.notes.join("\n");
    expect(notes).toMatch(/plus de 15 chiffres.*format Texte/);
    expect(notes).toMatch(/1 cellule contient une formule/);
    expect(notes).toMatch(/cellules fusionnées \(A2:A3\).*Défusionnez/);
  });

  it("refuses an empty workbook and a header-only sheet", async () => {
    expect(refused(await readTable(await xlsx([[null]]), "v.xlsx")).code).toBe("empty");
    expect(refused(await readTable(await xlsx([[{ value: "SIREN" }]]), "h.xlsx")).code).toBe("no-rows");
  });
});

describe("bounds (issue 15: C1–C4, C6, B2)", () => {
  const header = `<row r="1">${cell("A1", "Type")}${cell("B1", "SIREN")}${cell("C1", "Raison sociale")}</row>`;
  const timed = async (bytes: Uint8Array, name: string) => {
    const t = performance.now();
    const r = refused(await readTable(bytes, name));
    return { ...r, ms: performance.now() - t };
  };

  it("reads a well-formed hand-built workbook (the builder used below is sound)", async () => {
    const t = table(await readTable(xlsxOf(registerSheet(2)), "ok.xlsx"));
    expect(t.headers).toEqual(["Type", "SIREN", "Raison sociale"]);
    expect(t.rows).toEqual([
      ["Employeur", "552100554", "Client 0"],
      ["Employeur", "552100554", "Client 1"],
    ]);
  });

  it("C1: one cell at XFD1048576 in a 2 KB file is refused at once, naming the row limit", async () => {
    const bytes = xlsxOf(sheetXml(`${header}<row r="1048576">${cell("XFD1048576", "x")}</row>`));
    expect(bytes.length).toBeLessThan(2000);
    const r = await timed(bytes, "loin.xlsx");
    expect(r.code).toBe("too-many-rows");
    expect(r.error).toMatch(/jusqu'à la ligne 1\s048\s576 .*la limite est de 50\s001 lignes par feuille/);
    expect(r.ms).toBeLessThan(1000);
  });

  it("C1: a cell beyond column ALL (1 000 columns) on the first row is refused by its column", async () => {
    const r = await timed(
      xlsxOf(sheetXml(`<row r="1">${cell("A1", "SIREN")}${cell("XFD1", "x")}</row>`)),
      "l.xlsx",
    );
    expect(r.code).toBe("too-many-columns");
    expect(r.error).toMatch(/jusqu'à la colonne XFD .*la limite est de 1\s000 colonnes/);
    expect(MAX_COLUMNS).toBe(1000);
    // Cells without r="" count one after the other, as the reader places them.
    const unnamed = '<c t="inlineStr"><is><t>x</t></is></c>'.repeat(1001);
    expect((await timed(xlsxOf(sheetXml(`<row>${unnamed}</row>`)), "u.xlsx")).code).toBe("too-many-columns");
  });

  it('C2: a row r="2000000000" (and a 20-digit one) is refused', async () => {
    for (const r of ["2000000000", "99999999999999999999"]) {
      const bytes = xlsxOf(sheetXml(`${header}<row r="${r}"><c r="A${r}"><v>1</v></c></row>`));
      const res = await timed(bytes, "r.xlsx");
      expect(res.code).toBe("too-many-rows");
      expect(res.ms).toBeLessThan(1000);
    }
    // Found by the fuzz suite: the reader took r="1e9" for a billion rows and never returned.
    for (const r of ["1e9", "-1", "A1"]) {
      const res = await timed(
        xlsxOf(sheetXml(`${header}<row r="${r}"><c r="A2"><v>1</v></c></row>`)),
        "e.xlsx",
      );
      expect(res.code).toBe("unreadable");
      expect(res.error).toMatch(
        new RegExp(`endommagé \\(la feuille n° 1 du classeur : référence de ligne « ${r} » invalide\\)`),
      );
    }
    const cellRef = await timed(
      xlsxOf(sheetXml(`${header}<row r="2"><c r="B2e5"><v>1</v></c></row>`)),
      "c.xlsx",
    );
    expect(cellRef.error).toMatch(/référence de cellule « B2e5 » invalide/);
  });

  it("C3: a compressed bomb is refused while it inflates, by the part's limit, not as damaged", async () => {
    const big = "A".repeat(XLSX_PART_LIMITS.sheet + 1024);
    const bomb = xlsxOf(sheetXml(`${header}<row r="2">${cell("A2", big)}</row>`));
    expect(bomb.length).toBeLessThan(200_000);
    const r = await timed(bomb, "bombe.xlsx");
    expect(r.code).toBe("too-complex");
    expect(r.error).toMatch(/la feuille n° 1 du classeur dépasse 64 Mo \(limite par feuille\)/);
    expect(r.error).not.toMatch(/endommagé|mot de passe/);
    // The same bomb in the shared strings, and a directory that announces more than the limit.
    const strings = xlsxOf(registerSheet(1), [
      {
        name: "xl/sharedStrings.xml",
        data: `<sst><si><t>${"B".repeat(XLSX_PART_LIMITS.sharedStrings + 1)}</t></si></sst>`,
      },
    ]);
    expect((await timed(strings, "s.xlsx")).error).toMatch(/texte partagé des cellules.*dépasse 32 Mo/);
    const announced = xlsxOf(registerSheet(1), [], { declaredSize: 3_000_000_000 });
    expect((await timed(announced, "a.xlsx")).code).toBe("too-complex");
  });

  it("C4: 1 million rows in a small file stop at row 50 002, as a limit", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row><c><v>${i}</v></c></row>`).join("");
    const r = await timed(xlsxOf(sheetXml(rows)), "million.xlsx");
    expect(r.code).toBe("too-many-rows");
    expect(r.error).toMatch(/jusqu'à la ligne 50\s002/);
  });

  it("B2: a damaged archive is « endommagé » with what is wrong; a protected one says so", async () => {
    const lie = await timed(xlsxOf(registerSheet(2), [], { declaredSize: 100 }), "lie.xlsx");
    expect(lie.code).toBe("unreadable");
    expect(lie.error).toMatch(/endommagé \(la feuille n° 1 du classeur : taille annoncée inexacte\)/);
    const cut = xlsxOf(registerSheet(50));
    const truncated = await timed(cut.subarray(0, cut.length - 200), "cut.xlsx");
    expect(truncated.code).toBe("unreadable");
    expect(truncated.error).toMatch(/endommagé/);
    const encrypted = await timed(xlsxOf(registerSheet(2), [], { flags: 1 }), "mdp.xlsx");
    expect(encrypted.code).toBe("protected");
    expect(encrypted.error).toMatch(/chiffré.*sans mot de passe/);
    const link = await timed(xlsxOf(registerSheet(2), [], { unixMode: 0o120777 }), "lien.xlsx");
    expect(link.code).toBe("unsupported");
    expect(link.error).toMatch(/lien symbolique/);
  });

  it("B2: engine limits (stack, string length, memory) are classified as limits, not damage", () => {
    expect(isResourceError(new RangeError("Maximum call stack size exceeded"))).toBe(true);
    expect(isResourceError(new RangeError("Invalid string length"))).toBe(true);
    expect(isResourceError(new Error("Array buffer allocation failed"))).toBe(true);
    expect(isResourceError(new Error("unexpected end of file"))).toBe(false);
  });

  it("C6: a CSV of a million columns is refused before the mapping, quickly", async () => {
    const text = `${"x;".repeat(1_000_000)}\n${"1;".repeat(10)}\n`;
    const r = await timed(utf8(text), "large.csv");
    expect(r.code).toBe("too-many-columns");
    expect(r.error).toMatch(
      /1\s000\s000 colonnes\) : la limite est de 1\s000 colonnes.*vérifiez le séparateur/,
    );
    expect(r.ms).toBeLessThan(5000);
    // Empty trailing cells do not count: 1 000 filled columns and a long run of « ; » are read.
    const wide = `${Array.from({ length: 1000 }, (_, i) => `C${i}`).join(";")}${";".repeat(5000)}\n${"1;".repeat(1000)}\n`;
    expect(table(await readTable(utf8(wide), "w.csv")).headers).toHaveLength(1000);
  });
});

describe("decodeText", () => {
  it("prefers UTF-8 when the bytes are valid UTF-8", () => {
    expect(decodeText(utf8("é€"))).toEqual({ text: "é€", encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0x80, 0xe9]))).toEqual({ text: "€é", encoding: "windows-1252" });
  });
});
