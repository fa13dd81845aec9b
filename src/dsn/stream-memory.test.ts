// "A 2 GB file: memory stays bounded by the largest individual, not the file" (issue 6). A file of that
// size is streamed in the benchmark (`npm run bench`); here a 40 MB stream is enough to show that the live
// heap while reading does not grow with what was read: it is measured after a full GC at several points
// of the stream, and must stay small and flat.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { generatedFirmContext } from "./generate.ts";
import { largeDsnStream } from "./generate-stream.ts";
import { checkDsn } from "./report.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe("checkDsn on a stream far larger than memory needs", () => {
  it("keeps the live heap flat while 40 MB stream through (no copy of the file, no growth per line)", async () => {
    const total = 40 * 1024 * 1024;
    const samples: { at: number; live: number }[] = [];
    let read = 0;
    let base = 0;
    async function* source() {
      let n = 0;
      for (const chunk of largeDsnStream({ totalBytes: total, seed: 3 })) {
        // Every 6 chunks (~6 MB): the live heap, checks and tree included.
        if (n++ % 6 === 3) samples.push({ at: read, live: liveHeap() - base });
        read += chunk.length;
        yield chunk;
      }
    }
    base = liveHeap();
    const report = await checkDsn(source(), generatedFirmContext());
    expect(report.stats.bytes).toBe(read);
    expect(read).toBeGreaterThan(total - (2 << 20));
    expect(report.declarations[0]?.individuals).toBeGreaterThan(10_000);
    // The repeated individuals make findings (same NIRs, S90 count), capped per check: none is a read error.
    expect(report.errors.filter((e) => e.severity === "error").map((e) => e.kind)).toEqual([]);
    expect(samples.length).toBeGreaterThanOrEqual(5);
    const lives = samples.map((s) => s.live);
    // Bounded: a few MB (findings capped at 1,000 per check, one individual at a time), not the file.
    expect(Math.max(...lives), JSON.stringify(samples)).toBeLessThan(12 * 1024 * 1024);
    // Flat: the last sample (~33 MB read) is not above the first (~3 MB read) by more than 4 MB.
    expect((lives.at(-1) as number) - (lives[0] as number)).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});
