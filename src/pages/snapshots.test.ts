// @vitest-environment happy-dom
// Page snapshots (test/fixtures/snapshots: a page's skeleton as a pilot firm would send it, or written
// by hand from a page the adapters failed on) are read by the adapters as the snapshot says they
// should be: what failed in the field stays fixed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectPage } from "./detect.ts";

const DIR = join(import.meta.dirname, "../../test/fixtures/snapshots");

interface Expectation {
  url: string;
  kind: string;
  understood: boolean;
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && f !== "biome.json")
  .map(
    (f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(DIR, f), "utf8")) as Expectation] as const,
  );

describe("field snapshots", () => {
  it.each(cases)("%s", (name, expected) => {
    const html = readFileSync(join(DIR, `${name}.html`), "utf8");
    const doc = new DOMParser().parseFromString(html, "text/html");
    const page = detectPage(doc, new URL(expected.url));
    expect(page).toMatchObject({ kind: expected.kind, understood: expected.understood });
  });
});
