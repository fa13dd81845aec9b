// What the options page and its DSN worker (dsn-worker.ts) say to each other. Types only, no code:
// the page's chunk must not pull the reader and the checks, which live in the worker's own bundle.
import type { DsnCheckContext, DsnReport } from "../report.ts";

/** The check context as it crosses postMessage (a Set does too, but an array is plainer). */
export interface WorkerContext extends Omit<DsnCheckContext, "clientSirens"> {
  clientSirens: string[];
}

export interface WorkerRequest {
  id: number;
  file: File;
  context: WorkerContext;
}

export type WorkerReply =
  | { id: number; type: "progress"; bytes: number; total: number }
  | { id: number; type: "done"; report: DsnReport; families: Record<string, string> }
  | { id: number; type: "failed"; message: string };
