// The bundled command line (vite.cli.config.ts) for the tests that run it as a child process. `npm test`
// builds it before the tests (`npm run build:cli`); a test file run alone rebuilds it here when it is
// missing or older than a source file, so a child-process test never runs stale code.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI_BUNDLE = join(ROOT, "dist-cli/tiers-assistant.mjs");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Path of an up-to-date bundle (built once per test process when needed). */
export function cliBundle(): string {
  let built = 0;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {}
  if (built < newestSource(join(ROOT, "src"))) {
    execFileSync("npx", ["vite", "build", "--config", "vite.cli.config.ts", "--logLevel", "error"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
  return CLI_BUNDLE;
}
