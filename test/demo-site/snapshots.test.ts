// @vitest-environment happy-dom
// Page snapshots sent from the field (test/fixtures/snapshots/NAME.html, masked skeletons of pages the
// extension did not understand) become regression tests: each must be recognised as NAME.json says.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectPage } from "../../src/pages/index.ts";
import { SNAPSHOTS } from "./server.ts";

interface Expected {
  url: string;
  kind: string;
  understood: boolean;
  source: string;
}

/** Snapshots our adapters do not read yet (issue 13 point 2, branch `pages`): the test proves they still fail. */
const FAILING_TODAY: Record<string, string> = {
  "connexion-app-shell": "« Je me connecte → » as <input type=submit>: missing « Je me connecte »",
};

const names = readdirSync(SNAPSHOTS)
  .filter((f) => f.endsWith(".html"))
  .map((f) => f.replace(/\.html$/, ""));

describe("page snapshots", () => {
  it("has one expectation per snapshot", () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const expected = JSON.parse(readFileSync(`${SNAPSHOTS}/${name}.json`, "utf8")) as Expected;
      expect(expected, name).toMatchObject({ url: expect.stringMatching(/^https:\/\/[a-z]+\.urssaf\.fr\//) });
    }
  });

  for (const name of names) {
    const run = FAILING_TODAY[name] ? it.fails : it;
    run(`recognises ${name}${FAILING_TODAY[name] ? ` (fails today: ${FAILING_TODAY[name]})` : ""}`, () => {
      const expected = JSON.parse(readFileSync(`${SNAPSHOTS}/${name}.json`, "utf8")) as Expected;
      document.open();
      document.write(readFileSync(`${SNAPSHOTS}/${name}.html`, "utf8"));
      document.close();
      const page = detectPage(document, new URL(expected.url));
      expect(
        { kind: page?.kind ?? null, understood: page?.understood ?? false },
        JSON.stringify(page && !page.understood ? page : page?.kind),
      ).toEqual({ kind: expected.kind, understood: expected.understood });
    });
  }
});
