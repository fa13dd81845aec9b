// A bulk job started the way an accountant does: select clients in the register, read the summary,
// confirm; a new Urssaf tab opens on the login page, the accountant logs in, the job runs; the popup
// follows it.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import { ended, registerCompanies, sendFromExtension, waitForJob } from "./jobs-support.ts";
import { openExtensionPage, openSession, type Session, uiClick, uiWaitFor } from "./support.ts";

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => session?.close());

it("adds the selected clients after one confirmation, in a new Urssaf tab, followed in the popup", async () => {
  const { context, extensionId } = session.browser;
  const options = await openExtensionPage(context, extensionId ?? "", "src/ui/options/index.html#clients");
  const companies = session.demo.state.directory.filter((c) => c.kind === "RG").slice(0, 2);
  await registerCompanies(options, companies);
  await options.reload();
  await options.getByLabel("Tout sélectionner").check();
  await options.getByTestId("bulk-add").click();
  const dialog = options.getByTestId("bulk-dialog");
  await dialog.getByText(companies[0]?.raisonSociale ?? "?").waitFor();
  expect(await dialog.getByRole("heading").textContent()).toBe(
    "Inscrire 2 client(s) dans le portefeuille Urssaf",
  );
  await dialog.getByTestId("bulk-pace").fill("0,5");
  const [tab] = await Promise.all([context.waitForEvent("page"), dialog.getByTestId("bulk-start").click()]);

  // Nothing is logged in and no list is known yet: the tab opens on the login page (the content script
  // runs on www.urssaf.fr's login addresses only) and the job waits for the accountant.
  await tab.waitForURL(/www\.urssaf\.fr\/accueil\/se-connecter\.html/);
  await waitForJob(options, (v) => v.job.status === "waiting-login");
  await tab.getByLabel("Identifiant").fill(session.demo.credentials.identifiant);
  await tab.getByLabel("Mot de passe").fill(session.demo.credentials.motDePasse);
  await tab.getByRole("button", { name: "Je me connecte", exact: true }).click();

  const popup = await openExtensionPage(context, extensionId ?? "", "src/ui/popup/index.html");
  await popup.getByTestId("popup-job").waitFor();
  expect(await popup.getByTestId("popup-job").textContent()).toContain("/ 2");

  const view = await waitForJob(options, ended);
  expect([view.job.status, view.progress.done]).toEqual(["done", 2]);
  expect(session.demo.log().filter((e) => e.action === "inscription")).toHaveLength(2);
  const toolbar = { id: "bulk-job", selector: "*" };
  await uiWaitFor(tab, {
    ...toolbar,
    text: /Terminé : 2 fait\(s\), 0 déjà fait\(s\), 0 échec\(s\), 0 ignoré\(s\)\./,
  });
  const [download] = await Promise.all([
    tab.waitForEvent("download"),
    uiClick(tab, { id: "bulk-job", selector: "button", text: "Exporter le rapport (CSV)" }),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rapport-tiers-assistant-\d{4}-\d\d-\d\d\.csv$/);
  const again = await sendFromExtension<JobView | null>(options, { type: "job/get" });
  expect(again?.job.items.map((i) => i.outcome)).toEqual(["done", "done"]);
});
