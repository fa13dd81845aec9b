// The DSN worker module run in Node: a File streamed through it gives progress, then the same report
// as checkDsn on the bytes, with the check families' labels; files are handled one after the other.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHECK_FAMILIES } from "../checks/index.ts";
import { generateDsn, generatedFirmContext } from "../generate.ts";
import { checkDsn } from "../report.ts";
import type { WorkerReply, WorkerRequest } from "./dsn-worker-protocol.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage: ((reply: WorkerReply) => void) | undefined;
};
const replies: WorkerReply[] = [];
const saved = scope.postMessage;

beforeAll(async () => {
  scope.postMessage = (reply) => replies.push(reply);
  await import("./dsn-worker.ts");
});
afterAll(() => {
  scope.onmessage = null;
  scope.postMessage = saved;
});

const until = async (test: () => boolean) => {
  for (let i = 0; i < 500 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
};

it("streams each File through the checks and posts the report", async () => {
  const context = generatedFirmContext();
  const big = generateDsn({ employees: 400, seed: 8, plant: ["bordereau-total"] });
  const { clientSirens: _none, ...plain } = context;
  const request = (id: number, file: File): { data: WorkerRequest } => ({
    data: { id, file, context: { ...plain, clientSirens: [] } },
  });
  scope.onmessage?.(request(1, new File([big as Uint8Array<ArrayBuffer>], "gros.dsn")));
  scope.onmessage?.(request(2, new File([], "vide.dsn")));
  await until(() => replies.filter((r) => r.type === "done").length === 2);

  const done = replies.filter((r): r is Extract<WorkerReply, { type: "done" }> => r.type === "done");
  expect(done.map((r) => r.id)).toEqual([1, 2]);
  const expected = await checkDsn(big, context);
  const first = done[0];
  expect(first?.report.findings).toEqual(expected.findings);
  expect(first?.report.declarations).toEqual(expected.declarations);
  expect(first?.report.stats.bytes).toBe(big.length);
  expect(first?.report.findings.some((f) => f.check === "control.bordereau-total")).toBe(true);
  expect(first?.families).toEqual(Object.fromEntries(CHECK_FAMILIES.map((f) => [f.id, f.label])));
  expect(done[1]?.report.errors[0]?.kind).toBe("empty-file");
  // Progress reports come before the file's report and never exceed its size.
  const progress = replies.flatMap((r, i) => (r.type === "progress" ? [{ ...r, i }] : []));
  expect(progress.length).toBeGreaterThan(0);
  const doneAt = replies.indexOf(first as WorkerReply);
  for (const p of progress) {
    expect(p).toMatchObject({ id: 1, total: big.length });
    expect(p.bytes).toBeLessThanOrEqual(big.length);
    expect(p.i).toBeLessThan(doneAt);
  }
});
