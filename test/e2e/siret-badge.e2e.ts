// The emitter-SIRET badge on the demo login form (issue 6), in layouts A and B (random ids and classes):
// the firm's active SIRET, a closed one, a client's, a wrong key and an unknown one, updated as the user
// types; nothing shown for a non-SIRET identifier; the login itself still works.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSiret } from "../../src/register/model/ids.ts";
import { DEFAULT_SETTINGS } from "../../src/register/model/register.ts";
import { registerCompanies, sendFromExtension } from "./jobs-support.ts";
import { action, openExtensionPage, openSession, type Session } from "./support.ts";

let session: Session;
let firm: string;
let old: string;
let client: { siret: string; raisonSociale: string };

/** Another valid SIRET of the same SIREN (a closed establishment of the firm). */
function otherEstablishment(siret: string): string {
  for (let nic = 10; nic < 100_000; nic++) {
    const s = siret.slice(0, 9) + String(nic).padStart(5, "0");
    if (s !== siret && checkSiret(s).ok) return s;
  }
  throw new Error("no other NIC");
}

beforeAll(async () => {
  session = await openSession();
  const { demo } = session;
  const { context, extensionId } = session.browser;
  firm = demo.credentials.identifiant;
  old = otherEstablishment(firm);
  const company = demo.state.portfolio.find((c) => c.kind === "RG" && c.siret && !c.radie);
  if (!company?.siret) throw new Error("no RG company in the demo portfolio");
  client = { siret: company.siret, raisonSociale: company.raisonSociale };
  const options = await openExtensionPage(context, extensionId ?? "", "src/ui/options/index.html");
  await sendFromExtension(options, {
    type: "settings/save",
    settings: { ...DEFAULT_SETTINGS, nom: "Cabinet Démo", siretActif: firm, anciensSirets: [old] },
  });
  await registerCompanies(options, [company]);
  await options.close();
});
afterAll(async () => session?.close());

interface Badge {
  hidden: boolean;
  status: string;
  text: string;
}

async function readBadge(page: Page): Promise<Badge | null> {
  return page.evaluate(() => {
    const p = document
      .querySelector('[data-tiers-feature="emitter-siret-badge"]')
      ?.shadowRoot?.querySelector<HTMLElement>("p");
    return p
      ? { hidden: p.hidden === true, status: p.dataset.status ?? "", text: p.textContent ?? "" }
      : null;
  });
}

async function waitBadge(page: Page, status: string): Promise<Badge> {
  const deadline = Date.now() + 5_000;
  let badge: Badge | null = null;
  while (Date.now() < deadline) {
    badge = await readBadge(page);
    if (badge && !badge.hidden && badge.status === status) return badge;
    await page.waitForTimeout(50);
  }
  throw new Error(`badge ${status} not shown: ${JSON.stringify(badge)}`);
}

const spaced = (s: string) => `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;

for (const variant of ["A", "B"] as const) {
  describe(`layout ${variant}`, () => {
    beforeAll(() => {
      session.demo.reset();
      session.demo.faults.set({ variant });
    });

    it("says what the typed SIRET is before submission, as the user types, naming no client", async () => {
      const page = await session.browser.context.newPage();
      await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
      await page.waitForSelector('[data-tiers-feature="emitter-siret-badge"]', { state: "attached" });
      expect((await readBadge(page))?.hidden).toBe(true);
      const id = page.getByLabel("Identifiant");

      // Typed key by key: nothing until the 14th digit, then the verdict.
      await id.pressSequentially(firm.slice(0, 13));
      await page.waitForTimeout(200);
      expect((await readBadge(page))?.hidden).toBe(true);
      await id.pressSequentially(firm.slice(13));
      expect((await waitBadge(page, "active")).text).toContain("SIRET actif du cabinet");

      // Another digit: no longer a SIRET, the badge goes away; back to 14 digits, it comes back.
      await id.press("End");
      await id.press("1");
      await page.waitForFunction(
        () =>
          document.querySelector('[data-tiers-feature="emitter-siret-badge"]')?.shadowRoot?.querySelector("p")
            ?.hidden === true,
      );
      await id.press("Backspace");
      await waitBadge(page, "active");

      await id.fill(spaced(old));
      expect((await waitBadge(page, "old")).text).toContain("ancien SIRET du cabinet");

      await id.fill(client.siret);
      const clientBadge = await waitBadge(page, "client");
      expect(clientBadge.text).toContain("SIRET d'un client du cabinet");
      expect(clientBadge.text).not.toContain(client.raisonSociale);

      const badKey = firm.slice(0, 13) + String((Number(firm[13]) + 1) % 10);
      await id.fill(badKey);
      const invalid = await waitBadge(page, "invalid");
      expect(invalid.text).toMatch(/SIRET invalide\. Le SIRET .* a une clé invalide/);

      // A valid SIRET the firm does not know at all.
      const unknown = session.demo.state.unknownSirens[0];
      if (unknown) {
        const siret = otherEstablishment(`${unknown}00000`);
        await id.fill(siret);
        expect((await waitBadge(page, "unknown")).text).toContain("SIRET inconnu");
      }

      // Not a SIRET (an e-mail address): no badge.
      await id.fill("cabinet@example.test");
      await page.waitForTimeout(200);
      expect((await readBadge(page))?.hidden).toBe(true);
      await page.close();
    });

    it("leaves the login working: the firm's SIRET, the password, « Je me connecte »", async () => {
      const page = await session.browser.context.newPage();
      await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
      await page.getByLabel("Identifiant").fill(firm);
      await waitBadge(page, "active");
      await page.getByLabel("Mot de passe").fill(session.demo.credentials.motDePasse);
      await action(page, "Je me connecte").click();
      await page.waitForURL(/mon\.urssaf\.fr\/actualites/);
      const logins = session.demo.log().filter((e) => e.action === "login");
      expect(logins.at(-1)?.details).toMatchObject({ identifiant: firm });
      await page.close();
    });
  });
}
