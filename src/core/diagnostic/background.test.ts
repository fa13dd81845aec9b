import { describe, expect, it } from "vitest";
import { memoryArea } from "../../../test/support/memory-area.ts";
import { MIGRATIONS } from "../storage/schema.ts";
import { createStore } from "../storage/store.ts";
import { createDiagnosticHandlers } from "./background.ts";
import type { Diagnostic } from "./diagnostic.ts";

const sender = {} as never;

function setup() {
  const store = createStore(memoryArea().area, MIGRATIONS, () => new Date("2026-08-03T08:00:00Z"));
  const handlers = createDiagnosticHandlers(store);
  return {
    record: (diagnostic: Diagnostic) =>
      handlers["diagnostic/record"]({ type: "diagnostic/record", diagnostic }, sender),
    list: () => handlers["diagnostic/list"]({ type: "diagnostic/list" }, sender),
  };
}

const diagnostic = (minute: number, over: Partial<Diagnostic> = {}): Diagnostic => ({
  version: "0.1.0",
  at: `2026-08-03T08:${String(minute).padStart(2, "0")}:00Z`,
  url: "https://tdbec.urssaf.fr/tableau-de-bord",
  kind: "tableau-de-bord",
  missing: ["incidents à traiter"],
  candidates: [{ tag: "h1", role: null, text: "Tableau de bord" }],
  ...over,
});

describe("diagnostic handlers", () => {
  it("list nothing before the first page « non comprise »", async () => {
    expect(await setup().list()).toEqual([]);
  });

  it("keep the last 20, newest first", async () => {
    const { record, list } = setup();
    let kept = 0;
    for (let minute = 1; minute <= 25; minute++) kept = (await record(diagnostic(minute))).kept;
    expect(kept).toBe(20);
    const listed = await list();
    expect(listed).toHaveLength(20);
    expect(listed[0]?.at).toBe("2026-08-03T08:25:00Z");
    expect(listed[1]?.at).toBe("2026-08-03T08:24:00Z");
    expect(listed[19]?.at).toBe("2026-08-03T08:06:00Z");
    // Minutes 1 to 5 are gone.
    expect(listed.map((d) => d.at)).not.toContain("2026-08-03T08:05:00Z");
  });

  it("keep nothing of a client even when the sender did not mask it", async () => {
    const { record, list } = setup();
    await record(
      diagnostic(1, {
        url: "https://mon.urssaf.fr/mon-profil/etablissements/52601815500012?nom=MARTIN",
        missing: ["SIRET de l'établissement"],
        candidates: [
          { tag: "p", role: null, text: "Bienvenue DUPONT Jean, vous avez 12 comptes." },
          { tag: "td", role: "cell", text: "Comptes Régime Général du SIREN 526018155" },
        ],
      }),
    );
    const [kept] = await list();
    expect(kept?.url).toBe("https://mon.urssaf.fr/mon-profil/etablissements/00000000000000");
    // The labels the adapter expected are the site's wording: kept as they are.
    expect(kept?.missing).toEqual(["SIRET de l'établissement"]);
    expect(kept?.candidates.map((c) => c.text)).toEqual([
      "Bienvenue XXXXXX Xxxx, vous avez 00 comptes.",
      "Comptes Régime Général du SIREN 000000000",
    ]);
    // Every digit is a 0 of the mask, every name a run of X.
    expect(JSON.stringify([kept?.url, kept?.candidates])).not.toMatch(/[1-9]|DUPONT|Jean|MARTIN/);
  });

  it("keep a masked diagnostic as it was sent", async () => {
    const { record, list } = setup();
    const masked = diagnostic(2, {
      candidates: [{ tag: "p", role: null, text: "Bienvenue XXXXXX Xxxx, vous avez 00 comptes." }],
    });
    await record(masked);
    expect(await list()).toEqual([masked]);
  });
});

describe("diagnostic/load", () => {
  const store = () => createStore(memoryArea().area, MIGRATIONS, () => new Date("2026-08-03T08:00:00Z"));

  it("injects the diagnostic code into the sender's own frame", async () => {
    const injected: [number, number][] = [];
    const handlers = createDiagnosticHandlers(store(), async (tabId, frameId) => {
      injected.push([tabId, frameId]);
    });
    const from = { tab: { id: 7 }, frameId: 3 } as never;
    expect(await handlers["diagnostic/load"]({ type: "diagnostic/load" }, from)).toEqual({ loaded: true });
    expect(injected).toEqual([[7, 3]]);
  });

  it("refuses a sender without a tab, and says why", async () => {
    const handlers = createDiagnosticHandlers(store(), async () => undefined);
    await expect(handlers["diagnostic/load"]({ type: "diagnostic/load" }, sender)).rejects.toThrow(
      "Aucun onglet où charger le diagnostic.",
    );
  });
});
