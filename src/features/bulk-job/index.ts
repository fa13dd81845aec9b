// The bulk job on the Urssaf pages: this page reports what it shows, executes the one command the
// background answers (after the job's pace), and shows the job's progress in a small toolbar with
// pause / resume / cancel and, at the end, the report as CSV.
import { browser, t } from "../../browser.ts";
import { toCsv } from "../../domain/csv.ts";
import { type Command, isActive, reportRows } from "../../domain/jobs.ts";
import type { JobReply, JobView } from "../../messages.ts";
import { send } from "../../send.ts";
import type { Feature, FeatureContext } from "../registry.ts";
import { execute } from "./execute.ts";
import { observe } from "./observe.ts";

const SPENT_KEY = "tiers-assistant:job-ms";

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

function remaining(view: JobView): string | null {
  const { progress, job } = view;
  const left = progress.total - progress.finished;
  if (progress.finished === 0 || left === 0) return null;
  const perItem = (Date.now() - Date.parse(job.createdAt)) / progress.finished;
  return t("jobRemaining", String(Math.max(1, Math.round((perItem * left) / 60_000))));
}

function statusText(view: JobView): string {
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

export const bulkJob: Feature = {
  id: "travail-groupe",
  runsOn: () => true,
  run(ctx: FeatureContext) {
    let root: ShadowRoot | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hidden = false;

    const render = (view: JobView | null) => {
      const show = view && !hidden && (view.here || view.orphan || isActive(view.job.status));
      if (!show) {
        root?.replaceChildren();
        return;
      }
      root ??= ctx.mount();
      const { job, progress } = view;
      const bar = document.createElement("section");
      bar.className = `bar ${job.status}`;
      bar.setAttribute("aria-label", t("jobTitle"));
      const title = document.createElement("h2");
      title.textContent = t(job.items[0]?.action === "resign" ? "jobTitleResign" : "jobTitleAdd");
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
        b.addEventListener("click", onClick);
        actions.append(b);
      };
      const act = (what: "pause" | "resume" | "cancel" | "resume-here") => () => {
        void send({ type: "job/control", what }).then((v) => {
          render(v);
          if (what === "pause" || what === "cancel") clearTimeout(timer);
        });
      };
      if (view.orphan || job.status === "waiting-tab") button(t("jobResumeHere"), act("resume-here"));
      else if (job.status === "running") button(t("jobPause"), act("pause"));
      else if (job.status === "paused" || job.status === "stopped") button(t("jobResume"), act("resume"));
      if (isActive(job.status) || job.status === "stopped") button(t("jobCancel"), act("cancel"), true);
      if (["done", "cancelled", "stopped"].includes(job.status)) {
        button(t("jobExport"), () => {
          const blob = new Blob([toCsv(reportRows(job))], { type: "text/csv;charset=utf-8" });
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
      const style = document.createElement("style");
      style.textContent = STYLE;
      root.replaceChildren(style, bar);
    };

    const handle = (reply: JobReply) => {
      render(reply.view);
      schedule(reply.command, reply.view?.job.id ?? "");
    };

    const schedule = (command: Command | null, jobId: string) => {
      clearTimeout(timer);
      if (!command || ctx.signal.aborted) return;
      timer = setTimeout(() => {
        const started = performance.now();
        void execute(command, document, ctx.bridge).then(async (event) => {
          spent(performance.now() - started);
          if (event) handle(await send({ type: "job/event", jobId, event }));
        });
      }, command.delayMs);
    };

    // Metrics for the benchmark, not for the user: the site's own load time of this page, and the time
    // our code spent on the previous page of this tab (observe, ask the background, execute), carried
    // over the navigation in sessionStorage.
    let loadMs: number | undefined;
    let pageSpent = ctx.detectMs;
    const spent = (ms: number) => {
      pageSpent += ms;
      try {
        sessionStorage.setItem(SPENT_KEY, String(Math.round(pageSpent)));
      } catch {
        // No storage: the metric is only lost.
      }
    };
    const report = () => {
      const started = performance.now();
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const measured =
        loadMs === undefined && nav ? Math.max(nav.domContentLoadedEventEnd, nav.responseEnd) : undefined;
      let carried: number | undefined;
      if (measured !== undefined) {
        loadMs = measured;
        try {
          carried = Number(sessionStorage.getItem(SPENT_KEY)) || undefined;
          sessionStorage.removeItem(SPENT_KEY);
        } catch {
          carried = undefined;
        }
      }
      return send({
        type: "job/report",
        observation: observe(ctx.page, document),
        ...(measured !== undefined ? { loadMs: measured } : {}),
        ...(carried !== undefined ? { spentMs: carried } : {}),
      }).then(
        (reply) => {
          spent(performance.now() - started);
          handle(reply);
        },
        (e: unknown) => console.warn("Tiers Assistant :", e),
      );
    };

    const onMessage = (message: unknown) => {
      if ((message as { type?: unknown })?.type === "job/poke") void report();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    });
    void report();
  },
};
