// The architecture's boundaries, held by the linter (biome.json, tools/biome/): this test crosses each
// one on purpose in a probe file inside the tree and expects the lint to fail, and checks that the
// content script's run-time imports never reach zod.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { KEY_FAMILIES, LOCAL_KEYS, PAGE_SESSION_KEYS, SESSION_KEYS } from "../../src/core/storage/keys.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const biome = join(root, "node_modules/.bin/biome");

const PURE_BROWSER = /Règle pure : pas d'API du navigateur/;
const PURE_PREACT = /Règle pure : pas de preact/;
const PURE_BACKGROUND = /Règle pure : pas de module du service worker/;
const PURE_UI = /Règle pure : pas de module d'interface/;
const CONTENT_ZOD = /zod s'importe en type seulement/;
const NOT_CORE = /Seul src\/core\/ touche l'API des extensions|global variable (chrome|browser)/;

// [where, code, what the lint must say (null: nothing)]
const PROBES: [string, string, RegExp | null][] = [
  [
    "src/register/model",
    'import { browser } from "../../core/browser.ts";\nexport const b = browser;\n',
    PURE_BROWSER,
  ],
  [
    "src/reminders/data",
    'import type { Runtime } from "../../core/browser.ts";\nexport type R = Runtime.Port;\n',
    PURE_BROWSER,
  ],
  ["src/dsn", 'import { useState } from "preact/hooks";\nexport const u = useState;\n', PURE_PREACT],
  ["src/dsn/checks", 'import { h } from "preact";\nexport const x = h;\n', PURE_PREACT],
  [
    "src/anomalies/model",
    'import { createAnomalyHandlers } from "../background.ts";\nexport const c = createAnomalyHandlers;\n',
    PURE_BACKGROUND,
  ],
  [
    "src/portfolio/model",
    'import type { JobRunner } from "../job-runner.ts";\nexport type J = JobRunner;\n',
    PURE_BACKGROUND,
  ],
  [
    "src/register/model",
    'import { ClientsTab } from "../ui/clients-tab.tsx";\nexport const c = ClientsTab;\n',
    PURE_UI,
  ],
  [
    "src/emitter-siret/model",
    'import { x } from "../features/emitter-siret-badge.ts";\nexport const y = x;\n',
    PURE_UI,
  ],
  ["src/pages", 'import { z } from "zod";\nexport const s = z.string();\n', CONTENT_ZOD],
  ["src/content", 'import * as z from "zod";\nexport const s = z.string();\n', CONTENT_ZOD],
  ["src/portfolio/features", 'import { type ZodType } from "zod";\nexport type Z = ZodType;\n', CONTENT_ZOD],
  ["src/ui/popup", "export const id = chrome.runtime.id;\n", NOT_CORE],
  ["src/register/ui", "export const id = browser.runtime.id;\n", NOT_CORE],
  ["src/reminders", 'import polyfill from "webextension-polyfill";\nexport const p = polyfill;\n', NOT_CORE],
  // What stays allowed.
  ["src/pages", 'import type { z } from "zod";\nexport type S = z.ZodString;\n', null],
  ["src/register/model", 'import { z } from "zod";\nexport const s = z.string();\n', null],
  ["src/dsn/ui", 'import { useState } from "preact/hooks";\nexport const u = useState;\n', null],
  ["src/core", "export const id = globalThis.chrome?.runtime?.id;\n", null],
];

const probes = PROBES.map(([dir, code, expected], i) => ({
  path: join(root, dir, `zz-boundary-probe-${process.pid}-${i}.ts`),
  code,
  expected,
}));

afterAll(() => {
  for (const p of probes) rmSync(p.path, { force: true });
});

describe("the lint enforces the boundaries", () => {
  it("fails on every crossing written on purpose, and only on those", () => {
    for (const p of probes) writeFileSync(p.path, p.code);
    const run = spawnSync(biome, ["lint", "--reporter=github", ...probes.map((p) => p.path)], {
      cwd: root,
      encoding: "utf8",
    });
    for (const p of probes) rmSync(p.path, { force: true });
    expect(run.status).toBe(1);
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
    for (const p of probes) {
      const mine = lines.filter((l) => l.includes(`file=${p.path},`));
      const where = relative(root, p.path);
      if (p.expected === null) expect([where, mine]).toEqual([where, []]);
      else expect([where, mine.some((l) => p.expected?.test(l))]).toEqual([where, true]);
    }
  });
});

/** The modules a module imports at run time (`import type` and `export type` are erased). */
function runtimeImports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/gms)) {
    const clause = m[2] ?? "";
    if (/^type\s/.test(clause)) continue;
    found.push(m[3] as string);
  }
  for (const m of code.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) found.push(m[1] as string);
  return found;
}

function runtimeClosure(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec);
      if (existsSync(target) && /\.tsx?$/.test(target)) visit(target);
    }
  };
  visit(join(root, entry));
  return { modules, packages };
}

describe("the content script at run time", () => {
  const entries = ["main", "page-features", "diagnostics", "dialog-bridge"].map((f) => `src/content/${f}.ts`);
  for (const entry of entries) {
    it(`${entry} reaches no zod, no preact, and no module that declares schemas`, () => {
      const { modules, packages } = runtimeClosure(entry);
      expect(modules.size).toBeGreaterThan(entry.endsWith("page-features.ts") ? 20 : 1);
      expect([...packages].filter((p) => /^(zod|preact)(\/|$)/.test(p))).toEqual([]);
      const withZod = [...modules].filter((m) => runtimeImports(m).some((s) => /^zod(\/|$)/.test(s)));
      expect(withZod.map((m) => relative(root, m))).toEqual([]);
    });
  }
});

describe("storage keys", () => {
  it("are listed once, none is another's prefix family", () => {
    const all = [
      ...Object.values(LOCAL_KEYS),
      ...Object.values(SESSION_KEYS),
      ...Object.values(PAGE_SESSION_KEYS),
    ];
    expect(new Set(all).size).toBe(all.length);
    for (const key of all) expect(KEY_FAMILIES.filter((f) => key.startsWith(f))).toEqual([]);
  });

  it("are spelt only in src/core/storage/keys.ts", () => {
    const grep = spawnSync(
      "grep",
      [
        "-rnE",
        "--include=*.ts",
        "--include=*.tsx",
        '("|`)(tiers-assistant:|job-item/|client/("|\\$)|aside/|dsnHistory|anomalies/(tracked|unknown)|indicators/history|clock/offsetMs)',
        "src",
      ],
      { cwd: root, encoding: "utf8" },
    );
    const outside = grep.stdout
      .split("\n")
      .filter((l) => l && !l.startsWith("src/core/storage/keys.ts:") && !/\.test\.tsx?:/.test(l))
      // A comment may name a key.
      .filter((l) => !/^[^:]+:\d+:\s*(\/\/|\*|\/\*)/.test(l));
    expect(outside).toEqual([]);
  });
});
