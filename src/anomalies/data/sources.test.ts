// Every source a user is shown must be a public reference they can open; nothing in src/ may point
// outside the repository (issue 16, point 4). Also: every reference the demo space shows is known.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ANOMALY_TYPES } from "../../../test/demo-site/data.ts";
import { DSN_DEADLINE_RULES, HOLIDAY_SOURCES } from "../../reminders/data/holidays.ts";
import { REMINDER_RULES } from "../../reminders/data/reminder-dates.ts";
import { referenceInfo } from "../model/panel.ts";
import { ANOMALY_CATALOGUE, findAnomaly, SUIVI_DSN_CHECKLIST_SOURCE } from "./index.ts";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** True when a text, URLs set aside, names a file or a folder of ours rather than a public reference. */
function looksLikeFilePath(text: string): boolean {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, "");
  return (
    /(^|[\s(«"'])(\.{0,2}\/)?[\w.-]+\/[\w./-]*\w\.(md|txt|tsv|ya?ml|xlsx|ts|tsx|js|json|csv)\b/i.test(
      withoutUrls,
    ) ||
    /(^|[^\w])(shared|facts|seeds|dsn-norm)\//.test(withoutUrls) ||
    /(^|\s)\/(work|home|tmp)\//.test(withoutUrls)
  );
}

/** A public reference: an official page with its URL, an article of a code, or a norm with its version. */
function isPublicReference(text: string): boolean {
  return (
    /https:\/\/[\w.-]+\.(fr|gouv\.fr|org)/.test(text) ||
    /\bart\. [LRD]\d/.test(text) ||
    /\bP\d\dV\d\d\b/.test(text)
  );
}

describe("looksLikeFilePath", () => {
  it.each([
    ["team/facts/dsn-norm/fields2024.txt (norme P24V01)", true],
    ["team/facts/calendar.md", true],
    ["/work/team/seeds/000_bda0ac512a24fe2a.txt", true],
    ["src/reminders/data/holidays.ts", true],
    ["Seed 002 ; facts/calendar.md", true],
    ["Code de la sécurité sociale, art. R133-14-2", false],
    ["Urssaf, « Table des codes types de personnel (CTP) » (https://open.urssaf.fr)", false],
    [
      "Contrôle S21.G00.50.001/CCH-14, norme DSN P24V01 (net-entreprises.fr, https://www.net-entreprises.fr)",
      false,
    ],
  ])("%s → %s", (text, expected) => {
    expect(looksLikeFilePath(text)).toBe(expected);
  });
});

describe("sources shown to the user", () => {
  const shown: string[] = [];
  for (const entry of ANOMALY_CATALOGUE) {
    const refs = entry.variants?.map((v) => v.reference) ?? [entry.reference];
    for (const ref of refs) shown.push(...referenceInfo(ref).sources.map((s) => `${ref}: ${s}`));
  }
  shown.push(...referenceInfo("UR_ANO_ZZZ_QQQ_DA999").sources.map((s) => `inconnue: ${s}`));
  shown.push(`checklist: ${SUIVI_DSN_CHECKLIST_SOURCE}`);
  const rules = REMINDER_RULES as unknown as Record<string, { source?: { ref: string } }>;
  for (const [name, rule] of Object.entries(rules))
    if (rule.source) shown.push(`${name}: ${rule.source.ref}`);
  for (const year of REMINDER_RULES.selfEmployed.incomeReturn)
    shown.push(`revenus ${year.year}: ${year.source}`);
  shown.push(`revenus non publiés: ${REMINDER_RULES.selfEmployed.incomeReturnNotice.source}`);
  for (const s of [...DSN_DEADLINE_RULES.sources, ...HOLIDAY_SOURCES]) shown.push(`calendrier: ${s.ref}`);

  it("never name one of our files or folders", () => {
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.filter(looksLikeFilePath)).toEqual([]);
  });

  it("are public references: a URL, an article of a code, or a norm with its version", () => {
    const notPublic = shown.filter((s) => !isPublicReference(s));
    // The Easter algorithm is a method, not a reference to open: the only exception, shown in no panel.
    expect(notPublic).toEqual(["calendrier: Algorithme anonyme grégorien (Meeus/Jones/Butcher)"]);
  });
});

// Files outside this area that still point outside the repository in a comment; their owners remove
// them from this list as they fix them (the test fails when the list is not exact).
const PENDING_OTHER_AREAS: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The comments of a TypeScript file (line and block comments; strings are not comments). */
function comments(code: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
  for (const m of code.matchAll(re)) if (m[0].startsWith("//") || m[0].startsWith("/*")) out.push(m[0]);
  return out;
}

describe("comments in src/", () => {
  it("point only to files inside the repository", () => {
    const offenders = sourceFiles(SRC)
      .filter((file) =>
        comments(readFileSync(file, "utf8")).some(
          (c) =>
            /(^|[^\w/])shared\/(facts|seeds)|\/work\/|\.\.\/shared\b/.test(c) ||
            /\bfacts\/[\w-]+\.md/.test(c),
        ),
      )
      .map((file) => relative(SRC, file))
      .sort();
    expect(offenders).toEqual(PENDING_OTHER_AREAS);
  });
});

describe("the demo's « par typologie » references", () => {
  it("are all in the catalogue, each with a public source", () => {
    const unknown = ANOMALY_TYPES.map((a) => a.reference).filter((ref) => !findAnomaly(ref));
    expect(unknown).toEqual([]);
    for (const { reference } of ANOMALY_TYPES) {
      const sources = referenceInfo(reference).sources;
      expect(sources.some(isPublicReference), reference).toBe(true);
    }
  });
});
