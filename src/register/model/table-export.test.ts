import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { nir, siren } from "../../../test/support/ids.ts";
import { changeStatus, createClient } from "./register.ts";
import { clientsToRows, EXPORT_HEADERS, neutraliseFormula, toCsv } from "./table-export.ts";

const now = new Date("2026-11-25T10:00:00Z");

describe("neutraliseFormula", () => {
  it.each([
    ['=HYPERLINK("http://x";"clic")', '\'=HYPERLINK("http://x";"clic")'],
    ["+33 1 23", "'+33 1 23"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["SARL Martin", "SARL Martin"],
    ["", ""],
  ])("%j → %j", (input, output) => expect(neutraliseFormula(input)).toBe(output));
});

describe("toCsv", () => {
  const clients = [
    changeStatus(
      createClient(
        {
          kind: "employeur",
          siren: siren("52601815"),
          raisonSociale: 'SARL "Le Fournil"; Martin',
          montantDerniereDeclaration: 1234.5,
          effectif: 60,
        },
        now,
      ),
      "inscrit",
      now,
    ),
    createClient(
      {
        kind: "profession-liberale",
        siren: siren("73282932"),
        raisonSociale: '=HYPERLINK("http://evil")',
        nir: nir("2850675123456"),
        tags: ["santé"],
      },
      now,
    ),
  ];
  const csv = toCsv(clientsToRows(clients, []));

  it("starts with a BOM, uses ; and CRLF, and parses back to the same cells", () => {
    expect(csv.startsWith("\uFEFFType de client;SIREN;")).toBe(true);
    expect(csv).toContain("\r\n");
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ";" }).data.filter((r) => r.length > 1);
    expect(parsed[0]).toEqual([...EXPORT_HEADERS]);
    expect(parsed[1]?.[3]).toBe('SARL "Le Fournil"; Martin');
    expect(parsed[1]?.[6]).toBe("1234,50");
    expect(parsed[1]?.[9]).toBe("le 5");
    expect(parsed[1]?.[12]).toBe("Inscrit");
    expect(parsed[2]?.[3]).toBe('\'=HYPERLINK("http://evil")');
  });
});
