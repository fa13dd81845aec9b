// Entry of the bundled command line (vite.cli.config.ts → dist-cli/tiers-assistant.mjs, the package's
// `bin`): runs main.ts's `run` on the process arguments and sets the exit code.
import { run } from "./main.ts";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
