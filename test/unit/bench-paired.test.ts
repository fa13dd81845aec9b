import { describe, expect, it } from "vitest";
import { median, pairedMedian } from "../bench/paired.ts";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe("pairedMedian", () => {
  it("is the median of the per-load differences, not the difference of the medians", () => {
    // Differences 1, 10, 1: median 1; the medians' difference would be 20 - 10 = 10.
    const figure = pairedMedian([30, 20, 11], [29, 10, 10]);
    expect(figure.median).toBe(1);
  });

  it("gives an interval that holds the median and stays within the differences", () => {
    const a = [12, 15, 11, 14, 13, 16, 12, 15, 14, 13];
    const b = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    const figure = pairedMedian(a, b);
    expect(figure.median).toBe(3.5);
    expect(figure.low).toBeGreaterThanOrEqual(1);
    expect(figure.low).toBeLessThanOrEqual(3.5);
    expect(figure.high).toBeGreaterThanOrEqual(3.5);
    expect(figure.high).toBeLessThanOrEqual(6);
  });

  it("gives a zero-width interval when every difference is the same", () => {
    expect(pairedMedian([3, 4, 5], [1, 2, 3])).toEqual({ median: 2, low: 2, high: 2 });
  });

  it("is the same for the same samples (seeded), and leaves out a pair with a missing value", () => {
    const a = [5, 9, 2, 7, Number.NaN, 4];
    const b = [1, 2, 1, 3, 1, 2];
    expect(pairedMedian(a, b)).toEqual(pairedMedian(a, b));
    expect(pairedMedian(a, b).median).toBe(4);
  });
});
