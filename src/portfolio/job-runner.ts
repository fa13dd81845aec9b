// Runs the bulk job: persists it after every step (storage key "job" and one key per item), binds it to the tab that
// executes it, turns register clients into job targets and writes the outcome back to the register.
import type { Runtime } from "../core/browser.ts";
import type { JobBriefView, JobReply, JobView } from "../core/messages.ts";
import { isUrssafUrl } from "../core/senders.ts";
import {
  JOB_KEY,
  JobSlotSchema,
  jobItemKey,
  PORTFOLIO_KEY,
  PortfolioSlotSchema,
  type StoredJob,
} from "../core/storage/schema.ts";
import type { Store } from "../core/storage/store.ts";
import type { Client, FirmSettings } from "../register/model/register.ts";
import type { RegisterStore, StatusRequest } from "../register/store.ts";
import {
  type AddTarget,
  advance,
  briefOf,
  type Control,
  control,
  createJob,
  createReadJob,
  isActive,
  type Job,
  type JobEvent,
  type JobItem,
  listAddress,
  type Observation,
  onEvent,
  onTimeout,
  PAGE_TIMEOUT_MS,
  progress,
  type ResignTarget,
  type RowSeen,
  type Step,
} from "./model/jobs.ts";
import type { PortfolioSnapshot } from "./model/portfolio.ts";

export interface TabsApi {
  exists(tabId: number): Promise<boolean>;
  poke(tabId: number): Promise<void>;
  /** Loads `url` in the tab (the site's own address, learnt from it), or reloads the tab when null. */
  navigate(tabId: number, url: string | null): Promise<void>;
}

/** Wakes the worker when a page is overdue, even if it was stopped meanwhile (chrome.alarms). */
export interface WatchdogAlarm {
  set(when: number): void;
  clear(): void;
}

export const JOB_WATCHDOG_ALARM = "job-watchdog";

const REGIME: Record<Client["kind"], string | null> = {
  employeur: "Régime Général",
  "artisan-commercant": "Artisan Commerçant",
  "profession-liberale": "Profession Libérale",
  "gerant-non-siretise": null,
};

const amount = (n: number) => n.toFixed(2).replace(".", ",");

/** A client of the register as the add flow needs it, or the reason it cannot be added. */
export function addTarget(c: Client, settings: FirmSettings): AddTarget | string {
  const profile = c.profil ?? settings.profilParDefaut;
  if (!c.numeroCompte) return "Numéro de compte manquant dans le registre.";
  const common = {
    clientId: c.id,
    raisonSociale: c.raisonSociale,
    regime: REGIME[c.kind],
    siren: c.kind === "gerant-non-siretise" ? null : (c.siren ?? c.siret?.slice(0, 9) ?? null),
    compte: c.kind === "gerant-non-siretise" ? c.numeroCompte : null,
    services: profile.services,
    courriels: profile.courriels,
  };
  if (c.kind === "employeur") {
    if (c.montantDerniereDeclaration === null)
      return "Montant de la dernière déclaration manquant dans le registre.";
    return {
      ...common,
      selfEmployed: false,
      form: {
        kind: "employeur",
        montant: amount(c.montantDerniereDeclaration),
        compteEmployeur: c.numeroCompte,
      },
    };
  }
  if (!c.nir) return "NIR manquant dans le registre.";
  return {
    ...common,
    selfEmployed: true,
    form: { kind: "independant", nir: c.nir, compteIndependant: c.numeroCompte },
  };
}

/** Whether an account of the Urssaf list is this register client's. */
function accountMatches(a: RowSeen, c: Client): boolean {
  if (a.siren)
    return (
      a.siren === (c.siren ?? c.siret?.slice(0, 9)) &&
      REGIME[c.kind]?.toLowerCase() === a.regime.toLowerCase()
    );
  return (
    c.kind === "gerant-non-siretise" && (c.numeroCompte ?? "") === (a.numeroCompte ?? "").replace(/\D/g, "")
  );
}

export function resignTarget(c: Client): ResignTarget {
  return {
    clientId: c.id,
    raisonSociale: c.raisonSociale,
    regime: REGIME[c.kind],
    siren: c.kind === "gerant-non-siretise" ? null : (c.siren ?? c.siret?.slice(0, 9) ?? null),
    compte: c.kind === "gerant-non-siretise" ? c.numeroCompte : null,
  };
}

export function createJobRunner(
  store: Store,
  register: RegisterStore,
  tabs: TabsApi,
  now: () => Date,
  newId: () => string,
  alarm: WatchdogAlarm = { set: () => undefined, clear: () => undefined },
) {
  // The background is the job's only writer: after the first read (a new worker), the copy in memory
  // is the stored one, and every change is written through before it is used.
  let cached: Job | null | undefined;
  // A job stored with its items inline (before one key per item) is rewritten whole at its next step.
  let inline = false;
  const read = async (): Promise<Job | null> => {
    if (cached === undefined) cached = await load();
    return cached;
  };
  const load = async (): Promise<Job | null> => {
    const stored = await store.get(JOB_KEY, JobSlotSchema);
    inline = stored !== null && stored.itemCount === undefined;
    if (!stored || stored.itemCount === undefined) return stored;
    const { itemCount, ...header } = stored;
    const keys = Array.from({ length: itemCount }, (_, i) => jobItemKey(i));
    const values = await store.getMany(keys);
    const items = keys.map((key) => values[key] as JobItem | undefined);
    if (items.some((it) => typeof it !== "object" || it === null || typeof it.action !== "string"))
      throw new Error("Travail groupé illisible dans le stockage : une de ses lignes manque.");
    return { ...header, items: items as JobItem[] };
  };
  /** One storage write per step: the header, and only the items this step changed (the machine keeps
   * the others as the same objects), with the register's status changes the step implies. */
  const write = async (job: Job, statuses: readonly StatusRequest[] = []): Promise<void> => {
    const previous = await read();
    const sameJob = previous?.id === job.id && !inline;
    const values: Record<string, unknown> = {
      [JOB_KEY]: { ...job, items: [], itemCount: job.items.length } satisfies StoredJob,
    };
    job.items.forEach((item, i) => {
      if (!sameJob || previous?.items[i] !== item) values[jobItemKey(i)] = item;
    });
    // One batch: if the worker dies after it, both the step and the client's status are stored; if
    // before, neither is and the page's next report replays the step.
    if (statuses.length > 0) await register.setStatusesWith(statuses, values);
    else await store.setMany(values);
    cached = job;
    inline = false;
    // A shorter job than the previous one leaves item keys nobody reads: remove them.
    const stale = sameJob ? 0 : (previous?.items.length ?? 0) - job.items.length;
    if (stale > 0)
      await store.area
        .remove(Array.from({ length: stale }, (_, i) => jobItemKey(job.items.length + i)))
        .catch(() => undefined);
  };

  let watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When the alarm this worker asked for rings (null: none asked, or it was cleared). */
  let alarmAt: number | null = null;
  const arm = (job: Job) => {
    clearTimeout(watchdog);
    if (job.watchdogAt) {
      watchdog = setTimeout(() => void serial(check), Math.max(0, job.watchdogAt - now().getTime()));
      // The alarm is the worker's wake-up call if it is stopped before the timer fires. One that rings
      // before the deadline only costs a check that arms again, so an alarm still to ring, and not
      // later than needed, is kept: one alarm about every 30 s of a job instead of one per page.
      const wanted = job.watchdogAt + 1_000;
      if (alarmAt === null || alarmAt > wanted || alarmAt <= now().getTime()) {
        alarm.set(wanted);
        alarmAt = wanted;
      }
    } else {
      alarm.clear();
      alarmAt = null;
    }
  };

  /** The awaited page is overdue: count it as not loading, and load the list in the tab ourselves. */
  async function check(): Promise<void> {
    const job = await read();
    if (job?.status !== "running" || !job.watchdogAt || job.tabId === null) return;
    if (now().getTime() < job.watchdogAt) return arm(job);
    const tabId = job.tabId;
    if (!(await tabs.exists(tabId))) {
      const waiting: Job = {
        ...job,
        status: "waiting-tab",
        reason: "L'onglet du travail a été fermé : reprenez-le dans cet onglet.",
        watchdogAt: null,
      };
      await write(waiting);
      return arm(waiting);
    }
    const timedOut = onTimeout(job, now());
    const metrics = timedOut.job.metrics;
    const step = metrics
      ? {
          ...timedOut,
          job: { ...timedOut.job, metrics: { ...metrics, timeouts: (metrics.timeouts ?? 0) + 1 } },
        }
      : timedOut;
    await apply(step, tabId, performance.now());
    const command = step.command;
    if (command?.type !== "goto-list") return;
    setTimeout(() => {
      void tabs.navigate(tabId, command.url).catch(() => undefined);
    }, command.delayMs);
  }

  const view = (job: Job, tabId: number | null, orphan = false): JobView => ({
    job,
    progress: progress(job),
    here: tabId !== null && job.tabId === tabId,
    orphan,
  });
  const brief = (job: Job, tabId: number | null, orphan = false): JobBriefView => ({
    job: briefOf(job),
    progress: progress(job),
    here: tabId !== null && job.tabId === tabId,
    orphan,
  });

  /** The register follows what the job did on the site. */
  function statusesOf(finished: readonly JobItem[]): StatusRequest[] {
    return finished.flatMap((item) => {
      const clientId = item.target.clientId;
      if (!clientId || (item.outcome !== "done" && item.outcome !== "already")) return [];
      const statut =
        item.action === "resign"
          ? "resilie"
          : (item.target as AddTarget).selfEmployed && item.outcome === "done"
            ? "code-attendu"
            : "inscrit";
      const note =
        item.action === "add" && statut === "code-attendu"
          ? "Inscrit sur l'Urssaf : le code de sécurité est envoyé par courrier au client."
          : undefined;
      return [{ id: clientId, statut, note }];
    });
  }

  // The worker's own time on the job: each message's handling up to its write, plus the previous
  // write's duration (a step's write is timed after the step is stored, so it counts at the next one).
  let lastWriteMs = 0;
  async function apply(step: Step, tabId: number | null, started: number): Promise<JobReply> {
    const metrics = step.job.metrics;
    const measured = metrics
      ? {
          ...step.job,
          metrics: {
            ...metrics,
            workerMs: (metrics.workerMs ?? 0) + performance.now() - started + lastWriteMs,
          },
        }
      : step.job;
    // Every command leads to a new page (or an event): that page must report within the timeout. A
    // running job without a command waits for the page to change (a list still being swapped in place):
    // the deadline of the command it waits on stays, or one is set.
    const job: Job = {
      ...measured,
      watchdogAt:
        measured.status !== "running"
          ? null
          : step.command
            ? now().getTime() + step.command.delayMs + (measured.pageTimeoutMs ?? PAGE_TIMEOUT_MS)
            : (measured.watchdogAt ?? now().getTime() + (measured.pageTimeoutMs ?? PAGE_TIMEOUT_MS)),
    };
    const writing = performance.now();
    await write(job, statusesOf(step.finished));
    lastWriteMs = performance.now() - writing;
    arm(job);
    if (job.read && job.status === "done") {
      const snapshot: PortfolioSnapshot = {
        readAt: now().toISOString(),
        accounts: job.read.accounts,
        pages: job.read.pages.length,
      };
      await store.update(PORTFOLIO_KEY, PortfolioSlotSchema, () => snapshot);
    }
    return { view: brief(job, tabId), command: step.command };
  }

  // One change of the job at a time: a report computed from the job as it was before a pause (or before
  // another report) must not overwrite what happened meanwhile. Each read-modify-write runs alone.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const runner = {
    async create(
      action: "add" | "resign" | "read" | "resend-code",
      clientIds: readonly string[],
      accounts: readonly RowSeen[],
      paceMs: number | undefined,
      sender?: Runtime.MessageSender,
      pageTimeoutMs?: number,
    ): Promise<JobView> {
      // Started from an Urssaf tab (one click on a row): that tab runs it at once. Started from our
      // options page (itself a tab), the first Urssaf tab that reports takes it.
      const tabId = sender?.tab && isUrssafUrl(sender.url ?? sender.tab.url) ? (sender.tab.id ?? null) : null;
      const started = async (created: Job): Promise<JobView> => {
        const job = pageTimeoutMs ? { ...created, pageTimeoutMs } : created;
        const bound = tabId !== null && job.status === "running" ? { ...job, tabId } : job;
        await write(bound);
        if (bound.tabId !== null) await tabs.poke(bound.tabId).catch(() => undefined);
        return view(bound, tabId);
      };
      const current = await read();
      if (current && isActive(current.status)) {
        throw new Error(
          "Un travail est déjà en cours sur l'espace Urssaf : terminez-le ou annulez-le d'abord.",
        );
      }
      if (action === "read")
        return started(createReadJob(newId(), now(), paceMs, listAddress(current?.listUrl)));
      const snapshot = await register.snapshot();
      const byId = new Map(snapshot.clients.map((c) => [c.id, c]));
      const items: { action: "add" | "resign"; target: AddTarget | ResignTarget; skipped?: string }[] = [];
      for (const account of action === "resign" ? accounts : []) {
        const client = snapshot.clients.find((c) => accountMatches(account, c));
        items.push({
          action: "resign",
          target: {
            clientId: client?.id ?? null,
            raisonSociale: client?.raisonSociale ?? null,
            regime: account.siren ? account.regime : null,
            siren: account.siren,
            compte: account.siren ? null : account.numeroCompte,
          },
        });
      }
      for (const id of clientIds) {
        const client = byId.get(id);
        if (!client) continue;
        if (action === "resign") {
          items.push({ action, target: resignTarget(client) });
          continue;
        }
        if (action === "resend-code") {
          // Seed 002: a lost security-code letter → remove the client and add it again (a new letter).
          const target = addTarget(client, snapshot.settings);
          if (typeof target === "string") throw new Error(`${client.raisonSociale} : ${target}`);
          if (!target.selfEmployed)
            throw new Error(
              `${client.raisonSociale} n'est pas un travailleur indépendant : aucun code de sécurité à renvoyer.`,
            );
          items.push({ action: "resign", target: resignTarget(client) }, { action: "add", target });
          continue;
        }
        const target = addTarget(client, snapshot.settings);
        if (typeof target === "string")
          items.push({ action, target: resignTarget(client) as unknown as AddTarget, skipped: target });
        else items.push({ action, target });
      }
      if (items.length === 0) throw new Error("Aucun des clients choisis n'est dans le registre.");
      let job = createJob(newId(), items, now(), paceMs);
      job = {
        ...job,
        // The account list's address learnt by the previous job (the site's own link, not ours).
        listUrl: listAddress(current?.listUrl),
        items: job.items.map((it, i) => {
          const skipped = items[i]?.skipped;
          return skipped ? { ...it, outcome: "skipped" as const, message: skipped } : it;
        }),
      };
      // Skipped items at the head of the list are passed over at once.
      const first = job.items.findIndex((it) => it.outcome === "pending");
      job = first === -1 ? { ...job, current: job.items.length, status: "done" } : { ...job, current: first };
      return started(job);
    },

    portfolio: () => store.getOr(PORTFOLIO_KEY, PortfolioSlotSchema, null),

    async report(
      observation: Observation,
      sender: Runtime.MessageSender,
      loadMs?: number,
      spent: { scriptMs?: number | undefined; waitMs?: number | undefined } = {},
    ): Promise<JobReply> {
      const started = performance.now();
      let job = await read();
      const tabId = sender.tab?.id ?? null;
      if (!job) return { view: null, command: null };
      if (!isActive(job.status) || tabId === null) return { view: brief(job, tabId), command: null };
      if (job.tabId === null) job = { ...job, tabId };
      if (job.tabId !== tabId) {
        const orphan = !(await tabs.exists(job.tabId as number));
        if (orphan && job.status === "running") {
          job = {
            ...job,
            status: "waiting-tab",
            reason: "L'onglet du travail a été fermé : reprenez-le dans cet onglet.",
          };
          await write(job);
        }
        return { view: brief(job, tabId, orphan), command: null };
      }
      if (job.status === "waiting-login" && observation.page !== "connexion")
        job = { ...job, status: "running", reason: null };
      const metrics = job.metrics ?? { firstReportAt: null, pageLoadMs: 0, pages: 0, paceMs: 0 };
      job = {
        ...job,
        metrics: {
          ...metrics,
          firstReportAt: metrics.firstReportAt ?? now().toISOString(),
          // Page loads after the first report: the ones the job itself waited for.
          pageLoadMs: metrics.pageLoadMs + (metrics.firstReportAt ? (loadMs ?? 0) : 0),
          pages: metrics.pages + (metrics.firstReportAt ? 1 : 0),
          scriptMs: (metrics.scriptMs ?? 0) + (spent.scriptMs ?? 0),
          waitMs: (metrics.waitMs ?? 0) + (spent.waitMs ?? 0),
        },
      };
      const step = advance(job, observation, now());
      const paced =
        step.command && step.job.metrics
          ? {
              ...step.job,
              metrics: { ...step.job.metrics, paceMs: step.job.metrics.paceMs + step.command.delayMs },
            }
          : step.job;
      return apply({ ...step, job: paced }, tabId, started);
    },

    async event(jobId: string, event: JobEvent, sender: Runtime.MessageSender): Promise<JobReply> {
      const started = performance.now();
      const job = await read();
      const tabId = sender.tab?.id ?? null;
      if (!job || job.id !== jobId || job.tabId !== tabId)
        return { view: job ? brief(job, tabId) : null, command: null };
      return apply(onEvent(job, event), tabId, started);
    },

    async control(what: Control | "resume-here", sender: Runtime.MessageSender): Promise<JobView | null> {
      let job = await read();
      if (!job) return null;
      const tabId = sender.tab?.id ?? null;
      if (what === "resume-here") {
        if (tabId === null) throw new Error("Reprenez le travail depuis un onglet de l'espace Urssaf.");
        job = control({ ...job, tabId }, "resume");
      } else {
        job = control(job, what);
      }
      // Nothing is awaited from the page until it reports again.
      job = { ...job, watchdogAt: null };
      await write(job);
      arm(job);
      // The page that runs the job reports again and gets its next command (or stops waiting).
      if (job.tabId !== null) await tabs.poke(job.tabId).catch(() => undefined);
      return view(job, tabId);
    },

    async get(sender: Runtime.MessageSender): Promise<JobView | null> {
      const job = await read();
      return job ? view(job, sender.tab?.id ?? null) : null;
    },
  };
  return {
    ...runner,
    create: (...args: Parameters<typeof runner.create>) => serial(() => runner.create(...args)),
    report: (...args: Parameters<typeof runner.report>) => serial(() => runner.report(...args)),
    event: (...args: Parameters<typeof runner.event>) => serial(() => runner.event(...args)),
    control: (...args: Parameters<typeof runner.control>) => serial(() => runner.control(...args)),
    /** The watchdog's alarm fired (possibly in a worker started for it). */
    watchdog: () => serial(check),
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
