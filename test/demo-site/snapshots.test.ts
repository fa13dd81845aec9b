// @vitest-environment happy-dom
// Page snapshots sent from the field become regression tests: each must be recognised as its NAME.json
// says (page kind, understood) by the adapters of src/pages.
import { describe, expect, it } from "vitest";
import { detectPage } from "../../src/pages/index.ts";
import { SNAPSHOTS_FAILING_TODAY, snapshots } from "./snapshots.ts";

const all = snapshots();

describe("page snapshots", () => {
  it("has snapshots, each with an Urssaf URL and an expectation", () => {
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      expect(s.url, s.name).toMatch(/^https:\/\/[a-z]+\.urssaf\.fr\//);
      expect(typeof s.understood, s.name).toBe("boolean");
      expect(s.kind, s.name).not.toBe("");
    }
  });

  for (const s of all) {
    const failing = SNAPSHOTS_FAILING_TODAY[s.name];
    (failing ? it.fails : it)(`recognises ${s.name}${failing ? ` (fails today: ${failing})` : ""}`, () => {
      document.open();
      document.write(s.html);
      document.close();
      const page = detectPage(document, new URL(s.url));
      expect(
        { kind: page?.kind ?? null, understood: page?.understood ?? false },
        JSON.stringify(page && !page.understood ? page : page?.kind),
      ).toEqual({ kind: s.kind, understood: s.understood });
    });
  }
});
