// What the command-line tests share: an in-process io for `run` (src/cli/main.ts) and a runner of the
// bundled command line as a child process.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CliIo } from "../../src/cli/main.ts";
import { cliBundle, ROOT } from "./cli-bundle.ts";

/**
 * An io that reads real files (relative to the project) or the given in-memory ones, and records output;
 * `now` fixes the clock (the real one when absent).
 */
export function fakeIo(files: Record<string, string | Uint8Array> = {}, now?: Date) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const f = files[path];
      if (f !== undefined) return typeof f === "string" ? new TextEncoder().encode(f) : f;
      return new Uint8Array(await readFile(resolve(ROOT, path)));
    },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    now,
  };
  return { io, out: () => out.join("\n"), err: () => err.join("\n") };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the up-to-date bundle (built now if needed) in the project folder: exit code and output. */
export function bundledCli(): (args: string[]) => Promise<CliResult> {
  const bundle = cliBundle();
  return (args) =>
    new Promise((done) => {
      execFile(process.execPath, [bundle, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      });
    });
}
