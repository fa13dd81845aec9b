// The MAIN-world dialog bridge: native dialogs pass through untouched unless our content script armed
// it for one dialog, and an armed bridge accepts only a dialog that names the expected account.
import type { Dialog, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Company } from "../demo-site/data.ts";
import { action, contentWorld, login, openSession, type Session, startInscription } from "./support.ts";

let session: Session;
let page: Page;
const nativeDialogs: string[] = [];
let answerNative: (d: Dialog) => Promise<void> = (d) => d.dismiss();

beforeAll(async () => {
  session = await openSession();
  page = await session.browser.context.newPage();
  page.on("dialog", (dialog) => {
    nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void answerNative(dialog);
  });
  await login(page, session.demo);
});
afterAll(async () => session?.close());
beforeEach(() => {
  nativeDialogs.length = 0;
  answerNative = (d) => d.dismiss();
});

const employers = () => session.demo.state.portfolio.filter((c) => c.kind === "RG" && c.siren);
const inPortfolio = (c: Company) =>
  session.demo.state.portfolio.some((p) => p.accountNumber === c.accountNumber);

/** Opens the detail of an account of the portfolio (the page the pencil ✍ leads to). */
async function openDetail(company: Company): Promise<void> {
  await page.goto(
    session.demo.url(
      "mon.urssaf.fr",
      `/mon-profil/parametres/etablissements/compte/${company.accountNumber}`,
    ),
  );
  await page.getByText("Siret de l'établissement").first().waitFor();
}

async function arm(kind: "confirm" | "alert", mustContain: string[], timeoutMs = 10_000) {
  const world = await contentWorld(page, session.browser.extensionId ?? "");
  if (!world) throw new Error("no content script");
  await world.evaluate(
    `globalThis.tiersAssistant.bridge.arm(${JSON.stringify(kind)}, ${JSON.stringify(mustContain)}, ${timeoutMs}).then((a) => { globalThis.__outcome = a.outcome; return true; })`,
  );
  return {
    outcome: async () =>
      world.evaluate<{ seen: boolean; text?: string; answer?: string; reason?: string }>(
        "globalThis.__outcome",
      ),
    detach: () => world.detach(),
  };
}

const resilier = () => action(page, "Résilier");

describe("when not armed", () => {
  it("lets the page's native confirm through, and Annuler keeps the account", async () => {
    const [company] = employers();
    if (!company) throw new Error("no employer in the demo portfolio");
    await openDetail(company);
    await resilier().click();
    await page.waitForTimeout(300);
    expect(nativeDialogs).toEqual([
      `confirm: Veuillez confirmer la suppression immédiate de l'inscription Comptes Régime Général du siren ${company.siren}`,
    ]);
    expect(inPortfolio(company)).toBe(true);
  });

  it("lets the page's native confirm through, and OK deletes as without the extension", async () => {
    const company = employers()[1];
    if (!company) throw new Error("no employer in the demo portfolio");
    answerNative = (d) => d.accept();
    await openDetail(company);
    await resilier().click();
    await page.waitForURL(/etablissements(\?|$)/);
    expect(nativeDialogs).toHaveLength(1);
    expect(inPortfolio(company)).toBe(false);
  });
});

describe("when armed for one dialog", () => {
  it("answers Annuler to a confirm that names another account, and says what it saw", async () => {
    const [target, other] = employers();
    if (!target?.siren || !other?.siren) throw new Error("need two employers");
    await openDetail(other);
    const armed = await arm("confirm", [target.siren]);
    await resilier().click();
    const outcome = await armed.outcome();
    expect(outcome).toMatchObject({
      seen: true,
      answer: "cancel",
      text: expect.stringContaining(other.siren),
    });
    await page.waitForTimeout(300);
    expect(nativeDialogs).toEqual([]);
    expect(inPortfolio(other)).toBe(true);
    await armed.detach();
  });

  it("answers OK to the confirm that names the expected account, once", async () => {
    const [target] = employers();
    if (!target?.siren) throw new Error("no employer");
    await openDetail(target);
    const armed = await arm("confirm", ["Régime Général", target.siren]);
    // The page leaves right after OK: wait for the outcome from before the click.
    const outcome = armed.outcome();
    await resilier().click();
    expect(await outcome).toMatchObject({ seen: true, answer: "ok" });
    await page.waitForURL(/etablissements(\?|$)/);
    expect(nativeDialogs).toEqual([]);
    expect(inPortfolio(target)).toBe(false);
    expect(session.demo.log().some((e) => JSON.stringify(e).includes(target.siren ?? "-"))).toBe(true);
    await armed.detach();
  });

  it("disarms itself after its timeout: the next dialog is native again", async () => {
    const [company] = employers();
    if (!company?.siren) throw new Error("no employer");
    await openDetail(company);
    const armed = await arm("confirm", [company.siren], 300);
    expect(await armed.outcome()).toEqual({ seen: false, reason: "expired" });
    await resilier().click();
    await page.waitForTimeout(300);
    expect(nativeDialogs).toHaveLength(1);
    expect(inPortfolio(company)).toBe(true);
    await armed.detach();
  });

  it("refuses to be armed without an expected text", async () => {
    const world = await contentWorld(page, session.browser.extensionId ?? "");
    await expect(world?.evaluate("globalThis.tiersAssistant.bridge.arm('confirm', [' '])")).rejects.toThrow(
      /quel texte attendre/,
    );
    await world?.detach();
  });
});

describe("the add flow's alert", () => {
  it("passes through natively with the seed's text when not armed", async () => {
    const company = session.demo.state.directory.find(
      (c) => c.kind === "RG" && c.siren && c.amountDue !== null,
    );
    if (!company?.siren || company.amountDue === null) throw new Error("no employer in the directory");
    answerNative = (d) => d.accept();
    await startInscription(page, session.demo, company.siren);
    await action(page, "Enregistrer").waitFor();
    const inputs = page.locator('input[type="text"], input:not([type])');
    const labels = await page.locator("label").allInnerTexts();
    const amountLabel = labels.find((l) => /montant/i.test(l));
    const accountLabel = labels.find((l) => /compte/i.test(l));
    if (!amountLabel || !accountLabel)
      throw new Error(`form labels not found: ${labels.join(" | ")} (${await inputs.count()} inputs)`);
    await page.getByLabel(amountLabel.trim()).fill(company.amountDue.toFixed(2).replace(".", ","));
    await page.getByLabel(accountLabel.trim()).fill(company.accountNumber);
    await action(page, "Enregistrer").click();
    await page.waitForURL(/etablissements(\?|$)/);
    expect(nativeDialogs).toEqual(["alert: Votre modification a bien été prise en compte."]);
    expect(inPortfolio(company)).toBe(true);
  });
});
