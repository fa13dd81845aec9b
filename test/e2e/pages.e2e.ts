// The content script runs on the Urssaf hosts (mon, tdbec, dcl; on www, the login pages) and nowhere
// else, and recognises the pages by their labels in both layouts of the demo space, whose ids and
// classes are random.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  contentWorld,
  login,
  openSession,
  readMark,
  type Session,
  startInscription,
  uiWaitFor,
} from "./support.ts";

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await openSession();
  page = await session.browser.context.newPage();
});
afterAll(async () => session?.close());

/** Evaluates an expression in our content script's isolated world of the page. */
async function inContent<T>(p: Page, expression: string): Promise<T> {
  const world = await contentWorld(p, session.browser.extensionId ?? "");
  if (!world) throw new Error("no content script in this page");
  try {
    return await world.evaluate<T>(expression);
  } finally {
    await world.detach();
  }
}

const pageView = <T>(p: Page) =>
  inContent<T>(p, "JSON.parse(JSON.stringify(globalThis.tiersAssistant.page))");

for (const variant of ["A", "B"] as const) {
  describe(`layout ${variant}`, () => {
    beforeAll(async () => {
      session.demo.reset();
      session.demo.faults.set({ variant });
      await page.context().clearCookies();
    });

    it("recognises the login page on www.urssaf.fr", async () => {
      await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
      expect(await readMark(page)).toMatchObject({
        kind: "connexion",
        understood: true,
        text: expect.stringContaining("Tiers Assistant actif"),
      });
    });

    it("reads the dashboard's indicators on tdbec.urssaf.fr", async () => {
      await login(page, session.demo);
      expect(await readMark(page)).toMatchObject({ kind: "tableau-de-bord", understood: true });
      const detected = await pageView<{ view: Record<string, unknown> }>(page);
      const text = await page.locator("body").innerText();
      const anomalies = Number(/(\d+) anomalies? DSN sur l'année/.exec(text)?.[1]);
      const unread = Number(/(\d+) messages? non lus?/.exec(text)?.[1]);
      expect(detected.view).toMatchObject({
        anomaliesDsn: anomalies,
        messagesNonLus: unread,
        anneeAnomalies: expect.any(Number),
      });
      expect(detected.view.derniereMiseAJour).toMatch(/^\d{1,2} \p{L}+ \d{4} à \d{1,2}h\d{2}$/u);
    });

    it("reads the account list on mon.urssaf.fr, page after page", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
      expect(await readMark(page)).toMatchObject({ kind: "etablissements", understood: true });
      const first = await pageView<{
        view: { rows: { siren: string | null; numeroCompte: string | null; label: string }[] };
      }>(page);
      expect(first.view.rows).toHaveLength(10);
      const expected = session.demo.state.portfolio.slice(0, 10);
      expect(first.view.rows.map((r) => r.siren ?? r.numeroCompte)).toEqual(
        expected.map((c) => c.siren ?? c.accountNumber),
      );
      await page.getByText("Suivant", { exact: true }).first().click();
      await page.waitForURL(/page=2/);
      const second = await pageView<{ view: { rows: { siren: string | null }[] } }>(page);
      expect(second.view.rows.map((r) => r.siren)).not.toEqual(first.view.rows.map((r) => r.siren));
    });

    it("recognises the account detail and the add form", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
      await page.locator('a[href*="/etablissements/"]').first().click();
      expect(await readMark(page)).toMatchObject({ kind: "etablissement-detail", understood: true });
      const company = session.demo.state.directory.find((c) => c.kind === "RG");
      if (!company?.siren) throw new Error("demo directory has no employer");
      await startInscription(page, session.demo, company.siren);
      expect(await readMark(page)).toMatchObject({ kind: "inscription-compte", understood: true });
    });

    it("hints under the identifier fields why a number is invalid, before submitting", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
      const siren = page.getByLabel("Siren", { exact: true });
      await siren.fill("526018156");
      const hints = { id: "id-hints", selector: "*" };
      await uiWaitFor(page, { ...hints, text: /Tiers Assistant : Le SIREN 526 018 156 a une clé invalide/ });
      await siren.fill("52601815");
      await uiWaitFor(page, { ...hints, text: /Le SIREN doit compter 9 chiffres/ });
      const valid = session.demo.state.directory.find((c) => c.kind === "RG")?.siren ?? "";
      await siren.fill(valid);
      await uiWaitFor(page, { ...hints, text: "Tiers Assistant : SIREN valide." });
      // The page's own field is untouched: what the user typed is what the site gets.
      expect(await siren.inputValue()).toBe(valid);
    });

    it("reads the page again once the site changed it (the finders' index is not stale)", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
      expect(await readMark(page)).toMatchObject({ kind: "etablissements", understood: true });
      type Detected = { understood: boolean; missing?: string[]; view?: { rows: unknown[] } };
      const detect = () =>
        inContent<Detected>(page, "JSON.parse(JSON.stringify(globalThis.tiersAssistant.detect()))");
      expect((await detect()).view?.rows).toHaveLength(10);
      // A row taken out by the page's script (a node removed).
      await page.evaluate(() => {
        const row = [...document.querySelectorAll("body *")].find(
          (el) =>
            el.childElementCount === 0 && /^Comptes? .+ du SIREN \d+$/.test(el.textContent?.trim() ?? ""),
        );
        row?.remove();
      });
      expect((await detect()).view?.rows).toHaveLength(9);
      // The search button renamed: by its value (an input, no DOM mutation at all) or by its text.
      await page.evaluate(() => {
        const field = [...document.querySelectorAll("label")].find((l) =>
          l.textContent?.includes("Siren/Siret de l'établissement"),
        )?.control;
        const buttons = [...document.querySelectorAll<HTMLElement>("button, input[type=submit]")];
        const after = buttons.find(
          (b) =>
            field &&
            field.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING &&
            (b instanceof HTMLInputElement ? b.value : b.textContent)?.trim() === "Rechercher",
        );
        if (after instanceof HTMLInputElement) after.value = "Chercher";
        else if (after) after.textContent = "Chercher";
      });
      expect(await detect()).toMatchObject({ understood: false, missing: ["Rechercher"] });
      // A label that no longer designates its field (its `for`, or its text).
      await page.reload();
      await readMark(page);
      await page.evaluate(() => {
        const label = [...document.querySelectorAll("label")].find((l) =>
          l.textContent?.includes("Siren/Siret de l'établissement"),
        );
        if (label?.htmlFor) label.htmlFor = "nulle-part";
        else label?.firstElementChild?.replaceChildren("Siren/Siret");
      });
      expect(await detect()).toMatchObject({
        understood: false,
        missing: expect.arrayContaining(["Siren/Siret de l'établissement"]),
      });
    });

    it("fills a field as typing would: the page's listeners see focus, input, change and blur", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
      await readMark(page);
      const label = "Siren/Siret de l'établissement";
      // The page's own listeners write down what they see.
      await page.evaluate((text) => {
        const field = [...document.querySelectorAll("label")].find((l) => l.textContent?.includes(text))
          ?.control as HTMLInputElement;
        field.dataset.seen = "";
        for (const type of ["focus", "focusin", "input", "change", "blur", "focusout"])
          field.addEventListener(type, () => {
            field.dataset.seen += `${type}:${field.value} `;
          });
        document.body.addEventListener("focusout", (e) => {
          if (e.target === field) field.dataset.bubbled = "yes";
        });
      }, label);
      const fill = (value: string) =>
        inContent<boolean>(
          page,
          `(() => { const d = globalThis.tiersAssistant.dom; return d.fillField(d.findControlByLabel(document, ${JSON.stringify(label)}), ${JSON.stringify(value)}); })()`,
        );
      const seen = () =>
        page.evaluate((text) => {
          const field = [...document.querySelectorAll("label")].find((l) => l.textContent?.includes(text))
            ?.control as HTMLInputElement;
          return {
            value: field.value,
            seen: field.dataset.seen,
            bubbled: field.dataset.bubbled,
            active: document.activeElement === field,
          };
        }, label);
      expect(await fill("526018155")).toBe(true);
      expect(await seen()).toEqual({
        value: "526018155",
        seen: "focus: focusin: input:526018155 change:526018155 blur:526018155 focusout:526018155 ",
        bubbled: "yes",
        // The keyboard focus stays wherever the user left it.
        active: false,
      });
      // Already holding the value: left alone, no event.
      expect(await fill("526018155")).toBe(true);
      expect((await seen()).seen?.split(" ").filter(Boolean)).toHaveLength(6);
    });

    it("recognises Suivi DSN, an anomaly detail and the messaging", async () => {
      await page.goto(session.demo.url("mon.urssaf.fr", "/suivi-dsn"));
      expect(await readMark(page)).toMatchObject({ kind: "suivi-dsn", understood: true });
      const anomaly = session.demo.state.anomalies[0];
      if (!anomaly) throw new Error("demo has no anomaly");
      await page.goto(session.demo.url("mon.urssaf.fr", `/suivi-dsn/anomalies/${anomaly.id}`));
      expect(await readMark(page)).toMatchObject({ kind: "suivi-dsn-anomalie", understood: true });
      expect((await pageView<{ view: { reference: string } }>(page)).view.reference).toBe(anomaly.reference);
      await page.goto(session.demo.url("dcl.urssaf.fr", "/messagerie"));
      expect(await readMark(page)).toMatchObject({ kind: "messagerie", understood: true });
    });
  });
}

describe("outside the Urssaf hosts", () => {
  it("does not run on an identical page served by another host", async () => {
    session.demo.faults.clear();
    await page.goto("https://www.example.test/tableau-de-bord");
    await page.getByText("Tableau de bord tiers-déclarant").first().waitFor();
    expect(await readMark(page, 1_500)).toBeNull();
    expect(await contentWorld(page, session.browser.extensionId ?? "", 0)).toBeNull();
  });
});

describe("on www.urssaf.fr, the public site", () => {
  // Every public page would pay for an isolated world before its `load` (issue 13, point 5): the
  // content script runs there only on addresses that look like a login page (manifest.json).
  it("runs nowhere on a public page", async () => {
    session.demo.faults.clear();
    await page.goto(session.demo.url("www.urssaf.fr", "/"));
    await page.getByText("Connectez-vous").first().waitFor();
    expect(await readMark(page, 1_500)).toBeNull();
    expect(await contentWorld(page, session.browser.extensionId ?? "", 0)).toBeNull();
  });

  it("runs on the login addresses, the real site's included", async () => {
    for (const path of ["/connexion", "/accueil/se-connecter.html", "/login", "/identification"]) {
      await page.goto(session.demo.url("www.urssaf.fr", path));
      await expect
        .poll(
          async () => {
            const world = await contentWorld(page, session.browser.extensionId ?? "");
            if (!world) return false;
            try {
              return await world.evaluate<boolean>("typeof globalThis.tiersAssistant === 'object'");
            } finally {
              await world.detach();
            }
          },
          { timeout: 10_000 },
        )
        .toBe(true);
    }
  });
});

describe("on a page of the online space no adapter may claim", () => {
  // What every such page gets is the small script (src/content/main.ts): the adapters and the
  // features are injected only where a page may be ours, the diagnostic code only where one stays
  // « non comprise » (src/core/on-demand.ts, issue 13, point 5).
  it("gets the small script only, even once settled, and the features once the page becomes ours", async () => {
    session.demo.faults.clear();
    await page.goto(session.demo.url("mon.urssaf.fr", "/documents"));
    const world = await contentWorld(page, session.browser.extensionId ?? "");
    if (!world) throw new Error("no content script on the online space");
    try {
      const loaded = () =>
        world.evaluate<string[]>(
          `["tiersAssistantPageFeatures", "tiersAssistantDiagnostics"].filter((g) => g in globalThis)`,
        );
      expect(await loaded()).toEqual([]);
      // Past the quiet period (5 s): « non comprise » is final for a page we do not know, and still
      // nothing more is loaded, since no job runs.
      await page.waitForTimeout(5_600);
      expect(await world.evaluate("globalThis.tiersAssistant.settled")).toBe(true);
      expect(await loaded()).toEqual([]);
      // The same document turns into a page of ours (in-place rendering): the features come.
      await page.evaluate(() => {
        const heading = document.createElement("h1");
        heading.textContent = "Connaissance des anomalies";
        document.body.append(heading);
      });
      await expect.poll(loaded, { timeout: 10_000 }).toEqual(["tiersAssistantPageFeatures"]);
    } finally {
      await world.detach();
    }
  }, 30_000);
});
