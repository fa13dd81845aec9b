import { isActive } from "../../domain/jobs.ts";
import { send } from "../../send.ts";

/** Whether a bulk job is under way (other features of the list page then stay out of its way). */
export async function jobRunning(): Promise<boolean> {
  const view = await send({ type: "job/get" }).catch(() => null);
  return view !== null && isActive(view.job.status);
}
