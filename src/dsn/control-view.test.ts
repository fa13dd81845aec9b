import { describe, expect, it } from "vitest";
import { toCsv } from "../core/csv.ts";
import { CHECK_FAMILIES } from "./checks/index.ts";
import {
  addToHistory,
  countSeverities,
  type DsnHistoryEntry,
  DsnHistorySchema,
  fileTotals,
  groupFindings,
  historyBySiren,
  historyEntries,
  MAX_HISTORY_ENTRIES,
  monthlyStatus,
  REPORT_CSV_HEADERS,
  reportRows,
  splitAdvice,
  unreadableMessage,
  verdict,
} from "./control-view.ts";
import { GENERATED_FIRM, generateDsn, generatedFirmContext } from "./generate.ts";
import { checkDsn, type DsnReport } from "./report.ts";

const FAMILIES = Object.fromEntries(CHECK_FAMILIES.map((f) => [f.id, f.label]));
const context = generatedFirmContext();
const check = (bytes: Uint8Array) => checkDsn(bytes, context);

describe("verdict and summary of a controlled file", () => {
  it("is OK on a clean generated file, with its establishments and individuals", async () => {
    const report = await check(generateDsn({ employees: 12, seed: 5, month: "2026-03" }));
    expect(verdict(report)).toBe("ok");
    expect(countSeverities(report).errors).toBe(0);
    expect(fileTotals(report)).toEqual({ establishments: 1, individuals: 12 });
  });

  it("has errors when one is planted, grouped under its check family", async () => {
    const report = await check(generateDsn({ employees: 12, seed: 5, plant: ["urssaf-payment"] }));
    expect(verdict(report)).toBe("errors");
    const groups = groupFindings(report, FAMILIES);
    const control = groups.find((g) => g.family === "control");
    expect(control?.label).toBe(FAMILIES.control);
    const payment = control?.checks.find((c) => c.check === "control.urssaf-payment");
    expect(payment?.severity).toBe("error");
    expect(payment?.findings[0]?.line).toBeGreaterThan(0);
    // Families keep the report order; errors come first inside a family.
    const order = groups.map((g) => g.family);
    expect(order).toEqual(
      [...order].sort((a, b) => Object.keys(FAMILIES).indexOf(a) - Object.keys(FAMILIES).indexOf(b)),
    );
  });

  it("warns (no error) on a contact that differs from the settings", async () => {
    const report = await check(generateDsn({ employees: 5, seed: 9, plant: ["contact-incomplete"] }));
    expect(verdict(report)).toBe("warnings");
  });

  it.each([
    ["0-byte file", new Uint8Array(0)],
    ["PDF renamed .dsn", new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")],
    ["binary data", Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)],
    ["text that is not a DSN", new TextEncoder().encode("Bonjour,\nceci est une lettre.\n")],
  ])("says in French why a %s cannot be read", async (_name, bytes) => {
    const report = await check(bytes);
    expect(verdict(report)).toBe("unreadable");
    expect(unreadableMessage(report)).toMatch(/fichier|DSN/);
    expect(historyEntries("x.dsn", report, new Date())).toEqual([]);
  });
});

describe("splitAdvice", () => {
  it("separates the explanation from the last sentence, the advice", () => {
    expect(
      splitAdvice(
        "Contact émetteur incomplet : il manque adresse e-mail (S10.G00.02.004). Renseignez dans le logiciel de paie les coordonnées.",
      ),
    ).toEqual({
      explanation: "Contact émetteur incomplet : il manque adresse e-mail (S10.G00.02.004).",
      fix: "Renseignez dans le logiciel de paie les coordonnées.",
    });
    expect(splitAdvice("montant 6 361,07 € (écart 37,42 €). Corrigez le taux. Puis renvoyez.").fix).toBe(
      "Puis renvoyez.",
    );
  });
  it("keeps a one-sentence message whole", () => {
    expect(splitAdvice("SIREN S21.G00.06.001 invalide.")).toEqual({
      explanation: "SIREN S21.G00.06.001 invalide.",
      fix: "",
    });
  });
});

describe("CSV rows of the report", () => {
  it("has one row per finding with its check, rubric, line and advice, and a row for a clean file", async () => {
    const planted = await check(generateDsn({ employees: 8, seed: 2, plant: ["ctp-amount"] }));
    const clean = await check(generateDsn({ employees: 8, seed: 3 }));
    const rows = reportRows([
      { name: "erreur.dsn", report: planted, families: FAMILIES },
      { name: "=propre.dsn", report: clean, families: FAMILIES },
    ]);
    expect(rows[0]).toEqual([...REPORT_CSV_HEADERS]);
    const amount = rows.find((r) => r[4] === "control.ctp-amount");
    expect(amount?.[0]).toBe("erreur.dsn");
    expect(amount?.[5]).toBe("Erreur");
    expect(amount?.[6]).toBe("S21.G00.23.005");
    expect(Number(amount?.[7])).toBeGreaterThan(0);
    expect(amount?.[9]).toMatch(/^Corrigez/);
    const cleanRows = rows.filter((r) => r[0] === "=propre.dsn");
    expect(cleanRows.every((r) => r[5] !== "Erreur")).toBe(true);
    // The shared CSV writer neutralises a file name that Excel would take for a formula.
    expect(toCsv(rows)).toContain("\r\n'=propre.dsn;");
  });
});

describe("history of controls per client", () => {
  const report = async (month: string, plant: "ctp-amount" | null = null) =>
    check(generateDsn({ employees: 6, seed: 4, month, ...(plant ? { plant: [plant] } : {}) }));

  it("keeps a compact, schema-valid entry per SIREN and month with the file's counts", async () => {
    const r = await report("2026-02", "ctp-amount");
    const [entry, ...rest] = historyEntries("fevrier.dsn", r, new Date("2026-03-05T10:00:00Z"));
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      mois: "2026-02",
      fichier: "fevrier.dsn",
      controleLe: "2026-03-05T10:00:00.000Z",
      individus: 6,
      erreurs: countSeverities(r).errors,
    });
    expect(entry?.siren).toBe(r.declarations[0]?.siren);
    expect(entry?.siren).not.toBe(GENERATED_FIRM.siret.slice(0, 9));
    expect(entry?.principaux[0]?.severity).toBe("error");
    expect(DsnHistorySchema.parse([entry])).toHaveLength(1);
  });

  it("reads an absent key as an empty history", () => {
    expect(DsnHistorySchema.parse(undefined)).toEqual([]);
  });

  it("replaces a new control of the same file, keeps the others, and orders months latest first", async () => {
    const jan = historyEntries("janvier.dsn", await report("2026-01"), new Date("2026-02-03T09:00:00Z"));
    const feb = historyEntries(
      "fevrier.dsn",
      await report("2026-02", "ctp-amount"),
      new Date("2026-03-03T09:00:00Z"),
    );
    const febAgain = historyEntries("fevrier.dsn", await report("2026-02"), new Date("2026-03-04T09:00:00Z"));
    const febFixed = historyEntries(
      "fevrier-v2.dsn",
      await report("2026-02"),
      new Date("2026-03-05T09:00:00Z"),
    );
    let history = addToHistory([], jan);
    history = addToHistory(history, feb);
    history = addToHistory(history, febAgain);
    history = addToHistory(history, febFixed);
    const [client, ...others] = historyBySiren(history);
    expect(others).toEqual([]);
    expect(client?.entries.map((e) => [e.mois, e.fichier, e.erreurs])).toEqual([
      ["2026-02", "fevrier-v2.dsn", 0],
      ["2026-02", "fevrier.dsn", 0],
      ["2026-01", "janvier.dsn", 0],
    ]);
    expect(monthlyStatus(client?.entries ?? [])).toEqual([
      { mois: "2026-02", verdict: "ok" },
      { mois: "2026-01", verdict: "ok" },
    ]);
    // The strip shows the latest control of each month: an error in March, then fixed in a second file.
    const march = historyEntries(
      "mars.dsn",
      await report("2026-03", "ctp-amount"),
      new Date("2026-04-02T09:00:00Z"),
    );
    const withError = historyBySiren(addToHistory(history, march))[0]?.entries ?? [];
    expect(monthlyStatus(withError, 2)).toEqual([
      { mois: "2026-03", verdict: "errors" },
      { mois: "2026-02", verdict: "ok" },
    ]);
    const fixed = historyEntries("mars-v2.dsn", await report("2026-03"), new Date("2026-04-03T09:00:00Z"));
    const after = historyBySiren(addToHistory(addToHistory(history, march), fixed))[0]?.entries ?? [];
    expect(monthlyStatus(after)[0]).toEqual({ mois: "2026-03", verdict: "ok" });
  });

  it("drops the oldest controls beyond the limit", () => {
    const entry = (i: number): DsnHistoryEntry => ({
      siren: String(100000000 + (i % 7)),
      mois: "2026-01",
      fichier: `f${i}.dsn`,
      controleLe: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      declarations: 1,
      etablissements: 1,
      individus: 1,
      erreurs: 0,
      avertissements: 0,
      infos: 0,
      principaux: [],
    });
    const full = addToHistory(
      [],
      Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => entry(i)),
    );
    const next = addToHistory(full, [entry(MAX_HISTORY_ENTRIES)]);
    expect(next).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(next[0]?.fichier).toBe("f1.dsn");
    expect(next.at(-1)?.fichier).toBe(`f${MAX_HISTORY_ENTRIES}.dsn`);
  });
});

// Reports are plain data: what a Worker posts back (structured clone) is the same report.
it("a report survives structured cloning (what the worker posts to the page)", async () => {
  const r: DsnReport = await check(generateDsn({ employees: 3, seed: 1 }));
  expect(structuredClone(r)).toEqual(r);
});
