// Issue 15, S2: a page script (the MAIN world, as a compromised urssaf.fr would run) tries to drive
// our UI and to read what it shows. It fills the login field with a client's SIRET and fires input,
// reads everything of ours the DOM gives it, and clicks our buttons with synthetic events. Nothing
// starts, and nothing of the register leaks.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import { registerCompanies, sendFromExtension } from "./jobs-support.ts";
import { contentWorld, login, openExtensionPage, openSession, readMark, type Session } from "./support.ts";

let session: Session;
let options: Page;
beforeAll(async () => {
  session = await openSession();
  options = await openExtensionPage(
    session.browser.context,
    session.browser.extensionId ?? "",
    "src/ui/options/index.html",
  );
  const client = session.demo.state.portfolio.find((c) => c.siren && !c.radie);
  if (client) await registerCompanies(options, [client]);
});
afterAll(async () => session?.close());

it("learns nothing from the SIRET badge by filling the field itself, nor by reading our hosts", async () => {
  const client = session.demo.state.portfolio.find((c) => c.siren && !c.radie);
  expect(client).toBeDefined();
  const siret = `${client?.siren}00012`;
  const page = await session.browser.context.newPage();
  await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
  await page.waitForSelector('[data-tiers-feature="emitter-siret-badge"]', { state: "attached" });
  const seen = await page.evaluate(async (value) => {
    const field = [...document.querySelectorAll("input")].find((i) =>
      i.labels?.[0]?.textContent?.includes("Identifiant"),
    ) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const host = document.querySelector('[data-tiers-feature="emitter-siret-badge"]') as HTMLElement;
    const ours = [...document.querySelectorAll("[data-tiers-feature]")]
      .map((h) => `${h.outerHTML} ${h.textContent} ${h.shadowRoot?.innerHTML ?? ""}`)
      .join("\n");
    return { closed: host.shadowRoot === null, ours };
  }, siret);
  expect(seen.closed).toBe(true);
  for (const leak of ["client", "data-status", "cabinet", "inconnu", "SIRET"])
    expect(seen.ours).not.toContain(leak);
  // And the badge did not even ask: a page's synthetic input is not the user typing.
  const world = await contentWorld(page, session.browser.extensionId ?? "");
  const badge = await world?.evaluate<{ hidden: boolean } | null>(`(() => {
    const host = document.querySelector('[data-tiers-feature="emitter-siret-badge"]');
    const p = host && globalThis.tiersAssistant.shadowOf(host)?.querySelector("p");
    return p ? { hidden: p.hidden } : null;
  })()`);
  await world?.detach();
  expect(badge).toEqual({ hidden: true });
  await page.close();
});

it("starts nothing with synthetic clicks on our buttons", async () => {
  const page = await session.browser.context.newPage();
  await login(page, session.demo);
  await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  await readMark(page);
  await page.waitForSelector('[data-tiers-feature="one-click-resign"]', { state: "attached" });
  await page.waitForSelector('[data-tiers-feature="portfolio-panel"]', { state: "attached" });
  const clicked = await page.evaluate(async () => {
    let n = 0;
    // Twice: « Résilier » then « Oui, résilier » would be the second click on a driven UI.
    for (let round = 0; round < 2; round++) {
      for (const host of document.querySelectorAll("[data-tiers-feature]")) {
        for (const b of host.shadowRoot?.querySelectorAll("button") ?? []) {
          b.click();
          b.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
          n++;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return n;
  });
  expect(clicked).toBeGreaterThan(0);
  await page.waitForTimeout(1_500);
  expect(await sendFromExtension<JobView | null>(options, { type: "job/get" })).toBeNull();
  expect(session.demo.log().filter((e) => e.action !== "login")).toEqual([]);
  await page.close();
});
