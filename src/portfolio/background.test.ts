import { describe, expect, it } from "vitest";
import { memoryArea } from "../../test/support/memory-area.ts";
import { MIGRATIONS } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { createRegisterStore } from "../register/store.ts";
import { createPortfolioHandlers } from "./background.ts";
import type { JobRunner } from "./job-runner.ts";
import type { PortfolioSnapshot } from "./model/portfolio.ts";

const now = () => new Date("2026-12-07T10:00:00Z");
const sender = {} as never;

function handlersWith(snapshot: PortfolioSnapshot | null) {
  const register = createRegisterStore(createStore(memoryArea().area, MIGRATIONS, now), now, () => "id");
  const jobs = { portfolio: async () => snapshot } as unknown as JobRunner;
  return createPortfolioHandlers(jobs, register, async () => undefined);
}

describe("portfolio summary", () => {
  it("is null before the portfolio was ever read", async () => {
    expect(await handlersWith(null)["portfolio/summary"]({ type: "portfolio/summary" }, sender)).toBeNull();
  });

  it("gives the reading's date in French, Paris time, so the page formats no date itself", async () => {
    // 09:44 UTC on 7 December is 10:44 in Paris (winter time, UTC+1).
    const summary = await handlersWith({ readAt: "2026-12-07T09:44:00.000Z", accounts: [], pages: 1 })[
      "portfolio/summary"
    ]({ type: "portfolio/summary" }, sender);
    expect(summary).toEqual({
      readAt: "2026-12-07T09:44:00.000Z",
      readAtLabel: "7 décembre 2026 à 10:44",
      accounts: 0,
      toRegister: [],
      toResign: 0,
      mismatches: 0,
    });
  });
});
