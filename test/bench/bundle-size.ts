// Sizes of the built extension that issue #2 sets goals for: the content script injected in every
// Urssaf page (goal ≤ 20 KB gzipped) and the MAIN-world dialog bridge.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export const CONTENT_SCRIPT_GOAL_GZIP = 20 * 1024;

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
