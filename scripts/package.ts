// `npm run package` (after `npm run build`): one store-ready archive per browser in artifacts/,
// named with package.json's version — tiers-assistant-<version>-chrome.zip (Chrome Web Store, Edge
// Add-ons, or an IT department's own deployment) and tiers-assistant-<version>-firefox.zip
// (addons.mozilla.org, which signs it). Reproducible: the same commit gives the same bytes.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { zip } from "./zip.ts";

const root = resolve(import.meta.dirname, "..");
const out = join(root, "artifacts");
mkdirSync(out, { recursive: true });

export function packageName(browser: string, version = pkg.version): string {
  return `${pkg.name}-${version}-${browser}.zip`;
}

for (const browser of ["chrome", "firefox"]) {
  const dir = join(root, "dist", browser);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  if (manifest.version !== pkg.version) {
    throw new Error(
      `dist/${browser} a la version ${manifest.version}, package.json ${pkg.version} : reconstruisez.`,
    );
  }
  const entries = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => ({
      name: relative(dir, join(dir, f)).split(sep).join("/"),
      data: readFileSync(join(dir, f)),
    }));
  const archive = zip(entries);
  const file = join(out, packageName(browser));
  writeFileSync(file, archive);
  const sha = createHash("sha256").update(archive).digest("hex");
  console.log(
    `${relative(root, file)}  ${(archive.length / 1024).toFixed(1)} Ko  ${entries.length} fichiers  sha256 ${sha}`,
  );
}
