import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crx, type ManifestV3Export } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import manifest from "./manifest.json" with { type: "json" };
import pkg from "./package.json" with { type: "json" };

// One source, two builds: `TIERS_BROWSER=firefox vite build` writes dist/firefox/, anything else
// dist/chrome/ (Chrome, Edge, Chromium). Every difference between the two manifests is here.
export type Target = "chrome" | "firefox";
const target: Target = process.env.TIERS_BROWSER === "firefox" ? "firefox" : "chrome";

/** Firefox's add-on id: the one addons.mozilla.org knows us by (it must never change once published). */
export const GECKO_ID = "tiers-assistant@tiers-assistant.fr";
// 140: `world: "MAIN"` content scripts (the dialog bridge) exist since 128, and the data-collection
// declaration below is read from 140 on (ESR 140 and 153 are the supported ESR branches).
const GECKO_MIN_VERSION = "140.0";

export function manifestFor(browser: Target): ManifestV3Export {
  // The version comes from package.json alone; manifest.json has none.
  const common = { ...manifest, version: pkg.version };
  if (browser === "chrome") return common as ManifestV3Export;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = common;
  return {
    ...rest,
    // Firefox has no extension service worker: the same module runs as an event page (crxjs writes its
    // loader into background.scripts when told the browser is Firefox).
    background: { scripts: [background.service_worker], type: "module" },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // Firefox asks every add-on to declare what it collects: nothing leaves the browser.
        data_collection_permissions: { required: ["none"] },
      },
    },
  } as unknown as ManifestV3Export;
}

/** Where crxjs's standalone build writes a content script's entry. */
const builtPath = (entry: string) => entry.replace(/\.ts$/, ".js");

/**
 * The content script's three parts are injected by the worker (`?iife` imports in
 * src/background/index.ts). crxjs makes every such script web-accessible to all sites, which
 * scripting.executeScript does not need and which would let any page probe for the extension: the
 * entries are removed, with the module copies of the scripts that crxjs leaves unreferenced.
 */
function injectedScriptsStayPrivate(entries: string[]): Plugin {
  const built = entries.map(builtPath);
  let outDir = "";
  return {
    name: "tiers:injected-scripts-stay-private",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      const path = join(outDir, "manifest.json");
      const written = JSON.parse(readFileSync(path, "utf8")) as {
        web_accessible_resources?: { resources: string[] }[];
      };
      const war = (written.web_accessible_resources ?? []).filter(
        (r) => !r.resources.some((file) => built.includes(file)),
      );
      if (war.length) written.web_accessible_resources = war;
      else delete written.web_accessible_resources;
      writeFileSync(path, `${JSON.stringify(written, null, 2)}\n`);
      const copies = Object.values(bundle).filter(
        (out) => out.type === "chunk" && entries.some((e) => out.facadeModuleId?.endsWith(e)),
      );
      for (const copy of copies) rmSync(join(outDir, copy.fileName), { force: true });
    },
  };
}

/** The scripts the worker injects (src/background/index.ts). */
const INJECTED = ["src/content/main.ts", "src/content/page-features.ts", "src/content/diagnostics.ts"];

/** V8's per-file compile hint (Chromium ≥ 136); any other engine reads a comment. */
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * main.js (every Urssaf page) gets V8's compile hint: its functions are compiled with the file instead
 * of preparsed with it and parsed again at their first call, and most of them run on every page.
 * page-features.js is left lazy: a page runs only part of it (one page kind's adapters and features),
 * and compiling all of it made a feature page dearer in a new tab (A/B in CONTRIBUTING.md, known
 * limits); so is diagnostics.js, seldom run.
 */
function compileEagerly(entries: string[]): Plugin {
  const built = entries.map(builtPath);
  return {
    name: "tiers:compile-eagerly",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      for (const file of built) {
        const out = bundle[file];
        // crxjs emits the standalone scripts as assets; anything else means its build changed.
        if (out?.type !== "asset")
          throw new Error(`${file} is not in the bundle: the compile hint cannot be set`);
        out.source = COMPILE_HINT + String(out.source);
      }
    },
  };
}

// The content scripts are built standalone (self-contained IIFE): no loader, no chunk to load, and
// therefore no web_accessible_resources the Urssaf pages could probe to detect the extension. The
// MAIN-world dialog bridge has no chrome.runtime at all, so it could not load chunks anyway.
export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(target),
      browser: target,
      contentScripts: {
        standaloneFiles: [...INJECTED, "src/content/dialog-bridge.ts"],
      },
    }),
    injectedScriptsStayPrivate(INJECTED),
    compileEagerly(["src/content/main.ts"]),
  ],
  build: {
    target: target === "firefox" ? "firefox128" : "chrome121",
    outDir: `dist/${target}`,
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
  },
  server: { cors: false },
});
