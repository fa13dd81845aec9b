// What the built extensions (dist/chrome/, dist/firefox/) must be, whatever the source says: the real
// manifests the browser tests load, with only the permissions used, standalone content scripts and
// nothing exposed to pages; and how the Firefox build differs from the Chrome one (nothing else).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { BRIDGE_HOST } from "../../src/content/bridge-client.ts";
import { CONTENT_TEXT_KEYS } from "../../src/content/texts.ts";
import { PROBE_KEY } from "../../src/core/i18n-catalog.ts";
import { CONTENT_SCRIPT_GOAL_GZIP, EVERY_PAGE_GOAL_GZIP, sizeOf } from "../bench/bundle-size.ts";
import { DIST } from "./chromium.ts";
import { FIREFOX_DIST } from "./firefox.ts";

/** The content script's parts the worker injects (src/background/index.ts). */
const INJECTED = ["src/content/main.js", "src/content/page-features.js", "src/content/diagnostics.js"];

const read = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
const builds = [
  { name: "chrome", dir: DIST, manifest: read(DIST) },
  { name: "firefox", dir: FIREFOX_DIST, manifest: read(FIREFOX_DIST) },
];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

for (const { name, dir, manifest } of builds) {
  describe(`dist/${name}/manifest.json`, () => {
    it("declares only the dialog bridge (MAIN world, document_start, mon.urssaf.fr): the worker injects the rest after load", () => {
      // The dialogs a job answers are mon.urssaf.fr's (« mon.urssaf.fr indique »). Any declared content
      // script costs a page an isolated world before its load (issue 13, point 5): the content script
      // proper is injected by the worker once the page has loaded (src/core/content-injection.ts).
      expect(manifest.content_scripts).toEqual([
        {
          js: ["src/content/dialog-bridge.js"],
          matches: [`https://${BRIDGE_HOST}/*`],
          run_at: "document_start",
          world: "MAIN",
        },
      ]);
    });

    it("asks only for the permissions it uses and exposes no resource to web pages", () => {
      // unlimitedStorage: 10,000 clients take about 5 MB, and a restore writes the new register before
      // it sweeps the old one; the default 10 MB quota would refuse a larger firm's register.
      // alarms: the bulk job's watchdog wakes a stopped worker when a page never loads; alarms and
      // notifications: the reminders. scripting and the Urssaf hosts: the worker injects the content
      // script there (the hosts a declared content script would have had anyway).
      expect(manifest.permissions).toEqual([
        "storage",
        "unlimitedStorage",
        "alarms",
        "notifications",
        "scripting",
      ]);
      expect(manifest.host_permissions).toEqual(["https://*.urssaf.fr/*"]);
      expect(manifest.web_accessible_resources ?? []).toEqual([]);
      expect(manifest.externally_connectable).toBeUndefined();
      expect(manifest.default_locale).toBe("fr");
      expect(manifest.background.type).toBe("module");
    });

    it("carries the version of package.json, and nothing else sets it", () => {
      expect(manifest.version).toBe(pkg.version);
      expect(JSON.parse(readFileSync(join(import.meta.dirname, "../../manifest.json"), "utf8")).version).toBe(
        undefined,
      );
    });
  });

  describe(`dist/${name} content scripts`, () => {
    for (const file of [
      "src/content/main.js",
      "src/content/diagnostics.js",
      "src/content/dialog-bridge.js",
    ]) {
      it(`${file} is self-contained (no import, no chunk to load)`, () => {
        const code = readFileSync(join(dir, file), "utf8");
        expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|chrome\.runtime\.getURL\(/m);
      });
    }

    it("the worker injects the content script by the path it is built at", () => {
      const worker = files(dir).filter((f) => f.startsWith("assets/") && f.endsWith(".js"));
      const injecting = worker.filter((f) =>
        readFileSync(join(dir, f), "utf8").includes('"src/content/main.js"'),
      );
      expect(injecting.length).toBeGreaterThan(0);
      // No second copy of the content script ships (crxjs leaves a module copy of injected scripts).
      expect(files(dir).filter((f) => /main\.ts-.*\.js$/.test(f))).toEqual([]);
    });

    it(`the content script stays under ${EVERY_PAGE_GOAL_GZIP / 1024} KB gzipped on every page, and under ${CONTENT_SCRIPT_GOAL_GZIP / 1024} KB with the features`, () => {
      const gzip = (file: string) => sizeOf(join(dir, file), dir).gzip;
      expect(gzip("src/content/main.js")).toBeLessThanOrEqual(EVERY_PAGE_GOAL_GZIP);
      expect(gzip("src/content/main.js") + gzip("src/content/page-features.js")).toBeLessThanOrEqual(
        CONTENT_SCRIPT_GOAL_GZIP,
      );
    });

    it("the script every page runs asks V8 to compile it whole; the features and the diagnostic do not", () => {
      // `//# allFunctionsCalledOnLoad` works only on a file's first line (vite.config.ts, compileEagerly);
      // the line is cut so that a failure does not print a whole minified file.
      const firstLine = (file: string) =>
        readFileSync(join(dir, file), "utf8").split("\n", 1)[0]?.slice(0, 60);
      expect(firstLine("src/content/main.js")).toBe("//# allFunctionsCalledOnLoad");
      expect(firstLine("src/content/page-features.js")).not.toContain("allFunctionsCalledOnLoad");
      expect(firstLine("src/content/diagnostics.js")).not.toContain("allFunctionsCalledOnLoad");
    });

    it("the MAIN-world bridge carries no extension API and no storage", () => {
      const code = readFileSync(join(dir, "src/content/dialog-bridge.js"), "utf8");
      expect(code).not.toMatch(/chrome\.|browser\.|localStorage|indexedDB/);
    });

    it("the content script never reads or writes extension storage (it asks the background)", () => {
      // Firefox has no storage.local.setAccessLevel: there, this is what keeps the register out of
      // the content script's hands (see src/core/browser.ts).
      for (const file of INJECTED) {
        const code = readFileSync(join(dir, file), "utf8");
        expect(code).not.toMatch(/\.storage\b|storage\.(local|session|sync)|["']storage["']/);
      }
    });

    it("the content scripts build no Intl object: the worker formats what a page shows", () => {
      // A page's first Intl formatter loads the locale's data: 35 to 100 ms measured in a new tab
      // (CONTRIBUTING.md). Locale-aware methods build one too.
      for (const file of [...INJECTED, "src/content/dialog-bridge.js"]) {
        const code = readFileSync(join(dir, file), "utf8");
        expect(code.match(/\bIntl\.\w+|\.toLocale\w*String\b|\.localeCompare\b/g) ?? [], file).toEqual([]);
      }
    });

    it("the worker sends the content script every text it names, and only texts ours has", () => {
      // A key missing from CONTENT_TEXT_KEYS would show as itself in the page (src/content/texts.ts).
      const locales = ["fr", "en"].map(
        (l) => JSON.parse(readFileSync(join(dir, `_locales/${l}/messages.json`), "utf8")) as object,
      );
      const keys = Object.keys(locales[0] ?? {});
      const code = INJECTED.map((file) => readFileSync(join(dir, file), "utf8")).join("\n");
      const named = keys.filter((key) => new RegExp(`[\`"']${key}[\`"']`).test(code));
      expect(named.length).toBeGreaterThan(50);
      const sent: readonly string[] = [PROBE_KEY, ...CONTENT_TEXT_KEYS];
      expect(named.filter((key) => !sent.includes(key))).toEqual([]);
      for (const locale of locales) expect(CONTENT_TEXT_KEYS.filter((key) => !(key in locale))).toEqual([]);
    });
  });
}

describe("Chrome and Firefox builds", () => {
  const [chrome, firefox] = builds.map((b) => b.manifest);

  it("differ only by the background's form, the minimum version and Firefox's own settings", () => {
    expect(chrome.background).toEqual({ service_worker: "service-worker-loader.js", type: "module" });
    expect(firefox.background).toEqual({ scripts: ["service-worker-loader.js"], type: "module" });
    expect(chrome.minimum_chrome_version).toBe("121");
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: "tiers-assistant@tiers-assistant.fr",
        strict_min_version: "140.0",
        data_collection_permissions: { required: ["none"] },
      },
    });
    const rest = (m: Record<string, unknown>) => {
      const { background: _b, minimum_chrome_version: _c, browser_specific_settings: _f, ...others } = m;
      return others;
    };
    expect(rest(firefox)).toEqual(rest(chrome));
  });

  it("ship the same files, apart from the code the bundler names by its content", () => {
    const stable = (dir: string) => files(dir).filter((f) => !f.startsWith("assets/"));
    expect(stable(FIREFOX_DIST)).toEqual(stable(DIST));
  });

  it("web-ext lint finds no error in the Firefox build", () => {
    const out = execFileSync(
      "npx",
      ["web-ext", "lint", "--source-dir", FIREFOX_DIST, "--output", "json", "--no-input"],
      { encoding: "utf8", cwd: join(import.meta.dirname, "../..") },
    );
    const report = JSON.parse(out.slice(out.indexOf("{"))) as {
      errors: { code: string; message: string }[];
      summary: { errors: number };
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 60_000);
});

/** The names in a ZIP's central directory (APPNOTE 4.3.12, 4.3.16). */
function zipNames(zip: Buffer): string[] {
  const end = zip.length - 22;
  const names: string[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const [name, extra, comment] = [
      zip.readUInt16LE(at + 28),
      zip.readUInt16LE(at + 30),
      zip.readUInt16LE(at + 32),
    ];
    names.push(zip.toString("utf8", at + 46, at + 46 + name));
    at += 46 + name + extra + comment;
  }
  return names;
}

describe("npm run package", () => {
  const root = join(import.meta.dirname, "../..");
  const run = () => {
    execFileSync("npx", ["tsx", "scripts/package.ts"], { cwd: root, encoding: "utf8" });
    return builds.map(({ name }) =>
      readFileSync(join(root, "artifacts", `tiers-assistant-${pkg.version}-${name}.zip`)),
    );
  };

  it("writes one archive per browser, named with the version, the same bytes on a second run", () => {
    const first = run();
    const second = run();
    expect(second.map((b, i) => b.equals(first[i] as Buffer))).toEqual([true, true]);
    // Every file of the build, at the archive's root, in order.
    for (const [i, { dir }] of builds.entries()) expect(zipNames(first[i] as Buffer)).toEqual(files(dir));
  }, 60_000);
});
