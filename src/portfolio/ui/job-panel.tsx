// The running bulk job in the toolbar popup: progress, the client in hand, pause / resume / cancel.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { JobView } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { isActive } from "../model/jobs.ts";

export function JobPanel() {
  const [view, setView] = useState<JobView | null>(null);
  useEffect(() => {
    let live = true;
    const poll = () =>
      send({ type: "job/get" }).then(
        (v) => live && setView(v),
        () => undefined,
      );
    void poll();
    const timer = setInterval(poll, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  // A stopped job is shown too: it waits for the user to resume or cancel it.
  if (!view || !(isActive(view.job.status) || view.job.status === "stopped")) return null;
  const { job, progress } = view;
  const act = (what: "pause" | "resume" | "cancel") => void send({ type: "job/control", what }).then(setView);
  return (
    <section class="job" aria-labelledby="job-title" data-testid="popup-job">
      <h2 id="job-title">{t(job.items[0]?.action === "resign" ? "jobTitleResign" : "jobTitleAdd")}</h2>
      <progress max={progress.total} value={progress.finished} />
      <p role="status">
        {progress.finished} / {progress.total}
        {progress.currentName ? ` — ${t("jobCurrent", progress.currentName)}` : ""}
      </p>
      {job.reason && job.status !== "running" && <p class="warn">{job.reason}</p>}
      <div class="actions">
        {job.status === "running" && (
          <button type="button" onClick={() => act("pause")}>
            {t("jobPause")}
          </button>
        )}
        {(job.status === "paused" || job.status === "stopped") && (
          <button type="button" onClick={() => act("resume")}>
            {t("jobResume")}
          </button>
        )}
        <button type="button" class="danger" onClick={() => act("cancel")}>
          {t("jobCancel")}
        </button>
      </div>
    </section>
  );
}
