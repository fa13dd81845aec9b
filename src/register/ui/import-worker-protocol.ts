// What the import tab and its worker (import-worker.ts) say to each other. Types only: the page's chunk
// must not pull the spreadsheet reader, which lives in the worker's own bundle.
import type { ImportMapping } from "../model/table-import.ts";
import type { ReadTableResult } from "../model/table-read.ts";

export interface ImportWorkerRequest {
  file: File;
}

export interface ImportWorkerReply {
  result: ReadTableResult;
  /** The proposed mapping of the table's columns (detectMapping), when the file was read. */
  mapping: ImportMapping | null;
}
