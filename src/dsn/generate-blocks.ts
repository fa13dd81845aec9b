/**
 * The generator's block writers (src/dsn/generate.ts), one per part of the file: the send's header
 * (S10), a declaration's enterprise and establishment (S20, S21.G00.06/11), its payments (S21.G00.20/55),
 * its bordereau (S21.G00.22/23) and each individual (S21.G00.30 and its children), then the total (S90).
 */
import { ctpAt } from "./ctp.ts";
import type { Employee, Period } from "./generate-people.ts";

export type Put = (code: string, value: string | number) => void;

export const eur = (c: number) => (c / 100).toFixed(2);
export const pct = (base: number, ratePct: number) => Math.round((base * ratePct) / 100);
export const dd = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

export const URSSAF_ID = "78861779300013";

const EMPLOIS = [
  "Préparateur de commandes",
  "Employée administrative",
  "Technicien de maintenance",
  "Comptable",
  "Ingénieur d'études",
  "Vendeuse",
  "Chef d'équipe",
  "Apprenti cuisinier",
];

export interface Emitter {
  siren: string;
  nic: string;
  contact: { civilite: string; nomPrenom: string; email: string | null; telephone: string };
}

/** S10.G00.00 (envoi), S10.G00.01 (émetteur), S10.G00.02 (contact). */
export function writeSendHeader(put: Put, e: Emitter): void {
  put("S10.G00.00.001", "PAIE EXPERT");
  put("S10.G00.00.002", "EDITEUR PAIE");
  put("S10.G00.00.003", "2026.1.0");
  put("S10.G00.00.005", "02");
  put("S10.G00.00.006", "P26V01");
  put("S10.G00.00.007", "01");
  put("S10.G00.00.008", "01");
  put("S10.G00.01.001", e.siren);
  put("S10.G00.01.002", e.nic);
  put("S10.G00.01.003", "CABINET DURAND EXPERTISE COMPTABLE");
  put("S10.G00.01.004", "12 RUE DES ÉCOLES");
  put("S10.G00.01.005", "75005");
  put("S10.G00.01.006", "PARIS");
  put("S10.G00.02.001", e.contact.civilite);
  put("S10.G00.02.002", e.contact.nomPrenom);
  if (e.contact.email !== null) put("S10.G00.02.004", e.contact.email);
  put("S10.G00.02.005", e.contact.telephone);
}

export interface DeclarationHead {
  order: string;
  first: string;
  last: string;
  siren: string;
  headNic: string;
  nic: string;
  /** Headcount of the enterprise (S21.G00.06.009) and present at the end of the month (S21.G00.11.008). */
  enterpriseHeadcount: number;
  present: number;
  establishmentNumber: number;
  /** Planted: a second S21.G00.11 in the enterprise. */
  duplicateEstablishment: boolean;
}

/** S20.G00.05 (déclaration), S20.G00.07 (contact), S21.G00.06 (entreprise), S21.G00.11 (établissement). */
export function writeDeclarationHead(put: Put, h: DeclarationHead): void {
  put("S20.G00.05.001", "01");
  put("S20.G00.05.002", "01");
  put("S20.G00.05.003", "11");
  put("S20.G00.05.004", h.order);
  put("S20.G00.05.005", dd(h.first));
  put("S20.G00.05.007", dd(h.last));
  put("S20.G00.05.008", "01");
  put("S20.G00.05.010", "01");
  put("S20.G00.07.001", "MOREAU CLAIRE");
  put("S20.G00.07.002", "0145678901");
  put("S20.G00.07.003", "paie@client.fr");
  put("S20.G00.07.004", "01");
  put("S21.G00.06.001", h.siren);
  put("S21.G00.06.002", h.headNic);
  put("S21.G00.06.003", "5610C");
  put("S21.G00.06.004", "8 AVENUE DE LA RÉPUBLIQUE");
  put("S21.G00.06.005", "69003");
  put("S21.G00.06.006", "LYON");
  put("S21.G00.06.009", String(h.enterpriseHeadcount));
  put("S21.G00.06.010", "01");
  put("S21.G00.11.001", h.nic);
  put("S21.G00.11.002", "5610C");
  // A second establishment block in the same enterprise (its rubric .001 again opens a new instance).
  if (h.duplicateEstablishment) put("S21.G00.11.001", h.nic);
  put("S21.G00.11.003", `${10 + h.establishmentNumber} RUE DU COMMERCE`);
  put("S21.G00.11.004", "69003");
  put("S21.G00.11.005", "LYON");
  put("S21.G00.11.008", String(h.present));
}

/** One aggregated line S21.G00.23: a base only (the Urssaf applies the rate), or an amount. */
export interface AggregateLine {
  ctp: string;
  q: string | null;
  rate?: number;
  base?: number;
  amount?: number;
}

/** Amount of an aggregated line: declared, or base × the period's rate by qualifier (+ AT/MP rate). */
export function lineAmount(l: AggregateLine, first: string): number {
  if (l.amount !== undefined) return l.amount;
  if (l.base === undefined) return 0;
  const row = ctpAt(l.ctp, first);
  const r =
    row?.atRate && l.q === "920"
      ? (row.uncapped ?? 0) + (l.rate ?? 0)
      : l.q === "921"
        ? (row?.capped ?? 0)
        : (row?.uncapped ?? 0);
  return pct(l.base, r);
}

/** Reductions (668, 671) are deducted from the bordereau; everything else is added. */
export const DEDUCTED = new Set(["668", "671"]);

/** The aggregated lines of an establishment, from its staff's individual bases. */
export function aggregateLines(
  p: Period,
  staff: Employee[],
  o: {
    apprenticeLines: boolean;
    /** Planted: the base of the apprentice lines when nobody is an apprentice. */
    fakeApprenticeBase: number | null;
    fnal: boolean;
    ags: boolean;
    complements: { maladie: boolean; af: boolean } | null;
    /** Réduction générale: "amount" (.005 only) or "base921" (qualifier 921, base only, as most software). */
    reductionLine: "amount" | "base921";
  },
): AggregateLine[] {
  const sum = (pred: (s: Employee) => boolean, base: string) => {
    let t = 0;
    for (const s of staff) if (pred(s)) for (const b of s.bases) if (b.code === base) t += b.amount;
    return t;
  };
  const gen = (s: Employee) => !s.apprentice;
  const app = (s: Employee) => s.apprentice;
  const all = () => true;
  // Apprentice pay above the 726 threshold goes to CTP 100 (capped base = gross for apprentices here).
  const above = staff.reduce((t, s) => t + s.above726, 0);
  let red = 0;
  let regul = 0;
  for (const s of staff)
    for (const b of s.bases)
      for (const k of b.contributions)
        if (k.code === "018") {
          if (k.amount >= 0) red += k.amount;
          else regul -= k.amount;
        }
  const agg: AggregateLine[] = [];
  agg.push({ ctp: "100", q: "921", base: sum(gen, "02") + above });
  agg.push({ ctp: "100", q: "920", rate: p.atRate, base: sum(gen, "03") + above });
  if (o.apprenticeLines) {
    agg.push({ ctp: "726", q: "921", base: o.fakeApprenticeBase ?? sum(app, "02") - above });
    agg.push({ ctp: "726", q: "920", rate: p.atRate, base: o.fakeApprenticeBase ?? sum(app, "03") - above });
  }
  const csg = sum(all, "04");
  agg.push({ ctp: "260", q: "920", base: csg, amount: pct(csg, p.rate("260", false)) });
  if (o.fnal) {
    if (p.small) agg.push({ ctp: "332", q: "921", base: sum(all, "02") });
    else agg.push({ ctp: "236", q: "920", base: sum(all, "03") });
  }
  if (o.complements?.maladie) agg.push({ ctp: "635", q: "920", base: sum(all, "03") });
  if (o.complements?.af) agg.push({ ctp: "430", q: "920", base: sum(all, "03") });
  agg.push({ ctp: "772", q: "920", base: sum(gen, "07") });
  if (staff.some(app)) agg.push({ ctp: "423", q: "920", base: sum(app, "07") });
  if (o.ags) agg.push({ ctp: "937", q: "920", base: sum(all, "07") });
  if (red > 0)
    agg.push(
      o.reductionLine === "base921"
        ? { ctp: "668", q: "921", base: red }
        : { ctp: "668", q: null, amount: red },
    );
  if (regul > 0) agg.push({ ctp: "669", q: "921", base: regul });
  return agg;
}

/** Total due of the lines (reductions deducted), in cents. */
export function dueOf(agg: AggregateLine[], first: string): number {
  let due = 0;
  for (const l of agg) due += (DEDUCTED.has(l.ctp) ? -1 : 1) * lineAmount(l, first);
  return due;
}

export interface Payments {
  first: string;
  last: string;
  month: string;
  urssaf: number;
  dgfip: number;
  retirementA: number;
  retirementB: number;
  /** Planted: the T1 component differs from the payment. */
  componentGap: number;
}

/** S21.G00.20 (versements Urssaf, DGFiP, retraite complémentaire) and S21.G00.55 (composants). */
export function writePayments(put: Put, v: Payments): void {
  const period = () => {
    put("S21.G00.20.006", dd(v.first));
    put("S21.G00.20.007", dd(v.last));
    put("S21.G00.20.010", "05");
  };
  put("S21.G00.20.001", URSSAF_ID);
  put("S21.G00.20.005", eur(v.urssaf));
  period();
  put("S21.G00.20.001", "DGFIP");
  put("S21.G00.20.005", eur(v.dgfip));
  period();
  put("S21.G00.20.001", "A0700");
  put("S21.G00.20.005", eur(v.retirementA + v.retirementB));
  period();
  const pmonth = `${v.month.slice(0, 4)}M${v.month.slice(5)}`;
  put("S21.G00.55.001", eur(v.retirementA + v.componentGap));
  put("S21.G00.55.002", "T1");
  put("S21.G00.55.003", "RUAA");
  put("S21.G00.55.004", pmonth);
  put("S21.G00.55.001", eur(v.retirementB));
  put("S21.G00.55.002", "T2");
  put("S21.G00.55.003", "RUAA");
  put("S21.G00.55.004", pmonth);
}

/** S21.G00.22 (bordereau Urssaf) and its S21.G00.23 lines. */
export function writeBordereau(
  put: Put,
  first: string,
  last: string,
  total: number,
  agg: AggregateLine[],
): void {
  put("S21.G00.22.001", URSSAF_ID);
  put("S21.G00.22.003", dd(first));
  put("S21.G00.22.004", dd(last));
  put("S21.G00.22.005", eur(total));
  for (const l of agg) {
    put("S21.G00.23.001", l.ctp);
    if (l.q) put("S21.G00.23.002", l.q);
    if (l.rate !== undefined) put("S21.G00.23.003", l.rate.toFixed(2));
    if (l.base !== undefined) put("S21.G00.23.004", eur(l.base));
    if (l.amount !== undefined) put("S21.G00.23.005", eur(l.amount));
  }
}

/** S21.G00.30 (individu) with its contract (40, 62, 63, 71) and its payment (50 and children). */
export function writeIndividual(
  put: Put,
  p: Period,
  s: Employee,
  o: { siret: string; last: string; errorMonth: string },
): void {
  const { month, first } = p;
  const last = o.last;
  put("S21.G00.30.001", s.nir);
  put("S21.G00.30.002", s.nom);
  put("S21.G00.30.004", s.prenom);
  put("S21.G00.30.006", `15${s.nir.slice(3, 5)}19${s.nir.slice(1, 3)}`);
  put("S21.G00.30.007", "LYON");
  put("S21.G00.30.019", s.matricule);
  writeContract(put, s, month, last, o.siret);
  const endIso = s.endDay ? `${month}-${String(s.endDay).padStart(2, "0")}` : last;
  put("S21.G00.50.001", dd(last));
  put("S21.G00.50.002", s.commaAmount ? eur(s.netFiscal).replace(".", ",") : eur(s.netFiscal));
  put("S21.G00.50.004", eur(s.netSocial - s.pas - s.pasRegul));
  put("S21.G00.50.006", s.pasRate.toFixed(2));
  put("S21.G00.50.007", "01");
  put("S21.G00.50.009", eur(s.pas));
  put("S21.G00.50.013", eur(s.netFiscal));
  const rem: [string, number | null, number][] = [
    ["001", null, s.gross],
    ["002", null, s.gross],
    ["010", s.hours, s.gross],
  ];
  if (s.type027) rem.push(["027", null, s.netSocial]);
  const netSocial = () => {
    if (s.noNetSocial) return;
    put("S21.G00.58.001", dd(first));
    put("S21.G00.58.002", dd(endIso));
    put("S21.G00.58.003", "03");
    put("S21.G00.58.004", eur(s.netSocial));
  };
  if (s.netSocialFirst) netSocial();
  for (const [type, hours, amount] of rem) {
    put("S21.G00.51.001", dd(first));
    put("S21.G00.51.002", dd(endIso));
    put("S21.G00.51.010", s.matricule);
    put("S21.G00.51.011", type);
    if (hours !== null) put("S21.G00.51.012", hours.toFixed(2));
    put("S21.G00.51.013", eur(amount));
  }
  if (s.pasRegul !== 0) {
    // A PAS regularisation of a past month (rate corrected): block 56 under the payment.
    put("S21.G00.56.001", o.errorMonth);
    put("S21.G00.56.002", "02");
    put("S21.G00.56.005", (s.pasRate + 1).toFixed(2));
    put("S21.G00.56.006", s.pasRate.toFixed(2));
    put("S21.G00.56.007", eur(s.pasRegul));
  }
  if (!s.netSocialFirst) netSocial();
  for (const b of s.bases) {
    put("S21.G00.78.001", b.code);
    put("S21.G00.78.002", dd(first));
    put("S21.G00.78.003", dd(endIso));
    put("S21.G00.78.004", eur(b.amount));
    if (b.smic !== undefined) {
      put("S21.G00.79.001", "01");
      put("S21.G00.79.004", eur(b.smic));
    }
    for (const k of b.contributions) {
      put("S21.G00.81.001", k.code);
      put("S21.G00.81.002", URSSAF_ID);
      put("S21.G00.81.003", eur(k.base));
      put("S21.G00.81.004", eur(k.amount));
    }
  }
}

/** S21.G00.40 (contrat), S21.G00.62/63 (fin du contrat), S21.G00.71 (retraite complémentaire). */
function writeContract(put: Put, s: Employee, month: string, last: string, siret: string): void {
  put("S21.G00.40.001", s.start);
  put("S21.G00.40.002", s.cadre ? "04" : "06");
  put("S21.G00.40.003", s.cadre ? "01" : "04");
  put("S21.G00.40.004", s.cadre ? "388a" : "561b");
  put("S21.G00.40.006", s.apprentice ? "Apprenti cuisinier" : (EMPLOIS[Number(s.matricule) % 7] as string));
  put("S21.G00.40.007", s.cdd ? "02" : "01");
  put("S21.G00.40.008", s.apprentice ? "64" : "99");
  put("S21.G00.40.009", s.matricule);
  if (s.cdd) put("S21.G00.40.010", dd(s.endDay ? `${month}-${String(s.endDay).padStart(2, "0")}` : last));
  put("S21.G00.40.011", "10");
  put("S21.G00.40.012", "151.67");
  put("S21.G00.40.013", s.hours.toFixed(2));
  put("S21.G00.40.014", s.hours < 151.67 ? "20" : "10");
  put("S21.G00.40.016", "99");
  put("S21.G00.40.017", "1501");
  put("S21.G00.40.018", "200");
  put("S21.G00.40.019", siret);
  put("S21.G00.40.020", "200");
  put("S21.G00.40.024", "99");
  put("S21.G00.40.026", "99");
  if (s.endDay) {
    put("S21.G00.62.001", dd(`${month}-${String(s.endDay).padStart(2, "0")}`));
    put("S21.G00.62.002", "031");
    put("S21.G00.63.001", "90");
  }
  if (!s.noRetirementBlock) put("S21.G00.71.002", "RUAA");
}
