// Bulk add and résiliation on the demo "Gérer les établissements", driven by the built extension in
// real Chromium: the demo server's log and final state must be exactly the expected ones.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobView } from "../../src/messages.ts";
import type { Company } from "../demo-site/data.ts";
import { ended, registerCompanies, sendFromExtension, waitForJob } from "./jobs-support.ts";
import { login, openExtensionPage, openSession, type Session } from "./support.ts";

let session: Session;
let ext: Page;
let page: Page;

beforeAll(async () => {
  session = await openSession();
  ext = await openExtensionPage(
    session.browser.context,
    session.browser.extensionId ?? "",
    "src/ui/options/index.html",
  );
  page = await session.browser.context.newPage();
});
afterAll(async () => session?.close());

const pick = (kind: Company["kind"], n: number, from: readonly Company[]) =>
  from.filter((c) => c.kind === kind).slice(0, n);

describe("bulk add", () => {
  beforeEach(() => session.demo.reset());

  it("adds 25 clients: 22 new of every kind, 2 already present, 1 unknown to the Urssaf", async () => {
    const demo = session.demo;
    const dir = demo.state.directory;
    const fresh = [
      ...pick("RG", 10, dir),
      ...pick("AC", 5, dir),
      ...pick("PL", 4, dir),
      ...pick("GERANT", 3, dir),
    ];
    const present = [
      ...pick(
        "RG",
        1,
        demo.state.portfolio.filter((c) => !c.radie),
      ),
      ...pick("PL", 1, demo.state.portfolio),
    ];
    const unknown = {
      kind: "employeur" as const,
      siren: demo.state.unknownSirens[0],
      raisonSociale: "SOCIÉTÉ INCONNUE",
      numeroCompte: "117000000000000099",
      montantDerniereDeclaration: 100,
    };
    const ids = await registerCompanies(ext, [
      ...fresh.slice(0, 11),
      ...present,
      unknown,
      ...fresh.slice(11),
    ]);
    expect(ids).toHaveLength(25);
    await login(page, demo);
    await sendFromExtension<JobView>(ext, { type: "job/create", clientIds: ids, action: "add", paceMs: 20 });
    await page.goto(demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"));
    const view = await waitForJob(ext, ended);

    expect([view.job.status, view.job.reason]).toEqual(["done", null]);
    expect(view.progress).toMatchObject({ total: 25, done: 22, already: 2, failed: 1, skipped: 0 });
    const failed = view.job.items.find((i) => i.outcome === "failed");
    expect(failed?.message).toBe("Aucun compte ne correspond à ce Siren.");
    const inscriptions = demo.log().filter((e) => e.action === "inscription");
    expect(inscriptions).toHaveLength(22);
    expect(new Set(inscriptions.map((e) => String(e.details.siren ?? e.details.accountNumber))).size).toBe(
      22,
    );
    for (const c of fresh)
      expect(demo.state.portfolio.filter((p) => p.accountNumber === c.accountNumber)).toHaveLength(1);
    const register = await sendFromExtension<{ clients: { id: string; statut: string; kind: string }[] }>(
      ext,
      { type: "register/get" },
    );
    const statuts = register.clients.map((c) => `${c.kind}:${c.statut}`);
    // 10 employers added + 1 already there; the self-employed added wait for their security code.
    expect(statuts.filter((s) => s === "employeur:inscrit")).toHaveLength(11);
    expect(statuts.filter((s) => s === "profession-liberale:inscrit")).toHaveLength(1);
    expect(statuts.filter((s) => s.endsWith(":code-attendu"))).toHaveLength(12);
    expect(statuts.filter((s) => s === "employeur:a-inscrire")).toHaveLength(1);
  });
});
