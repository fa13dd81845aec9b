// What a feature page's first run of our code is spent on, stage by stage, for the page-load bench
// (`BENCH_STAGES=on`, test/bench/pageload.ts). A page's total moves by several ms from run to run; a
// stage read on the thread's clock by a few tenths of one, so a change is seen where it acts.
// A stage's two marks are console.timeStamp calls: trace events that only a recording trace sees.
// Nothing enters the page's performance timeline (which the page's scripts read), and with no trace
// recording the calls cost next to nothing. Only page-features.js marks stages: a page where no
// feature applies never makes these calls.

/** What starts every stage's mark; its end adds STAGE_END to the stage's name. */
export const STAGE_MARK = "tiers-assistant stage ";
export const STAGE_END = ":fin";

/** Runs `run` as the stage `name`: its synchronous part, up to the first `await` of an async one. */
export function inStage<T>(name: string, run: () => T): T {
  console.timeStamp?.(STAGE_MARK + name);
  try {
    return run();
  } finally {
    console.timeStamp?.(STAGE_MARK + name + STAGE_END);
  }
}
