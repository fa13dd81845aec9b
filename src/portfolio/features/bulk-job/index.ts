// The bulk job on the Urssaf pages: this page reports what it shows, executes the one command the
// background answers (after the job's pace), and shows the job's progress in a small toolbar with
// pause / resume / cancel and, at the end, the report as CSV.

import { toCsv } from "../../../core/csv.ts";
import { browser, extensionGone, t } from "../../../core/ext.ts";
import { applyStyle, type Feature, type FeatureContext, onTrustedClick } from "../../../core/features.ts";
import type { JobBriefView, JobReply } from "../../../core/messages.ts";
import { send } from "../../../core/send.ts";
import { briefOf, type Command, isActive, type Observation, reportRows } from "../../model/jobs.ts";
import { execute } from "./execute.ts";
import { pageMetrics } from "./metrics.ts";
import { observe, readyToReport } from "./observe.ts";
import { announceJob } from "./state.ts";

const STYLE = `
:host { all: initial; }
.bar { position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; width: 24rem; box-sizing: border-box;
  font: 13px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff; border: 1px solid #00539b;
  border-top: 4px solid #00539b; border-radius: 4px; padding: 8px 10px; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); }
.bar.stopped { border-top-color: #b34700; }
h2 { font-size: 13px; margin: 0 0 4px; }
progress { width: 100%; height: 10px; }
p { margin: 4px 0; }
.reason { color: #b34700; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
button { font: inherit; padding: 2px 8px; border: 1px solid #00539b; background: #fff; color: #00539b; border-radius: 3px; cursor: pointer; }
button.danger { border-color: #b00020; color: #b00020; }
button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
`;

function remaining(view: JobBriefView): string | null {
  const { progress, job } = view;
  const left = progress.total - progress.finished;
  if (progress.finished === 0 || left === 0) return null;
  const perItem = (Date.now() - Date.parse(job.createdAt)) / progress.finished;
  return t("jobRemaining", String(Math.max(1, Math.round((perItem * left) / 60_000))));
}

function statusText(view: JobBriefView): string {
  const { job, progress } = view;
  switch (job.status) {
    case "done":
      return t("jobDone", [
        String(progress.done),
        String(progress.already),
        String(progress.failed),
        String(progress.skipped),
      ]);
    case "cancelled":
      return t("jobCancelled", [String(progress.finished), String(progress.total)]);
    default:
      return progress.currentName ? t("jobCurrent", progress.currentName) : "";
  }
}

/**
 * After a command that changed the page in place (an in-place pager, a search answered by script),
 * how long the page must stay unchanged before it is reported: a list being rebuilt is not read half-way.
 */
export const JOB_SETTLE_MS = 400;

/**
 * How long an account list that is not whole (loading, rows not there yet, fewer than announced, no
 * pager) must stay unchanged before it is reported as it is: the lifecycle's quiet period (QUIET_MS),
 * after which « non comprise » is final too. A list that becomes whole is reported at once.
 */
export const LIST_GRACE_MS = 5_000;

/** Content the page itself says is still loading (a list fetched after load, a view being switched). */
function busy(doc: Document): boolean {
  for (const el of doc.querySelectorAll('[aria-busy="true"]'))
    if (!el.closest("[data-tiers-feature]")) return true;
  return false;
}

/** One job session per page (the feature applies to every page, so its signal lives as long as the page). */
const sessions = new WeakMap<AbortSignal, (ctx: FeatureContext) => void>();

export const bulkJob: Feature = {
  id: "bulk-job",
  runsOn: () => true,
  run(ctx: FeatureContext) {
    let onPage = sessions.get(ctx.signal);
    // A page no adapter knows has nothing to report before it settles (« non comprise » final): its
    // session starts then, so the many urssaf.fr pages where nothing applies pay for none of it first.
    if (!onPage && ctx.page === null && !ctx.settled) return;
    if (!onPage) {
      onPage = startSession(ctx);
      sessions.set(ctx.signal, onPage);
    }
    onPage(ctx);
  },
};

/** What an observation says about the page, without its URL (a pushState alone changes nothing). */
function observationKey(observation: Observation): string {
  return JSON.stringify({ ...observation, url: undefined });
}

/**
 * The job's guarantees under the page lifecycle: the page is reported once when it is recognised
 * (understood, or « non comprise » for good) and says nothing is loading, then again only after a command this page
 * executed and only once per command, when what the page shows differs from what the command was
 * issued on and has stayed so for JOB_SETTLE_MS. A re-render never makes the job act twice.
 */
function startSession(ctx: FeatureContext): (ctx: FeatureContext) => void {
  let root: ShadowRoot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let grace: ReturnType<typeof setTimeout> | undefined;
  let hidden = false;
  let reported = false;
  /** The observation the last report sent: what the next command acts on. */
  let lastKey = "";
  /** A command ran here and the page it leads to has not been reported yet. */
  let awaiting = false;

  const render = (view: JobBriefView | null) => {
    const show = view && !hidden && (view.here || view.orphan || isActive(view.job.status));
    if (!show) {
      root?.replaceChildren();
      return;
    }
    // The host again if the page's own re-render removed it.
    const mounted = ctx.mount();
    if (mounted !== root) applyStyle(mounted, STYLE);
    root = mounted;
    const { job, progress } = view;
    const bar = document.createElement("section");
    bar.className = `bar ${job.status}`;
    bar.setAttribute("aria-label", t("jobTitle"));
    const title = document.createElement("h2");
    title.textContent = t(
      job.action === "resign" ? "jobTitleResign" : job.action === "read" ? "jobTitleRead" : "jobTitleAdd",
    );
    const meter = document.createElement("progress");
    meter.max = progress.total;
    meter.value = progress.finished;
    const count = document.createElement("p");
    count.setAttribute("role", "status");
    count.dataset.testid = "job-progress";
    count.textContent = [`${progress.finished} / ${progress.total}`, remaining(view)]
      .filter(Boolean)
      .join(" — ");
    const state = document.createElement("p");
    state.textContent = statusText(view);
    bar.append(title, meter, count, state);
    if (job.reason && job.status !== "running") {
      const reason = document.createElement("p");
      reason.className = "reason";
      reason.setAttribute("role", "alert");
      reason.dataset.testid = "job-reason";
      reason.textContent = job.reason;
      bar.append(reason);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    const button = (label: string, onClick: () => void, danger = false) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      if (danger) b.className = "danger";
      onTrustedClick(b, onClick);
      actions.append(b);
    };
    const act = (what: "pause" | "resume" | "cancel" | "resume-here") => () => {
      void send({ type: "job/control", what }).then((v) => {
        render(v && { ...v, job: briefOf(v.job) });
        if (what === "pause" || what === "cancel") clearTimeout(timer);
      });
    };
    // In a tab that is not the job's (it was closed, or the user moved on), resuming means "here".
    const elsewhere = !view.here && (job.status === "paused" || job.status === "stopped");
    if (view.orphan || job.status === "waiting-tab" || elsewhere)
      button(t("jobResumeHere"), act("resume-here"));
    else if (job.status === "running") button(t("jobPause"), act("pause"));
    else if (job.status === "paused" || job.status === "stopped") button(t("jobResume"), act("resume"));
    if (isActive(job.status) || job.status === "stopped") button(t("jobCancel"), act("cancel"), true);
    if (["done", "cancelled", "stopped"].includes(job.status)) {
      button(t("jobExport"), async () => {
        // The items are not in the page's view of the job: fetched once, for the report.
        const full = await send({ type: "job/get" });
        if (!full) return;
        const blob = new Blob([toCsv(reportRows(full.job))], { type: "text/csv;charset=utf-8" });
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = `rapport-tiers-assistant-${job.createdAt.slice(0, 10)}.csv`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      });
      button(t("jobClose"), () => {
        hidden = true;
        render(null);
      });
    }
    bar.append(actions);
    root.replaceChildren(bar);
  };

  const metrics = pageMetrics(ctx.detectMs);
  const handle = (reply: JobReply) => {
    if (reply.view?.here) metrics.keep();
    const started = performance.now();
    render(reply.view);
    metrics.script(performance.now() - started);
    // A running job with nothing to do here waits for this page to change (a list swapped in place
    // still showing the previous page): the next change is reported, once.
    if (!reply.command && reply.view?.here && reply.view.job.status === "running") {
      awaiting = true;
      // It may have changed while the answer was on its way (no run reports it then).
      if (observationKey(observe(ctx.page, document)) !== lastKey) {
        clearTimeout(settle);
        settle = setTimeout(reportWhenReady, JOB_SETTLE_MS);
      }
    }
    schedule(reply.command, reply.view?.job.id ?? "");
  };

  const schedule = (command: Command | null, jobId: string) => {
    clearTimeout(timer);
    if (!command || ctx.signal.aborted) return;
    timer = setTimeout(() => {
      // Cut off from the extension (an update, takeover.ts), a step could not be reported: the
      // job would do it again from the new script. One action per client: none here.
      if (extensionGone()) return;
      const started = performance.now();
      void execute(command, document, ctx.bridge).then(async (event) => {
        metrics.script(performance.now() - started);
        // The page the command leads to reports itself: a new document, or this one changed in place.
        awaiting = event === null;
        if (!event) return;
        const asked = performance.now();
        const reply = await send({ type: "job/event", jobId, event });
        metrics.wait(performance.now() - asked);
        handle(reply);
      });
    }, command.delayMs);
  };

  // The background pokes the job's tab when the job resumes there. A tab becomes the job's by
  // reporting (or by creating the job, after its first report), so the listener is added then: a page
  // not yet settled touches no extension API at all (its first use costs ~1 ms of the page's time).
  let listening = false;
  const onMessage = (message: unknown) => {
    if ((message as { type?: unknown })?.type === "job/poke") void report();
  };
  const listen = () => {
    if (listening || ctx.signal.aborted) return;
    listening = true;
    browser.runtime.onMessage.addListener(onMessage);
  };

  // The site's own load time of this page (Navigation Timing), sent once with the first report.
  let loadSent = false;
  const report = () => {
    listen();
    reported = true;
    awaiting = false;
    clearTimeout(settle);
    clearTimeout(grace);
    const started = performance.now();
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const first = !loadSent;
    const loadMs = first && nav ? Math.max(nav.domContentLoadedEventEnd, nav.responseEnd) : undefined;
    loadSent = true;
    // Only a job's page leaves its figures to the next one.
    const previous = ctx.jobAtStart ? metrics.previous() : undefined;
    // The first report describes the page as recognised at load; a later one (the background pokes
    // the tab, e.g. when the job resumes here) reads it again, as the site may have changed it since.
    const observation = observe(first ? ctx.page : ctx.detect(document, location), document);
    lastKey = observationKey(observation);
    const asked = performance.now();
    metrics.script(asked - started);
    const page = ctx.page;
    const seen =
      loadMs !== undefined && page
        ? {
            page: page.understood
              ? { understood: true as const, kind: page.kind }
              : { understood: false as const, kind: page.kind, missing: page.missing },
          }
        : {};
    return send({
      type: "job/report",
      observation,
      ...(loadMs !== undefined ? { loadMs } : {}),
      ...(previous ?? {}),
      ...seen,
    }).then(
      (reply) => {
        metrics.wait(performance.now() - asked);
        announceJob(reply.view !== null && isActive(reply.view.job.status));
        handle(reply);
      },
      (e: unknown) => {
        announceJob(false);
        console.warn("Tiers Assistant :", e);
      },
    );
  };

  ctx.signal.addEventListener("abort", () => {
    clearTimeout(timer);
    clearTimeout(settle);
    clearTimeout(grace);
    if (listening) browser.runtime.onMessage.removeListener(onMessage);
  });
  // Reported once the page is settled, says nothing is loading and, on the account list, shows a
  // whole list (observe.ts readyToReport): at once on a page's first report, after JOB_SETTLE_MS
  // without change after an in-place command. A page that stays otherwise is reported as it is after
  // LIST_GRACE_MS without change (every relevant change runs this again and restarts the wait).
  const reportWhenReady = () => {
    clearTimeout(grace);
    if (!busy(document) && readyToReport(observe(ctx.page, document))) {
      void report();
      return;
    }
    grace = setTimeout(() => void report(), LIST_GRACE_MS);
  };
  return (now: FeatureContext) => {
    clearTimeout(settle);
    if (!now.settled) return;
    if (!reported) {
      reportWhenReady();
      return;
    }
    if (!awaiting) return;
    if (observationKey(observe(now.page, document)) === lastKey) return;
    settle = setTimeout(reportWhenReady, JOB_SETTLE_MS);
  };
}
