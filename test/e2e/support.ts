// Shared steps of the browser tests: the demo space, Chromium with the built extension, and ways to
// look inside the extension (its isolated world, its shadow roots, its service worker).
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { type DemoSpace, startDemoSpace } from "../demo-site/server.ts";
import { type LaunchedBrowser, type LaunchOptions, launchChromium } from "./chromium.ts";

export interface Session {
  demo: DemoSpace;
  browser: LaunchedBrowser;
  close(): Promise<void>;
}

export async function openSession(options: Partial<LaunchOptions> = {}): Promise<Session> {
  const demo = await startDemoSpace({ port: 0, quiet: true });
  const browser = await launchChromium({ port: demo.port, ...options });
  return {
    demo,
    browser,
    async close() {
      await browser.context.close();
      await demo.close();
    },
  };
}

/** Logs in through the demo's own login form, then goes past the news page to the dashboard. */
export async function login(page: Page, demo: DemoSpace): Promise<void> {
  await page.goto(demo.url("www.urssaf.fr", "/connexion"));
  await page.getByLabel("Identifiant").fill(demo.credentials.identifiant);
  await page.getByLabel("Mot de passe").fill(demo.credentials.motDePasse);
  await action(page, "Je me connecte").click();
  await page.waitForURL(/mon\.urssaf\.fr\/actualites/);
  await action(page, "Continuer").click();
  await page.waitForURL(/tdbec\.urssaf\.fr\/tableau-de-bord/);
}

/** A button as either layout of the demo draws it: <button>, <input type=submit> or a link. */
export function action(page: Page, name: string) {
  return page
    .getByRole("button", { name, exact: true })
    .or(page.getByRole("link", { name, exact: true }))
    .first();
}

/** Types a SIREN in "Inscrire d'autres comptes" and presses "Inscrire" (seed 001, step 2). */
export async function startInscription(page: Page, demo: DemoSpace, siren: string): Promise<void> {
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await page.getByLabel("Siren", { exact: true }).fill(siren);
  await action(page, "Inscrire").click();
}

export interface Mark {
  kind: string;
  understood: boolean;
  text: string;
}

/**
 * The extension's status mark once the page is settled (understood, or « non comprise » after the
 * lifecycle's quiet period), or null when absent.
 */
export async function readMark(page: Page, timeoutMs = 12_000): Promise<Mark | null> {
  try {
    await page.waitForSelector('[data-tiers-feature="extension-status"]', {
      state: "attached",
      timeout: timeoutMs,
    });
  } catch {
    return null;
  }
  return page.evaluate(() => {
    const root = document.querySelector('[data-tiers-feature="extension-status"]')?.shadowRoot;
    const mark = root?.querySelector<HTMLElement>(".mark");
    if (!mark) return null;
    return {
      kind: mark.dataset.pageKind ?? "",
      understood: mark.dataset.understood === "true",
      text: mark.textContent ?? "",
    };
  });
}

interface ExecutionContext {
  id: number;
  name: string;
  origin: string;
  auxData?: { type?: string; isDefault?: boolean };
}

/**
 * Evaluates code in our content script's isolated world of a page (through CDP), where page scripts
 * cannot reach. Returns null when the extension has no isolated world in that page.
 */
export async function contentWorld(page: Page, extensionId: string) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on("Runtime.executionContextCreated", (event: { context: ExecutionContext }) =>
    contexts.push(event.context),
  );
  await cdp.send("Runtime.enable");
  const ours = contexts.find(
    (c) => c.auxData?.type === "isolated" && c.origin === `chrome-extension://${extensionId}`,
  );
  if (!ours) {
    await cdp.detach();
    return null;
  }
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const result = await cdp.send("Runtime.evaluate", {
        expression,
        contextId: ours.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (result.exceptionDetails)
        throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

/** Opens one of the extension's pages (popup, options) in a tab. */
export async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  path: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

/** Stops every service worker through the DevTools protocol, as Chromium does to an idle worker. */
export async function stopServiceWorkers(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await openExtensionPage(context, extensionId, "src/ui/options/index.html");
  const cdp = await context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  await page.close();
}
