// The page-load bench's figures (pageload.ts): the median of per-load differences between two arms,
// and how far it can be trusted. The same build moves by ±3 ms from run to run on a 2-core machine,
// so a median alone cannot tell a 1 ms change, or a goal met by 0.5 ms, from noise: each figure
// comes with a 95 % percentile-bootstrap interval of that median (resampling the pairs). Pure, seeded.
import { Rng } from "../demo-site/data.ts";

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface PairedFigure {
  /** Median of a[i] − b[i]. */
  median: number;
  /** 95 % interval of that median (2.5th and 97.5th percentiles of the resampled medians). */
  low: number;
  high: number;
}

/** Pairs are taken up to the shorter list; a pair with a missing value (NaN) is left out. */
export function pairedMedian(
  a: readonly number[],
  b: readonly number[],
  resamples = 2_000,
  seed = 13,
): PairedFigure {
  const diffs: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (Number.isFinite(d)) diffs.push(d);
  }
  const rng = new Rng(seed);
  const medians: number[] = [];
  for (let r = 0; r < resamples && diffs.length > 0; r++)
    medians.push(median(diffs.map(() => diffs[Math.floor(rng.next() * diffs.length)] as number)));
  medians.sort((x, y) => x - y);
  const at = (q: number) =>
    medians[Math.min(medians.length - 1, Math.floor(q * medians.length))] ?? Number.NaN;
  return { median: median(diffs), low: at(0.025), high: at(0.975) };
}
