// Launch Debian's Chromium (never a downloaded browser) with the built extension loaded and every
// *.urssaf.fr host (plus *.example.test, a foreign host for negative tests) mapped to the local demo
// space. Shared by the e2e tests and `npm start`.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Worker } from "playwright-core";

export const DIST = resolve(import.meta.dirname, "../../dist");

export function chromiumPath(): string {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH indique ${chosen}, qui n'existe pas.`);
    return chosen;
  }
  const found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium introuvable : installez-le (apt-get install -y chromium) ou indiquez son chemin dans CHROMIUM_PATH.",
    );
  }
  return found;
}

export interface LaunchOptions {
  port: number;
  userDataDir?: string;
  headless?: boolean;
  extension?: boolean;
  /** Another build of the extension (the page-load benchmark compares two). Default: dist/. */
  dist?: string;
  extraArgs?: string[];
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  extensionId: string | null;
  serviceWorker(): Promise<Worker>;
}

export function hostRules(port: number): string {
  return ["*.urssaf.fr", "urssaf.fr", "*.example.test"].map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", ");
}

export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  const withExtension = options.extension ?? true;
  const dist = options.dist ?? DIST;
  if (withExtension && !existsSync(join(dist, "manifest.json"))) {
    throw new Error("L'extension n'est pas construite : lancez d'abord `npm run build`.");
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), "tiers-assistant-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    locale: "fr-FR",
    // The extension's UI language follows Chromium's, which on Linux comes from LANGUAGE (and needs
    // Debian's chromium-l10n for the French resources); --lang alone is ignored in headless mode.
    env: { ...process.env, LANGUAGE: process.env.TIERS_LANGUAGE ?? "fr" },
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 900 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
      `--host-resolver-rules=${hostRules(options.port)}`,
      "--ignore-certificate-errors",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-gpu",
      "--disable-quic",
      // Keep Chromium's own background traffic (autofill, updates, accounts) off the closed network.
      "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate",
      "--disable-client-side-phishing-detection",
      "--disable-domain-reliability",
      "--disable-default-apps",
      "--no-default-browser-check",
      "--no-pings",
      "--metrics-recording-only",
      "--lang=fr",
      ...(options.extraArgs ?? []),
    ],
  });
  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://"));
    return existing ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
  };
  let extensionId: string | null = null;
  if (withExtension) extensionId = new URL((await serviceWorker()).url()).host;
  return { context, userDataDir, extensionId, serviceWorker };
}
