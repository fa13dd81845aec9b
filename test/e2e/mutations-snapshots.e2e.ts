// Page snapshots from the field (test/fixtures/snapshots) loaded in Chromium under the real match
// patterns: the extension's status mark must say what NAME.json says. `npm test` leaves out the ones
// known to fail until the fixes of issue 13 land; TIERS_MUTATIONS=all (npm run test:mutations) runs all.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SNAPSHOTS_FAILING_TODAY, snapshots } from "../demo-site/snapshots.ts";
import { markNow, openSession, type Session } from "./support.ts";

let session: Session;
let page: Page;
beforeAll(async () => {
  session = await openSession();
  page = await session.browser.context.newPage();
});
afterAll(async () => session?.close());

const everything = process.env.TIERS_MUTATIONS === "all";

describe("page snapshots in the browser", () => {
  for (const s of snapshots().filter((x) => everything || !SNAPSHOTS_FAILING_TODAY[x.name])) {
    it(`${s.name}: ${s.kind}, ${s.understood ? "understood" : "not understood"}`, async () => {
      const host = new URL(s.url).host;
      await page.goto(session.demo.url(host, `/__demo/snapshots/${s.name}`));
      const read = async () => {
        const mark = await markNow(page);
        return mark && { kind: mark.kind, understood: mark.understood };
      };
      await expect
        .poll(read, { timeout: 10_000, message: `status mark of snapshot ${s.name}` })
        .toEqual({ kind: s.kind, understood: s.understood });
    });
  }
});
