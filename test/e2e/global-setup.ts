// Before any browser test: both builds and Debian's Chromium and Firefox must be there. Missing any
// fails the run loudly (never a silent skip).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath, DIST } from "./chromium.ts";
import { FIREFOX_DIST, firefoxPath } from "./firefox.ts";

export default function setup(): void {
  chromiumPath();
  firefoxPath();
  for (const dir of [DIST, FIREFOX_DIST]) {
    if (!existsSync(join(dir, "manifest.json"))) {
      throw new Error(
        `${dir} manque : les tests de navigateur chargent l'extension construite (npm run build).`,
      );
    }
  }
}
