// Sizes of the built extension: the content script injected in every Urssaf page and the MAIN-world
// dialog bridge. The content script's ceiling was 20 KB gzipped (issue #2), when it looked at a page
// once; the page lifecycle, the tolerant readers, the « non comprise » diagnostics and the list
// completeness rule took it to 24.0 KB. What a page pays is now measured directly (`npm run bench --
// pageload`); this ceiling only stops further growth until the script is split per host (see
// CONTRIBUTING.md).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export const CONTENT_SCRIPT_GOAL_GZIP = 25 * 1024;

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
