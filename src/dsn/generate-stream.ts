/**
 * A DSN of any size streamed without being held: the head of a generated monthly file (envoi, entreprise,
 * établissement, bordereau), then its individuals repeated until `totalBytes`, then its S90 block. For
 * the "2 GB file, bounded memory" test and benchmark: nothing is written to disk and only one ~1 MB
 * chunk exists at a time (the same chunk object is yielded again: readers must not keep it).
 */
import { generateDsn } from "./generate.ts";

export interface LargeStreamOptions {
  totalBytes: number;
  seed?: number;
  /** Individuals of the generated file that is repeated. */
  employees?: number;
  chunkBytes?: number;
}

function indexOfLine(bytes: Uint8Array, prefix: string): number {
  const text = new TextDecoder("latin1").decode(bytes);
  const at = text.indexOf(`\n${prefix}`);
  if (at < 0) throw new Error(`no line ${prefix}`);
  return at + 1;
}

export function* largeDsnStream(options: LargeStreamOptions): Generator<Uint8Array> {
  const file = generateDsn({ employees: options.employees ?? 200, seed: options.seed ?? 1 });
  const first = indexOfLine(file, "S21.G00.30.001");
  const last = indexOfLine(file, "S90.G00.90.001");
  const head = file.subarray(0, first);
  const body = file.subarray(first, last);
  const tail = file.subarray(last);
  const reps = Math.max(1, Math.floor((options.chunkBytes ?? 1 << 20) / body.length));
  const block = new Uint8Array(reps * body.length);
  for (let i = 0; i < reps; i++) block.set(body, i * body.length);
  yield head;
  let sent = head.length;
  while (sent + block.length + tail.length <= options.totalBytes) {
    yield block;
    sent += block.length;
  }
  yield tail;
}
