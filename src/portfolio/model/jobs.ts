// Bulk jobs on "Gérer les établissements" as a pure state machine: (job, what the page shows) →
// (next job, one command for the page). The background persists the job after every step and the
// page executes one command at a time, so a reload, a closed tab or a stopped service worker only
// ever resumes from the last known step. Every add is preceded by a search (idempotent: an account
// already there is not added twice) and every résiliation is confirmed only through a dialog that
// names the expected account.
import { isUrssafUrl } from "../../core/senders.ts";

export type JobAction = "add" | "resign";

/** What the Urssaf add form needs for one client (seed 001, step 3). */
export interface AddTarget {
  /** Register client id, to update its status when done. */
  clientId: string;
  raisonSociale: string;
  /** Row wording of the account list: "Régime Général", "Artisan Commerçant", "Profession Libérale", or null for a gérant. */
  regime: string | null;
  siren: string | null;
  /** For a gérant non sirétisé: the account number typed at step 1. */
  compte: string | null;
  form:
    | { kind: "employeur"; montant: string; compteEmployeur: string }
    | { kind: "independant"; nir: string; compteIndependant: string };
  services: string[];
  courriels: string[];
  selfEmployed: boolean;
}

export interface ResignTarget {
  clientId: string | null;
  raisonSociale: string | null;
  regime: string | null;
  siren: string | null;
  compte: string | null;
}

export type ItemOutcome = "pending" | "done" | "already" | "failed" | "skipped";

/** Where an item is: the last command issued for it. */
export type Phase = "start" | "search" | "inscrire" | "fill" | "verify" | "detail" | "resilier";

export interface JobItem {
  action: JobAction;
  target: AddTarget | ResignTarget;
  outcome: ItemOutcome;
  phase: Phase;
  /** The add form was submitted (so an account found afterwards is our doing: "done", not "already"). */
  submitted: boolean;
  /** The same step issued again without effect. */
  attempts: number;
  /** Technical errors of the site (HTTP 500…) in a row while on this item, retried with back-off. */
  errors: number;
  /** Commands issued for this item: a bound on any path that would otherwise loop. */
  steps: number;
  /** How many times each step was issued for this item (retries after a technical error excepted). */
  tries: Partial<Record<Phase, number>>;
  hops: number;
  message: string | null;
  finishedAt: string | null;
}

export type JobStatus =
  | "running"
  | "paused"
  | "waiting-login"
  | "waiting-tab"
  | "stopped"
  | "done"
  | "cancelled";

export interface Job {
  id: string;
  createdAt: string;
  status: JobStatus;
  /** Why the job stopped or waits, in French. */
  reason: string | null;
  paceMs: number;
  tabId: number | null;
  /** The account list's address, learnt from the site itself the first time we are on it. */
  listUrl: string | null;
  current: number;
  items: JobItem[];
  /** A portfolio read (walk every page of the account list) instead of items to add or resign. */
  read?: PortfolioRead | null;
  /** How long a page may take to report (default PAGE_TIMEOUT_MS). */
  pageTimeoutMs?: number;
  /** When the page the last command leads to must have reported (epoch ms); null when none is awaited. */
  watchdogAt?: number | null;
  /** Timings for the benchmark: the site's own page loads and the pace waited, to tell our time apart. */
  metrics?: JobMetrics;
}

export interface JobMetrics {
  /** First page report (the job really starts there). */
  firstReportAt: string | null;
  /** Sum of the pages' own load times (navigation start → load event), as the pages measured them. */
  pageLoadMs: number;
  pages: number;
  /** Sum of the pace delays of the commands issued. */
  paceMs: number;
  /** Time our code ran on the pages (recognise, observe, render, execute), as the pages measured it. */
  scriptMs?: number;
  /** Time the pages waited for the background's answers (message round trips, the worker's time included). */
  waitMs?: number;
  /** Time the service worker spent on the job's messages (the machine, the storage writes). */
  workerMs?: number;
  /** Pages that did not report in time (the background loaded the list again itself). */
  timeouts?: number;
}

/** What a portfolio read has collected so far (reload-safe: accounts and pages are keyed). */
export interface PortfolioRead {
  accounts: RowSeen[];
  /** Addresses of the list pages already read. */
  pages: string[];
  errors: number;
  hops: number;
  /** The last page read: its rows' identities and the page number it printed (in-place paging). */
  last?: { keys: string[]; page: number | null } | null;
  /** « Suivant » was pressed and the next page is not read yet. */
  turning?: boolean;
}

/** A job that is not over: it runs, or waits for the user (pause, login, a tab). */
export function isActive(status: JobStatus): boolean {
  return (
    status === "running" || status === "paused" || status === "waiting-login" || status === "waiting-tab"
  );
}

export const DEFAULT_PACE_MS = 1_500;
export const MAX_ATTEMPTS = 3;
const MAX_HOPS = 6;
/** An add takes about 6 commands, a résiliation about 5; far more means the site does not follow. */
export const MAX_ITEM_STEPS = 24;
/** How long a page may take to load and report before the job counts it as not loading. */
export const PAGE_TIMEOUT_MS = 30_000;

// --- What the page reports ------------------------------------------------------------------

export interface RowSeen {
  regime: string;
  siren: string | null;
  numeroCompte: string | null;
}

export type Observation =
  | {
      page: "etablissements";
      url: string;
      rows: RowSeen[];
      /** Values currently in the search fields (what the list shows results for). */
      searchSiret: string;
      searchCompte: string;
      /** An error the site announces on the page (a refusal of "Inscrire"…). */
      message: string | null;
      /** A notice the site shows (the search's "no result"…): information, never a refusal. */
      notice: string | null;
      /** The list has a "Suivant" link (more pages). */
      hasNext?: boolean;
      /**
       * Why the list shown is not the whole list of this page (loading, fewer rows than announced, no
       * row and no « Aucun … » message), or null. The page reports such a list only after it stayed so
       * for its quiet period: the job never concludes « absent » or « page read » from it.
       */
      incomplete?: string | null;
      /** A pager is shown (« Précédent » / « Suivant », enabled or not). */
      pager?: boolean;
      /** The page number the pager prints (« Page 2 / 6 »), when it prints one. */
      pageNumber?: number | null;
    }
  | { page: "inscription-compte"; form: "employeur" | "independant" | null; message: string | null }
  | { page: "etablissement-detail"; siret: string | null; raisonSociale: string | null; radie: boolean }
  | { page: "connexion" }
  | { page: "erreur"; message: string }
  | { page: "not-understood"; kind: string; missing: string[] }
  | { page: "elsewhere" };

/** Something that happened on the page outside of a page load. */
export type JobEvent =
  | { type: "dialog-refused"; text: string }
  | { type: "dialog-missing" }
  | { type: "action-failed"; reason: string };

// --- What the page is told to do -----------------------------------------------------------

export type Command =
  | { type: "goto-list"; url: string | null; delayMs: number }
  | { type: "search"; siret: string; compte: string; delayMs: number }
  | { type: "inscrire"; by: "siren" | "compte"; value: string; delayMs: number }
  | {
      type: "fill-inscription";
      form: AddTarget["form"];
      services: string[];
      courriels: string[];
      /** The alert the site shows on success (seed 001, step 4). */
      expectAlert: string;
      delayMs: number;
    }
  | { type: "open-detail"; row: RowSeen; delayMs: number }
  | { type: "resilier"; mustContain: string[]; delayMs: number }
  | { type: "next-page"; delayMs: number };

export const SUCCESS_ALERT = "Votre modification a bien été prise en compte.";

// --- Creating a job -------------------------------------------------------------------------

export function createJob(
  id: string,
  items: { action: JobAction; target: AddTarget | ResignTarget }[],
  now: Date,
  paceMs = DEFAULT_PACE_MS,
): Job {
  return {
    id,
    createdAt: now.toISOString(),
    status: "running",
    reason: null,
    paceMs,
    tabId: null,
    listUrl: null,
    current: 0,
    items: items.map((i) => ({
      ...i,
      outcome: "pending",
      phase: "start",
      submitted: false,
      attempts: 0,
      errors: 0,
      steps: 0,
      tries: {},
      hops: 0,
      message: null,
      finishedAt: null,
    })),
  };
}

export interface Step {
  job: Job;
  command: Command | null;
  /** Items that just finished (the background updates the register for them). */
  finished: JobItem[];
}

// --- Helpers --------------------------------------------------------------------------------

const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "");

/** The row of the list that is this target's account. */
export function rowMatches(
  row: RowSeen,
  target: { regime: string | null; siren: string | null; compte: string | null },
): boolean {
  if (target.siren) {
    return (
      row.siren === target.siren &&
      (target.regime === null || row.regime.toLowerCase() === target.regime.toLowerCase())
    );
  }
  return target.compte !== null && digits(row.numeroCompte) === digits(target.compte);
}

function searchKey(target: AddTarget | ResignTarget): { siret: string; compte: string } {
  return target.siren ? { siret: target.siren, compte: "" } : { siret: "", compte: target.compte ?? "" };
}

function showsSearchFor(
  obs: Extract<Observation, { page: "etablissements" }>,
  target: AddTarget | ResignTarget,
): boolean {
  const key = searchKey(target);
  return digits(obs.searchSiret) === key.siret && digits(obs.searchCompte) === digits(key.compte);
}

function targetName(t: AddTarget | ResignTarget): string {
  const id = t.siren ? `SIREN ${t.siren}` : `compte ${t.compte ?? "?"}`;
  return t.raisonSociale ? `${t.raisonSociale} (${id})` : id;
}

// --- The machine ----------------------------------------------------------------------------

function withItem(job: Job, change: Partial<JobItem>): Job {
  return { ...job, items: job.items.map((it, i) => (i === job.current ? { ...it, ...change } : it)) };
}

/** Ends the current item and moves on; the first command of the next item (if any) follows. */
function finish(job: Job, outcome: ItemOutcome, message: string | null, now: Date, obs: Observation): Step {
  const ended = { ...(job.items[job.current] as JobItem), outcome, message, finishedAt: now.toISOString() };
  const next: Job = { ...withItem(job, ended), current: job.current + 1 };
  if (next.current >= next.items.length) {
    return { job: { ...next, status: "done", reason: null }, command: null, finished: [ended] };
  }
  const step = advance(next, obs, now);
  return { ...step, finished: [ended, ...step.finished] };
}

function stop(job: Job, reason: string): Step {
  return { job: { ...job, status: "stopped", reason }, command: null, finished: [] };
}

function issue(job: Job, phase: Phase, command: Command, extra: Partial<JobItem> = {}, counted = true): Step {
  const item = job.items[job.current] as JobItem;
  const tries = counted ? { ...item.tries, [phase]: (item.tries[phase] ?? 0) + 1 } : item.tries;
  return { job: withItem(job, { phase, steps: item.steps + 1, tries, ...extra }), command, finished: [] };
}

/**
 * Issues the command of a step; the same step issued again and again means the site does not react
 * as expected (a click that does not navigate, a search that does not apply): after MAX_ATTEMPTS the
 * item fails instead of looping.
 */
function again(job: Job, phase: Phase, command: Command, now: Date, obs: Observation): Step {
  const item = job.items[job.current] as JobItem;
  const repeats = item.phase === phase ? item.attempts + 1 : 0;
  if (repeats >= MAX_ATTEMPTS) {
    return finish(
      job,
      "failed",
      `Le site ne réagit pas comme prévu (étape « ${phase} » répétée ${repeats} fois).`,
      now,
      obs,
    );
  }
  return issue(job, phase, command, { attempts: repeats });
}

/** The next command for what the page shows now. */
export function advance(current: Job, obs: Observation, now: Date): Step {
  let job = current;
  if (job.status !== "running") return { job, command: null, finished: [] };
  if (job.read) return advanceRead(job, job.read, obs);
  const first = job.items[job.current];
  if (!first) return { job: { ...job, status: "done" }, command: null, finished: [] };
  const worn = wornOut(first);
  if (worn) return finish(job, "failed", worn, now, obs);
  // A page that loads normally ends a run of technical errors (a list that stays incomplete is not one).
  const incomplete = obs.page === "etablissements" && Boolean(obs.incomplete);
  if (obs.page !== "erreur" && !incomplete && first.errors > 0) job = withItem(job, { errors: 0 });
  const item = job.items[job.current] as JobItem;
  switch (obs.page) {
    case "connexion":
      return onLogin(job);
    case "not-understood":
      return stop(
        job,
        `Page « ${obs.kind} » non comprise (libellé manquant : ${obs.missing.join(", ")}) : le travail est arrêté, rien n'a été cliqué.`,
      );
    case "erreur":
      return retryOrFail(job, item, (n) => `Le site a répondu « ${obs.message} » ${n} fois de suite.`, now);
    case "elsewhere":
      return onElsewhere(job, item);
    case "etablissements":
      return onList(job, item, obs, now);
    case "inscription-compte":
      return onAddForm(job, item, obs, now);
    case "etablissement-detail":
      return onDetail(job, item, obs);
  }
}

/** Why the item has been tried enough (too many actions, or one step asked again and again), or null. */
function wornOut(item: JobItem): string | null {
  if (item.steps >= MAX_ITEM_STEPS)
    return `Le site ne réagit pas comme prévu : ${item.steps} actions sans aboutir.`;
  // The same step asked again and again (a click that does not navigate, a search that does not
  // apply, a page that keeps coming back): the item fails rather than loop.
  const worn = (Object.entries(item.tries) as [Phase, number][]).find(([, n]) => n > MAX_ATTEMPTS);
  return worn ? `Le site ne réagit pas comme prévu (étape « ${worn[0]} » demandée ${worn[1]} fois).` : null;
}

type PageOf<P extends Observation["page"]> = Extract<Observation, { page: P }>;

/** The login page: never log in for the user (a wrong password locks the firm's shared account). */
function onLogin(job: Job): Step {
  return {
    job: {
      ...job,
      status: "waiting-login",
      reason: "La session Urssaf a expiré : reconnectez-vous, le travail reprendra ensuite.",
    },
    command: null,
    finished: [],
  };
}

/** A page of the site off the job's path: back to the list, a few hops at most. */
function onElsewhere(job: Job, item: JobItem): Step {
  if (item.hops >= MAX_HOPS)
    return stop(
      job,
      "La page « Gérer les établissements » est introuvable depuis cette page : le travail est arrêté.",
    );
  return issue(
    job,
    item.phase,
    { type: "goto-list", url: job.listUrl, delayMs: job.paceMs },
    { hops: item.hops + 1 },
    false,
  );
}

/** The account list ("Gérer les établissements"): search the target, then add or resign it, or conclude. */
function onList(job: Job, item: JobItem, obs: PageOf<"etablissements">, now: Date): Step {
  const listUrl = job.listUrl ?? listAddress(obs.url);
  const j = withItem({ ...job, listUrl }, { hops: 0 });
  const target = item.target;
  if (item.phase === "inscrire" && obs.message) {
    // Step 1 refused by the site: its own words go into the report.
    const already = /déjà inscrit/i.test(obs.message);
    return finish(j, already ? "already" : "failed", obs.message, now, obs);
  }
  // An account row of the target on the page proves it is there, searched or not (the site shows
  // the list with the new account after a save, seed 001 step 5): no search needed to know it.
  const present = obs.rows.some((r) => rowMatches(r, target));
  if (!present && !showsSearchFor(obs, target)) {
    const phase: Phase =
      item.phase === "fill" || item.phase === "resilier" || item.phase === "verify" ? "verify" : "search";
    return again(j, phase, { type: "search", ...searchKey(target), delayMs: j.paceMs }, now, obs);
  }
  // A row proves the account is there; its absence proves nothing while the list is not whole (rows
  // still rendering or fetched, fewer than announced): the list again, never « absent » from it.
  if (!present && obs.incomplete) {
    const why = obs.incomplete;
    return retryOrFail(
      j,
      item,
      (n) =>
        `La liste des comptes ne s'affiche pas entièrement (${why}), ${n} fois de suite : impossible de savoir si ${targetName(target)} y est.`,
      now,
    );
  }
  const seen: ListSeen = { job: j, item, present, obs, now };
  return item.action === "add" ? onListToAdd(seen) : onListToResign(seen);
}

/** The list as the current item finds it: is its account there (searched for, or shown)? */
interface ListSeen {
  job: Job;
  item: JobItem;
  present: boolean;
  obs: PageOf<"etablissements">;
  now: Date;
}

/** The list shows whether the account to add is there. */
function onListToAdd({ job, item, present, obs, now }: ListSeen): Step {
  if (present)
    return finish(
      job,
      item.submitted ? "done" : "already",
      item.submitted ? null : "Déjà inscrit dans le portefeuille.",
      now,
      obs,
    );
  if (item.phase === "verify" || item.submitted) {
    return finish(job, "failed", "Le compte n'apparaît pas dans la liste après l'enregistrement.", now, obs);
  }
  const add = item.target as AddTarget;
  return again(
    job,
    "inscrire",
    {
      type: "inscrire",
      by: add.siren ? "siren" : "compte",
      value: add.siren ?? add.compte ?? "",
      delayMs: job.paceMs,
    },
    now,
    obs,
  );
}

/** The list shows whether the account to resign is still there. */
function onListToResign({ job, item, present, obs, now }: ListSeen): Step {
  const resigning = item.phase === "verify" || item.phase === "resilier";
  if (!present)
    return finish(
      job,
      resigning ? "done" : "already",
      resigning ? null : "Absent du portefeuille : rien à résilier.",
      now,
      obs,
    );
  if (resigning)
    return finish(job, "failed", "Le compte est toujours dans la liste après la résiliation.", now, obs);
  const row = obs.rows.find((r) => rowMatches(r, item.target)) as RowSeen;
  return again(job, "detail", { type: "open-detail", row, delayMs: job.paceMs }, now, obs);
}

/** The add form ("Inscrire un compte"): fill it once, or read the site's answer to it. */
function onAddForm(job: Job, item: JobItem, obs: PageOf<"inscription-compte">, now: Date): Step {
  const toList = (phase: Phase) =>
    issue(job, phase, { type: "goto-list", url: job.listUrl, delayMs: job.paceMs });
  if (item.action !== "add") return toList("start");
  const add = item.target as AddTarget;
  if (item.phase === "fill" && obs.message)
    return finish(job, "failed", obs.message, now, { page: "elsewhere" });
  // The form came back without a refusal: it is the site's answer page (its alert, then the list).
  // Never submit twice: check the list instead.
  if (item.phase === "fill") return toList("verify");
  if (item.phase !== "inscrire") return toList("start");
  if (obs.form !== null && obs.form !== add.form.kind) {
    return finish(
      job,
      "failed",
      `Le site propose le formulaire ${obs.form === "employeur" ? "employeur" : "indépendant"} : vérifiez le type du client dans le registre.`,
      now,
      { page: "elsewhere" },
    );
  }
  return issue(
    job,
    "fill",
    {
      type: "fill-inscription",
      form: add.form,
      services: add.services,
      courriels: add.courriels,
      expectAlert: SUCCESS_ALERT,
      delayMs: job.paceMs,
    },
    { submitted: true },
  );
}

/** An account's detail: « Résilier » there, once it is proved to be the target's account. */
function onDetail(job: Job, item: JobItem, obs: PageOf<"etablissement-detail">): Step {
  const toList = (phase: Phase) =>
    issue(job, phase, { type: "goto-list", url: job.listUrl, delayMs: job.paceMs });
  if (item.action !== "resign" || (item.phase !== "detail" && item.phase !== "resilier"))
    return toList("start");
  // Still on the detail after "Résilier": the confirmation did not go through.
  if (item.phase === "resilier") return toList("verify");
  const target = item.target;
  const sameAccount = target.siren
    ? obs.siret !== null && digits(obs.siret).startsWith(target.siren)
    : obs.siret === null;
  if (!sameAccount) {
    return stop(
      job,
      `Le détail ouvert est celui de ${obs.siret ? `SIRET ${obs.siret}` : "un compte non sirétisé"}, pas de ${targetName(target)} : rien n'a été résilié, le travail est arrêté.`,
    );
  }
  const mustContain = [target.regime, target.siren ?? target.compte].filter((s): s is string => Boolean(s));
  return issue(job, "resilier", { type: "resilier", mustContain, delayMs: job.paceMs });
}

/**
 * The page the last command led to never reported (it did not load, or hangs): counted like an HTTP
 * error of the site — retried with back-off from the account list, then that client fails and the job
 * goes on. The command returned is for the background to carry out itself (the page cannot).
 */
export function onTimeout(job: Job, now: Date): Step {
  if (job.status !== "running") return { job, command: null, finished: [] };
  const seconds = Math.round((job.pageTimeoutMs ?? PAGE_TIMEOUT_MS) / 1000);
  const pace = job.paceMs;
  if (job.read) {
    const errors = job.read.errors + 1;
    const read = { ...job.read, errors, turning: false };
    if (errors > MAX_ATTEMPTS)
      return stop(
        { ...job, read },
        `La page ne s'est pas chargée en ${seconds} s, ${errors} fois de suite : la lecture est arrêtée.`,
      );
    return {
      job: { ...job, read },
      command: { type: "goto-list", url: job.listUrl, delayMs: pace * 2 ** errors },
      finished: [],
    };
  }
  const item = job.items[job.current];
  if (!item) return { job, command: null, finished: [] };
  return retryOrFail(
    job,
    item,
    (n) => `La page ne s'est pas chargée en ${seconds} s, ${n} fois de suite.`,
    now,
  );
}

/**
 * A page that failed (the site's technical error, or no page in time): the list again after a back-off
 * (the pace, then twice, four times… as long), and after MAX_ATTEMPTS in a row the client fails with
 * `why` and the job goes on.
 */
function retryOrFail(job: Job, item: JobItem, why: (errors: number) => string, now: Date): Step {
  const errors = item.errors + 1;
  if (errors > MAX_ATTEMPTS)
    return finish(withItem(job, { errors }), "failed", why(errors), now, { page: "elsewhere" });
  return issue(
    job,
    item.phase,
    { type: "goto-list", url: job.listUrl, delayMs: job.paceMs * 2 ** errors },
    { errors },
    false,
  );
}

/** Something the page reported outside a page load (a dialog answered or missing). */
export function onEvent(job: Job, event: JobEvent): Step {
  const item = job.items[job.current];
  if (!item || job.status !== "running") return { job, command: null, finished: [] };
  switch (event.type) {
    case "dialog-refused":
      return stop(
        withItem(job, { message: `Confirmation refusée : « ${event.text} »` }),
        `La confirmation affichée ne nommait pas ${targetName(item.target)} (« ${event.text} ») : elle a été refusée et le travail est arrêté.`,
      );
    case "dialog-missing":
      return stop(
        job,
        `La confirmation attendue pour ${targetName(item.target)} n'est pas apparue : le travail est arrêté.`,
      );
    case "action-failed":
      return stop(job, event.reason);
  }
}

export type Control = "pause" | "resume" | "cancel";

export function control(job: Job, what: Control): Job {
  if (job.status === "done" || job.status === "cancelled") return job;
  switch (what) {
    case "pause":
      return job.status === "running" ? { ...job, status: "paused", reason: "Mis en pause." } : job;
    case "resume":
      return {
        ...job,
        status: "running",
        reason: null,
        items: job.items.map((it, i) => (i === job.current ? { ...it, attempts: 0, hops: 0 } : it)),
      };
    case "cancel":
      return {
        ...job,
        status: "cancelled",
        reason: "Annulé.",
        items: job.items.map((it, i) =>
          i >= job.current && it.outcome === "pending" ? { ...it, outcome: "skipped" } : it,
        ),
      };
  }
}

export interface JobProgress {
  total: number;
  finished: number;
  done: number;
  already: number;
  failed: number;
  skipped: number;
  currentName: string | null;
  /** Portfolio reads: pages of the list read so far. */
  pages?: number;
}

/** A job without its items: what a page's toolbar needs at every step (a job can hold hundreds). */
export interface JobBrief {
  id: string;
  createdAt: string;
  status: JobStatus;
  reason: string | null;
  action: JobAction | "read";
}

export function briefOf(job: Job): JobBrief {
  return {
    id: job.id,
    createdAt: job.createdAt,
    status: job.status,
    reason: job.reason,
    action: job.read ? "read" : (job.items[0]?.action ?? "add"),
  };
}

export function progress(job: Job): JobProgress {
  if (job.read) {
    const n = job.read.accounts.length;
    return {
      total: n,
      finished: n,
      done: n,
      already: 0,
      failed: 0,
      skipped: 0,
      currentName: null,
      pages: job.read.pages.length,
    };
  }
  const count = (o: ItemOutcome) => job.items.filter((i) => i.outcome === o).length;
  const current = job.items[job.current];
  return {
    total: job.items.length,
    finished: job.items.length - count("pending"),
    done: count("done"),
    already: count("already"),
    failed: count("failed"),
    skipped: count("skipped"),
    currentName: current && current.outcome === "pending" ? targetName(current.target) : null,
  };
}

/**
 * The list's address to load again later, without its query (a search, a page number): only an https
 * address on an Urssaf host, whatever a page reported or an older version stored; otherwise none
 * (the page then follows the site's own links to the list).
 */
export function listAddress(url: string | null | undefined): string | null {
  if (!url || !isUrssafUrl(url)) return null;
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export { targetName };

const OUTCOME_LABELS: Record<ItemOutcome, string> = {
  pending: "non traité",
  done: "fait",
  already: "déjà fait",
  failed: "échec",
  skipped: "ignoré",
};

/** The job's final report as table rows (header first), for the CSV export. */
export function reportRows(job: Job): string[][] {
  return [
    ["Action", "Client", "SIREN", "N° de compte", "Résultat", "Détail", "Terminé le"],
    ...job.items.map((it) => [
      it.action === "add" ? "inscription" : "résiliation",
      it.target.raisonSociale ?? "",
      it.target.siren ?? "",
      it.target.compte ?? "",
      OUTCOME_LABELS[it.outcome],
      it.message ?? "",
      it.finishedAt ?? "",
    ]),
  ];
}

// --- Reading the portfolio ------------------------------------------------------------------

export function createReadJob(
  id: string,
  now: Date,
  paceMs = DEFAULT_PACE_MS,
  listUrl: string | null = null,
): Job {
  return {
    ...createJob(id, [], now, paceMs),
    listUrl,
    read: { accounts: [], pages: [], errors: 0, hops: 0 },
  };
}

export const accountKey = (r: RowSeen): string =>
  `${r.regime.toLowerCase()}|${r.siren ?? ""}|${digits(r.numeroCompte)}`;

/**
 * After « Suivant », whether the page still shows the page read before it: the same page number, or
 * the same rows. The next page is read only when both changed (an in-place pager swaps the rows some
 * time after the click; reading it half-way gives duplicates and gaps).
 */
function stillPrevious(last: { keys: string[]; page: number | null }, keys: string[], page: number | null) {
  if (page !== null && last.page !== null && page === last.page) return true;
  return keys.length > 0 && keys.length === last.keys.length && keys.every((k, i) => k === last.keys[i]);
}

/**
 * Walks the account list page after page ("Suivant"), collecting every row once. A page counts as
 * read only when it is whole (see Observation.incomplete) and is not the previous one still shown.
 */
function advanceRead(job: Job, read: PortfolioRead, obs: Observation): Step {
  const pace = job.paceMs;
  const withRead = (change: Partial<PortfolioRead>, extra: Partial<Job> = {}): Job => ({
    ...job,
    ...extra,
    read: { ...read, ...change },
  });
  const goList = (change: Partial<PortfolioRead>, delayMs = pace, url = job.listUrl): Step => ({
    job: withRead({ ...change, turning: false }),
    command: { type: "goto-list", url, delayMs },
    finished: [],
  });
  switch (obs.page) {
    case "connexion":
      return {
        job: {
          ...job,
          status: "waiting-login",
          reason: "La session Urssaf a expiré : reconnectez-vous, la lecture reprendra ensuite.",
        },
        command: null,
        finished: [],
      };
    case "not-understood":
      return stop(
        job,
        `Page « ${obs.kind} » non comprise (libellé manquant : ${obs.missing.join(", ")}) : la lecture est arrêtée.`,
      );
    case "erreur": {
      const errors = read.errors + 1;
      if (errors > MAX_ATTEMPTS)
        return stop(
          withRead({ errors }),
          `Le site a répondu « ${obs.message} » ${errors} fois de suite : la lecture est arrêtée.`,
        );
      return goList({ errors }, pace * 2 ** errors);
    }
    case "etablissements": {
      const listUrl = job.listUrl ?? listAddress(obs.url);
      if (digits(obs.searchSiret) || digits(obs.searchCompte)) {
        // A search result is not the whole list: back to the list itself.
        return {
          job: withRead({ hops: read.hops + 1 }, { listUrl }),
          command: { type: "goto-list", url: listUrl, delayMs: pace },
          finished: [],
        };
      }
      if (obs.incomplete) {
        // The page stayed incomplete through its quiet period: it is not read; this page again,
        // with a back-off, then the read stops (never « done » on a part of the list).
        const errors = read.errors + 1;
        if (errors > MAX_ATTEMPTS)
          return stop(
            withRead({ errors, turning: false }, { listUrl }),
            `La liste des comptes ne s'affiche pas entièrement (${obs.incomplete}), ${errors} fois de suite : la lecture est arrêtée.`,
          );
        const again = listAddress(obs.url) ? obs.url : listUrl;
        return goList({ errors }, pace * 2 ** errors, again);
      }
      const keys = obs.rows.map(accountKey);
      if (read.turning && read.last && stillPrevious(read.last, keys, obs.pageNumber ?? null)) {
        // « Suivant » worked in place and the page still shows the previous rows (or page number):
        // wait for the next report (the page's next change; the watchdog bounds the wait).
        return { job, command: null, finished: [] };
      }
      const known = new Set(read.accounts.map(accountKey));
      const accounts = [...read.accounts, ...obs.rows.filter((r) => !known.has(accountKey(r)))];
      const pages = read.pages.includes(obs.url) ? read.pages : [...read.pages, obs.url];
      const last = { keys, page: obs.pageNumber ?? null };
      const next = withRead({ accounts, pages, errors: 0, hops: 0, last, turning: false }, { listUrl });
      if (obs.hasNext) {
        if (pages.length > 2000) return stop(next, "Plus de 2 000 pages lues : la lecture est arrêtée.");
        return {
          job: withRead({ accounts, pages, errors: 0, hops: 0, last, turning: true }, { listUrl }),
          command: { type: "next-page", delayMs: pace },
          finished: [],
        };
      }
      return { job: { ...next, status: "done", reason: null }, command: null, finished: [] };
    }
    default:
      if (read.hops >= MAX_HOPS)
        return stop(
          job,
          "La page « Gérer les établissements » est introuvable depuis cette page : la lecture est arrêtée.",
        );
      return goList({ hops: read.hops + 1 });
  }
}
