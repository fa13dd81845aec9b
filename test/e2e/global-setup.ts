// Before any browser test: the built extension and Debian's Chromium must be there. Missing either
// fails the run loudly (never a silent skip).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath, DIST } from "./chromium.ts";

export default function setup(): void {
  chromiumPath();
  if (!existsSync(join(DIST, "manifest.json"))) {
    throw new Error(
      "dist/ manque : les tests de navigateur chargent l'extension construite (npm run build).",
    );
  }
}
