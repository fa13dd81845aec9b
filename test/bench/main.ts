// `npm run bench`: prints the figures the issues ask for (no timing assertions here; tests guard goals).
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { CONTENT_SCRIPT_GOAL_GZIP, distSizes, EVERY_PAGE_GOAL_GZIP } from "./bundle-size.ts";

const root = resolve(import.meta.dirname, "../..");
execFileSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: root, stdio: "inherit" });
const sizes = distSizes(resolve(root, "dist/chrome"));
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

console.log("\nExtension construite (dist/chrome/)");
console.log("fichier".padEnd(48), "brut".padStart(10), "gzip".padStart(10));
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) {
  console.log(s.file.padEnd(48), kb(s.bytes).padStart(10), kb(s.gzip).padStart(10));
}
const gzipOf = (file: string) => sizes.find((s) => s.file === file)?.gzip;
const everyPage = gzipOf("src/content/main.js");
const features = gzipOf("src/content/page-features.js");
const bridge = sizes.find((s) => s.file === "src/content/dialog-bridge.js");
const share = (size: number, goal: number) =>
  `objectif ≤ ${kb(goal)} (${((size / goal) * 100).toFixed(0)} % de l'objectif)`;
if (everyPage !== undefined && features !== undefined) {
  console.log(
    `\nScript de contenu, toute page : ${kb(everyPage)} gzip, ${share(everyPage, EVERY_PAGE_GOAL_GZIP)}`,
  );
  const both = everyPage + features;
  console.log(
    `Script de contenu, page avec fonctions : ${kb(both)} gzip, ${share(both, CONTENT_SCRIPT_GOAL_GZIP)}`,
  );
}
if (bridge)
  console.log(`Pont des dialogues (monde MAIN) : ${kb(bridge.bytes)} brut, ${kb(bridge.gzip)} gzip`);

// `npm run bench -- pageload`: only what the extension costs a page load (see pageload.ts).
if (process.argv.includes("pageload")) {
  const { benchPageLoad } = await import("./pageload.ts");
  await benchPageLoad();
  process.exit(0);
}

const { benchImport } = await import("./import.ts");
const { benchOptionsPage } = await import("./options-page.ts");
console.log("");
await benchImport();
await benchOptionsPage();

const { benchReminders } = await import("./reminders.ts");
await benchReminders();

const { benchJobs } = await import("./jobs.ts");
await benchJobs(process.argv.includes("--long"));

const { benchDsn } = await import("./dsn.ts");
await benchDsn();

const { benchDsnCli } = await import("./dsn-cli.ts");
await benchDsnCli();

const { benchDsnOptions } = await import("./dsn-options.ts");
await benchDsnOptions();
const { benchAnomalyPanels } = await import("./anomalies.ts");
await benchAnomalyPanels();
