// Every UI string goes through _locales: French (default) and English must both have each key the code
// uses, with the same placeholders.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages =>
  JSON.parse(readFileSync(join(root, "public/_locales", lang, "messages.json"), "utf8"));
const fr = load("fr");
const en = load("en");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const used = new Set<string>();
for (const file of sources(join(root, "src"))) {
  const code = readFileSync(file, "utf8");
  for (const m of code.matchAll(/\bt\(\s*"(\w+)"/g)) used.add(m[1] as string);
  for (const m of code.matchAll(
    /"((?:opt|popup|mark|options|job|hint|oneClick|panel|anomaly|track|control|dsnControl|siretBadge|reminder|notif|badge|ics|indicator)[A-Z]\w*)"/g,
  ))
    used.add(m[1] as string);
}
const manifest = readFileSync(join(root, "manifest.json"), "utf8");
for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) used.add(m[1] as string);

const placeholders = (entry: Messages[string] | undefined) => Object.keys(entry?.placeholders ?? {}).sort();

describe("_locales", () => {
  it("has every key the code uses, in French and in English", () => {
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !fr[k])).toEqual([]);
    expect([...used].filter((k) => !en[k])).toEqual([]);
  });

  it("has the same keys and placeholders in both languages, and no unused key", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr))
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(fr[key])]);
    expect(Object.keys(fr).filter((k) => !used.has(k))).toEqual([]);
  });

  it("declares each placeholder a message refers to", () => {
    for (const [key, entry] of Object.entries(fr)) {
      const refs = [...entry.message.matchAll(/\$(\w+)\$/g)]
        .map((m) => (m[1] as string).toLowerCase())
        .sort();
      expect([key, [...new Set(refs)]]).toEqual([key, placeholders(entry)]);
    }
  });
});
