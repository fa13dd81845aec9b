// The page-load bench's figures (pageload.ts): the median of per-load differences between two arms,
// and how far it can be trusted. The same build moves by up to 5 ms from run to run on a 2-core machine,
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
  // As many resampled medians cut below the interval as above it (50 of 2,000 each side).
  const cut = Math.floor(0.025 * medians.length);
  const at = (i: number) => medians[i] ?? Number.NaN;
  return { median: median(diffs), low: at(cut), high: at(medians.length - 1 - cut) };
}
