import { describe, expect, it } from "vitest";
import { agenda, agendaWindow } from "./agenda.ts";
import { parisInstant } from "./calendar.ts";
import { badgeFor } from "./delivery.ts";
import { byId, employer, input, record, S, window } from "./reminders.testkit.ts";
import { type ClientRecord, computeReminders, type TrackedAnomalyDeadline } from "./rules.ts";
import { EMPTY_STATE, markDone } from "./state.ts";

describe("monthly DSN deadlines, 2025–2027", () => {
  // [period, due day, due date (moved), A&R last day]: weekends and public holidays on due days.
  const table: [string, 5 | 15, string, string][] = [
    ["2024-12", 5, "2025-01-06", "2025-01-05"], // Sunday 5 January
    ["2025-01", 15, "2025-02-17", "2025-02-16"], // Saturday
    ["2025-03", 5, "2025-04-07", "2025-04-06"], // Saturday
    ["2025-07", 15, "2025-08-18", "2025-08-17"], // 15 August (Friday)
    ["2025-10", 15, "2025-11-17", "2025-11-16"], // Saturday
    ["2025-04", 15, "2025-05-15", "2025-05-14"], // worked Thursday: not moved
    ["2026-03", 5, "2026-04-07", "2026-04-06"], // Sunday 5 April then Easter Monday 6 April
    ["2026-07", 15, "2026-08-17", "2026-08-16"], // 15 August on a Saturday
    ["2026-10", 15, "2026-11-16", "2026-11-15"], // Sunday
    ["2026-11", 15, "2026-12-15", "2026-12-14"], // Tuesday: not moved
    ["2026-11", 5, "2026-12-07", "2026-12-06"], // Saturday
    ["2027-04", 15, "2027-05-18", "2027-05-17"], // Saturday 15 May then Whit Monday 17 May
    ["2027-07", 15, "2027-08-16", "2027-08-15"], // 15 August on a Sunday
    ["2027-11", 5, "2027-12-06", "2027-12-05"], // Sunday
  ];
  it.each(table)(
    "DSN of %s due on the %i → %s, annule et remplace until %s",
    (period, dueDay, due, cutoff) => {
      const client = employer("a", dueDay === 5 ? { effectif: 60 } : {});
      const list = computeReminders(input({ clients: [client] }), window("2024-12-01", "2028-01-31"));
      const dsn = byId(list, `dsn:a:${period}`);
      expect(dsn).toMatchObject({ kind: "dsn-echeance", date: due, persists: true, clientId: "a" });
      expect(dsn?.at).toBe(parisInstant(due, "12:00").toISOString());
      expect(byId(list, `ar:a:${period}`)).toMatchObject({
        kind: "dsn-annule-remplace",
        date: cutoff,
        persists: false,
      });
    },
  );

  it("gives one DSN per month and client, on the 5th for 50+ paying within the month, else the 15th", () => {
    const clients = [
      employer("small"),
      employer("big", { effectif: 50 }),
      employer("late", { effectif: 80, paieDecalee: true }),
    ];
    const list = computeReminders(input({ clients }), window("2026-01-01", "2026-12-31"));
    const dues = (id: string) =>
      list.filter((r) => r.kind === "dsn-echeance" && r.clientId === id).map((r) => r.date.slice(8));
    expect(dues("small")).toHaveLength(12);
    expect(new Set(dues("small").map(Number)).has(5)).toBe(false);
    expect(dues("big").every((d) => Number(d) >= 5 && Number(d) <= 9)).toBe(true);
    expect(dues("late").every((d) => Number(d) >= 15)).toBe(true);
    expect(list.map((r) => r.date)).toEqual([...list.map((r) => r.date)].sort());
  });

  it("ignores resigned clients and self-employed ones", () => {
    const clients = [
      employer("gone", { statut: "resilie" }),
      { ...employer("ti"), kind: "artisan-commercant" as const, effectif: null },
    ];
    expect(computeReminders(input({ clients }), window("2026-01-01", "2026-12-31"))).toEqual([]);
  });
});

describe("firm-side reminders", () => {
  it("asks for a collaborator's activation within 24 hours, at the time, across a change of hour", () => {
    const collaborators = [
      { id: "k1", nom: "Durand", prenom: "Léa", acces: "2026-11-24T13:32:00.000Z" },
      { id: "k2", nom: "Petit", prenom: "Marc", acces: "2026-03-28T10:00:00.000Z" },
    ];
    const list = computeReminders(input({ collaborators }), window("2026-01-01", "2026-12-31"));
    expect(byId(list, "activation:k1:2026-11-24T13:32:00.000Z")).toMatchObject({
      date: "2026-11-25",
      at: "2026-11-25T13:32:00.000Z",
      subject: "Léa Durand",
      collaborateurId: "k1",
      params: ["25 novembre 2026", "14 h 32"],
      persists: true,
    });
    // 24 hours later is 12:00 in Paris on the day summer time starts (29 March 2026).
    expect(byId(list, "activation:k2:2026-03-28T10:00:00.000Z")).toMatchObject({
      date: "2026-03-29",
      params: ["29 mars 2026", "12 h 00"],
    });
  });

  it("follows the security-code letter up, then suggests « renvoyer le code », until it is recorded", () => {
    const waiting = {
      ...employer("ti"),
      kind: "artisan-commercant" as const,
      effectif: null,
      statut: "code-attendu" as const,
      historique: [
        { statut: "a-inscrire" as const, le: "2026-10-01T08:00:00.000Z" },
        { statut: "code-attendu" as const, le: "2026-11-02T09:00:00.000Z" },
      ],
    };
    const w = window("2026-10-01", "2027-01-31");
    const list = computeReminders(input({ clients: [waiting] }), w);
    expect(list.map((r) => [r.kind, r.date, r.action])).toEqual([
      ["code-relance", "2026-11-09", null],
      ["code-renvoyer", "2026-11-23", "renvoyer-le-code"],
    ]);
    expect(list[0]?.params).toEqual(["2 novembre 2026"]);
    const sooner = computeReminders(
      input({ clients: [waiting], settings: { ...S, codeResendAfterDays: 10 } }),
      w,
    );
    expect(sooner.map((r) => r.date)).toEqual(["2026-11-09", "2026-11-12"]);
    const received = computeReminders(
      input({ clients: [waiting], records: { ti: record({ codeRecuLe: "2026-11-05" }) } }),
      w,
    );
    expect(received).toEqual([]);
    expect(computeReminders(input({ clients: [{ ...waiting, statut: "inscrit" }] }), w)).toEqual([]);
  });

  it("says when the next revenue estimate is possible: one month after the last request", () => {
    const ti = { ...employer("ti"), kind: "profession-liberale" as const, effectif: null };
    const w = window("2026-01-01", "2027-12-31");
    const list = computeReminders(
      input({ clients: [ti], records: { ti: record({ estimationsRevenu: ["2026-01-10", "2026-03-31"] }) } }),
      w,
    );
    expect(list.map((r) => [r.kind, r.date, r.params[0]])).toEqual([
      ["estimation-possible", "2026-04-30", "31 mars 2026"],
    ]);
    const clamped = computeReminders(
      input({ clients: [ti], records: { ti: record({ estimationsRevenu: ["2027-01-31"] }) } }),
      w,
    );
    expect(clamped[0]?.date).toBe("2027-02-28");
  });

  it("warns 30 days before the attestation de vigilance is six months old, then on the day", () => {
    const list = computeReminders(
      input({ clients: [employer("a")], records: { a: record({ attestationVigilanceLe: "2026-03-31" }) } }),
      window("2026-08-01", "2026-10-31"),
    ).filter((r) => r.kind.startsWith("vigilance"));
    expect(list.map((r) => [r.kind, r.date, r.persists])).toEqual([
      ["vigilance-bientot", "2026-08-31", false],
      ["vigilance-expiree", "2026-09-30", true],
    ]);
    expect(list[0]?.params).toEqual(["31 mars 2026", "30 septembre 2026"]);
  });
});

describe("self-employed and micro-entrepreneur dates (data)", () => {
  const ti = (schedule: ClientRecord["echeancier"]) =>
    computeReminders(
      input({
        clients: [{ ...employer("x"), kind: "artisan-commercant", effectif: null }],
        records: { x: record({ echeancier: schedule }) },
      }),
      window("2025-01-01", "2027-02-28"),
    );

  it("monthly debit on the 5th or the 20th, quarterly on 5 February, May, August, November", () => {
    const on20 = ti("ti-mensuel-20").filter((r) => r.kind === "ti-prelevement");
    expect(on20).toHaveLength(26);
    // The 20th when it is worked; else the next working day (20 June 2026 is a Saturday).
    expect(byId(on20, "ti-prelevement:x:2026-06")?.date).toBe("2026-06-22");
    expect(byId(on20, "ti-prelevement:x:2026-05")?.date).toBe("2026-05-20");
    expect(
      on20.every((r) => r.date.endsWith("-20") || r.date.endsWith("-21") || r.date.endsWith("-22")),
    ).toBe(true);
    const quarterly = ti("ti-trimestriel")
      .filter((r) => r.kind === "ti-prelevement")
      .map((r) => r.date);
    expect(quarterly.filter((d) => d.startsWith("2026"))).toEqual([
      "2026-02-05",
      "2026-05-05",
      "2026-08-05",
      "2026-11-05",
    ]);
  });

  it("income return for the years whose dates are published (2025); a notice for the others", () => {
    const returns = ti("ti-mensuel-5").filter((r) => r.kind === "ti-declaration-revenus");
    expect(returns.map((r) => [r.date, r.params[0]])).toEqual([
      ["2025-05-22", "01 à 19"],
      ["2025-05-28", "20 à 54"],
      ["2025-06-05", "55 à 976"],
    ]);
    // 2026: no official dates in the table, so the agenda says so (Friday 15 May 2026).
    const notices = ti("ti-mensuel-5").filter((r) => r.kind === "ti-declaration-revenus-inconnue");
    expect(notices.map((r) => [r.id, r.date, r.params, r.persists])).toEqual([
      ["ti-declaration-revenus-inconnue:x:2026", "2026-05-15", ["2026", "2025"], true],
    ]);
    expect(notices[0]?.source).toContain("impots.gouv.fr");
  });

  it("micro: monthly by the last day of the next month, quarterly, periodicity before 31 October", () => {
    const monthly = ti("micro-mensuel").filter((r) => r.kind === "micro-declaration");
    // 28 February 2026 is a Saturday: Monday 2 March. 28 February 2027 is a Sunday: Monday 1 March.
    expect(byId(monthly, "micro-declaration:x:2026-01")).toMatchObject({
      date: "2026-03-02",
      params: ["janvier 2026"],
    });
    expect(byId(monthly, "micro-declaration:x:2026-03")).toMatchObject({ date: "2026-04-30" });
    const quarterly = ti("micro-trimestriel");
    expect(
      quarterly
        .filter((r) => r.kind === "micro-declaration" && r.date.startsWith("2026"))
        .map((r) => [r.date, r.params[0]]),
    ).toEqual([
      ["2026-02-02", "T4 2025"],
      ["2026-04-30", "T1 2026"],
      ["2026-07-31", "T2 2026"],
      ["2026-11-02", "T3 2026"],
    ]);
    expect(quarterly.filter((r) => r.kind === "micro-periodicite").map((r) => r.date)).toEqual([
      "2025-10-31",
      "2026-10-31",
    ]);
  });
});

describe("tracked DSN anomalies (input from the anomaly tracking)", () => {
  const fixtures: TrackedAnomalyDeadline[] = [
    {
      siren: "526018155",
      siret: "52601815500012",
      period: "2026-09",
      reference: "CTL-RG-0042",
      deadline: "2026-12-14",
    },
    {
      siren: "111222333",
      siret: "11122233300015",
      period: "2026-10",
      reference: "CTL-AB-7",
      deadline: "2026-12-20",
    },
    {
      siren: "526018155",
      siret: "52601815500012",
      period: "2026-10",
      reference: "bad",
      deadline: "2026-13-01",
    },
  ];
  it("gives each deadline a reminder, on the register client of the same SIREN when there is one", () => {
    const client = employer("rg", {
      siren: "526018155",
      raisonSociale: "SARL Boulangerie Martin",
      collaborateurId: "k1",
    });
    const list = computeReminders(
      input({ clients: [client], anomalies: fixtures }),
      window("2026-12-01", "2026-12-31"),
    ).filter((r) => r.kind === "anomalie-dsn");
    expect(list.map((r) => [r.id, r.date, r.clientId, r.collaborateurId, r.subject, r.params])).toEqual([
      [
        "anomalie:52601815500012:2026-09:CTL-RG-0042",
        "2026-12-14",
        "rg",
        "k1",
        "SARL Boulangerie Martin",
        ["CTL-RG-0042", "septembre 2026"],
      ],
      [
        "anomalie:11122233300015:2026-10:CTL-AB-7",
        "2026-12-20",
        null,
        null,
        "SIRET 11122233300015",
        ["CTL-AB-7", "octobre 2026"],
      ],
    ]);
  });
});

describe("anomaly reminders: one per period, overdue until done (issue 16)", () => {
  const same = (period: string, deadline: string): TrackedAnomalyDeadline => ({
    siren: "526018155",
    siret: "52601815500012",
    period,
    reference: "UR_ANO_DIMNS002",
    deadline,
  });

  it("the same reference in two months has two reminders, each with its own done mark", () => {
    const today = "2026-06-20";
    const list = computeReminders(
      input({ anomalies: [same("2026-03", "2026-06-15"), same("2026-04", "2026-06-22")] }),
      agendaWindow(today, S),
    ).filter((r) => r.kind === "anomalie-dsn");
    expect(list.map((r) => r.id)).toEqual([
      "anomalie:52601815500012:2026-03:UR_ANO_DIMNS002",
      "anomalie:52601815500012:2026-04:UR_ANO_DIMNS002",
    ]);
    const state = markDone(EMPTY_STATE, list[0]?.id ?? "", today);
    const a = agenda(list, state, today, S);
    expect([...a.overdue, ...a.dueToday, ...a.upcoming].map((r) => r.id)).toEqual([
      "anomalie:52601815500012:2026-04:UR_ANO_DIMNS002",
    ]);
  });

  it("an anomaly past its deadline stays overdue (and counts on the badge) however old", () => {
    const today = "2026-11-02";
    const list = computeReminders(
      input({ anomalies: [same("2026-03", "2026-06-15")] }),
      agendaWindow(today, S),
    );
    const a = agenda(list, EMPTY_STATE, today, S);
    expect(a.overdue.map((r) => [r.kind, r.date])).toEqual([["anomalie-dsn", "2026-06-15"]]);
    expect(badgeFor(a, "echeances", null)).toMatchObject({ text: "1", tone: "overdue" });
  });
});
