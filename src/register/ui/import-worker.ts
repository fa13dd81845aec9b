// The import tab's worker: reads one chosen File (CSV or XLSX) off the page's main thread and proposes
// the column mapping. The page starts one worker per file and ends it after a time limit
// (import-read.ts), so a file that is too slow or too big can neither freeze nor crash the page.
import { detectMapping } from "../model/table-import.ts";
import { MAX_FILE_BYTES, readTable, tooLargeMessage } from "../model/table-read.ts";
import type { ImportWorkerReply, ImportWorkerRequest } from "./import-worker-protocol.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(reply: ImportWorkerReply): void;
};

export async function readFileForImport(file: File): Promise<ImportWorkerReply> {
  // A file over the limit is refused from its size: never more than the limit + 1 byte is read.
  if (file.size > MAX_FILE_BYTES) {
    return {
      result: { ok: false, code: "too-large", error: tooLargeMessage(file.name, file.size) },
      mapping: null,
    };
  }
  const bytes = new Uint8Array(await file.slice(0, MAX_FILE_BYTES + 1).arrayBuffer());
  const result = await readTable(bytes, file.name);
  return { result, mapping: result.ok ? detectMapping(result.table.headers) : null };
}

scope.onmessage = (event) => {
  void readFileForImport(event.data.file).then((reply) => scope.postMessage(reply));
};
