// Issue 15, S2: a page script (the MAIN world, as a compromised urssaf.fr would run) tries to read our
// UI and to drive it. On every page where a feature shows something, it finds our hosts bare (no
// shadowRoot, no attribute but the feature's name, no text), fires synthetic clicks and keys at every
// host, and watches the SIRET badge while the user types a client's SIRET. Nothing starts, nothing is
// sent, and nothing tells it whether the SIRET is a client's.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAnomaly } from "../../src/anomalies/model/tracking.ts";
import type { JobView } from "../../src/core/messages.ts";
import { DEFAULT_SETTINGS } from "../../src/register/model/register.ts";
import type { Company } from "../demo-site/data.ts";
import { visibleAnomalies } from "../demo-site/state.ts";
import { siren, siret } from "../support/ids.ts";
import { registerCompanies, sendFromExtension } from "./jobs-support.ts";
import { inUi, login, openExtensionPage, openSession, readMark, type Session, waitInUi } from "./support.ts";

let session: Session;
let options: Page;
let client: Company;
beforeAll(async () => {
  session = await openSession();
  const { context, extensionId } = session.browser;
  options = await openExtensionPage(context, extensionId ?? "", "src/ui/options/index.html");
  const found = session.demo.state.portfolio.find((c) => c.kind === "RG" && c.siret && !c.radie);
  if (!found?.siret) throw new Error("no RG company in the demo portfolio");
  client = found;
  await sendFromExtension(options, {
    type: "settings/save",
    settings: { ...DEFAULT_SETTINGS, nom: "Cabinet Démo", siretActif: session.demo.credentials.identifiant },
  });
  await registerCompanies(options, [client]);
});
afterAll(async () => session?.close());

interface Seen {
  id: string;
  open: boolean;
  attributes: string[];
  children: number;
  text: string;
  html: string;
  box: string;
}

/** Everything a page script can read of our hosts: markup, text, shadowRoot, box. */
function observeHosts(page: Page): Promise<Seen[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-tiers-feature]")].map((h) => {
      const r = h.getBoundingClientRect();
      return {
        id: h.dataset.tiersFeature ?? "",
        open: h.shadowRoot !== null,
        attributes: h.getAttributeNames(),
        children: h.childNodes.length,
        text: h.textContent ?? "",
        html: h.outerHTML,
        box: `${r.width}x${r.height} scroll ${h.scrollWidth}x${h.scrollHeight}`,
      };
    }),
  );
}

/**
 * Our UI as the user sees it (read in the isolated world): one string per host. The status mark folds
 * by itself after a few seconds: that is not an effect of the events.
 */
async function ourUi(page: Page): Promise<string[]> {
  const roots = await inUi<string[]>(
    page,
    `() => [...document.querySelectorAll("[data-tiers-feature]")].map(
      (h) => globalThis.tiersAssistant.shadowOf(h)?.innerHTML ?? "(no root)")`,
  );
  return roots.map((html) => html.replace(/ folded/g, ""));
}

/** Our UI once it stopped changing (panels fill in after their answer from the background). */
async function settledUi(page: Page): Promise<string[]> {
  let last = await ourUi(page);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(400);
    const now = await ourUi(page);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error("our UI never settled");
}

/**
 * What a hostile script can fire at our hosts from the MAIN world: .click(), mouse and pointer events
 * at their centre, the element found at that point, Enter and Space, focus; twice (a confirmation
 * would need a second click). Also tries to attach its own root. Returns how many hosts it hit.
 */
function attack(page: Page): Promise<{ hosts: number; attachRefused: number }> {
  return page.evaluate(async () => {
    const hosts = [...document.querySelectorAll<HTMLElement>("[data-tiers-feature]")];
    let attachRefused = 0;
    for (let round = 0; round < 2; round++) {
      for (const host of hosts) {
        host.scrollIntoView({ block: "center" });
        const r = host.getBoundingClientRect();
        const at = {
          bubbles: true,
          composed: true,
          cancelable: true,
          clientX: r.x + r.width / 2,
          clientY: r.y + r.height / 2,
        };
        host.focus();
        host.click();
        for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click", "dblclick"])
          host.dispatchEvent(new (type.startsWith("pointer") ? PointerEvent : MouseEvent)(type, at));
        const there = document.elementFromPoint(at.clientX, at.clientY);
        if (there instanceof HTMLElement && there.closest("[data-tiers-feature]")) there.click();
        for (const key of ["Enter", " "])
          for (const type of ["keydown", "keypress", "keyup"])
            host.dispatchEvent(
              new KeyboardEvent(type, {
                key,
                code: key === " " ? "Space" : key,
                bubbles: true,
                composed: true,
              }),
            );
        if (round === 0) {
          try {
            host.attachShadow({ mode: "open" });
          } catch {
            attachRefused++;
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return { hosts: hosts.length, attachRefused };
  });
}

const mm = (a: { year: number; month: number }) => `${a.year}-${String(a.month).padStart(2, "0")}`;

describe("our hosts, as a page script sees and drives them", () => {
  const seenIds = new Set<string>();
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.context.newPage();
  });

  const pages: [string, () => string, string[]][] = [
    [
      "the login page",
      () => session.demo.url("www.urssaf.fr", "/connexion"),
      ["extension-status", "emitter-siret-badge"],
    ],
    ["the dashboard", () => session.demo.url("tdbec.urssaf.fr", "/tableau-de-bord"), ["extension-status"]],
    [
      "Gérer les établissements",
      () => session.demo.url("mon.urssaf.fr", "/mon-profil/parametres/etablissements"),
      ["extension-status", "one-click-resign", "portfolio-panel", "id-hints"],
    ],
    [
      "a Suivi DSN month",
      () => {
        const a = visibleAnomalies(session.demo.state)[0];
        if (!a) throw new Error("no anomaly in the demo");
        return session.demo.url("mon.urssaf.fr", `/suivi-dsn/etablissements/${a.siret}?mois=${mm(a)}`);
      },
      ["extension-status", "anomaly-panel"],
    ],
  ];

  for (const [name, url, ids] of pages) {
    it(`${name}: every host is bare with a closed root, and synthetic events start nothing`, async () => {
      if (!name.startsWith("the login")) await login(page, session.demo);
      await page.goto(url());
      await readMark(page);
      for (const id of ids)
        await waitInUi(
          page,
          `(roots, id) => roots(id).length > 0 && roots(id).every((r) => r.childNodes.length > 0)`,
          id,
        );
      // (a) What the page reads of our hosts: the tag and the feature's name, nothing else.
      const seen = await observeHosts(page);
      for (const h of seen) {
        seenIds.add(h.id);
        expect(h, h.id).toMatchObject({
          open: false,
          attributes: ["data-tiers-feature"],
          children: 0,
          text: "",
        });
        expect(h.html).toBe(`<div data-tiers-feature="${h.id}"></div>`);
      }
      expect(new Set(seen.map((h) => h.id))).toEqual(new Set(ids));

      // (b) Synthetic clicks and keys on every host: nothing changes in our UI, nothing is sent.
      const log = session.demo.log().length;
      const tracked = await sendFromExtension<OpenAnomaly[]>(options, { type: "anomaly/open" });
      const before = await settledUi(page);
      const hit = await attack(page);
      expect(hit.hosts).toBe(seen.length);
      expect(hit.attachRefused).toBe(seen.length);
      await page.waitForTimeout(1_500);
      expect(await ourUi(page)).toEqual(before);
      expect(await sendFromExtension<JobView | null>(options, { type: "job/get" })).toBeNull();
      expect(await sendFromExtension<OpenAnomaly[]>(options, { type: "anomaly/open" })).toEqual(tracked);
      expect(session.demo.log().slice(log)).toEqual([]);
      expect(page.url()).toBe(url());
    });
  }

  it("covered every feature that shows something outside a job", () => {
    expect([...seenIds].sort()).toEqual(
      [
        "anomaly-panel",
        "emitter-siret-badge",
        "extension-status",
        "id-hints",
        "one-click-resign",
        "portfolio-panel",
      ].sort(),
    );
  });

  afterAll(async () => page?.close());
});

describe("the SIRET badge, watched by the login page", () => {
  interface Badge {
    hidden: boolean;
    status: string;
  }
  const badge = (page: Page, status: string) =>
    waitInUi<Badge>(
      page,
      `(roots, status) => {
        const p = roots("emitter-siret-badge")[0]?.querySelector("p");
        return p && !p.hidden && p.dataset.status === status ? { hidden: p.hidden, status } : null;
      }`,
      status,
      8_000,
    );
  const field = (page: Page) => page.getByLabel("Identifiant");

  it("learns nothing by filling the field itself: the badge does not even ask", async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
    await page.waitForSelector('[data-tiers-feature="emitter-siret-badge"]', { state: "attached" });
    const seen = await page.evaluate(async (value) => {
      const input = [...document.querySelectorAll("input")].find((i) =>
        i.labels?.[0]?.textContent?.includes("Identifiant"),
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return [...document.querySelectorAll("[data-tiers-feature]")]
        .map((h) => `${h.outerHTML} ${h.textContent} ${h.shadowRoot?.innerHTML ?? ""}`)
        .join("\n");
    }, client.siret ?? "");
    for (const leak of ["client", "data-status", "cabinet", "inconnu", "SIRET"])
      expect(seen).not.toContain(leak);
    const world = await inUi<{ hidden: boolean } | null>(
      page,
      `(roots) => { const p = roots("emitter-siret-badge")[0]?.querySelector("p"); return p ? { hidden: p.hidden } : null; }`,
    );
    expect(world).toEqual({ hidden: true });
    await page.close();
  });

  it("cannot tell a client's SIRET from the firm's or an unknown one when the user types it", async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.demo.url("www.urssaf.fr", "/connexion"));
    await page.waitForSelector('[data-tiers-feature="emitter-siret-badge"]', { state: "attached" });
    await readMark(page);
    // The page watches every change of the document, ours included, from now on.
    await page.evaluate(() => {
      const changes: string[] = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          const ours = [r.target, ...r.addedNodes, ...r.removedNodes].some(
            (n) =>
              n instanceof Element &&
              (n.closest("[data-tiers-feature]") || n.querySelector("[data-tiers-feature]")),
          );
          if (ours || el?.closest("[data-tiers-feature]")) changes.push(`${r.type} ${r.attributeName ?? ""}`);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      Object.assign(window, { hostileChanges: changes });
    });
    const unknown = siret(siren("99999999"));
    const views: Record<string, { hosts: Seen[]; text: string }> = {};
    for (const [status, value] of [
      ["client", client.siret ?? ""],
      ["active", session.demo.credentials.identifiant],
      ["unknown", unknown],
    ] as const) {
      // Playwright's fill is the user's typing (trusted input events).
      await field(page).fill(value);
      await badge(page, status);
      views[status] = {
        hosts: await observeHosts(page),
        text: await page.evaluate(() => document.body.innerText),
      };
    }
    expect(views.client).toEqual(views.unknown);
    expect(views.client).toEqual(views.active);
    expect(views.client?.text).not.toMatch(/client|cabinet|inconnu/i);
    expect(
      await page.evaluate(() => (window as unknown as { hostileChanges: string[] }).hostileChanges),
    ).toEqual([]);
    await page.close();
  });
});
