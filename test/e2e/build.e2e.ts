// What the built extension (dist/) must be, whatever the source says: the real manifest the browser
// tests load, with only the permissions used, standalone content scripts and nothing exposed to pages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_SCRIPT_GOAL_GZIP, sizeOf } from "../bench/bundle-size.ts";
import { DIST } from "./chromium.ts";

const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8"));

describe("dist/manifest.json", () => {
  it("injects on https://*.urssaf.fr/* only: the bridge and its handshake at document_start, the rest at idle", () => {
    expect(manifest.content_scripts).toEqual([
      {
        js: ["src/content/dialog-bridge.js"],
        matches: ["https://*.urssaf.fr/*"],
        run_at: "document_start",
        world: "MAIN",
      },
      { js: ["src/content/handshake.js"], matches: ["https://*.urssaf.fr/*"], run_at: "document_start" },
      { js: ["src/content/main.js"], matches: ["https://*.urssaf.fr/*"], run_at: "document_idle" },
    ]);
  });

  it("asks only for the permissions it uses and exposes no resource to web pages", () => {
    // unlimitedStorage: 10,000 clients take about 5 MB, and a restore writes the new register before it
    // sweeps the old one; the default 10 MB quota would refuse a larger firm's register.
    // alarms: the bulk job's watchdog wakes a stopped worker when a page never loads; alarms and
    // notifications: the reminders.
    expect(manifest.permissions).toEqual(["storage", "unlimitedStorage", "alarms", "notifications"]);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.default_locale).toBe("fr");
    expect(manifest.background.type).toBe("module");
  });
});

describe("content scripts", () => {
  for (const file of ["src/content/main.js", "src/content/handshake.js", "src/content/dialog-bridge.js"]) {
    it(`${file} is self-contained (no import, no chunk to load)`, () => {
      const code = readFileSync(join(DIST, file), "utf8");
      expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|chrome\.runtime\.getURL\(/m);
    });
  }

  it(`the content script stays under ${CONTENT_SCRIPT_GOAL_GZIP / 1024} KB gzipped`, () => {
    expect(sizeOf(join(DIST, "src/content/main.js"), DIST).gzip).toBeLessThanOrEqual(
      CONTENT_SCRIPT_GOAL_GZIP,
    );
  });

  it("the MAIN-world bridge carries no extension API and no storage", () => {
    const code = readFileSync(join(DIST, "src/content/dialog-bridge.js"), "utf8");
    expect(code).not.toMatch(/chrome\.|browser\.|localStorage|indexedDB/);
  });
});
