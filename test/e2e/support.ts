// Shared steps of the browser tests: the demo space, Chromium with the built extension, and ways to
// look inside the extension (its isolated world, its shadow roots, its service worker).
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { INJECTED_FLAG } from "../../src/core/content-injection.ts";
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
  // The worker injects our script once the page has loaded. A test that starts a job next expects the
  // extension to have seen this page first, as it has by the time a user acts: wait for its mark.
  if (page.context().serviceWorkers().length > 0) await readMark(page);
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
 * lifecycle's quiet period), or null when absent. Read in the isolated world: its root is closed.
 */
export async function readMark(page: Page, timeoutMs = 12_000): Promise<Mark | null> {
  try {
    return await waitInUi<Mark>(page, MARK, undefined, timeoutMs);
  } catch {
    return null;
  }
}

const MARK = `(roots) => {
  const mark = roots("extension-status")[0]?.querySelector(".mark");
  return mark ? {
    kind: mark.dataset.pageKind ?? "",
    understood: mark.dataset.understood === "true",
    text: mark.textContent ?? "",
  } : null;
}`;

/** The status mark as it is now (null when absent, or when the page has no world of ours yet). */
export function markNow(page: Page): Promise<Mark | null> {
  return inUi<Mark | null>(page, MARK).catch(() => null);
}

interface ExecutionContext {
  id: number;
  name: string;
  origin: string;
  auxData?: { type?: string; isDefault?: boolean };
}

/**
 * Our content script started in that world (its test handle is there, src/content/main.ts), and its
 * extension is still there: after an update, the previous script's world stays, cut off (takeover.ts).
 */
const STARTED = `"${INJECTED_FLAG}" in globalThis && typeof globalThis.tiersAssistant === "object" && Boolean(globalThis.chrome?.runtime?.id)`;

/**
 * Evaluates code in our content script's isolated world of a page (through CDP), where page scripts
 * cannot reach. The worker injects the script after the page's load: this waits up to `waitMs` for it
 * to have started there, and returns null when it has not (no isolated world, or not our script).
 */
export async function contentWorld(page: Page, extensionId?: string, waitMs = 10_000) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on("Runtime.executionContextCreated", (event: { context: ExecutionContext }) =>
    contexts.push(event.context),
  );
  cdp.on("Runtime.executionContextsCleared", () => {
    contexts.length = 0;
  });
  await cdp.send("Runtime.enable");
  const evaluateIn = async <T>(contextId: number, expression: string): Promise<T> => {
    const result = await cdp.send("Runtime.evaluate", {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails)
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as T;
  };
  const isOurs = (c: ExecutionContext) =>
    c.auxData?.type === "isolated" &&
    (extensionId
      ? c.origin === `chrome-extension://${extensionId}`
      : c.origin.startsWith("chrome-extension://"));
  const deadline = Date.now() + waitMs;
  let ours: ExecutionContext | undefined;
  for (;;) {
    for (const c of contexts.filter(isOurs)) {
      const started = await evaluateIn<boolean>(c.id, STARTED).catch(() => false);
      if (started) ours = c;
    }
    if (ours || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!ours) {
    await cdp.detach();
    return null;
  }
  const contextId = ours.id;
  return {
    evaluate: <T>(expression: string): Promise<T> => evaluateIn<T>(contextId, expression),
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

// Our UI lives in CLOSED shadow roots: neither the page nor Playwright's locators see into them. The
// tests read and click it from our isolated world, through the test hook `tiersAssistant.shadowOf`,
// and click with the mouse at the element's place (a trusted click, as the user's).

/** The prelude of every evaluation in our UI: `roots(id)` = the shadow roots of feature `id`'s hosts. */
const ROOTS = `(id) => [...document.querySelectorAll('[data-tiers-feature="' + id + '"]')]
  .map((h) => globalThis.tiersAssistant.shadowOf(h)).filter(Boolean)`;

/**
 * Evaluates `fn(roots, arg)` in the isolated world: `fn` is a function's source; `roots(id)` gives the
 * shadow roots of feature `id`. Throws when the page has no isolated world of ours.
 */
export async function inUi<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  // Now, not waiting for the script: waitInUi polls.
  const world = await contentWorld(page, undefined, 0);
  if (!world) throw new Error("pas de script de contenu dans cette page");
  try {
    return await world.evaluate<T>(`(${fn})(${ROOTS}, ${JSON.stringify(arg ?? null)})`);
  } finally {
    await world.detach().catch(() => undefined);
  }
}

/** Polls `inUi(fn, arg)` until it gives a truthy value (navigations and a late world included). */
export async function waitInUi<T>(page: Page, fn: string, arg?: unknown, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await inUi<T>(page, fn, arg);
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(`attendu dans l'interface de l'extension, en vain : ${fn}${last ? ` (${last})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A target in our UI: an element of feature `id` by CSS selector, optionally with a text (or pattern). */
export interface UiTarget {
  id: string;
  selector: string;
  /** Exact text (trimmed) or aria-label; or a RegExp tested on both. */
  text?: string | RegExp;
  /** Which host of the feature (its index among the hosts), else any. */
  host?: number;
}

const FIND = `(roots, t) => {
  const all = t.host == null ? roots(t.id) : roots(t.id).slice(t.host, t.host + 1);
  const ok = (s) => s != null && (t.pattern ? new RegExp(t.pattern, t.flags).test(s) : t.text == null || s.trim() === t.text);
  for (const root of all)
    for (const el of root.querySelectorAll(t.selector))
      if (ok(el.textContent) || ok(el.getAttribute("aria-label"))) return el;
  return null;
}`;

function plain(target: UiTarget) {
  const { text, ...rest } = target;
  return text instanceof RegExp ? { ...rest, pattern: text.source, flags: text.flags } : { ...rest, text };
}

/** The texts of the elements of a target (all hosts of the feature), now. */
export function uiTexts(page: Page, target: UiTarget): Promise<string[]> {
  return inUi<string[]>(
    page,
    `(roots, t) => (t.host == null ? roots(t.id) : roots(t.id).slice(t.host, t.host + 1))
      .flatMap((root) => [...root.querySelectorAll(t.selector)].map((el) => el.textContent ?? ""))`,
    plain(target),
  );
}

/** Waits for a target to be in our UI; gives its text. */
export function uiWaitFor(page: Page, target: UiTarget, timeoutMs = 15_000): Promise<string> {
  return waitInUi<string>(
    page,
    `(roots, t) => { const el = (${FIND})(roots, t); return el ? (el.textContent ?? "") || " " : null; }`,
    plain(target),
    timeoutMs,
  );
}

/**
 * Clicks a target of our UI as the user does: a real mouse click at its centre (trusted event). As a
 * user waits for a page to stop moving, the click waits until the target has kept its place for 100 ms
 * and nothing covers it. A page part rendered late can still push the target aside between that look
 * and the click (the mutation bed's `late`): the click then lands elsewhere, which the target's own
 * listener tells, and it is made again where the target now is. A click that made the page change
 * (another document, another world of ours) counts as made.
 */
export async function uiClick(page: Page, target: UiTarget, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const token = `${Date.now()}-${attempt}`;
    const box = await waitInUi<{ x: number; y: number }>(
      page,
      `(roots, t) => new Promise((resolve) => {
        const el = (${FIND})(roots, t);
        if (!el) return resolve(null);
        el.scrollIntoView({ block: "center", inline: "center" });
        const place = () => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
        };
        const before = place();
        setTimeout(() => {
          const now = place();
          const hit = now ? el.getRootNode().elementFromPoint(now.x, now.y) : null;
          if (!before || !now || before.x !== now.x || before.y !== now.y || !hit || !el.contains(hit))
            return resolve(null);
          globalThis.tiersClickTest = { token: t.token, reached: false };
          el.addEventListener("click", (e) => {
            const test = globalThis.tiersClickTest;
            if (e.isTrusted && test?.token === t.token) test.reached = true;
          }, { capture: true, once: true });
          resolve(now);
        }, 100);
      })`,
      { ...plain(target), token },
      Math.max(1, end - Date.now()),
    );
    await page.mouse.click(box.x, box.y);
    const check = await inUi<{ token: string; reached: boolean } | null>(
      page,
      "() => globalThis.tiersClickTest ?? null",
    ).catch(() => null);
    if (check?.token !== token || check.reached) return;
    if (Date.now() > end)
      throw new Error(`le clic sur ${JSON.stringify(target)} n'a pas atteint sa cible (la page bougeait)`);
  }
}
