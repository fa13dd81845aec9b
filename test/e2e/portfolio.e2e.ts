// Reading the whole portfolio on the demo "Gérer les établissements" (every page, "Suivant"), the
// comparison with the register in the options page, its CSV export, and résiliation from it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JobView } from "../../src/core/messages.ts";
import type { PortfolioSnapshot } from "../../src/portfolio/model/portfolio.ts";
import { ended, registerCompanies, sendFromExtension, waitForJob } from "./jobs-support.ts";
import { login, openExtensionPage, openSession, type Session, uiClick, uiWaitFor } from "./support.ts";

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(async () => session?.close());

it("reads every page of the portfolio, compares it with the register, exports it, and resigns from the comparison", async () => {
  const { demo } = session;
  const { context, extensionId } = session.browser;
  const page = await context.newPage();
  await login(page, demo);
  const options = await openExtensionPage(
    context,
    extensionId ?? "",
    "src/ui/options/index.html#portefeuille",
  );
  // The register knows 3 accounts of the portfolio and 1 company the Urssaf portfolio lacks.
  const inPortfolio = demo.state.portfolio.filter((c) => c.kind === "RG" && !c.radie).slice(0, 3);
  const missing = demo.state.directory.filter((c) => c.kind === "RG").slice(0, 1);
  await registerCompanies(options, [...inPortfolio, ...missing]);

  await sendFromExtension<JobView>(options, { type: "job/create", action: "read", paceMs: 20 });
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  const view = await waitForJob(options, ended);
  expect([view.job.status, view.job.reason]).toEqual(["done", null]);

  const snapshot = await sendFromExtension<PortfolioSnapshot>(options, { type: "portfolio/get" });
  const expected = demo.state.portfolio.map((c) => c.siren ?? c.accountNumber).sort();
  expect(snapshot.accounts.map((a) => a.siren ?? a.numeroCompte).sort()).toEqual(expected);
  expect(snapshot.pages).toBe(Math.ceil(demo.state.portfolio.length / 10));
  expect(demo.log().filter((e) => e.action !== "login")).toEqual([]);

  await options.reload();
  const total = demo.state.portfolio.length;
  expect(await options.getByTestId("portfolio-summary").textContent()).toMatch(
    new RegExp(
      `: ${total} comptes sur ${Math.ceil(total / 10)} page\\(s\\) ; 3 correspondent au registre\\.$`,
    ),
  );
  expect(await options.getByTestId("to-register").textContent()).toContain(missing[0]?.raisonSociale ?? "?");
  const [download] = await Promise.all([
    options.waitForEvent("download"),
    options.getByTestId("portfolio-export").click(),
  ]);
  const csv = readFileSync((await download.path()) ?? "", "utf8");
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(total + 1);

  // One account resigned from its own line of the comparison: one click, the summary, one confirmation.
  const line = options.getByTestId("to-resign").locator("li").first();
  await line.getByTestId("resign-one").click();
  const dialog = options.getByTestId("bulk-dialog");
  expect(await dialog.locator("tbody tr").count()).toBe(1);
  const before = await sendFromExtension<JobView | null>(options, { type: "job/get" });
  await Promise.all([context.waitForEvent("page"), dialog.getByTestId("bulk-start").click()]);
  const single = await waitForJob(options, (v) => v.job.id !== before?.job.id && ended(v));
  expect([single.job.status, single.progress.done, single.progress.total]).toEqual(["done", 1, 1]);
  const firstResigned = demo.log().filter((e) => e.action === "resiliation");
  expect(firstResigned).toHaveLength(1);
  const gone = String(firstResigned[0]?.details.siren ?? firstResigned[0]?.details.accountNumber);
  expect(inPortfolio.some((c) => c.siren === gone || c.accountNumber === gone)).toBe(false);

  // Résilier from the comparison: the accounts absent from the register, limited here to those of
  // the first page to keep the test short, through the same summary and confirmation.
  const firstPage = new Set(demo.state.portfolio.slice(0, 10).map((c) => c.siren));
  const toResign = snapshot.accounts.filter(
    (a) =>
      a.siren && a.siren !== gone && firstPage.has(a.siren) && !inPortfolio.some((c) => c.siren === a.siren),
  );
  await sendFromExtension<JobView>(options, {
    type: "job/create",
    action: "resign",
    accounts: toResign,
    paceMs: 20,
  });
  await page.reload();
  const resigned = await waitForJob(options, ended);
  expect([resigned.job.status, resigned.progress.done]).toEqual(["done", toResign.length]);
  expect(demo.log().filter((e) => e.action === "resiliation")).toHaveLength(toResign.length + 1);
  for (const c of inPortfolio)
    expect(demo.state.portfolio.some((p) => p.accountNumber === c.accountNumber)).toBe(true);
});

it("shows the comparison in a panel on the account list, and adds the missing client from it in one click", async () => {
  const { demo } = session;
  const { context, extensionId } = session.browser;
  const options = await openExtensionPage(context, extensionId ?? "", "src/ui/options/index.html");
  const page = await context.newPage();
  await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
  const panel = { id: "portfolio-panel", selector: "button" };
  const summary = await uiWaitFor(page, { id: "portfolio-panel", selector: '[data-testid="panel-summary"]' });
  expect(summary).toMatch(
    /^Lu le \d{1,2}(?:er)? [a-zéû]+ \d{4} à \d{2}:\d{2} : \d+ comptes ; 1 client\(s\) du registre à inscrire, \d+ compte\(s\) à résilier, \d+ écart\(s\)\.$/,
  );
  const previous = await sendFromExtension<JobView | null>(options, { type: "job/get" });
  await uiClick(page, { ...panel, text: "Inscrire sur l'Urssaf (1)" });
  await uiClick(page, { ...panel, text: "Lancer les 1 inscriptions" });
  const view = await waitForJob(options, (v) => v.job.id !== previous?.job.id && ended(v));
  expect([view.job.status, view.progress.done]).toEqual(["done", 1]);
  expect(demo.log().filter((e) => e.action === "inscription")).toHaveLength(1);
});
