import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRefreshPacer } from "./refresh-pacer.ts";

describe("createRefreshPacer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("computes once, 1 s after the last of a burst of changes", () => {
    const refresh = vi.fn();
    const pacer = createRefreshPacer(refresh);
    for (let i = 0; i < 5; i++) {
      pacer.changed();
      vi.advanceTimersByTime(500);
    }
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("while a job runs, once every 30 s whatever the number of changes", () => {
    const refresh = vi.fn();
    const pacer = createRefreshPacer(refresh);
    pacer.jobRunning(true);
    // A client finished every 5 s for a minute.
    for (let i = 0; i < 12; i++) {
      pacer.changed();
      vi.advanceTimersByTime(5_000);
    }
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("1 s after the job stops running when a change is still waiting", () => {
    const refresh = vi.fn();
    const pacer = createRefreshPacer(refresh);
    pacer.jobRunning(true);
    pacer.changed();
    vi.advanceTimersByTime(10_000);
    pacer.jobRunning(false);
    vi.advanceTimersByTime(999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    // Nothing more waits: no other computation.
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("a job ending with nothing waiting computes nothing", () => {
    const refresh = vi.fn();
    const pacer = createRefreshPacer(refresh);
    pacer.jobRunning(true);
    pacer.jobRunning(false);
    vi.advanceTimersByTime(60_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
