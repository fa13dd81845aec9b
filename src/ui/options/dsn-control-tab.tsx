export function startWorker(): Worker {
  return new Worker(new URL("./dsn-worker.ts", import.meta.url), { type: "module" });
}
