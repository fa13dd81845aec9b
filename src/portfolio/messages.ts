// The bulk jobs on "Gérer les établissements" and the portfolio read there. Schemas only: the
// handlers are in background.ts.
import { z } from "zod";
import { message } from "../core/message-spec.ts";
import { SeenPageSchema } from "../core/seen-page.ts";
import { isUrssafUrl } from "../core/senders.ts";
import type { Command, Job, JobBrief, JobProgress } from "./model/jobs.ts";
import type { PortfolioSnapshot } from "./model/portfolio.ts";

const RowSeenSchema = z.object({
  regime: z.string(),
  siren: z.string().nullable(),
  numeroCompte: z.string().nullable(),
});

/**
 * The list's address as the page reports it: the job loads it later (location.assign in the tab,
 * tabs.update from the worker), so only an https address on an Urssaf host is accepted.
 */
export const ListUrlSchema = z
  .string()
  .max(2_000)
  .refine(isUrssafUrl, "Adresse de la liste refusée : seule une adresse https de l'Urssaf est suivie.");

export const ObservationSchema = z.discriminatedUnion("page", [
  z.object({
    page: z.literal("etablissements"),
    url: ListUrlSchema,
    rows: z.array(RowSeenSchema).max(200),
    searchSiret: z.string(),
    searchCompte: z.string(),
    message: z.string().nullable(),
    notice: z.string().nullable(),
    hasNext: z.boolean().optional(),
  }),
  z.object({
    page: z.literal("inscription-compte"),
    form: z.enum(["employeur", "independant"]).nullable(),
    message: z.string().nullable(),
  }),
  z.object({
    page: z.literal("etablissement-detail"),
    siret: z.string().nullable(),
    raisonSociale: z.string().nullable(),
    radie: z.boolean(),
  }),
  z.object({ page: z.literal("connexion") }),
  z.object({ page: z.literal("erreur"), message: z.string() }),
  z.object({ page: z.literal("not-understood"), kind: z.string(), missing: z.array(z.string()) }),
  z.object({ page: z.literal("elsewhere") }),
]);
const JobEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("dialog-refused"), text: z.string() }),
  z.object({ type: z.literal("dialog-missing") }),
  z.object({ type: z.literal("action-failed"), reason: z.string() }),
]);

/**
 * A figure for the benchmark. The previous page's figures cross the navigation in sessionStorage, which
 * the page can write: a value out of range is dropped, never a reason to refuse the report (the job
 * would stall until the watchdog fires).
 */
const metricMs = z.number().min(0).max(600_000).optional().catch(undefined);

/** What the page toolbar and the popup show of a job. */
export interface JobView {
  job: Job;
  progress: JobProgress;
  /** This tab runs the job (the toolbar shows it; other tabs only show it). */
  here: boolean;
  /** The job's tab is gone: the toolbar offers to resume in this tab. */
  orphan: boolean;
}

/** A JobView without the items, for the page that runs the job: its reply at every step stays small. */
export interface JobBriefView extends Omit<JobView, "job"> {
  job: JobBrief;
}

export interface JobReply {
  view: JobBriefView | null;
  command: Command | null;
}

export interface PortfolioSummaryView {
  readAt: string;
  /**
   * `readAt` in French (« 7 décembre 2026 à 10:44 »), formatted by the worker: a page's first
   * Intl.DateTimeFormat loads the locale's and the time zone's data, 35 to 100 ms measured in a new tab.
   */
  readAtLabel: string;
  accounts: number;
  toRegister: string[];
  toResign: number;
  mismatches: number;
}

export const PORTFOLIO_MESSAGES = {
  "job/create": message("both", {
    /** "read": walk the whole account list into a dated snapshot of the portfolio. */
    /** "resend-code": résilier then add again a self-employed client whose security-code letter was lost. */
    action: z.enum(["add", "resign", "read", "resend-code"]),
    /** Register clients to add or resign. */
    clientIds: z.array(z.string()).max(100_000).optional(),
    /** Accounts seen on the Urssaf list to resign (they may be absent from the register). */
    accounts: z.array(RowSeenSchema).max(10_000).optional(),
    paceMs: z.number().int().min(0).max(60_000).optional(),
    /** How long a page may take to load before it counts as not loading (slow connections: longer). */
    pageTimeoutMs: z.number().int().min(5_000).max(300_000).optional(),
  }).answers<JobView>(),
  "job/report": message("content", {
    observation: ObservationSchema,
    /** This page's own load time (Navigation Timing), for the job's metrics. */
    loadMs: metricMs,
    /** Time our code ran on the previous page of this tab (recognise, observe, render, execute). */
    scriptMs: metricMs,
    /** Time that page waited for the background's answers. */
    waitMs: metricMs,
    /** The page recognised, on its first report: one message per page load instead of two. */
    page: SeenPageSchema.optional(),
  }).answers<JobReply>(),
  "job/event": message("content", { jobId: z.string(), event: JobEventSchema }).answers<JobReply>(),
  "job/control": message("both", {
    what: z.enum(["pause", "resume", "cancel", "resume-here"]),
  }).answers<JobView | null>(),
  "job/get": message("both", {}).answers<JobView | null>(),
  "portfolio/get": message("pages", {}).answers<PortfolioSnapshot | null>(),
  /** The comparison in short, for the panel on the Urssaf list. */
  "portfolio/summary": message("content", {}).answers<PortfolioSummaryView | null>(),
};
