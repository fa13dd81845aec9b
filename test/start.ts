// `npm start`: build the extension, start the demo Urssaf space, open Chromium with the extension
// loaded and *.urssaf.fr mapped to the demo, on the demo's login page. Ctrl-C stops everything.
// Without a display (or with --headless) it takes screenshots of the main pages into .tmp/screenshots
// and keeps the demo running; --once exits after the screenshots.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { startDemoSpace } from "./demo-site/server.ts";
import { launchChromium } from "./e2e/chromium.ts";
import { login, readMark } from "./e2e/support.ts";

const args = new Set(process.argv.slice(2));
const headless = args.has("--headless") || !process.env.DISPLAY;
const once = args.has("--once");
const root = resolve(import.meta.dirname, "..");

console.log("Construction de l'extension…");
execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });

const port = Number(process.env.DEMO_PORT ?? 0);
const demo = await startDemoSpace({ port, quiet: true });
const browser = await launchChromium({ port: demo.port, headless });

console.log(`
Espace Urssaf de démonstration : port ${demo.port} (https://www.urssaf.fr/ dans ce Chromium seulement)
  Identifiant : ${demo.credentials.identifiant}
  Mot de passe : ${demo.credentials.motDePasse}
Extension chargée depuis dist/chrome/ (id ${browser.extensionId}).`);

const stop = async () => {
  await browser.context.close().catch(() => undefined);
  await demo.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

const page = browser.context.pages()[0] ?? (await browser.context.newPage());
if (headless) {
  const dir = join(root, ".tmp", "screenshots");
  mkdirSync(dir, { recursive: true });
  const shots: [string, () => Promise<unknown>][] = [
    ["1-connexion", () => page.goto(demo.url("www.urssaf.fr", "/connexion"))],
    ["2-tableau-de-bord", () => login(page, demo)],
    ["3-etablissements", () => page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"))],
    ["4-suivi-dsn", () => page.goto(demo.url("mon.urssaf.fr", "/suivi-dsn"))],
  ];
  for (const [name, go] of shots) {
    await go();
    await readMark(page);
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }
  console.log(`Mode sans affichage : captures d'écran dans ${dir}`);
  if (once) await stop();
  console.log("La démo reste disponible ; Ctrl-C pour arrêter.");
} else {
  await page.goto(demo.url("www.urssaf.fr", "/connexion"));
  console.log("Ctrl-C pour tout arrêter.");
  browser.context.on("close", () => void stop());
}
