// Reading a chosen file for the import tab: in a fresh worker (import-worker.ts), ended after
// READ_TIME_LIMIT_MS or when it fails (out of memory…), with a French message that says so. The
// worker's limits in table-read.ts refuse hostile files in well under a second; the time limit is the
// last guard for whatever they miss.
import type { ImportWorkerReply, ImportWorkerRequest } from "./import-worker-protocol.ts";

export const READ_TIME_LIMIT_MS = 60_000;

/** The part of Worker used here (a test passes a fake). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<ImportWorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(request: ImportWorkerRequest): void;
  terminate(): void;
}

export type ImportRead =
  | ({ kind: "read" } & ImportWorkerReply)
  | { kind: "timeout"; seconds: number }
  | { kind: "failed" };

const startWorker = (): WorkerLike =>
  new Worker(new URL("./import-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;

/** Reads `file` in its own worker; the worker is always ended when this settles. */
export function readInWorker(
  file: File,
  options: { timeLimitMs?: number; start?: () => WorkerLike } = {},
): Promise<ImportRead> {
  const limit = options.timeLimitMs ?? READ_TIME_LIMIT_MS;
  return new Promise((resolve) => {
    let worker: WorkerLike;
    try {
      worker = (options.start ?? startWorker)();
    } catch {
      resolve({ kind: "failed" });
      return;
    }
    const end = (outcome: ImportRead) => {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => end({ kind: "timeout", seconds: Math.round(limit / 1000) }), limit);
    worker.onmessage = (event) => end({ kind: "read", ...event.data });
    worker.onerror = (event) => {
      event.preventDefault?.();
      end({ kind: "failed" });
    };
    worker.postMessage({ file });
  });
}
