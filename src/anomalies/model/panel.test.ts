import { describe, expect, it } from "vitest";
import { frenchT } from "../../../test/support/french.ts";
import { SEED_FIXED_TERM_NATURES } from "../../dsn/data/codes.ts";
import { buildPanels, referenceInfo, type UiNode } from "./panel.ts";
import { EMPTY_TRACKING, recordSeen } from "./tracking.ts";

const SIRET = "52601815500017";

function build(
  items: { reference: string; period: string; siret: string | null }[],
  dueDayOf: (s: string) => 5 | 15 | null = () => null,
  today = "2026-08-03",
) {
  const seen = recordSeen(
    EMPTY_TRACKING,
    items.map((i, n) => ({ ...i, libelle: "", id: `A${n}` })),
    new Date(`${today}T08:00:00Z`),
  );
  return buildPanels({
    items,
    keys: seen.keys,
    months: [],
    tracking: seen.state,
    today,
    dueDayOf,
    t: frenchT,
  });
}

/** The text a node shows. */
const text = (nodes: UiNode[] = []): string =>
  nodes
    .map((n) => (typeof n === "string" ? n : text(n.k)))
    .join(" ")
    .replace(/\s+/g, " ");

describe("buildPanels", () => {
  it("explains a known reference with its rubrics, the contract natures and the seed's question", () => {
    const info = referenceInfo("UR_ANO_DIMNS002");
    expect(info.known).toBe(true);
    const natures = info.rubrics.find((r) => r.code === "S21.G00.40.007");
    expect(natures?.fullTable).toBe(true);
    expect(natures?.values.filter((v) => v.highlight).map((v) => v.code)).toEqual([
      ...SEED_FIXED_TERM_NATURES,
    ]);
    expect(natures?.values.find((v) => v.code === "01")?.highlight).toBe(false);
    expect(info.questions.find((q) => q.fromUrssaf)?.answers.map((a) => a.answer)).toEqual(["Oui", "Non"]);

    const view = build([{ reference: "UR_ANO_DIMNS002", period: "2026-07", siret: SIRET }]);
    const ref = view.refs.UR_ANO_DIMNS002;
    expect(ref?.short).toContain("Montant net social");
    expect(text(ref?.head)).toContain("montant net social");
    expect(text(ref?.mid)).toContain("annule et remplace intégral");
    expect(text(ref?.mid)).toContain("au moins 30 jours après la notification");
    const tail = text(ref?.tail);
    expect(tail).toContain("S21.G00.40.007 Nature du contrat");
    expect(tail).toContain("Contrat de travail à durée indéterminée de droit privé");
    expect(tail).toContain("Sources");
    expect(JSON.stringify(ref?.tail)).toContain('"c":"hl"');
    expect(text(ref?.questions[0]?.nodes)).toContain("Question posée par l'Urssaf");
    expect(ref?.questions[0]?.answers.map((a) => a.answer)).toEqual(["Oui", "Non"]);
    expect(text(view.common)).toContain("Bonnes pratiques du Suivi DSN");
    expect(text(view.paths[view.items[0]?.path ?? ""]?.nodes)).not.toContain("DSN de substitution");
  });

  it("computes the correction path for today and the period, with the client's due day", () => {
    const items = [
      { reference: "UR_ANO_DIMNS002", period: "2026-07", siret: SIRET },
      { reference: "UR_ANO_DIMNS002", period: "2026-05", siret: SIRET },
    ];
    const assumed = build(items);
    expect(assumed.items.map((i) => assumed.paths[i.path]?.summary)).toEqual([
      "annule et remplace possible jusqu'au dimanche 16 août 2026 à minuit",
      // Notified today (3 August): 30 days later is 2 September, so the August DSN, due Tuesday 15 September.
      "à corriger dans la DSN d'août 2026, à déposer au plus tard le mardi 15 septembre 2026 à midi",
    ]);
    expect(assumed.items.every((i) => i.dueDayAssumed)).toBe(true);
    expect(assumed.items.map((i) => [i.deadline, i.overdue])).toEqual([
      ["2026-09-15", false],
      ["2026-09-15", false],
    ]);
    expect(assumed.paths[assumed.items[1]?.path ?? ""]?.correctInLabel).toBe("d'août 2026");
    const fifth = build(items, () => 5);
    expect(fifth.items[0]?.dueDayAssumed).toBe(false);
    expect(fifth.paths[fifth.items[0]?.path ?? ""]?.summary).toBe(
      "annule et remplace possible jusqu'au mardi 4 août 2026 à minuit",
    );
  });

  it("explains an unknown reference from its parts and says it is not known", () => {
    const view = build([{ reference: "ur_ano_ctp_xyz_da901", period: "2026-03", siret: null }]);
    const ref = view.refs.UR_ANO_CTP_XYZ_DA901;
    expect(ref?.known).toBe(false);
    expect(ref?.short).toBe("référence inconnue de notre catalogue");
    expect(text(ref?.head)).toContain("données agrégées");
    expect(text(ref?.head)).toContain("n'est pas encore dans notre catalogue");
    expect(text(ref?.head)).toContain("Rien n'est envoyé");
    expect(view.items[0]).toMatchObject({ reference: "UR_ANO_CTP_XYZ_DA901", key: null, status: null });
  });

  it("sends each reference and each path once for many anomalies", () => {
    const items = Array.from({ length: 500 }, (_, i) => ({
      reference: ["UR_ANO_DIMNS002", "UR_ANO_DEC_MNT_DA263", "UR_ANO_X_DA9"][i % 3] ?? "",
      period: "2026-03",
      siret: SIRET,
    }));
    const view = build(items);
    expect(Object.keys(view.refs)).toHaveLength(3);
    expect(Object.keys(view.paths)).toHaveLength(1);
    expect(view.items).toHaveLength(500);
  });
});

describe("overdue anomalies in the panel (issue 16)", () => {
  it("an anomaly notified long ago shows its fixed deadline as overdue", () => {
    const item = { reference: "UR_ANO_DIMNS002", period: "2026-03", siret: SIRET };
    const seen = recordSeen(
      EMPTY_TRACKING,
      [{ ...item, libelle: "", id: "A0" }],
      new Date("2026-04-20T08:00:00Z"),
    );
    const view = buildPanels({
      items: [item],
      keys: seen.keys,
      months: [],
      tracking: seen.state,
      today: "2026-07-01",
      dueDayOf: () => 15,
      t: frenchT,
    });
    // Notified 20 April 2026 → + 30 days = 20 May → the May DSN, due Monday 15 June 2026.
    expect(view.items[0]).toMatchObject({ deadline: "2026-06-15", overdue: true });
    const nodes = text(view.paths[view.items[0]?.path ?? ""]?.nodes);
    expect(nodes).toContain("En retard : le délai a expiré le lundi 15 juin 2026 à midi (DSN de mai 2026)");
  });

  it("mentions the DSN de substitution only where it applies (2026: retirement data)", () => {
    const panels = buildPanels({
      items: [
        { reference: "UR_ANO_ASS_PLF_DIPA01J", period: "2026-03", siret: null },
        { reference: "UR_ANO_DEC_MNT_DA263", period: "2026-03", siret: null },
      ],
      keys: [null, null],
      months: [],
      tracking: EMPTY_TRACKING,
      today: "2026-07-01",
      dueDayOf: () => 15,
      t: frenchT,
    });
    expect(text(panels.refs["UR_ANO_ASS_PLF_DIPA01J"]?.mid)).toContain("DSN de substitution");
    expect(text(panels.refs["UR_ANO_DEC_MNT_DA263"]?.mid)).not.toContain("DSN de substitution");
    const dipa = referenceInfo("UR_ANO_ASS_PLF_DIPA01J");
    expect(dipa.rubrics.map((r) => r.code)).toEqual(
      expect.arrayContaining(["S21.G00.53.003", "S21.G00.53.002"]),
    );
    expect(dipa.rubrics.find((r) => r.code === "S21.G00.51.011")?.values.map((v) => v.code)).toEqual(["017"]);
  });
});
