// An update of the extension under a tab already open (issue 13: the online space is an application an
// accountant keeps open for hours, while Chromium updates extensions when it likes). The tab's content
// script is then cut off from the extension; the worker gives the tab the new one at once, which takes
// its place: one set of controls, all of them live. Reloading the unpacked extension from
// chrome://extensions is what an update does to the open tabs (runtime.onInstalled, reason « update »).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ended, waitForJob } from "./jobs-support.ts";
import { login, openExtensionPage, openSession, type Session, uiClick } from "./support.ts";

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => session?.close());

const allHosts = (page: Page) => page.locator("[data-tiers-feature]").count();

interface World {
  alive: boolean;
  kind: string | null;
  hosts: number | null;
}

/** Every isolated world of our extension in the page: whether its extension is there, what it read and mounted. */
async function ourWorlds(page: Page, extensionId: string): Promise<World[]> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context as never));
  await cdp.send("Runtime.enable");
  const worlds: World[] = [];
  for (const c of contexts) {
    if (c.auxData?.type !== "isolated" || c.origin !== `chrome-extension://${extensionId}`) continue;
    const { result } = await cdp.send("Runtime.evaluate", {
      contextId: c.id,
      returnByValue: true,
      expression: `({
        alive: Boolean(globalThis.chrome?.runtime?.id),
        kind: globalThis.tiersAssistant?.page?.kind ?? null,
        hosts: globalThis.tiersAssistant?.runner?.hosts() ?? null,
      })`,
    });
    worlds.push(result.value as World);
  }
  await cdp.detach();
  return worlds.sort((a, b) => Number(b.alive) - Number(a.alive));
}

/** What the « reload » button of chrome://extensions does (developer mode, which an unpacked extension needs). */
async function reloadExtension(extensionId: string): Promise<void> {
  const page = await session.browser.context.newPage();
  await page.goto("chrome://extensions/");
  await page.evaluate(async (id) => {
    const dev = (globalThis as unknown as { chrome: { developerPrivate: Record<string, CallableFunction> } })
      .chrome.developerPrivate;
    await new Promise((done) => dev.updateProfileConfiguration?.({ inDeveloperMode: true }, done));
    await new Promise((done) => dev.reload?.(id, { failQuietly: true }, done));
  }, extensionId);
  await page.close();
}

/** « Gérer les établissements » in a new tab, our features mounted: its 10 résilier controls, and all our hosts. */
async function openAccountList() {
  const extensionId = session.browser.extensionId as string;
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await expect.poll(() => page.locator('[data-tiers-feature="one-click-resign"]').count()).toBe(10);
  return { extensionId, page, before: await allHosts(page) };
}

it("replaces an open tab's content script when the extension is updated: no dead controls, no twins", async () => {
  const { extensionId, page, before } = await openAccountList();
  expect(await ourWorlds(page, extensionId)).toEqual([
    { alive: true, kind: "etablissements", hosts: before },
  ]);

  await reloadExtension(extensionId);

  // The new script read the page and mounted everything once; the old one is stopped, its UI gone.
  await expect
    .poll(() => ourWorlds(page, extensionId), { timeout: 15_000 })
    .toEqual([
      { alive: true, kind: "etablissements", hosts: before },
      { alive: false, kind: "etablissements", hosts: 0 },
    ]);
  expect(await allHosts(page)).toBe(before);

  // A later « complete » of the tab (a frame's load) and changes of the page wake neither script into
  // mounting again.
  await page.evaluate(() => {
    const frame = document.createElement("iframe");
    frame.src = "/documents";
    document.body.append(frame);
    document.body.append(document.createElement("p"));
  });
  await page.waitForTimeout(1_500);
  expect(await allHosts(page)).toBe(before);
  expect((await ourWorlds(page, extensionId))[0]).toEqual({
    alive: true,
    kind: "etablissements",
    hosts: before,
  });

  // The new controls act: a one-click résilier from this very page, to the end of its job.
  const ext = await openExtensionPage(session.browser.context, extensionId, "src/ui/options/index.html");
  const target = session.demo.state.portfolio[1];
  if (!target) throw new Error("no second row in the demo");
  const row = { id: "one-click-resign", host: 1, selector: "button" };
  await uiClick(page, { ...row, text: "Résilier" });
  await uiClick(page, { ...row, text: "Oui, résilier" });
  const view = await waitForJob(ext, ended);
  expect([view.job.status, view.job.reason, view.progress.done]).toEqual(["done", null, 1]);
  expect(
    session.demo
      .log()
      .filter((e) => e.action === "resiliation")
      .map((e) => e.details.accountNumber),
  ).toEqual([target.accountNumber]);
  await ext.close();
  await page.close();
});

it("stops a cut-off script at its next reading of the page, even where nothing of it was left to see", async () => {
  const { extensionId, page, before } = await openAccountList();
  // The page's own re-render dropped our hosts: the new script finds none, so it sends no event.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll("[data-tiers-feature]")) host.remove();
  });

  await reloadExtension(extensionId);
  await expect
    .poll(async () => (await ourWorlds(page, extensionId)).filter((w) => w.alive), { timeout: 15_000 })
    .toEqual([{ alive: true, kind: "etablissements", hosts: before }]);

  // A change of the page: the old script reads it again, and stops instead of mounting dead controls.
  await page.evaluate(() => {
    const note = document.createElement("p");
    note.textContent = "Liste mise à jour";
    document.body.append(note);
  });
  await page.waitForTimeout(1_500);
  expect(await allHosts(page)).toBe(before);
  expect(await ourWorlds(page, extensionId)).toEqual([
    { alive: true, kind: "etablissements", hosts: before },
    { alive: false, kind: "etablissements", hosts: 0 },
  ]);
  await page.close();
});
