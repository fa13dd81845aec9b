// The bulk jobs' and the portfolio's message handlers.

import type { Runtime } from "../core/browser.ts";
import type { HandlersOf } from "../core/message-spec.ts";
import type { SeenPage } from "../core/seen-page.ts";
import { unpackRow } from "../register/model/register.ts";
import type { RegisterStore } from "../register/store.ts";
import { formatDateTime } from "../ui/common/format.ts";
import type { JobRunner } from "./job-runner.ts";
import type { PORTFOLIO_MESSAGES } from "./messages.ts";
import { comparePortfolio } from "./model/portfolio.ts";

export function createPortfolioHandlers(
  jobs: JobRunner,
  register: RegisterStore,
  /** Records the page a report says it is (the popup's "last page"). */
  pageSeen: (page: SeenPage, sender: Runtime.MessageSender) => Promise<void>,
): HandlersOf<typeof PORTFOLIO_MESSAGES> {
  return {
    "job/create": (m, sender) =>
      jobs.create(m.action, m.clientIds ?? [], m.accounts ?? [], m.paceMs, sender, m.pageTimeoutMs),
    async "job/report"(m, sender) {
      const reply = await jobs.report(m.observation, sender, m.loadMs, {
        scriptMs: m.scriptMs,
        waitMs: m.waitMs,
      });
      // The page's first report also says which page it is (the popup's "last page"): written after the
      // job's own step, so the job never waits behind it.
      if (m.page) pageSeen(m.page, sender).catch((e: unknown) => console.warn("Tiers Assistant :", e));
      return reply;
    },
    "job/event": (m, sender) => jobs.event(m.jobId, m.event, sender),
    "job/control": (m, sender) => jobs.control(m.what, sender),
    "job/get": (_m, sender) => jobs.get(sender),
    "portfolio/get": () => jobs.portfolio(),
    async "portfolio/summary"() {
      const snapshot = await jobs.portfolio();
      if (!snapshot) return null;
      const listing = await register.listing();
      const diff = comparePortfolio(snapshot.accounts, listing.rows.map(unpackRow));
      return {
        readAt: snapshot.readAt,
        readAtLabel: formatDateTime(snapshot.readAt),
        accounts: snapshot.accounts.length,
        toRegister: diff.toRegister.map((c) => c.id),
        toResign: diff.toResign.length,
        mismatches: diff.mismatches.length,
      };
    },
  };
}
