// The DSN worker of the options page's "Contrôle DSN" tab: streams a dropped File (file.stream())
// through the pure reader and the seven check families (src/dsn/report.ts), off the page's main thread,
// and reports progress. Nothing here touches the network or the extension's APIs.
import { CHECK_FAMILIES } from "../checks/index.ts";
import { checkDsn } from "../report.ts";
import type { WorkerReply, WorkerRequest } from "./dsn-worker-protocol.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
};

const FAMILIES: Record<string, string> = Object.fromEntries(CHECK_FAMILIES.map((f) => [f.id, f.label]));
const PROGRESS_EVERY_MS = 100;

/** The File's bytes as they come, with a progress report at most every 100 ms. */
async function* chunks(file: File, id: number): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  let bytes = 0;
  let last = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        scope.postMessage({ id, type: "progress", bytes, total: file.size });
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads one file; the requests are handled one after the other (the next waits for this one). */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const { id, file, context } = event.data;
  queue = queue.then(async () => {
    try {
      const report = await checkDsn(chunks(file, id), {
        ...context,
        clientSirens: new Set(context.clientSirens),
      });
      scope.postMessage({ id, type: "done", report, families: FAMILIES });
    } catch (error) {
      scope.postMessage({
        id,
        type: "failed",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
};
