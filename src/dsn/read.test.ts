import { describe, expect, it } from "vitest";
import { readEvents } from "./read.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("DSN reader", () => {
  it("reads rubric events with line numbers, LF and CRLF alike", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const r = await readEvents(
        enc(["S10.G00.00.001,'LOGICIEL'", "S10.G00.00.002,'O''NEIL'", ""].join(eol)),
      );
      expect(r.errors).toEqual([]);
      expect(r.events).toEqual([
        { line: 1, code: "S10.G00.00.001", block: "S10.G00.00", num: "001", value: "LOGICIEL" },
        { line: 2, code: "S10.G00.00.002", block: "S10.G00.00", num: "002", value: "O''NEIL" },
      ]);
    }
  });

  it("detects Latin-1 and UTF-8, even when a character is split across chunks", async () => {
    const text = "S21.G00.30.002,'LEFÈVRE'\nS21.G00.30.004,'Hélène'\n";
    const l = await readEvents(latin1(text));
    expect(l.encoding).toBe("latin-1");
    expect(l.events.map((e) => e.value)).toEqual(["LEFÈVRE", "Hélène"]);
    const bytes = enc(text);
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const u = await readEvents(chunks);
    expect(u.encoding).toBe("utf-8");
    expect(u.events.map((e) => e.value)).toEqual(["LEFÈVRE", "Hélène"]);
    expect((await readEvents(enc("S10.G00.00.001,'A'\n"))).encoding).toBe("ascii");
  });

  it("reports missing quotes, empty values, unknown blocks and rubrics with their line", async () => {
    const r = await readEvents(
      enc(
        [
          "S10.G00.00.001,'A'",
          "S10.G00.00.002,B",
          "S10.G00.00.003,''",
          "S10.G00.77.001,'X'",
          "S10.G00.00.099,'X'",
          "n'importe quoi",
          "S10.G00.00.005,'02'",
        ].join("\n"),
      ),
    );
    expect(r.errors.map((e) => [e.kind, e.line])).toEqual([
      ["missing-quotes", 2],
      ["empty-value", 3],
      ["unknown-block", 4],
      ["unknown-rubric", 5],
      ["syntax", 6],
    ]);
    expect(r.events.map((e) => e.line)).toEqual([1, 7]);
    for (const e of r.errors) expect(e.message).toMatch(/^Ligne \d+/);
  });

  it("reports a file cut in the middle of a line as truncated", async () => {
    const r = await readEvents(enc("S10.G00.00.001,'A'\nS10.G00.00.002,'EDIT"));
    expect(r.errors).toEqual([expect.objectContaining({ kind: "truncated", line: 2 })]);
  });

  it("refuses what is not a DSN at all, without throwing", async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(0), "empty-file", /vide/],
      [enc("%PDF-1.7\n%âãÏÓ\n"), "pdf", /PDF/],
      [Uint8Array.from([0, 1, 2, 3, 255, 0, 7, 8]), "binary", /binaires/],
      [enc("Nom;Prénom\nDupont;Jean\n"), "not-dsn", /n'est pas une DSN/],
      [enc("PK\u0003\u0004xxxx"), "binary", /ZIP/],
    ];
    for (const [bytes, kind, message] of cases) {
      const r = await readEvents(bytes);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ kind, severity: "error", line: null });
      expect(r.errors[0]?.message).toMatch(message);
    }
  });

  it("drops an endless line without holding it in memory", async () => {
    const huge = new Uint8Array(200_000).fill(65);
    const r = await readEvents([enc("S10.G00.00.001,'A'\n"), huge, huge, enc("\nS10.G00.00.002,'B'\n")]);
    expect(r.errors.map((e) => e.kind)).toEqual(["line-too-long"]);
    expect(r.events.map((e) => e.value)).toEqual(["A", "B"]);
  });
});
