import { send } from "../../../core/send.ts";
import { isActive } from "../../model/jobs.ts";

// The bulk-job feature asks the background on every page anyway (its first report): the other
// features of the page wait for that answer instead of asking again, so a running job's page pays for
// one message, not three.
let settle: ((running: boolean) => void) | null = null;
const firstReport = new Promise<boolean>((resolve) => {
  settle = resolve;
});
let announced = false;

/** Called by the bulk-job feature with what its first report learnt. */
export function announceJob(running: boolean): void {
  announced = true;
  settle?.(running);
}

/** Whether a bulk job is under way (other features of the list page then stay out of its way). */
export async function jobRunning(): Promise<boolean> {
  if (announced) return firstReport;
  // Without the bulk-job feature's answer in time (it failed, or does not run here), ask directly.
  const fallback = new Promise<boolean>((resolve) => setTimeout(resolve, 3_000)).then(async () => {
    if (announced) return firstReport;
    const view = await send({ type: "job/get" }).catch(() => null);
    return view !== null && isActive(view.job.status);
  });
  return Promise.race([firstReport, fallback]);
}
