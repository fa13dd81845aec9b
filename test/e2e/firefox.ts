// Launch Debian's Firefox ESR (never a downloaded browser) headless through WebDriver BiDi
// (puppeteer-core), install the built extension (dist/firefox/) and send every *.urssaf.fr host (plus
// *.example.test) to the local demo space.
//
// Host mapping: Firefox has no --host-resolver-rules. Its HTTPS proxy setting sends each connection
// to a tiny CONNECT tunnel of ours, which opens it to the demo's port for the demo's hosts and
// refuses every other host (the closed network stays closed: Firefox's own update and telemetry
// requests are refused there). The demo's self-signed certificate is accepted by the BiDi session
// (acceptInsecureCerts).
//
// Extension pages: WebDriver BiDi refuses to navigate a tab to moz-extension://. With
// --remote-allow-system-access Firefox performs the navigation, but Puppeteer never sees it complete
// (the tab changes process and Puppeteer's frame keeps its old URL) — scripts evaluated in the tab do
// run in the extension page, with its `browser` API. So `openExtensionPage` starts the navigation
// without awaiting it and waits, by evaluating in the tab, for the page to be loaded. The extension's
// internal UUID is fixed by the pref extensions.webextensions.uuids, so its origin is known before
// install. Inside the options page, tabs are changed through the URL's hash (no new navigation).
import { existsSync, mkdtempSync } from "node:fs";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

export const FIREFOX_DIST = resolve(import.meta.dirname, "../../dist/firefox");
/** The add-on id of the Firefox build (vite.config.ts). */
export const GECKO_ID = "tiers-assistant@tiers-assistant.fr";
/** Any fixed UUID: Firefox gives it to our add-on instead of a random one. */
export const EXTENSION_UUID = "5b0c1f0e-2d3a-4e7b-9a41-7f2b1c9d8e60";
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

const DEMO_HOST = /^([a-z0-9-]+\.)*(urssaf\.fr|example\.test)$/i;

export function firefoxPath(): string {
  const chosen = process.env.FIREFOX_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`FIREFOX_PATH indique ${chosen}, qui n'existe pas.`);
    return chosen;
  }
  const found = ["/usr/bin/firefox-esr", "/usr/bin/firefox"].find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Firefox introuvable : installez-le (apt-get install -y firefox-esr firefox-esr-l10n-fr) ou indiquez son chemin dans FIREFOX_PATH.",
    );
  }
  return found;
}

/** A CONNECT tunnel to 127.0.0.1:`port` for the demo's hosts only. */
export async function startDemoTunnel(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const tunnel = createServer((socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (head) => {
      const request = /^CONNECT ([^:\s]+):(\d+) HTTP\/1\.[01]\r\n/.exec(head.toString("latin1"));
      if (!request?.[1] || !DEMO_HOST.test(request[1])) {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      const upstream = connect(port, "127.0.0.1", () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("close", () => upstream.destroy());
    });
  });
  await new Promise<void>((done) => tunnel.listen(0, "127.0.0.1", done));
  return {
    port: (tunnel.address() as AddressInfo).port,
    close: async () => {
      // The connections Firefox keeps alive would hold the server open.
      for (const socket of open) socket.destroy();
      await new Promise<void>((done) => tunnel.close(() => done()));
    },
  };
}

export interface LaunchedFirefox {
  browser: Browser;
  extensionId: string;
  version: string;
  close(): Promise<void>;
}

export async function launchFirefox(options: { port: number; headless?: boolean }): Promise<LaunchedFirefox> {
  if (!existsSync(join(FIREFOX_DIST, "manifest.json"))) {
    throw new Error("L'extension Firefox n'est pas construite : lancez d'abord `npm run build`.");
  }
  const tunnel = await startDemoTunnel(options.port);
  const userDataDir = mkdtempSync(join(tmpdir(), "tiers-assistant-firefox-"));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: firefoxPath(),
      headless: options.headless ?? true,
      userDataDir,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      // Lets the BiDi session navigate a tab to the extension's own pages (see above).
      args: ["--remote-allow-system-access"],
      env: { ...process.env, TZ: "Europe/Paris" },
      extraPrefsFirefox: {
        "network.proxy.type": 1,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": tunnel.port,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": tunnel.port,
        "network.proxy.no_proxies_on": "",
        "network.proxy.allow_hijacking_localhost": true,
        "network.trr.mode": 5,
        "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        // The extension's UI language follows Firefox's (Debian's firefox-esr-l10n-fr provides it).
        "intl.locale.requested": "fr",
        "intl.accept_languages": "fr-FR, fr",
      },
    });
  } catch (error) {
    await tunnel.close();
    throw new Error(`Firefox (${firefoxPath()}) n'a pas démarré : ${(error as Error).message}`);
  }
  const extensionId = await browser.installExtension(FIREFOX_DIST).catch(async (error: Error) => {
    await browser.close();
    await tunnel.close();
    throw new Error(`Firefox a refusé l'extension (${FIREFOX_DIST}) : ${error.message}`);
  });
  return {
    browser,
    extensionId,
    version: await browser.version(),
    async close() {
      await browser.close().catch(() => undefined);
      await tunnel.close();
    },
  };
}

/** Polls `check` until it returns true; an evaluation in a tab between two documents fails: try again. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - start > timeoutMs) throw new Error(`${what} : rien après ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens one of the extension's pages (options, popup) in a new tab, loaded. */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${path}`;
  // Never reported complete to Puppeteer (see above): not awaited, its timeout is ignored.
  page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  await until(
    () => page.evaluate((u) => location.href === u && document.readyState === "complete", url),
    `ouverture de ${path}`,
  );
  return page;
}

/** Shows one tab of the options page (its hash route). */
export async function showOptionsTab(page: Page, tab: string): Promise<void> {
  await page.evaluate((t) => {
    location.hash = t;
  }, tab);
  await page.waitForSelector(`[role=tab][aria-selected=true]#tab-${tab}`);
}

/** Sends a message to the background from an extension page, as our own pages do. */
export async function sendFromExtension<T>(page: Page, message: unknown): Promise<T> {
  const reply = (await page.evaluate(
    (m) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m),
    message,
  )) as { ok: boolean; data?: T; error?: string };
  if (!reply.ok) throw new Error(reply.error);
  return reply.data as T;
}
