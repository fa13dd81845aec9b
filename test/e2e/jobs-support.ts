// Steps shared by the bulk-job browser tests: put demo companies in the register, start a job from
// the extension's own page, wait for it to end.
import type { Page } from "playwright-core";
import type { JobView } from "../../src/core/messages.ts";
import { createClient, type NewClient } from "../../src/register/model/register.ts";
import type { Company } from "../demo-site/data.ts";

/** The register entry an accountant would have for a company of the demo. */
export function clientOf(c: Company): NewClient {
  switch (c.kind) {
    case "RG":
      return {
        kind: "employeur",
        siren: c.siren,
        raisonSociale: c.raisonSociale,
        numeroCompte: c.accountNumber,
        montantDerniereDeclaration: c.amountDue,
      };
    case "AC":
    case "PL":
      return {
        kind: c.kind === "AC" ? "artisan-commercant" : "profession-liberale",
        siren: c.siren,
        raisonSociale: c.raisonSociale,
        numeroCompte: c.selfEmployedNumber,
        nir: c.nir,
      };
    case "GERANT":
      return {
        kind: "gerant-non-siretise",
        raisonSociale: c.raisonSociale,
        numeroCompte: c.selfEmployedNumber,
        nir: c.nir,
      };
  }
}

export async function sendFromExtension<T>(page: Page, message: unknown): Promise<T> {
  const reply = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as {
    ok: boolean;
    data?: T;
    error?: string;
  };
  if (!reply.ok) throw new Error(reply.error);
  return reply.data as T;
}

/** Imports the companies into the register and returns their client ids. */
export async function registerCompanies(
  extPage: Page,
  companies: readonly (Company | NewClient)[],
): Promise<string[]> {
  const now = new Date();
  const clients = companies.map((c) => createClient("accountNumber" in c ? clientOf(c) : c, now));
  await sendFromExtension(extPage, { type: "clients/import", clients });
  return clients.map((c) => c.id);
}

export async function waitForJob(
  extPage: Page,
  until: (v: JobView) => boolean,
  timeoutMs = 120_000,
): Promise<JobView> {
  const start = Date.now();
  for (;;) {
    const view = await sendFromExtension<JobView | null>(extPage, { type: "job/get" });
    if (view && until(view)) return view;
    if (Date.now() - start > timeoutMs)
      throw new Error(
        `job not finished: ${JSON.stringify(view?.job.status)} ${JSON.stringify(view?.progress)} ${view?.job.reason}`,
      );
    await extPage.waitForTimeout(200);
  }
}

export const ended = (v: JobView) => ["done", "stopped", "cancelled"].includes(v.job.status);

/** Polls a condition of the test's own world (the demo's log, its faults) until it holds. */
export async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
