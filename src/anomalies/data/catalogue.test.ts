import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_000, SEED_003, SHARED_PARENT } from "../../../test/support/team-sources.ts";
import { stripAccents } from "../../core/text.ts";
import { CONTRACT_NATURES, CTP_CODES, SEED_FIXED_TERM_NATURES } from "../../dsn/data/codes.ts";
import { CATALOGUE_DATA } from "./catalogue.ts";
import {
  ANOMALY_CATALOGUE,
  explainReference,
  findAnomaly,
  parseUrssafReference,
  SUIVI_DSN_CHECKLIST,
  SUIVI_DSN_CHECKLIST_SOURCE,
} from "./index.ts";
import {
  ctpRows,
  dsnValMessages,
  NORM_DIR,
  p24DataTypeValues,
  p24FieldDataType,
  p24FieldLabels,
  p26Field,
} from "./norm-tables.testkit.ts";
import { anomalyEntrySchema, catalogueSchema } from "./schema.ts";

const REQUIRED = [
  "UR_ANO_DIMNS002",
  "UR_ANO_DEC_MNT_DA263",
  "UR_ANO_ASS_PLF_DIPA01I",
  "UR_ANO_ASS_PLF_DIPA01J",
  "UR_ANO_ASS_PLF_DIPA01K",
  "UR_ANO_ASS_DPLF_DIPA01H",
  "TA_FNAL_ABSENT",
  "TA_AGS_ABSENT",
  "S10.G00.01.001/CSL-11",
  "S10.G00.01.002/CCH-11",
  "S21.G00.50.001/CCH-14",
  "S21.G00.50.001/CCH-15",
  "S21.G00.51.011/CCH-17",
  "S21.G00.22.005/CCH-11",
];

const DSNVAL_REFERENCES = REQUIRED.filter((r) => r.includes("/"));

describe("catalogue", () => {
  it("loads through its schema", () => {
    expect(ANOMALY_CATALOGUE).toHaveLength(CATALOGUE_DATA.length);
    expect(catalogueSchema.safeParse(CATALOGUE_DATA).success).toBe(true);
  });

  it.each(REQUIRED)("knows %s", (reference) => {
    expect(findAnomaly(reference)).toBeDefined();
  });

  it("finds family members and their variant, case and spaces aside", () => {
    expect(findAnomaly("UR_ANO_ASS_PLF_DIPA01J")?.variant?.title).toBe("Salarié à temps partiel");
    expect(findAnomaly(" ur_ano_ass_plf_dipa01k ")?.variant?.reference).toBe("UR_ANO_ASS_PLF_DIPA01K");
    expect(findAnomaly("UR_ANO_ASS_PLF_DIPA01L")).toBeUndefined();
    expect(findAnomaly("ur_ano_dimns002")?.entry.reference).toBe("UR_ANO_DIMNS002");
  });

  it("rejects malformed entries", () => {
    const base = CATALOGUE_DATA[0];
    if (!base) throw new Error("catalogue vide");
    expect(anomalyEntrySchema.safeParse({ ...base, sources: [] }).success).toBe(false);
    expect(
      anomalyEntrySchema.safeParse({ ...base, rubrics: [{ code: "S21.G00.40", label: "x", role: "y" }] })
        .success,
    ).toBe(false);
    expect(anomalyEntrySchema.safeParse({ ...base, match: "pattern", reference: "UR_ANO_X[" }).success).toBe(
      false,
    );
    expect(anomalyEntrySchema.safeParse({ ...base, kind: "dsn-val" }).success).toBe(false);
    expect(catalogueSchema.safeParse([base, base]).success).toBe(false);
  });

  it("every entry, question and answer is sourced and complete", () => {
    for (const entry of ANOMALY_CATALOGUE) {
      expect(entry.sources.length, entry.reference).toBeGreaterThan(0);
      expect(entry.causes.length, entry.reference).toBeGreaterThan(0);
      for (const q of entry.questions) {
        expect(q.source.length, q.id).toBeGreaterThan(0);
        expect(q.answers.length, q.id).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("internal ids say in their sources that no Urssaf reference is documented", () => {
    for (const entry of ANOMALY_CATALOGUE.filter((e) => e.kind === "interne")) {
      expect(
        entry.sources.some((s) => s.supports.includes("aucune référence Urssaf")),
        entry.reference,
      ).toBe(true);
      expect(entry.explanation).toContain("Aucune référence Urssaf n'est documentée");
    }
  });

  it("says which correction applies after the deadline", () => {
    const method = (ref: string) => findAnomaly(ref)?.entry.correction.afterDeadlineMethod;
    expect(method("UR_ANO_DIMNS002")).toBe("regularisation-et-changement");
    expect(method("UR_ANO_DEC_MNT_DA263")).toBe("regularisation");
    expect(method("UR_ANO_ASS_PLF_DIPA01I")).toBe("regularisation-et-changement");
    expect(method("UR_ANO_ASS_DPLF_DIPA01H")).toBe("regularisation");
    for (const ref of DSNVAL_REFERENCES) expect(method(ref)).toBe("nouveau-depot");
    for (const entry of ANOMALY_CATALOGUE.filter((e) => e.kind !== "dsn-val"))
      expect(entry.correction.beforeDeadline).toContain("annule et remplace");
  });
});

describe("UR_ANO_DIMNS002 and the seed's contract-nature question", () => {
  const entry = findAnomaly("UR_ANO_DIMNS002")?.entry;

  it("asks the Oui/Non question over the seed's fixed-term natures, with advice for each answer", () => {
    const question = entry?.questions.find((q) => q.fromUrssaf);
    expect(question?.values?.map((v) => v.code)).toEqual([...SEED_FIXED_TERM_NATURES]);
    expect(question?.values?.every((v) => v.highlight)).toBe(true);
    for (const v of question?.values ?? [])
      expect(CONTRACT_NATURES.find((n) => n.code === v.code)?.label).toBe(v.label);
    expect(question?.answers.map((a) => a.answer)).toEqual(["Oui", "Non"]);
    const natureRubric = entry?.rubrics.find((r) => r.code === "S21.G00.40.007");
    expect(natureRubric?.valueTable).toBe("CONTRACT_NATURES");
  });

  it.skipIf(!SHARED_PARENT)("quotes the seed's label and reference", () => {
    const seed = readFileSync(resolve(SHARED_PARENT ?? "", SEED_000), "utf8");
    expect(seed).toContain(entry?.officialLabel ?? "∅");
    expect(seed).toContain("UR_ANO_DIMNS002");
  });
});

describe.skipIf(!NORM_DIR)("catalogue against the official norm tables", () => {
  it("every rubric exists in the norm with its official label", () => {
    const fields = p24FieldLabels();
    for (const entry of ANOMALY_CATALOGUE) {
      for (const rubric of entry.rubrics) {
        expect(fields.get(rubric.code), `${entry.reference} ${rubric.code}`).toBe(rubric.label);
        const p26 = p26Field(rubric.code);
        if (p26) expect(p26.label.replace(/\s+/g, " "), `${rubric.code} (P26V01)`).toBe(rubric.label);
      }
    }
  });

  it("every value shown with a rubric carries its official label", () => {
    const ctp = ctpRows();
    for (const entry of ANOMALY_CATALOGUE) {
      for (const rubric of entry.rubrics) {
        for (const value of rubric.values ?? []) {
          const where = `${entry.reference} ${rubric.code}=${value.code}`;
          if (rubric.code === "S21.G00.23.001") {
            expect(
              ctp.some((row) => row.code === value.code && row.label === value.label),
              where,
            ).toBe(true);
            continue;
          }
          const p26 = p26Field(rubric.code)?.options.get(value.code);
          const p24 = p24DataTypeValues(p24FieldDataType(rubric.code) ?? "").get(value.code);
          expect([p26, p24], where).toContain(value.label);
        }
      }
    }
  });

  it.each(DSNVAL_REFERENCES)("%s quotes the official DSN-Val message", (reference) => {
    const message = dsnValMessages().get(reference);
    expect(message).toBeDefined();
    expect(findAnomaly(reference)?.entry.officialLabel).toBe(message?.message);
  });

  it("CTP codes named by the catalogue exist in the CTP table", () => {
    const codes = new Set(ctpRows().map((r) => r.code));
    for (const c of CTP_CODES) expect(codes.has(c.code), c.code).toBe(true);
  });
});

// Explanations must be our own words: no run of 8 words shared with the seeds or the DSN-Val texts.
describe.skipIf(!SHARED_PARENT)("explanations are written in our own words", () => {
  const words = (text: string) =>
    stripAccents(
      // A rubric code counts as one word: citing one is not copying a sentence.
      text.replace(/S(\d{2})\.G(\d{2})\.(\d{2})\.(\d{3})/g, "s$1g$2r$3r$4").toLowerCase(),
    )
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const N = 8;
  const grams = (text: string) => {
    const w = words(text);
    const out = new Set<string>();
    for (let i = 0; i + N <= w.length; i++) out.add(w.slice(i, i + N).join(" "));
    return out;
  };

  it("shares no 8-word run with seed 000, seed 003 or the DSN-Val rules and messages", () => {
    const corpus = new Set<string>();
    for (const file of [SEED_000, SEED_003])
      for (const g of grams(readFileSync(resolve(SHARED_PARENT ?? "", file), "utf8"))) corpus.add(g);
    for (const { rule, message } of dsnValMessages().values()) {
      for (const g of grams(rule)) corpus.add(g);
      for (const g of grams(message)) corpus.add(g);
    }
    const copied: string[] = [];
    for (const entry of ANOMALY_CATALOGUE) {
      const texts = [
        entry.title,
        entry.explanation,
        ...entry.causes,
        entry.correction.beforeDeadline,
        entry.correction.afterDeadline,
        ...(entry.variants ?? []).map((v) => v.explanation),
        ...entry.questions.filter((q) => !q.fromUrssaf).map((q) => q.text),
        ...entry.questions.flatMap((q) => q.answers.map((a) => a.advice)),
        ...entry.rubrics.map((r) => r.role),
      ];
      for (const text of texts)
        for (const g of grams(text)) if (corpus.has(g)) copied.push(`${entry.reference}: « ${g} »`);
    }
    for (const item of SUIVI_DSN_CHECKLIST.flatMap((s) => s.items))
      for (const g of grams(item)) if (corpus.has(g)) copied.push(`checklist: « ${g} »`);
    expect(copied).toEqual([]);
  });
});

describe("explainReference", () => {
  it("explains known references from the catalogue", () => {
    const known = explainReference("UR_ANO_ASS_PLF_DIPA01J");
    expect(known.status).toBe("known");
    expect(known.summary).toContain("temps partiel");
    expect(explainReference("S21.G00.50.001/CCH-14").status).toBe("known");
  });

  it("splits an unknown Urssaf reference into its parts (DI)", () => {
    const result = explainReference("UR_ANO_ASS_PLF_DIPA02X");
    if (result.status !== "unknown") throw new Error("attendu inconnu");
    expect(result.kind).toBe("urssaf");
    expect(result.urssaf).toMatchObject({ domain: "ASS", sub: "PLF", level: "DI", code: "PA02X" });
    expect(result.summary).toContain("données individuelles");
    expect(result.summary).toContain("assiettes de cotisations");
    expect(result.summary).toContain("n'est pas encore dans notre catalogue");
  });

  it("splits an unknown Urssaf reference into its parts (DA, unknown domain)", () => {
    const result = explainReference("UR_ANO_CTP_TAUX_DA120");
    if (result.status !== "unknown") throw new Error("attendu inconnu");
    expect(result.urssaf).toMatchObject({ domain: "CTP", sub: "TAUX", level: "DA", code: "120" });
    expect(result.summary).toContain("données agrégées");
    expect(result.summary).toContain("domaine CTP (lignes de cotisation par code type de personnel");
    expect(result.summary).toContain("objet TAUX (inconnu à ce jour)");
  });

  it("handles the short form and other shapes", () => {
    expect(parseUrssafReference("UR_ANO_DIMNS003")).toMatchObject({ domain: "DIMNS", code: "003" });
    const dsnVal = explainReference("S21.G00.40.007/CRE-02");
    expect(dsnVal.status === "unknown" && dsnVal.kind).toBe("dsn-val");
    expect(dsnVal.summary).toContain("contrôle sur un référentiel");
    expect(dsnVal.summary).toContain("pas encore dans notre catalogue");
    const other = explainReference("ERREUR 42");
    expect(other.status === "unknown" && other.kind).toBe("autre");
  });
});

describe("Suivi DSN checklist", () => {
  it("keeps the seed's steps with their source", () => {
    expect(SUIVI_DSN_CHECKLIST.flatMap((s) => s.items)).toHaveLength(9);
    expect(SUIVI_DSN_CHECKLIST_SOURCE).toContain("Les bonnes pratiques de la gestion de vos comptes");
  });
});
