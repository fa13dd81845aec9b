/**
 * Generator of realistic, internally consistent monthly DSN files (nature 01, norm P26V01, 2026
 * parameters) for tests and benchmarks, deterministic for a seed, with errors planted on purpose.
 * Pure TypeScript (no Node API): the CLI is src/dsn/generate-cli.ts.
 *
 * Consistency: individual bases and contributions follow the CTP table rates of the period
 * (src/dsn/data/ctp.ts) and the réduction générale rule (src/dsn/data/parameters.ts); the
 * aggregated lines S21.G00.23 are the sums of the individual bases; the bordereau total, the Urssaf,
 * DGFiP and retirement payments are derived from them; S90 counts the lines actually written.
 */
import { computeLuhnKey } from "../register/model/ids.ts";
import type { DsnCheckContext } from "./checks/common.ts";
import { ctpAt } from "./ctp.ts";
import { PMSS, REDUCTION_GENERALE, reductionCoefficient, smicMensuel, valueAt } from "./data/parameters.ts";

/** Errors the generator can plant; each one is found by the named check. */
export const PLANTABLE_ERRORS = {
  "emitter-client-siret": "émetteur = SIRET du client déclaré (emitter.client-siret)",
  "emitter-old-siret": "émetteur = ancien SIRET du cabinet (emitter.old-siret)",
  "emitter-bad-key": "SIREN émetteur à clé fausse (emitter.siren-key)",
  "contact-incomplete": "contact émetteur sans e-mail (emitter.contact-incomplete)",
  "s90-count": "S90.G00.90.001 faux (structure.s90-lines)",
  "missing-block": "contrat sans bloc retraite complémentaire S21.G00.71 (structure.missing-block)",
  "nir-duplicate": "deux individus avec le même NIR (identifiers.nir-duplicate)",
  "nir-format": "NIR sur 15 caractères (identifiers.nir-format)",
  "bad-nic": "NIC d'établissement à clé fausse (identifiers.nic-key)",
  "ctp-amount": "montant déclaré d'une ligne CTP faux (control.ctp-amount)",
  "bordereau-total": "total du bordereau ≠ somme des lignes (control.bordereau-total)",
  "urssaf-payment": "versement Urssaf ≠ bordereau (control.urssaf-payment)",
  "dgfip-payment": "versement DGFiP ≠ somme des PAS (control.dgfip-payment)",
  "payment-components": "versement retraite ≠ ses composants (control.payment-components)",
  "ctp-base": "assiette CTP 100/921 ≠ bases individuelles (control.ctp-base)",
  "ctp-missing": "ligne AGS 937 absente (control.ctp-missing)",
  headcount: "effectif S21.G00.11.008 faux (control.headcount)",
  "capped-base": "base plafonnée > base déplafonnée (bases.capped-above-uncapped)",
  "capped-over-ceiling": "base plafonnée > PMSS (bases.capped-over-ceiling)",
  "apprentice-ctp": "ligne CTP 726 sans apprenti (bases.apprentice-ctp)",
  "reduction-above-ceiling": "réduction générale au-delà de 3 SMIC (reduction.above-ceiling)",
  "reduction-amount": "réduction générale surévaluée de 50 % (reduction.amount)",
  "missing-net-social": "versement sans montant net social S21.G00.58 type 03 (net-social.missing)",
  "type-027": "rémunération de type 027 dans S21.G00.51 (net-social.type-027)",
  "rubric-format": "montant net fiscal écrit avec une virgule, 1234,56 (structure.rubric-format)",
  "block-order": "bloc S21.G00.58 écrit avant les S21.G00.51 de son versement (out-of-order)",
  cardinality: "deux blocs établissement S21.G00.11 dans une entreprise (structure.cardinality)",
  "wrapper-count":
    "enveloppe de plateforme : S96.G51.00.002 annonce un envoi de trop (structure.wrapper-count)",
} as const;
export type PlantableError = keyof typeof PLANTABLE_ERRORS;

export interface GenerateOptions {
  employees: number;
  seed: number;
  plant?: readonly PlantableError[];
  /** Month declared, "2026-01" … ; default: a month of 2026 chosen by the seed. */
  month?: string;
  /** Number of declarations (establishments) in the send; default 1. */
  establishments?: number;
  encoding?: "latin-1" | "utf-8";
  eol?: "\n" | "\r\n";
  /** Wraps the send in the lines of a receiving platform (S05, S06 … S96, S95), as in a "lot" file. */
  wrapper?: boolean;
}

function siren(prefix8: string): string {
  return prefix8 + computeLuhnKey(prefix8);
}
function siret(siren9: string, nic4: string): string {
  return siren9 + nic4 + computeLuhnKey(siren9 + nic4);
}

/** The firm used by generated files: active SIRET, a closed one, its DSN contact. */
export const GENERATED_FIRM = {
  siret: siret(siren("41220371"), "0002"),
  oldSiret: siret(siren("41220371"), "0001"),
  contact: {
    civilite: "02" as const,
    nomPrenom: "DURAND Hélène",
    email: "paie@cabinet-durand.fr",
    telephone: "0145678900",
  },
};

/** The check context matching {@link GENERATED_FIRM}. */
export function generatedFirmContext(): DsnCheckContext {
  return {
    firmSiret: GENERATED_FIRM.siret,
    oldSirets: [GENERATED_FIRM.oldSiret],
    contact: GENERATED_FIRM.contact,
  };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOMS = [
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
const PRENOMS = [
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

const eur = (c: number) => (c / 100).toFixed(2);
const pct = (base: number, ratePct: number) => Math.round((base * ratePct) / 100);
const dd = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

interface Contribution {
  code: string;
  base: number;
  amount: number;
  rate: number;
}
interface Base {
  code: string;
  amount: number;
  smic?: number;
  contributions: Contribution[];
}
interface Employee {
  nir: string;
  nom: string;
  prenom: string;
  matricule: string;
  cadre: boolean;
  apprentice: boolean;
  cdd: boolean;
  hours: number;
  endDay: number | null;
  gross: number;
  bases: Base[];
  pas: number;
  netFiscal: number;
  netSocial: number;
  pasRate: number;
  noNetSocial?: boolean;
  type027?: boolean;
  noRetirementBlock?: boolean;
  commaAmount?: boolean;
  netSocialFirst?: boolean;
}

/** Generates the file as text chunks (one per individual, roughly) — join them or encode them one by one. */
export function generateDsnChunks(options: GenerateOptions): string[] {
  const rnd = mulberry32(options.seed * 2654435761 + 17);
  const plant = new Set(options.plant ?? []);
  const eol = options.eol ?? "\n";
  const month = options.month ?? `2026-${String(1 + (options.seed % 12)).padStart(2, "0")}`;
  const first = `${month}-01`;
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const dim = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const last = `${month}-${String(dim).padStart(2, "0")}`;
  const pmss = Math.round((valueAt(PMSS, first)?.value ?? 4005) * 100);
  const smicFull = Math.round((smicMensuel(first) ?? 1823.03) * 100);
  const rule = valueAt(REDUCTION_GENERALE, first)?.value;
  const total = Math.max(1, Math.floor(options.employees));
  const small = total < 50;
  const rate = (ctp: string, capped: boolean) => {
    const row = ctpAt(ctp, first);
    return (capped ? row?.capped : row?.uncapped) ?? 0;
  };
  const atRate = Math.round((1 + rnd() * 2.5) * 100) / 100;
  const pasRateOf = () => Math.round(rnd() * 9 * 10) / 10;

  const clientSiren = siren(String(30_000_000 + Math.floor(rnd() * 60_000_000)));
  const nEst = Math.max(1, Math.min(options.establishments ?? 1, total));

  // ----- employees -----
  const employees: Employee[] = [];
  for (let i = 0; i < total; i++) {
    const apprentice = !plant.has("apprentice-ctp") && i % 17 === 5;
    const cadre = !apprentice && rnd() < 0.25;
    const cdd = !apprentice && rnd() < 0.12;
    const partTime = !apprentice && !cadre && rnd() < 0.15;
    const hours = partTime ? 121.34 : 151.67;
    const endDay = cdd && rnd() < 0.4 ? 5 + Math.floor(rnd() * (dim - 10)) : null;
    const days = endDay ?? dim;
    const presence = endDay ? Math.min(days, 30) / 30 : 1;
    const smic = Math.round(smicFull * (hours / 151.67) * presence);
    let ratio = apprentice ? 0.43 + rnd() * 0.06 : cadre ? 2 + rnd() * 4 : 1 + rnd() * 1.5;
    if (i === 0 && (plant.has("capped-over-ceiling") || plant.has("reduction-above-ceiling"))) ratio = 3.5;
    if (i === 0 && (plant.has("capped-base") || plant.has("reduction-amount"))) ratio = 1.2;
    const gross = Math.round(smic * ratio);
    const sex = 1 + (i % 2);
    const nir = `${sex}${String(60 + Math.floor(rnd() * 40)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 19)).padStart(2, "0")}${String(1 + (i % 990)).padStart(3, "0")}${String(1 + (Math.floor(i / 990) % 999)).padStart(3, "0")}`;
    const ceiling = endDay ? Math.ceil((pmss * Math.min(days, 30)) / 30) : pmss;
    let capped = Math.min(gross, ceiling);
    if (i === 0 && plant.has("capped-base")) capped = gross + 10_000;
    if (i === 0 && plant.has("capped-over-ceiling")) capped = ceiling + 50_000;
    const csgBase = Math.round(gross * 0.9825);
    const chomBase = Math.min(gross, 4 * pmss);
    const ctp = apprentice ? "726" : "100";
    const b02: Base = {
      code: "02",
      amount: capped,
      contributions: [{ code: "076", base: capped, rate: rate(ctp, true), amount: 0 }],
    };
    if (small) b02.contributions.push({ code: "049", base: capped, rate: 0.1, amount: 0 });
    const vieilDepl = apprentice ? rate("726", false) - 7 - 3.45 - 0.3 : rate("100", false) - 7 - 3.45 - 0.3;
    const b03: Base = {
      code: "03",
      amount: gross,
      smic,
      contributions: [
        { code: "075", base: gross, rate: 7, amount: 0 },
        { code: "074", base: gross, rate: 3.45, amount: 0 },
        { code: "068", base: gross, rate: 0.3, amount: 0 },
        { code: "076", base: gross, rate: Math.round(vieilDepl * 100) / 100, amount: 0 },
        { code: "045", base: gross, rate: atRate, amount: 0 },
      ],
    };
    if (!small) b03.contributions.push({ code: "049", base: gross, rate: 0.5, amount: 0 });
    if (rule) {
      const coef = reductionCoefficient(rule, gross, smic, small);
      let red = Math.round(coef * gross);
      if (i === 0 && plant.has("reduction-above-ceiling")) red = 15_000;
      if (i === 0 && plant.has("reduction-amount")) red = Math.round(red * 1.5);
      if (red > 0) b03.contributions.push({ code: "018", base: gross, rate: coef * 100, amount: red });
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
        { code: "040", base: chomBase, rate: 4, amount: 0 },
        { code: "048", base: chomBase, rate: 0.25, amount: 0 },
      ],
    };
    const bases = [b02, b03, b04, b07];
    for (const b of bases)
      for (const c of b.contributions) if (c.code !== "018") c.amount = pct(c.base, c.rate);
    const employeeShare = Math.round(gross * 0.22);
    const netSocial = gross - employeeShare;
    const netFiscal = Math.round(netSocial + csgBase * 0.029);
    const pasRate = apprentice ? 0 : pasRateOf();
    const pas = Math.round((netFiscal * pasRate) / 100);
    employees.push({
      nir,
      nom: NOMS[Math.floor(rnd() * NOMS.length)] as string,
      prenom: PRENOMS[Math.floor(rnd() * PRENOMS.length)] as string,
      matricule: String(i + 1).padStart(5, "0"),
      cadre,
      apprentice,
      cdd,
      hours,
      endDay,
      gross,
      bases,
      pas,
      netFiscal,
      netSocial,
      pasRate,
    });
  }
  const e0 = employees[0] as Employee;
  if (plant.has("nir-duplicate") && employees[1]) employees[1].nir = e0.nir;
  if (plant.has("nir-format")) e0.nir = `${e0.nir}42`;
  if (plant.has("missing-net-social")) e0.noNetSocial = true;
  if (plant.has("type-027")) e0.type027 = true;
  if (plant.has("missing-block")) e0.noRetirementBlock = true;
  if (plant.has("rubric-format")) e0.commaAmount = true;
  if (plant.has("block-order")) e0.netSocialFirst = true;

  // ----- serialisation -----
  const chunks: string[] = [];
  let lines = 0;
  let buf: string[] = [];
  const put = (code: string, value: string | number) => {
    buf.push(`${code},'${value}'`);
    lines++;
  };
  const flush = () => {
    if (buf.length > 0) chunks.push(buf.join(eol) + eol);
    buf = [];
  };

  const emitterSiret = plant.has("emitter-client-siret")
    ? siret(clientSiren, "0001")
    : plant.has("emitter-old-siret")
      ? GENERATED_FIRM.oldSiret
      : GENERATED_FIRM.siret;
  let emitterSiren = emitterSiret.slice(0, 9);
  if (plant.has("emitter-bad-key"))
    emitterSiren = emitterSiren.slice(0, 8) + String((Number(emitterSiren[8]) + 1) % 10);
  put("S10.G00.00.001", "PAIE EXPERT");
  put("S10.G00.00.002", "EDITEUR PAIE");
  put("S10.G00.00.003", "2026.1.0");
  put("S10.G00.00.005", "02");
  put("S10.G00.00.006", "P26V01");
  put("S10.G00.00.007", "01");
  put("S10.G00.00.008", "01");
  put("S10.G00.01.001", emitterSiren);
  put("S10.G00.01.002", emitterSiret.slice(9));
  put("S10.G00.01.003", "CABINET DURAND EXPERTISE COMPTABLE");
  put("S10.G00.01.004", "12 RUE DES ÉCOLES");
  put("S10.G00.01.005", "75005");
  put("S10.G00.01.006", "PARIS");
  const c = GENERATED_FIRM.contact;
  put("S10.G00.02.001", c.civilite);
  put("S10.G00.02.002", c.nomPrenom);
  if (!plant.has("contact-incomplete")) put("S10.G00.02.004", c.email);
  put("S10.G00.02.005", c.telephone);

  const urssafId = "78861779300013";
  for (let e = 0; e < nEst; e++) {
    const from = Math.floor((e * total) / nEst);
    const to = Math.floor(((e + 1) * total) / nEst);
    const staff = employees.slice(from, to);
    const nic4 = String(10 + e * 7).padStart(4, "0");
    let nic = siret(clientSiren, nic4).slice(9);
    if (e === 0 && plant.has("bad-nic")) nic = nic.slice(0, 4) + String((Number(nic[4]) + 1) % 10);
    put("S20.G00.05.001", "01");
    put("S20.G00.05.002", "01");
    put("S20.G00.05.003", "11");
    put("S20.G00.05.004", String(options.seed).padStart(3, "0") + String(e + 1));
    put("S20.G00.05.005", dd(first));
    put("S20.G00.05.007", dd(last));
    put("S20.G00.05.008", "01");
    put("S20.G00.05.010", "01");
    put("S20.G00.07.001", "MOREAU CLAIRE");
    put("S20.G00.07.002", "0145678901");
    put("S20.G00.07.003", "paie@client.fr");
    put("S20.G00.07.004", "01");
    put("S21.G00.06.001", clientSiren);
    put("S21.G00.06.002", siret(clientSiren, "0010").slice(9));
    put("S21.G00.06.003", "5610C");
    put("S21.G00.06.004", "8 AVENUE DE LA RÉPUBLIQUE");
    put("S21.G00.06.005", "69003");
    put("S21.G00.06.006", "LYON");
    put("S21.G00.06.009", String(total));
    put("S21.G00.06.010", "01");
    const present = staff.filter((s) => s.endDay === null).length;
    put("S21.G00.11.001", nic);
    put("S21.G00.11.002", "5610C");
    // A second establishment block in the same enterprise (its rubric .001 again opens a new instance).
    if (e === 0 && plant.has("cardinality")) put("S21.G00.11.001", nic);
    put("S21.G00.11.003", `${10 + e} RUE DU COMMERCE`);
    put("S21.G00.11.004", "69003");
    put("S21.G00.11.005", "LYON");
    put("S21.G00.11.008", String(present + (e === 0 && plant.has("headcount") ? 2 : 0)));

    // aggregates
    const sum = (pred: (s: Employee) => boolean, base: string) => {
      let t = 0;
      for (const s of staff) if (pred(s)) for (const b of s.bases) if (b.code === base) t += b.amount;
      return t;
    };
    const gen = (s: Employee) => !s.apprentice;
    const app = (s: Employee) => s.apprentice;
    const all = () => true;
    const red = staff.reduce(
      (t, s) =>
        t +
        s.bases.reduce(
          (u, b) => u + b.contributions.filter((k) => k.code === "018").reduce((v, k) => v + k.amount, 0),
          0,
        ),
      0,
    );
    const agg: { ctp: string; q: string | null; rate?: number; base?: number; amount?: number }[] = [];
    agg.push({ ctp: "100", q: "921", base: sum(gen, "02") });
    agg.push({ ctp: "100", q: "920", rate: atRate, base: sum(gen, "03") });
    if (staff.some(app) || (e === 0 && plant.has("apprentice-ctp"))) {
      agg.push({
        ctp: "726",
        q: "921",
        base: e === 0 && plant.has("apprentice-ctp") ? 100_000 : sum(app, "02"),
      });
      agg.push({
        ctp: "726",
        q: "920",
        rate: atRate,
        base: e === 0 && plant.has("apprentice-ctp") ? 100_000 : sum(app, "03"),
      });
    }
    const csg = sum(all, "04");
    agg.push({
      ctp: "260",
      q: "920",
      base: csg,
      amount: pct(csg, rate("260", false)) + (e === 0 && plant.has("ctp-amount") ? 3742 : 0),
    });
    if (small) agg.push({ ctp: "332", q: "921", base: sum(all, "02") });
    else agg.push({ ctp: "236", q: "920", base: sum(all, "03") });
    agg.push({ ctp: "772", q: "920", base: sum(gen, "07") });
    if (staff.some(app)) agg.push({ ctp: "423", q: "920", base: sum(app, "07") });
    if (!(e === 0 && plant.has("ctp-missing"))) agg.push({ ctp: "937", q: "920", base: sum(all, "07") });
    if (red > 0) agg.push({ ctp: "668", q: null, amount: red });
    if (e === 0 && plant.has("ctp-base")) {
      const l = agg[0];
      if (l?.base !== undefined) l.base -= 100_000;
    }
    let due = 0;
    for (const l of agg) {
      const row = ctpAt(l.ctp, first);
      let amount = l.amount;
      if (amount === undefined && l.base !== undefined) {
        const r =
          row?.atRate && l.q === "920"
            ? (row.uncapped ?? 0) + (l.rate ?? 0)
            : l.q === "921"
              ? (row?.capped ?? 0)
              : (row?.uncapped ?? 0);
        amount = pct(l.base, r);
      }
      due += l.ctp === "668" ? -(amount ?? 0) : (amount ?? 0);
    }
    let total22 = Math.round(due / 100) * 100;
    let paid = total22;
    if (e === 0 && plant.has("bordereau-total")) {
      total22 += 15_000;
      paid += 15_000;
    }
    if (e === 0 && plant.has("urssaf-payment")) paid -= 25_000;
    const pasTotal = staff.reduce((t, s) => t + s.pas, 0);
    const t1 = sum(all, "02");
    const t2 = sum(all, "03") - t1;
    const retA = pct(t1, 12.95);
    const retB = pct(t2, 21.59);

    put("S21.G00.20.001", urssafId);
    put("S21.G00.20.005", eur(paid));
    put("S21.G00.20.006", dd(first));
    put("S21.G00.20.007", dd(last));
    put("S21.G00.20.010", "05");
    put("S21.G00.20.001", "DGFIP");
    put("S21.G00.20.005", eur(pasTotal + (e === 0 && plant.has("dgfip-payment") ? 1234 : 0)));
    put("S21.G00.20.006", dd(first));
    put("S21.G00.20.007", dd(last));
    put("S21.G00.20.010", "05");
    put("S21.G00.20.001", "A0700");
    put("S21.G00.20.005", eur(retA + retB));
    put("S21.G00.20.006", dd(first));
    put("S21.G00.20.007", dd(last));
    put("S21.G00.20.010", "05");
    put("S21.G00.55.001", eur(retA + (e === 0 && plant.has("payment-components") ? 1000 : 0)));
    put("S21.G00.55.002", "T1");
    put("S21.G00.55.003", "RUAA");
    put("S21.G00.55.004", `${month.slice(0, 4)}M${month.slice(5)}`);
    put("S21.G00.55.001", eur(retB));
    put("S21.G00.55.002", "T2");
    put("S21.G00.55.003", "RUAA");
    put("S21.G00.55.004", `${month.slice(0, 4)}M${month.slice(5)}`);
    put("S21.G00.22.001", urssafId);
    put("S21.G00.22.003", dd(first));
    put("S21.G00.22.004", dd(last));
    put("S21.G00.22.005", eur(total22));
    for (const l of agg) {
      put("S21.G00.23.001", l.ctp);
      if (l.q) put("S21.G00.23.002", l.q);
      if (l.rate !== undefined) put("S21.G00.23.003", l.rate.toFixed(2));
      if (l.base !== undefined) put("S21.G00.23.004", eur(l.base));
      if (l.amount !== undefined) put("S21.G00.23.005", eur(l.amount));
    }
    flush();
    for (const s of staff) {
      put("S21.G00.30.001", s.nir);
      put("S21.G00.30.002", s.nom);
      put("S21.G00.30.004", s.prenom);
      put("S21.G00.30.006", `15${s.nir.slice(3, 5)}19${s.nir.slice(1, 3)}`);
      put("S21.G00.30.007", "LYON");
      put("S21.G00.30.019", s.matricule);
      const start = `0109${2015 + (Number(s.matricule) % 10)}`;
      put("S21.G00.40.001", start);
      put("S21.G00.40.002", s.cadre ? "04" : "06");
      put("S21.G00.40.003", s.cadre ? "01" : "04");
      put("S21.G00.40.004", s.cadre ? "388a" : "561b");
      put(
        "S21.G00.40.006",
        s.apprentice ? "Apprenti cuisinier" : (EMPLOIS[Number(s.matricule) % 7] as string),
      );
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
      put("S21.G00.40.019", siret(clientSiren, nic4));
      put("S21.G00.40.020", "200");
      put("S21.G00.40.024", "99");
      put("S21.G00.40.026", "99");
      if (s.endDay) {
        put("S21.G00.62.001", dd(`${month}-${String(s.endDay).padStart(2, "0")}`));
        put("S21.G00.62.002", "031");
        put("S21.G00.63.001", "90");
      }
      if (!s.noRetirementBlock) {
        put("S21.G00.71.002", "RUAA");
      }
      const endIso = s.endDay ? `${month}-${String(s.endDay).padStart(2, "0")}` : last;
      put("S21.G00.50.001", dd(last));
      put("S21.G00.50.002", s.commaAmount ? eur(s.netFiscal).replace(".", ",") : eur(s.netFiscal));
      put("S21.G00.50.004", eur(s.netSocial - s.pas));
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
        if (!s.noNetSocial) {
          put("S21.G00.58.001", dd(first));
          put("S21.G00.58.002", dd(endIso));
          put("S21.G00.58.003", "03");
          put("S21.G00.58.004", eur(s.netSocial));
        }
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
          put("S21.G00.81.002", urssafId);
          put("S21.G00.81.003", eur(k.base));
          put("S21.G00.81.004", eur(k.amount));
        }
      }
      flush();
    }
  }
  lines += 2;
  put("S90.G00.90.001", String(lines + (plant.has("s90-count") ? 3 : 0)));
  put("S90.G00.90.002", String(nEst));
  lines -= 2;
  flush();
  if (options.wrapper || plant.has("wrapper-count")) {
    // Platform lines around the send: not counted in S90.G00.90.001 (they are not part of the send).
    const lot = String(100_000 + (options.seed % 900_000));
    const head = [
      "S05.G51.00.001,'V01R02'",
      `S05.G51.00.002,'${lot}'`,
      "S05.G51.00.003,'01'",
      `S05.G51.00.004,'${dd(last)}'`,
      "S05.G51.00.005,'101500'",
      "S05.G51.00.006,'1'",
      "S06.G51.00.001,'DSNOK'",
    ];
    const sends = plant.has("wrapper-count") ? 2 : 1;
    const tail = [
      "S96.G51.00.001,'FINSL'",
      `S96.G51.00.002,'${sends}'`,
      `S95.G51.00.001,'${lot}'`,
      "S95.G51.00.002,'1'",
    ];
    chunks.unshift(head.join(eol) + eol);
    chunks.push(tail.join(eol) + eol);
  }
  return chunks;
}

/** Encodes text as ISO-8859-1 (characters above U+00FF become "?"). */
export function encodeLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c > 255 ? 63 : c;
  }
  return out;
}

/** The generated file as bytes (Latin-1 by default, like the norm asks). */
export function generateDsn(options: GenerateOptions): Uint8Array {
  const chunks = generateDsnChunks(options);
  const text = chunks.join("");
  return options.encoding === "utf-8" ? new TextEncoder().encode(text) : encodeLatin1(text);
}

/** Streams the generated file chunk by chunk (for large benchmarks without one huge string). */
export function* generateDsnBytes(options: GenerateOptions): Iterable<Uint8Array> {
  const utf8 = options.encoding === "utf-8" ? new TextEncoder() : null;
  for (const chunk of generateDsnChunks(options)) yield utf8 ? utf8.encode(chunk) : encodeLatin1(chunk);
}
