// Entry of the bundled command line (vite.cli.config.ts → dist-cli/tiers-assistant.mjs, the package's
// `bin`): runs main.ts's `run` on the process arguments and sets the exit code. Imported rather than run
// (the fuzz suite's batch runner, test/fuzz/measure.mjs), it only exports `run` and `nodeIo`.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run } from "./main.ts";

export { nodeIo, run } from "./main.ts";

/** True when this module is the process's entry (npx goes through a symbolic link in .bin/). */
function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntry()) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
