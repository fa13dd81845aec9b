// The import's reading in a worker: the reply when the worker answers, a French timeout that ends the
// worker, a failure (worker crashed, out of memory) that ends it too; and the worker's own function.
import { describe, expect, it } from "vitest";
import { cell, registerSheet, sheetXml, xlsxOf } from "../../../test/fuzz/zip.ts";
import { MAX_FILE_BYTES } from "../model/table-read.ts";
import { readInWorker, type WorkerLike } from "./import-read.ts";
import { readFileForImport } from "./import-worker.ts";
import type { ImportWorkerReply } from "./import-worker-protocol.ts";

/** A fake worker that answers with `behaviour` and records whether it was ended. */
function fakeWorker(behaviour: "answer" | "hang" | "crash") {
  const state = { terminated: false, posted: 0 };
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(request) {
      state.posted++;
      if (behaviour === "answer") {
        void readFileForImport(request.file).then((reply) =>
          worker.onmessage?.({ data: reply } as MessageEvent<ImportWorkerReply>),
        );
      } else if (behaviour === "crash") {
        setTimeout(() => worker.onerror?.({ preventDefault() {} } as ErrorEvent), 5);
      }
    },
    terminate() {
      state.terminated = true;
    },
  };
  return { worker, state };
}

const csv = (text: string, name = "clients.csv") => new File([text], name);

describe("readInWorker", () => {
  it("returns the worker's table and proposed mapping, then ends the worker", async () => {
    const { worker, state } = fakeWorker("answer");
    const read = await readInWorker(csv("Type;SIREN;Raison sociale\nEmployeur;552100554;Acme\n"), {
      start: () => worker,
    });
    expect(read.kind).toBe("read");
    if (read.kind !== "read" || !read.result.ok) throw new Error("expected a table");
    expect(read.result.table.rows).toEqual([["Employeur", "552100554", "Acme"]]);
    expect(read.mapping).toEqual(["kind", "siren", "raisonSociale"]);
    expect(state).toEqual({ terminated: true, posted: 1 });
  });

  it("stops a worker that does not answer within the time limit", async () => {
    const { worker, state } = fakeWorker("hang");
    const t = performance.now();
    const read = await readInWorker(csv("x"), { start: () => worker, timeLimitMs: 50 });
    expect(read).toEqual({ kind: "timeout", seconds: 0 });
    expect(performance.now() - t).toBeGreaterThanOrEqual(45);
    expect(state.terminated).toBe(true);
  });

  it("reports a worker that crashed, and one that could not start", async () => {
    const { worker, state } = fakeWorker("crash");
    expect(await readInWorker(csv("x"), { start: () => worker })).toEqual({ kind: "failed" });
    expect(state.terminated).toBe(true);
    const broken = () => {
      throw new Error("no workers here");
    };
    expect(await readInWorker(csv("x"), { start: broken })).toEqual({ kind: "failed" });
  });
});

describe("readFileForImport (the worker's work)", () => {
  it("refuses a file over the limit from its size, without reading it", async () => {
    const huge = new File([new Uint8Array(8)], "enorme.csv");
    Object.defineProperty(huge, "size", { value: 1_900_000_000 });
    let read = false;
    huge.slice = () => {
      read = true;
      throw new Error("must not be read");
    };
    const reply = await readFileForImport(huge);
    expect(read).toBe(false);
    expect(reply.result).toMatchObject({ ok: false, code: "too-large" });
    expect(!reply.result.ok && reply.result.error).toMatch(/pèse 1\s812 Mo : la limite est de 20 Mo/);
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
  });

  it("refuses a workbook with a far cell as a limit, and reads a sound one", async () => {
    const far = xlsxOf(
      sheetXml(`<row r="1">${cell("A1", "SIREN")}</row><row r="900000">${cell("A900000", "x")}</row>`),
    );
    const refused = await readFileForImport(new File([far as Uint8Array<ArrayBuffer>], "loin.xlsx"));
    expect(refused.result).toMatchObject({ ok: false, code: "too-many-rows" });
    const ok = await readFileForImport(
      new File([xlsxOf(registerSheet(2)) as Uint8Array<ArrayBuffer>], "ok.xlsx"),
    );
    expect(ok.mapping).toEqual(["kind", "siren", "raisonSociale"]);
  });
});
