import { send } from "../../send.ts";

const ACTIVE = new Set(["running", "paused", "waiting-login", "waiting-tab"]);

/** Whether a bulk job is under way (other features of the list page then stay out of its way). */
export async function jobRunning(): Promise<boolean> {
  const view = await send({ type: "job/get" }).catch(() => null);
  return view !== null && ACTIVE.has(view.job.status);
}
