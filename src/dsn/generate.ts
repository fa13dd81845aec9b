/**
 * Generator of realistic, internally consistent monthly DSN files (nature 01, norm P26V01, 2026
 * parameters) for tests and benchmarks, deterministic for a seed, with errors planted on purpose.
 * Pure TypeScript (no Node API): the CLI is src/dsn/generate-cli.ts. The employees are made in
 * generate-people.ts, the blocks written by generate-blocks.ts.
 *
 * Consistency: individual bases and contributions follow the CTP table rates of the period
 * (src/dsn/data/ctp.ts) and the réduction générale rule (src/dsn/data/parameters.ts); the
 * aggregated lines S21.G00.23 are the sums of the individual bases; the bordereau total, the Urssaf,
 * DGFiP and retirement payments are derived from them; S90 counts the lines actually written.
 */
import { computeLuhnKey } from "../register/model/ids.ts";
import type { DsnCheckContext } from "./checks/common.ts";
import { COMPLEMENTS_FOR_ALL_FROM } from "./data/parameters.ts";
import {
  aggregateLines,
  dd,
  dueOf,
  type Put,
  pct,
  writeBordereau,
  writeDeclarationHead,
  writeIndividual,
  writePayments,
  writeSendHeader,
} from "./generate-blocks.ts";
import {
  type Employee,
  type EmployeeDraw,
  type ExtraApprentice,
  NOMS,
  type Period,
  PRENOMS,
  payOf,
  period,
} from "./generate-people.ts";

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
  "fnal-missing": "ligne FNAL (332 ou 236) absente (control.fnal-missing)",
  "complement-missing": "2026 : ligne CTP 635 (complément maladie) absente (control.ctp-missing)",
  "base-only-gap":
    "assiette de la ligne CTP 772 (déclarée sans montant) inférieure de 1 000 € aux bases individuelles, total du bordereau juste ; control.ctp-base et le total qui nomme la ligne (control.bordereau-total)",
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
  /** Apprentices added after the generated staff (contract start and pay), e.g. both sides of March 2025. */
  apprentices?: readonly ExtraApprentice[];
  /** The 2nd employee (not an apprentice) gets a PAS regularisation of this amount in cents (S21.G00.56.007). */
  pasRegularisation?: number;
  /**
   * The 1st employee is paid 3.5 SMIC and has an annual réduction générale regularisation to pay back
   * of this amount in cents (018 negative, CTP 669/921 with its base only).
   */
  reductionRegularisation?: number;
  /** How the réduction générale line is written: .005 only (default) or qualifier 921 with a base only. */
  reductionLine?: "amount" | "base921";
  /** Every contract part-time (121.34 h of 151.67 h), apprentices aside. */
  allPartTime?: boolean;
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

/** The staff: drawn from the seed (same draws, same order for the same options), plus extra apprentices. */
function makeStaff(
  options: GenerateOptions,
  plant: ReadonlySet<PlantableError>,
  p: Period,
  rnd: () => number,
  total: number,
): Employee[] {
  const pasRateOf = () => Math.round(rnd() * 9 * 10) / 10;
  const employees: Employee[] = [];
  const add = (draw: EmployeeDraw, apprenticeStart: string | null) => {
    const pay = payOf(p, draw);
    const employeeShare = Math.round(pay.gross * 0.22);
    const netSocial = pay.gross - employeeShare;
    const csgBase = pay.bases.find((b) => b.code === "04")?.amount ?? 0;
    const netFiscal = Math.round(netSocial + csgBase * 0.029);
    const pasRate = draw.apprentice ? 0 : pasRateOf();
    const pas = Math.round((netFiscal * pasRate) / 100);
    const i = draw.index;
    employees.push({
      nir: draw.nir,
      nom: NOMS[Math.floor(rnd() * NOMS.length)] as string,
      prenom: PRENOMS[Math.floor(rnd() * PRENOMS.length)] as string,
      matricule: String(i + 1).padStart(5, "0"),
      cadre: draw.cadre,
      apprentice: draw.apprentice,
      cdd: draw.cdd,
      start: apprenticeStart ? dd(apprenticeStart) : `0109${2015 + ((i + 1) % 10)}`,
      pasRegul: 0,
      pas,
      netFiscal,
      netSocial,
      pasRate,
      ...pay,
    });
  };
  const nirOf = (i: number) =>
    `${1 + (i % 2)}${String(60 + Math.floor(rnd() * 40)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 19)).padStart(2, "0")}${String(1 + (i % 990)).padStart(3, "0")}${String(1 + (Math.floor(i / 990) % 999)).padStart(3, "0")}`;
  const regulRed = options.reductionRegularisation ?? 0;
  for (let i = 0; i < total; i++) {
    const apprentice = !plant.has("apprentice-ctp") && i % 17 === 5;
    const cadre = (!apprentice && rnd() < 0.25) || (i === 0 && regulRed > 0);
    const cdd = !apprentice && rnd() < 0.12;
    const partTime = (!apprentice && !cadre && rnd() < 0.15) || (!apprentice && !!options.allPartTime);
    const endDay = cdd && rnd() < 0.4 ? 5 + Math.floor(rnd() * (p.dim - 10)) : null;
    let ratio = apprentice ? 0.43 + rnd() * 0.06 : cadre ? 2 + rnd() * 4 : 1 + rnd() * 1.5;
    if (i === 0 && (plant.has("capped-over-ceiling") || plant.has("reduction-above-ceiling") || regulRed > 0))
      ratio = 3.5;
    if (i === 0 && (plant.has("capped-base") || plant.has("reduction-amount"))) ratio = 1.2;
    const draw: EmployeeDraw = {
      index: i,
      apprentice,
      cadre,
      cdd,
      partTime,
      endDay,
      ratio,
      nir: nirOf(i),
      start: "",
    };
    draw.start = `${2015 + ((i + 1) % 10)}-09-01`;
    if (i === 0 && plant.has("capped-base")) draw.capped = (_c, gross) => gross + 10_000;
    if (i === 0 && plant.has("capped-over-ceiling")) draw.capped = (ceiling) => ceiling + 50_000;
    if (i === 0 && plant.has("reduction-above-ceiling")) draw.reduction = () => 15_000;
    if (i === 0 && plant.has("reduction-amount")) draw.reduction = (red) => Math.round(red * 1.5);
    if (i === 0 && regulRed > 0) draw.reduction = () => -regulRed;
    add(draw, null);
  }
  for (const [k, a] of (options.apprentices ?? []).entries()) {
    const i = total + k;
    const draw: EmployeeDraw = {
      index: i,
      apprentice: true,
      cadre: false,
      cdd: false,
      partTime: false,
      endDay: null,
      ratio: a.smicRatio,
      nir: nirOf(i),
      start: a.start,
    };
    add(draw, a.start);
  }
  const e0 = employees[0] as Employee;
  if (plant.has("nir-duplicate") && employees[1]) employees[1].nir = e0.nir;
  if (plant.has("nir-format")) e0.nir = `${e0.nir}42`;
  if (plant.has("missing-net-social")) e0.noNetSocial = true;
  if (plant.has("type-027")) e0.type027 = true;
  if (plant.has("missing-block")) e0.noRetirementBlock = true;
  if (plant.has("rubric-format")) e0.commaAmount = true;
  if (plant.has("block-order")) e0.netSocialFirst = true;
  const regulPas = options.pasRegularisation ?? 0;
  const target = employees.find((e, i) => i > 0 && !e.apprentice);
  if (regulPas !== 0 && target) target.pasRegul = regulPas;
  return employees;
}

/** What every part of one generated send shares. */
interface SendContext {
  options: GenerateOptions;
  plant: ReadonlySet<PlantableError>;
  p: Period;
  last: string;
  clientSiren: string;
  /** Employees drawn from the seed (the extra apprentices come after them). */
  total: number;
  /** Month of a PAS regularisation's error (S21.G00.56.001, MMAAAA): the month before. */
  errorMonth: string;
  put: Put;
  flush(): void;
}

/** Generates the file as text chunks (one per individual, roughly) — join them or encode them one by one. */
export function generateDsnChunks(options: GenerateOptions): string[] {
  const rnd = mulberry32(options.seed * 2654435761 + 17);
  const plant = new Set(options.plant ?? []);
  const eol = options.eol ?? "\n";
  const month = options.month ?? `2026-${String(1 + (options.seed % 12)).padStart(2, "0")}`;
  const total = Math.max(1, Math.floor(options.employees));
  const headcount = total + (options.apprentices?.length ?? 0);
  const atRate = Math.round((1 + rnd() * 2.5) * 100) / 100;
  const p = period(month, headcount < 50, atRate);
  const clientSiren = siren(String(30_000_000 + Math.floor(rnd() * 60_000_000)));
  const nEst = Math.max(1, Math.min(options.establishments ?? 1, total));
  const employees = makeStaff(options, plant, p, rnd, total);
  const [year, mon] = month.split("-").map(Number) as [number, number];

  const chunks: string[] = [];
  let lines = 0;
  let buf: string[] = [];
  const ctx: SendContext = {
    options,
    plant,
    p,
    last: `${month}-${String(p.dim).padStart(2, "0")}`,
    clientSiren,
    total,
    errorMonth: mon === 1 ? `12${year - 1}` : `${String(mon - 1).padStart(2, "0")}${year}`,
    put(code, value) {
      buf.push(`${code},'${value}'`);
      lines++;
    },
    flush() {
      if (buf.length > 0) chunks.push(buf.join(eol) + eol);
      buf = [];
    },
  };
  writeSendHeader(ctx.put, emitterOf(plant, clientSiren));
  for (let e = 0; e < nEst; e++) {
    // The generated staff split evenly; the extra apprentices go to the first establishment.
    const staff = employees.slice(Math.floor((e * total) / nEst), Math.floor(((e + 1) * total) / nEst));
    if (e === 0) staff.push(...employees.slice(total));
    writeEstablishment(ctx, e, staff);
  }
  lines += 2;
  ctx.put("S90.G00.90.001", String(lines + (plant.has("s90-count") ? 3 : 0)));
  ctx.put("S90.G00.90.002", String(nEst));
  lines -= 2;
  ctx.flush();
  if (options.wrapper || plant.has("wrapper-count"))
    chunks.push(...wrap(chunks, options.seed, ctx.last, plant, eol));
  return chunks;
}

/** The emitter of the send: the firm's active SIRET, or a planted wrong one. */
function emitterOf(plant: ReadonlySet<PlantableError>, clientSiren: string) {
  const emitterSiret = plant.has("emitter-client-siret")
    ? siret(clientSiren, "0001")
    : plant.has("emitter-old-siret")
      ? GENERATED_FIRM.oldSiret
      : GENERATED_FIRM.siret;
  let emitterSiren = emitterSiret.slice(0, 9);
  if (plant.has("emitter-bad-key"))
    emitterSiren = emitterSiren.slice(0, 8) + String((Number(emitterSiren[8]) + 1) % 10);
  const c = GENERATED_FIRM.contact;
  return {
    siren: emitterSiren,
    nic: emitterSiret.slice(9),
    contact: { ...c, email: plant.has("contact-incomplete") ? null : c.email },
  };
}

/** One declaration: its head, payments, bordereau and individuals (errors planted in the first). */
function writeEstablishment(ctx: SendContext, e: number, staff: Employee[]) {
  const { plant, p, last, clientSiren, put } = ctx;
  const first0 = e === 0 && plant.size > 0;
  const nic4 = String(10 + e * 7).padStart(4, "0");
  let nic = siret(clientSiren, nic4).slice(9);
  if (first0 && plant.has("bad-nic")) nic = nic.slice(0, 4) + String((Number(nic[4]) + 1) % 10);
  const present = staff.filter((s) => s.endDay === null).length;
  writeDeclarationHead(put, {
    order: String(ctx.options.seed).padStart(3, "0") + String(e + 1),
    first: p.first,
    last,
    siren: clientSiren,
    headNic: siret(clientSiren, "0010").slice(9),
    nic,
    enterpriseHeadcount: ctx.total,
    present: present + (first0 && plant.has("headcount") ? 2 : 0),
    establishmentNumber: e,
    duplicateEstablishment: first0 && plant.has("cardinality"),
  });
  const { agg, total22, paid } = bordereauOf(ctx, staff, first0);
  const pasTotal = staff.reduce((t, s) => t + s.pas + s.pasRegul, 0);
  let t1 = 0;
  let t3 = 0;
  for (const s of staff)
    for (const b of s.bases) {
      if (b.code === "02") t1 += b.amount;
      if (b.code === "03") t3 += b.amount;
    }
  writePayments(put, {
    first: p.first,
    last,
    month: p.month,
    urssaf: paid,
    dgfip: pasTotal + (first0 && plant.has("dgfip-payment") ? 1234 : 0),
    retirementA: pct(t1, 12.95),
    retirementB: pct(t3 - t1, 21.59),
    componentGap: first0 && plant.has("payment-components") ? 1000 : 0,
  });
  writeBordereau(put, p.first, last, total22, agg);
  ctx.flush();
  for (const s of staff) {
    writeIndividual(put, p, s, { siret: siret(clientSiren, nic4), last, errorMonth: ctx.errorMonth });
    ctx.flush();
  }
}

/** The aggregated lines, the bordereau total and the Urssaf payment, with the planted errors. */
function bordereauOf(ctx: SendContext, staff: Employee[], first0: boolean) {
  const { plant, p } = ctx;
  const agg = aggregateLines(p, staff, {
    apprenticeLines: staff.some((s) => s.apprentice) || (first0 && plant.has("apprentice-ctp")),
    fakeApprenticeBase: first0 && plant.has("apprentice-ctp") ? 100_000 : null,
    fnal: !(first0 && plant.has("fnal-missing")),
    ags: !(first0 && plant.has("ctp-missing")),
    complements:
      p.first >= COMPLEMENTS_FOR_ALL_FROM
        ? { maladie: !(first0 && plant.has("complement-missing")), af: true }
        : null,
    reductionLine: ctx.options.reductionLine ?? "amount",
  });
  if (first0 && plant.has("ctp-amount")) {
    const l = agg.find((x) => x.ctp === "260");
    if (l?.amount !== undefined) l.amount += 3742;
  }
  if (first0 && plant.has("ctp-base")) {
    const l = agg[0];
    if (l?.base !== undefined) l.base -= 100_000;
  }
  // The total is what the payroll computed from the employees: a wrong base on a line leaves it right.
  const due = dueOf(agg, p.first);
  const l772 = first0 && plant.has("base-only-gap") ? agg.find((x) => x.ctp === "772") : undefined;
  if (l772?.base !== undefined) l772.base -= 100_000;
  let total22 = Math.round(due / 100) * 100;
  let paid = total22;
  if (first0 && plant.has("bordereau-total")) {
    total22 += 15_000;
    paid += 15_000;
  }
  if (first0 && plant.has("urssaf-payment")) paid -= 25_000;
  return { agg, total22, paid };
}

/** Platform lines around the send (S05, S06 … S96, S95): not counted in S90.G00.90.001. */
function wrap(
  chunks: string[],
  seed: number,
  last: string,
  plant: ReadonlySet<PlantableError>,
  eol: string,
): string[] {
  const lot = String(100_000 + (seed % 900_000));
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
  return [tail.join(eol) + eol];
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
