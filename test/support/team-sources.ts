// The team's source documents (the Urssaf help pages and the DSN course the catalogue was written
// from) live beside the repository, not in it: they are not ours to ship. The tests that compare our
// wording with them run only where that folder is there; elsewhere they are skipped.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The folder that holds the team's documents, or null when this checkout has none beside it. */
export const SHARED_PARENT: string | null = (() => {
  const parent = resolve(import.meta.dirname, "../../..");
  return existsSync(resolve(parent, "shared/seeds")) ? parent : null;
})();

/** The Urssaf help page the catalogue quotes labels from (under SHARED_PARENT). */
export const SEED_000 = "shared/seeds/000_bda0ac512a24fe2a.txt";
/** The DSN course chapter on the monthly control (under SHARED_PARENT). */
export const SEED_003 = "shared/seeds/003_01dfbd855ed5dcc5.txt";
