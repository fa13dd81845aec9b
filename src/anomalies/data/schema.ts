// Schema of the anomaly catalogue: Urssaf "Suivi DSN" anomaly references and the DSN-Val controls
// that matter to the Urssaf. The catalogue is data (catalogue.ts) parsed through this schema.

import { z } from "zod";

export const RUBRIC_CODE_RE = /^S\d{2}\.G\d{2}\.\d{2}\.\d{3}$/;
/** A DSN-Val control code, e.g. "S21.G00.50.001/CCH-14". */
export const DSNVAL_CODE_RE = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3})\/(CSL|CCH|CRE|CME|CID|CST|SIG)-(\d{2})$/;

export const codeLabelSchema = z.object({
  code: z.string().min(1),
  /** Official label of the value, verbatim from the norm table. */
  label: z.string().min(1),
  /** Marked in the panel (e.g. the seed's fixed-term contract natures). */
  highlight: z.boolean().optional(),
});

export const rubricSchema = z.object({
  code: z.string().regex(RUBRIC_CODE_RE),
  /** Official label of the rubric (fields2024.txt, norm P24V01; same label in P26V01 unless noted). */
  label: z.string().min(1),
  /** Why this rubric matters for the anomaly (our words). */
  role: z.string().min(1),
  /** The values of the rubric worth showing, with their official labels. */
  values: z.array(codeLabelSchema).optional(),
  /** Name of the full value table in dsn-codes.ts, when the panel should show all of it. */
  valueTable: z.enum(["CONTRACT_NATURES"]).optional(),
});

export const sourceSchema = z.object({
  /** A public reference the user can open (see sources.ts): norm and version, official page and URL, code article. */
  ref: z.string().min(1),
  /** The fact(s) it backs. */
  supports: z.string().min(1),
});

export const answerSchema = z.object({
  answer: z.string().min(1),
  advice: z.string().min(1),
});

export const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(1),
  /** True when the question is the Urssaf's own (asked on the Suivi DSN page). */
  fromUrssaf: z.boolean(),
  /** Values the question lists (e.g. contract natures), with their labels. */
  values: z.array(codeLabelSchema).optional(),
  answers: z.array(answerSchema).min(2),
  source: z.string().min(1),
});

export const correctionSchema = z.object({
  /** Before the deadline ("annule et remplace intégral"). */
  beforeDeadline: z.string().min(1),
  /** After the deadline: in a later DSN. */
  afterDeadline: z.string().min(1),
  /** Which mechanism applies after the deadline. */
  afterDeadlineMethod: z.enum([
    "regularisation", // regularisation blocks dated to the original period
    "bloc-changement", // S21.G00.31 / S21.G00.41 change blocks
    "regularisation-et-changement", // both, depending on the data found wrong
    "nouveau-depot", // a rejected file: nothing was filed, file again
  ]),
});

export const anomalyEntrySchema = z
  .object({
    /** Exact reference, or a regular expression for a family (match: "pattern"). */
    reference: z.string().min(1),
    match: z.enum(["exact", "pattern"]),
    /** urssaf: Suivi DSN reference; dsn-val: DSN-Val control; interne: our own id (no documented reference). */
    kind: z.enum(["urssaf", "dsn-val", "interne"]),
    /** DA = aggregated data (establishment level), DI = individual data, envoi = the send's header. */
    scope: z.enum(["DA", "DI", "envoi"]),
    title: z.string().min(1),
    /**
     * The data a DSN de substitution can correct when the anomaly is left (in 2026: retirement data
     * only — capped base and days). Absent: no substitution is announced for it.
     */
    substitution: z.enum(["retraite"]).optional(),
    /** The official label or message, verbatim, when one exists. */
    officialLabel: z.string().min(1).optional(),
    /** Members of a family, each with what is specific to it. */
    variants: z
      .array(
        z.object({ reference: z.string().min(1), title: z.string().min(1), explanation: z.string().min(1) }),
      )
      .optional(),
    explanation: z.string().min(1),
    rubrics: z.array(rubricSchema).min(1),
    causes: z.array(z.string().min(1)).min(1),
    correction: correctionSchema,
    questions: z.array(questionSchema),
    sources: z.array(sourceSchema).min(1),
  })
  .superRefine((entry, ctx) => {
    if (entry.match === "pattern") {
      let re: RegExp | undefined;
      try {
        re = new RegExp(`^(?:${entry.reference})$`);
      } catch {
        ctx.addIssue({ code: "custom", message: `motif invalide : ${entry.reference}` });
        return;
      }
      if (!entry.variants?.length)
        ctx.addIssue({ code: "custom", message: "une famille doit lister ses membres" });
      for (const v of entry.variants ?? [])
        if (!re.test(v.reference))
          ctx.addIssue({
            code: "custom",
            message: `${v.reference} ne correspond pas au motif ${entry.reference}`,
          });
    }
    if (entry.kind === "dsn-val" && !DSNVAL_CODE_RE.test(entry.reference))
      ctx.addIssue({ code: "custom", message: `code DSN-Val mal formé : ${entry.reference}` });
    if (entry.kind === "urssaf" && !entry.reference.startsWith("UR_ANO_"))
      ctx.addIssue({ code: "custom", message: `référence Urssaf mal formée : ${entry.reference}` });
  });

export const catalogueSchema = z.array(anomalyEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.reference))
      ctx.addIssue({ code: "custom", message: `référence en double : ${e.reference}` });
    seen.add(e.reference);
  }
});

export type CodeLabelValue = z.infer<typeof codeLabelSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type AnomalyEntry = z.infer<typeof anomalyEntrySchema>;
/** The catalogue as written in catalogue.ts (before parsing). */
export type AnomalyEntryInput = z.input<typeof anomalyEntrySchema>;
