// Sizes of the built extension: the content script and the MAIN-world dialog bridge. The content
// script's ceiling was 20 KB gzipped (issue #2), when it looked at a page once; the page lifecycle, the
// tolerant readers, the « non comprise » diagnostics and the list completeness rule took it to 24.0 KB.
// It is now in three files the worker injects (CONTRIBUTING.md): main.js in every Urssaf page,
// page-features.js where a page may be one of ours, diagnostics.js where one stays « non comprise ».
// What a page pays is measured directly (`npm run bench -- pageload`); these ceilings stop growth:
// the old one for what a page with features gets, a new one for what every page gets.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

/** main.js and page-features.js together: what a page with features gets. */
export const CONTENT_SCRIPT_GOAL_GZIP = 25 * 1024;
/** main.js alone: what every page of the Urssaf hosts gets. */
export const EVERY_PAGE_GOAL_GZIP = 5 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export function sizeOf(path: string, root: string): FileSize {
  const bytes = readFileSync(path);
  return { file: relative(root, path), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function distSizes(dist: string): FileSize[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(dist)
    .filter((p) => /\.(js|css|html|json)$/.test(p))
    .map((p) => sizeOf(p, dist));
}
