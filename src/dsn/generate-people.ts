/**
 * The generator's employees (src/dsn/generate.ts): who they are, their pay, bases and individual
 * contributions for the month, consistent with the period's parameters and CTP rates.
 */
import { ctpAt } from "./ctp.ts";
import {
  apprenticeSmicShare,
  COMPLEMENTS_FOR_ALL_FROM,
  PMSS,
  REDUCTION_GENERALE,
  reductionCoefficient,
  smicMensuel,
  valueAt,
} from "./data/parameters.ts";

export interface Contribution {
  code: string;
  base: number;
  amount: number;
  rate: number;
}
export interface Base {
  code: string;
  amount: number;
  smic?: number;
  contributions: Contribution[];
}
export interface Employee {
  nir: string;
  nom: string;
  prenom: string;
  matricule: string;
  cadre: boolean;
  apprentice: boolean;
  cdd: boolean;
  hours: number;
  endDay: number | null;
  /** Contract start, JJMMAAAA. */
  start: string;
  gross: number;
  /** Apprentices: pay above the CTP 726 threshold, declared on CTP 100 (cents). */
  above726: number;
  bases: Base[];
  pas: number;
  /** PAS regularisation of a past month (S21.G00.56.007), cents; 0 when none. */
  pasRegul: number;
  netFiscal: number;
  netSocial: number;
  pasRate: number;
  noNetSocial?: boolean;
  type027?: boolean;
  noRetirementBlock?: boolean;
  commaAmount?: boolean;
  netSocialFirst?: boolean;
}

/** An apprentice added to the generated staff: contract start (ISO) and pay as a share of the SMIC. */
export interface ExtraApprentice {
  start: string;
  smicRatio: number;
}

/** The month's parameters every employee shares. */
export interface Period {
  month: string;
  first: string;
  dim: number;
  pmss: number;
  smicFull: number;
  small: boolean;
  atRate: number;
  rate(ctp: string, capped: boolean): number;
}

export function period(month: string, small: boolean, atRate: number): Period {
  const first = `${month}-01`;
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return {
    month,
    first,
    dim: new Date(Date.UTC(year, mon, 0)).getUTCDate(),
    pmss: Math.round((valueAt(PMSS, first)?.value ?? 4005) * 100),
    smicFull: Math.round((smicMensuel(first) ?? 1823.03) * 100),
    small,
    atRate,
    rate(ctp, capped) {
      const row = ctpAt(ctp, first);
      return (capped ? row?.capped : row?.uncapped) ?? 0;
    },
  };
}

export const NOMS = [
  "MARTIN",
  "BERNARD",
  "DUBOIS",
  "THOMAS",
  "ROBERT",
  "RICHARD",
  "PETIT",
  "DURAND",
  "LEROY",
  "MOREAU",
  "SIMON",
  "LAURENT",
  "LEFÈVRE",
  "MICHEL",
  "GARCIA",
  "DAVID",
  "BERTRAND",
  "ROUX",
  "VINCENT",
  "FOURNIER",
  "MOREL",
  "GIRARD",
  "ANDRÉ",
  "MERCIER",
  "DUPONT",
  "LAMBERT",
  "BONNET",
  "FRANÇOIS",
  "MARTINEZ",
  "NOËL",
];
export const PRENOMS = [
  "Jean",
  "Marie",
  "Hélène",
  "Zoé",
  "François",
  "Loïc",
  "Anaïs",
  "Noël",
  "Chloé",
  "Jérôme",
  "Léa",
  "Hugo",
  "Inès",
  "Théo",
  "Camille",
  "Raphaël",
  "Maëlle",
  "Lucas",
  "Agnès",
  "Benoît",
];

const pct = (base: number, ratePct: number) => Math.round((base * ratePct) / 100);

/** What makes one employee: drawn by the caller from the seed (same draws, same order as always). */
export interface EmployeeDraw {
  index: number;
  apprentice: boolean;
  cadre: boolean;
  cdd: boolean;
  partTime: boolean;
  endDay: number | null;
  ratio: number;
  nir: string;
  /** Contract start, ISO. */
  start: string;
  /** Overrides (planted errors) of the capped base and of the réduction générale. */
  capped?: (ceiling: number, gross: number) => number;
  reduction?: (computed: number) => number;
}

/** Bases and contributions of one employee for the period (amounts in cents). */
export function payOf(
  p: Period,
  e: EmployeeDraw,
): Pick<Employee, "gross" | "above726" | "bases" | "hours" | "endDay"> {
  const hours = e.partTime ? 121.34 : 151.67;
  const days = e.endDay ?? p.dim;
  const presence = e.endDay ? Math.min(days, 30) / 30 : 1;
  const smic = Math.round(p.smicFull * (hours / 151.67) * presence);
  const gross = Math.round(smic * e.ratio);
  const ceiling = e.endDay ? Math.ceil((p.pmss * Math.min(days, 30)) / 30) : p.pmss;
  let capped = Math.min(gross, ceiling);
  if (e.capped) capped = e.capped(ceiling, gross);
  const csgBase = Math.round(gross * 0.9825);
  const chomBase = Math.min(gross, 4 * p.pmss);
  // Apprentices: pay up to the threshold (50 % or 79 % of the SMIC, by contract start) on CTP 726.
  const threshold = e.apprentice ? Math.round(apprenticeSmicShare(e.start) * p.smicFull) : 0;
  const above726 = e.apprentice ? Math.max(0, gross - threshold) : 0;
  const ctp = e.apprentice ? "726" : "100";
  const blend = (capped: boolean, r726: number) =>
    e.apprentice && above726 > 0
      ? Math.round(((r726 * (gross - above726) + p.rate("100", capped) * above726) / gross) * 10_000) / 10_000
      : r726;
  const b02: Base = {
    code: "02",
    amount: capped,
    contributions: [{ code: "076", base: capped, rate: blend(true, p.rate(ctp, true)), amount: 0 }],
  };
  if (p.small) b02.contributions.push({ code: "049", base: capped, rate: 0.1, amount: 0 });
  const vieilDepl = e.apprentice
    ? p.rate("726", false) - 7 - 3.45 - 0.3
    : p.rate("100", false) - 7 - 3.45 - 0.3;
  const b03: Base = {
    code: "03",
    amount: gross,
    smic,
    contributions: [
      { code: "075", base: gross, rate: 7, amount: 0 },
      { code: "074", base: gross, rate: 3.45, amount: 0 },
      { code: "068", base: gross, rate: 0.3, amount: 0 },
      { code: "076", base: gross, rate: Math.round(vieilDepl * 100) / 100, amount: 0 },
      { code: "045", base: gross, rate: p.atRate, amount: 0 },
    ],
  };
  if (!p.small) b03.contributions.push({ code: "049", base: gross, rate: 0.5, amount: 0 });
  if (p.first >= COMPLEMENTS_FOR_ALL_FROM) {
    // 2026: complements of the maladie (907, CTP 635) and AF (102, CTP 430) contributions on every salary.
    b03.contributions.push({ code: "907", base: gross, rate: p.rate("635", false), amount: 0 });
    b03.contributions.push({ code: "102", base: gross, rate: p.rate("430", false), amount: 0 });
  }
  const rule = valueAt(REDUCTION_GENERALE, p.first)?.value;
  if (rule) {
    const coef = reductionCoefficient(rule, gross, smic, p.small);
    let red = Math.round(coef * gross);
    if (e.reduction) red = e.reduction(red);
    // A negative amount is a regularisation the employer pays back (annual cumulative calculation).
    if (red !== 0) b03.contributions.push({ code: "018", base: gross, rate: coef * 100, amount: red });
  }
  const b04: Base = {
    code: "04",
    amount: csgBase,
    contributions: [
      { code: "072", base: csgBase, rate: 9.2, amount: 0 },
      { code: "079", base: csgBase, rate: 0.5, amount: 0 },
    ],
  };
  const b07: Base = {
    code: "07",
    amount: chomBase,
    contributions: [
      { code: "040", base: chomBase, rate: p.rate(e.apprentice ? "423" : "772", false), amount: 0 },
      { code: "048", base: chomBase, rate: p.rate("937", false), amount: 0 },
    ],
  };
  const bases = [b02, b03, b04, b07];
  for (const b of bases)
    for (const c of b.contributions) if (c.code !== "018") c.amount = pct(c.base, c.rate);
  return { gross, above726, bases, hours, endDay: e.endDay };
}
