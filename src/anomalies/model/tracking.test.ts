import { describe, expect, it } from "vitest";
import { openAnomaliesCsv, unknownReferencesCsv } from "./csv.ts";
import {
  EMPTY_TRACKING,
  monthStatus,
  openTrackedAnomalies,
  recordSeen,
  recordUnknown,
  setTrackStatus,
  TrackingStateSchema,
  trackKey,
} from "./tracking.ts";

const SIRET_A = "52601815500017";
const SIRET_B = "73282932000074";
const t0 = new Date("2026-08-01T08:00:00Z");
const t1 = new Date("2026-08-20T08:00:00Z");

const seen = (over: Partial<Parameters<typeof recordSeen>[1][number]> = {}) => ({
  reference: "UR_ANO_DIMNS002",
  period: "2026-07",
  libelle: "Écart",
  siret: SIRET_A,
  id: "ANO1",
  ...over,
});

describe("recordSeen", () => {
  it("starts new anomalies as « à traiter » and keeps their first-seen date", () => {
    const first = recordSeen(EMPTY_TRACKING, [seen()], t0);
    const key = trackKey(SIRET_A, "2026-07", "UR_ANO_DIMNS002");
    expect(first.keys).toEqual([key]);
    expect(first.state.items[key]).toMatchObject({
      siren: "526018155",
      status: "a-traiter",
      correctedIn: null,
      firstSeen: t0.toISOString(),
      changedAt: null,
    });
    const again = recordSeen(first.state, [seen()], t1);
    expect(again.state.items[key]?.firstSeen).toBe(t0.toISOString());
    expect(again.state.items[key]?.lastSeen).toBe(t1.toISOString());
    expect(TrackingStateSchema.safeParse(again.state).success).toBe(true);
  });

  it("resolves an anomaly shown without SIRET through its id, only when period and reference match", () => {
    const { state } = recordSeen(EMPTY_TRACKING, [seen()], t0);
    const { keys } = recordSeen(
      state,
      [seen({ siret: null }), seen({ siret: null, id: "OTHER" }), seen({ siret: null, period: "2026-06" })],
      t1,
    );
    expect(keys).toEqual([trackKey(SIRET_A, "2026-07", "UR_ANO_DIMNS002"), null, null]);
  });

  it("does not create entries for anomalies whose establishment is unknown", () => {
    const { state, keys } = recordSeen(EMPTY_TRACKING, [seen({ siret: null })], t0);
    expect(keys).toEqual([null]);
    expect(state.items).toEqual({});
  });
});

describe("setTrackStatus", () => {
  const key = trackKey(SIRET_A, "2026-07", "UR_ANO_DIMNS002");
  const base = recordSeen(EMPTY_TRACKING, [seen()], t0).state;

  it("marks as corrected in a DSN month, contested, or back to « à traiter »", () => {
    const corrected = setTrackStatus(base, key, "corrigee", "2026-08", t1);
    expect(corrected.items[key]).toMatchObject({ status: "corrigee", correctedIn: "2026-08" });
    expect(corrected.items[key]?.changedAt).toBe(t1.toISOString());
    const contested = setTrackStatus(corrected, key, "contestee", "2026-08", t1);
    expect(contested.items[key]).toMatchObject({ status: "contestee", correctedIn: null });
    expect(setTrackStatus(contested, key, "a-traiter", null, t1).items[key]?.status).toBe("a-traiter");
  });

  it("refuses an unknown anomaly or a correction without its DSN month, in French", () => {
    expect(() => setTrackStatus(base, "x|y|z", "contestee", null, t1)).toThrow(/rechargez la page/);
    expect(() => setTrackStatus(base, key, "corrigee", null, t1)).toThrow(/mois de la DSN/);
  });
});

describe("recordUnknown", () => {
  it("keeps the first-seen date and counts the sightings", () => {
    const a = recordUnknown({}, [{ reference: "UR_ANO_X_DA1", libelle: "X" }], t0);
    const b = recordUnknown(a, [{ reference: "UR_ANO_X_DA1", libelle: "" }], t1);
    expect(b.UR_ANO_X_DA1).toEqual({
      libelle: "X",
      firstSeen: t0.toISOString(),
      lastSeen: t1.toISOString(),
      seen: 2,
    });
  });
});

describe("openTrackedAnomalies", () => {
  const { state } = recordSeen(
    EMPTY_TRACKING,
    [
      seen(),
      seen({ siret: SIRET_B, id: "ANO2", reference: "UR_ANO_DEC_MNT_DA263" }),
      seen({ period: "2026-05", id: "ANO3", reference: "UR_ANO_ASS_PLF_DIPA01J" }),
      seen({ period: "2026-06", id: "ANO4", reference: "UR_ANO_ASS_PLF_DIPA01K" }),
    ],
    t0,
  );
  const tracked = setTrackStatus(
    state,
    trackKey(SIRET_A, "2026-06", "UR_ANO_ASS_PLF_DIPA01K"),
    "corrigee",
    "2026-07",
    t0,
  );
  const dueDay = (siren: string) => (siren === SIRET_B.slice(0, 9) ? 5 : 15);

  it("lists the anomalies « à traiter » with their correction deadline, soonest first", () => {
    const rows = openTrackedAnomalies(tracked, "2026-08-03", dueDay);
    expect(rows.map((r) => [r.siret, r.period, r.reference, r.how, r.correctIn, r.deadline])).toEqual([
      // All first seen (notified) on Saturday 1 August 2026: the 30 days end on 31 August.
      // July, due on the 5th: annule et remplace today; at the latest the August DSN, due
      // Saturday 5 September, moved to Monday 7 September.
      [SIRET_B, "2026-07", "UR_ANO_DEC_MNT_DA263", "annule-et-remplace", "2026-08", "2026-09-07"],
      // May, due on the 15th: the July DSN (Monday 17 August) is too early; the August DSN, due
      // Tuesday 15 September.
      [SIRET_A, "2026-05", "UR_ANO_ASS_PLF_DIPA01J", "dsn-ulterieure", "2026-08", "2026-09-15"],
      // July, due on the 15th: annule et remplace until Sunday 16 August; at the latest the August DSN.
      [SIRET_A, "2026-07", "UR_ANO_DIMNS002", "annule-et-remplace", "2026-08", "2026-09-15"],
    ]);
    expect(rows.map((r) => [r.notifiedOn, r.overdue])).toEqual([
      ["2026-08-01", false],
      ["2026-08-01", false],
      ["2026-08-01", false],
    ]);
    expect(rows.find((r) => r.period === "2026-07" && r.siret === SIRET_A)?.summary).toBe(
      "annule et remplace possible jusqu'au dimanche 16 août 2026 à minuit",
    );
    expect(rows.find((r) => r.period === "2026-05")?.summary).toBe(
      "à corriger dans la DSN d'août 2026, à déposer au plus tard le mardi 15 septembre 2026 à midi",
    );
    expect(rows.map((r) => r.siren)).toContain("732829320");
  });

  it("counts a month's anomalies by status", () => {
    expect(monthStatus(tracked, SIRET_A, "2026-06")).toEqual({
      count: 1,
      byStatus: { "a-traiter": 0, corrigee: 1, contestee: 0 },
    });
    expect(monthStatus(tracked, SIRET_B, "2026-06").count).toBe(0);
  });

  it("exports as CSV for Excel: BOM, « ; », French dates, formulas neutralised", () => {
    const rows = openTrackedAnomalies(tracked, "2026-08-03", dueDay);
    const csv = openAnomaliesCsv([...rows, { ...rows[0], libelle: "=HYPERLINK(1)" } as (typeof rows)[0]]);
    expect(csv.startsWith("\uFEFFSIREN;SIRET;Période;Référence;Libellé;Correction;")).toBe(true);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      `732829320;${SIRET_B};07/2026;UR_ANO_DEC_MNT_DA263;Écart;DSN annule et remplace;08/2026;07/09/2026;01/08/2026;non`,
    );
    expect(lines[4]).toContain(";'=HYPERLINK(1);");
  });

  it("exports the unknown references", () => {
    const csv = unknownReferencesCsv(
      recordUnknown({}, [{ reference: "UR_ANO_X_DA1", libelle: "Un; deux" }], t0),
    );
    expect(csv).toBe(
      '\uFEFFRéférence;Libellé sur la page;Vue la première fois;Vue la dernière fois;Fois\r\nUR_ANO_X_DA1;"Un; deux";01/08/2026;01/08/2026;1\r\n',
    );
  });
});

describe("notification date and fixed deadline (issue 16)", () => {
  const key = trackKey(SIRET_A, "2026-03", "UR_ANO_DIMNS002");
  const first = recordSeen(EMPTY_TRACKING, [seen({ period: "2026-03" })], new Date("2026-04-20T08:00:00Z"));

  it("keeps the day first seen as the notification date; a later visit does not move it", () => {
    expect(first.state.items[key]?.notifiedOn).toBe("2026-04-20");
    const later = recordSeen(first.state, [seen({ period: "2026-03" })], new Date("2026-07-01T08:00:00Z"));
    expect(later.state.items[key]?.notifiedOn).toBe("2026-04-20");
  });

  it("takes the page's own notification date when it gives one (never a future one)", () => {
    const dated = recordSeen(
      first.state,
      [seen({ period: "2026-03", notifiedOn: "2026-04-17" })],
      new Date("2026-04-21T08:00:00Z"),
    );
    expect(dated.state.items[key]?.notifiedOn).toBe("2026-04-17");
    const future = recordSeen(
      EMPTY_TRACKING,
      [seen({ period: "2026-03", notifiedOn: "2026-05-30" })],
      new Date("2026-04-21T08:00:00Z"),
    );
    expect(future.state.items[key]?.notifiedOn).toBe("2026-04-21");
  });

  it("the deadline does not slide as days pass, and shows overdue once past", () => {
    // Notified Monday 20 April 2026: + 30 days = Wednesday 20 May; the April DSN (Friday 15 May) is
    // too early, so the May DSN, due Monday 15 June 2026.
    const at = (today: string) => openTrackedAnomalies(first.state, today, () => 15)[0];
    expect(at("2026-04-20")).toMatchObject({ deadline: "2026-06-15", correctIn: "2026-05", overdue: false });
    expect(at("2026-06-15")).toMatchObject({ deadline: "2026-06-15", overdue: false });
    expect(at("2026-06-16")).toMatchObject({ deadline: "2026-06-15", overdue: true });
    expect(at("2026-11-02")).toMatchObject({ deadline: "2026-06-15", overdue: true });
  });
});
