/**
 * The monthly control file of seed 003, per establishment (declaration):
 * - each aggregated CTP line S21.G00.23: declared amount (.005) or base × rate — the line's own rate (.003)
 *   or the CTP table's rate for the period; on CTPs of format A with qualifier 920, .003 is the AT/MP rate
 *   added to the table's uncapped rate; F/R lines (reductions, regularisations) are taken as declared;
 * - the bordereau total S21.G00.22.005 against the sum of its lines (reductions deducted), euro rounding;
 * - the payment of each organisation (S21.G00.20.005) against its bordereaux; the DGFiP payment against the
 *   individual PAS amounts (S21.G00.50.009); other payments against their components (S21.G00.55);
 * - each CTP's base and amount against the individual bases (S21.G00.78) and contributions (S21.G00.81)
 *   that map to it (e.g. CTP 100 921/920 against bases 02/03);
 * - the réduction générale lines (668/671 and their regularisations 669/801, any qualifier) against the
 *   individual contributions 018; from 2026 the complements 635/430 on every salary; a FNAL line;
 * - headcount: individuals present at the end of the month against S21.G00.11.008, and by status.
 *
 * When a bordereau total disagrees with its lines, the lines that explain the gap are named: those
 * whose amount differs from what the individuals' bases give at the line's rate.
 *
 * Tolerances (rounding): 1 € on a line, a total or a payment; plus 0,005 € per individual and per mapped
 * contribution code when individual amounts (each rounded to the cent) are compared with an aggregate.
 */

import { type ControlCtpRow, type ControlRelief, type ControlTable, MAX_RELIEFS } from "../control-table.ts";
import { ctpAt, isDeclaredOnly, isDeduction } from "../ctp.ts";
import { apprenticeSmicShare, COMPLEMENTS_FOR_ALL_FROM, smicMensuel } from "../data/parameters.ts";
import { type DeclarationInfo, type DsnBlock, isoDate } from "../tree.ts";
import {
  APPRENTICE_DISPOSITIFS,
  cents,
  companySize,
  type DsnCheckFamily,
  euros,
  finding,
  fnalDeclared,
  gap,
  isApprentice,
  rate,
  status,
  where,
  who,
} from "./common.ts";

const SEED = "Seed 003, fichier de contrôle de la DSN Urssaf";
const TOL = 100;

type Population = "all" | "general" | "apprentice";

/** Which individual data map to an aggregated CTP line. */
export interface CtpMapping {
  ctp: string;
  qualifier: "920" | "921";
  /** Code of the individual base S21.G00.78.001. */
  base: string;
  population: Population;
  /** Individual contribution codes S21.G00.81.001 under that base. */
  codes: readonly string[];
  /** Apprentice pay above the CTP 726 threshold goes to CTP 100. */
  split726?: boolean;
  /** First period the mapping applies to (YYYY-MM-DD); always when absent. */
  from?: string;
}

export const CTP_MAPPINGS: readonly CtpMapping[] = [
  { ctp: "100", qualifier: "921", base: "02", population: "general", codes: ["076"], split726: true },
  {
    ctp: "100",
    qualifier: "920",
    base: "03",
    population: "general",
    codes: ["045", "068", "074", "075", "076"],
    split726: true,
  },
  { ctp: "726", qualifier: "921", base: "02", population: "apprentice", codes: ["076"], split726: true },
  {
    ctp: "726",
    qualifier: "920",
    base: "03",
    population: "apprentice",
    codes: ["045", "068", "074", "075", "076"],
    split726: true,
  },
  { ctp: "260", qualifier: "920", base: "04", population: "all", codes: ["072", "079"] },
  { ctp: "332", qualifier: "921", base: "02", population: "all", codes: ["049"] },
  { ctp: "236", qualifier: "920", base: "03", population: "all", codes: ["049"] },
  { ctp: "772", qualifier: "920", base: "07", population: "general", codes: ["040"] },
  { ctp: "423", qualifier: "920", base: "07", population: "apprentice", codes: ["040"] },
  { ctp: "937", qualifier: "920", base: "07", population: "all", codes: ["048"] },
  {
    ctp: "635",
    qualifier: "920",
    base: "03",
    population: "all",
    codes: ["907"],
    from: COMPLEMENTS_FOR_ALL_FROM,
  },
  {
    ctp: "430",
    qualifier: "920",
    base: "03",
    population: "all",
    codes: ["102"],
    from: COMPLEMENTS_FOR_ALL_FROM,
  },
];

/** Réduction générale CTPs (deducted) and their regularisations (added), any qualifier. */
const REDUCTION_CTPS = new Set(["668", "671"]);
const REDUCTION_REGUL_CTPS = new Set(["669", "801"]);

const keyOf = (ctp: string, q: string | null) => `${ctp}/${q ?? "-"}`;

interface Acc {
  index: number;
  individuals: number;
  presentAtEnd: number;
  cadres: number;
  nonCadres: number;
  apprentices: number;
  /** PAS withheld (S21.G00.50.009) plus PAS regularisations (S21.G00.56.007), cents. */
  pas: number;
  pasRegul: number;
  /** Latest payment date S21.G00.50.001 (ISO), "" when none. */
  lastPayment: string;
  /** Individual contributions 018, signed sum (cents). */
  red018: number;
  /**
   * An apprentice's pay was split between CTP 726 and 100: the individual contributions cannot be
   * shared between the two CTPs (their rates differ), so only the bases are compared.
   */
  split: boolean;
  /** Control file: bases of the general population (02, 03) and of the apprentices (03). */
  capped: number;
  uncapped: number;
  apprenticeBase: number;
  reliefs: ControlRelief[];
  moreReliefs: number;
  /** 018 amounts of the usual sign (reductions) and of the other one (regularisations). */
  redPos: number;
  redNeg: number;
  overtime: number;
  /** mapping index → summed individual base / contributions (cents). */
  bases: Float64Array;
  amounts: Float64Array;
  seen: Uint8Array;
  smic: number | null;
}

function newAcc(d: DeclarationInfo): Acc {
  const n = CTP_MAPPINGS.length;
  const smic = d.period ? smicMensuel(d.period) : null;
  return {
    index: d.index,
    individuals: 0,
    presentAtEnd: 0,
    cadres: 0,
    nonCadres: 0,
    apprentices: 0,
    pas: 0,
    pasRegul: 0,
    lastPayment: "",
    red018: 0,
    split: false,
    capped: 0,
    uncapped: 0,
    apprenticeBase: 0,
    reliefs: [],
    moreReliefs: 0,
    redPos: 0,
    redNeg: 0,
    overtime: 0,
    bases: new Float64Array(n),
    amounts: new Float64Array(n),
    seen: new Uint8Array(n),
    smic: smic === null ? null : Math.round(smic * 100),
  };
}

/** One aggregated line S21.G00.23 as read: its amount as declared or reconstructed. */
interface CtpLine {
  block: DsnBlock;
  ctp: string;
  q: string | null;
  key: string;
  base: number | null;
  /** Rate applied (%), or null for lines taken as declared. */
  rate: number | null;
  /** Declared .005, or base × rate; null when neither. */
  amount: number | null;
  deduction: boolean;
  /** Its declared amount differs from base × rate (reported): its other comparisons would repeat it. */
  mismatch: boolean;
}

/**
 * What the bordereau checks and the control table read of one establishment's declaration: its
 * accumulated individuals, its bordereaux with their lines, and each line's amount from the individuals.
 */
interface Bordereaux {
  d: DeclarationInfo;
  a: Acc;
  bordereaux: { block: DsnBlock; lines: CtpLine[] }[];
  expected: Map<CtpLine, number>;
}

/** CTP 726 threshold of an apprentice (cents): a share of the SMIC chosen by the contract's start. */
function apprenticeThreshold(ind: DsnBlock, smic: number | null): number | null {
  if (smic === null) return null;
  for (const c of ind.children) {
    if (c.block !== "S21.G00.40" || !APPRENTICE_DISPOSITIFS.has(c.get("008") ?? "")) continue;
    return Math.round(apprenticeSmicShare(isoDate(c.get("001"))) * smic);
  }
  return null;
}

export const controlFamily: DsnCheckFamily = {
  id: "control",
  label: "Fichier de contrôle (cotisations, versements, effectif)",
  create(context, report, out) {
    /** Individual amounts with no aggregated line S21.G00.23 to carry them. */
    const ctpMissing = (est: DsnBlock, message: string, source: string) =>
      report(
        finding(
          "control.ctp-missing",
          "error",
          "S21.G00.23.001",
          est.line,
          `${message} Ajoutez la ligne agrégée ou corrigez le paramétrage.`,
          source,
        ),
      );
    let acc: Acc | null = null;
    const accFor = (d: DeclarationInfo): Acc => {
      if (!acc || acc.index !== d.index) acc = newAcc(d);
      return acc;
    };

    function addIndividual(ind: DsnBlock, a: Acc, d: DeclarationInfo) {
      a.individuals++;
      const app = isApprentice(ind);
      const threshold = app ? apprenticeThreshold(ind, a.smic) : null;
      if (app) a.apprentices++;
      else {
        const st = status(ind);
        if (st === "cadre") a.cadres++;
        else if (st === "non-cadre") a.nonCadres++;
      }
      let present = false;
      for (const c of ind.children) {
        if (c.block === "S21.G00.40" && !c.child("S21.G00.62")) present = true;
        if (c.block !== "S21.G00.50") continue;
        const pas = cents(c.get("009"));
        if (pas !== null) a.pas += pas;
        const paid = isoDate(c.get("001"));
        if (paid !== null && paid > a.lastPayment) a.lastPayment = paid;
        for (const b of c.children) {
          if (b.block === "S21.G00.56") {
            const regul = cents(b.get("007"));
            if (regul !== null) a.pasRegul += regul;
            continue;
          }
          if (b.block !== "S21.G00.78") continue;
          const code = b.get("001");
          const base = cents(b.get("004")) ?? 0;
          if (code === "02" && !app) a.capped += base;
          if (code === "03") {
            if (app) a.apprenticeBase += base;
            else a.uncapped += base;
          }
          for (const k of b.children) {
            if (k.block !== "S21.G00.81") continue;
            const kc = k.get("001");
            const v = cents(k.get("004")) ?? 0;
            if (kc === "114" || kc === "021") a.overtime += Math.abs(v);
            if (kc !== "018") continue;
            a.red018 += v;
            if (v >= 0) a.redPos += v;
            else a.redNeg -= v;
            if (a.reliefs.length < MAX_RELIEFS) a.reliefs.push({ who: who(ind), amount: v, line: k.line });
            else a.moreReliefs++;
          }
          for (let m = 0; m < CTP_MAPPINGS.length; m++) {
            const map = CTP_MAPPINGS[m] as CtpMapping;
            if (map.base !== code) continue;
            if (map.from && (d.period === null || d.period < map.from)) continue;
            let frac: number;
            if (map.population === "all") frac = 1;
            else if (!app) frac = map.population === "general" ? 1 : 0;
            else if (map.split726 && threshold !== null && base > threshold) {
              a.split = true;
              const share726 = threshold / base;
              frac = map.population === "apprentice" ? share726 : 1 - share726;
            } else frac = map.population === "apprentice" ? 1 : 0;
            if (frac === 0) continue;
            a.seen[m] = 1;
            a.bases[m] = (a.bases[m] ?? 0) + base * frac;
            for (const k of b.children) {
              if (k.block !== "S21.G00.81" || !map.codes.includes(k.get("001") ?? "")) continue;
              const amount = cents(k.get("004"));
              if (amount !== null) a.amounts[m] = (a.amounts[m] ?? 0) + Math.abs(amount) * frac;
            }
          }
        }
      }
      if (present) a.presentAtEnd++;
    }

    /** Reads one aggregated line: its amount as declared, or base × the period's rate by qualifier. */
    function line(l: DsnBlock, d: DeclarationInfo, tol: number): CtpLine {
      const ctp = l.get("001") ?? "";
      const q = l.get("002") ?? null;
      const row = ctpAt(ctp, d.period);
      const declared = cents(l.get("005"));
      const base = cents(l.get("004"));
      const own = rate(l.get("003"));
      const label = `CTP ${ctp}${q ? `/${q}` : ""}${row ? ` (${row.label})` : ""}`;
      const result: CtpLine = {
        block: l,
        ctp,
        q,
        key: keyOf(ctp, q),
        base,
        rate: null,
        amount: declared,
        deduction: false,
        mismatch: false,
      };
      if (!row) {
        report(
          finding(
            "control.ctp-unknown",
            "warning",
            "S21.G00.23.001",
            l.lineOf("001"),
            `Ligne ${l.line}, ${where(d)} : code CTP « ${ctp} » absent de la table CTP de l'Urssaf pour cette période ; son montant ne peut pas être contrôlé. Vérifiez le code.`,
            "Table CTP Urssaf (ctp_rate_reference.tsv)",
          ),
        );
        return result;
      }
      result.deduction = isDeduction(row);
      const tableRate = q === "921" ? (row.capped ?? row.uncapped) : (row.uncapped ?? row.capped);
      if (isDeclaredOnly(row)) {
        if (declared === null && base !== null && tableRate !== null) {
          // Declared with its base only: the Urssaf applies the table's rate (100 % for 668/921).
          result.rate = tableRate;
          result.amount = Math.round((base * tableRate) / 100);
        } else if (declared === null) {
          report(
            finding(
              "control.ctp-amount-missing",
              "error",
              "S21.G00.23.005",
              l.line,
              `${label}, ligne ${l.line} : ce code ne se recalcule pas (réduction ou régularisation), son montant S21.G00.23.005 (ou son assiette S21.G00.23.004) est obligatoire et absent. Renseignez-le.`,
              SEED,
            ),
          );
        } else if (declared < 0) {
          report(
            finding(
              "control.ctp-negative",
              "error",
              "S21.G00.23.005",
              l.lineOf("005"),
              `${label} : montant négatif ${euros(declared)}. Les montants agrégés sont toujours positifs ; l'Urssaf déduit elle-même les réductions. Déclarez ${euros(-declared)}.`,
              SEED,
            ),
          );
          result.amount = -declared;
        }
        return result;
      }
      let r: number | null;
      if (row.atRate && q === "920") r = (row.uncapped ?? 0) + (own ?? 0);
      else if (own !== null) r = own;
      else r = tableRate;
      result.rate = r;
      if (base === null || r === null) return result;
      const computed = Math.round((base * r) / 100);
      if (declared !== null && Math.abs(declared - computed) > tol) {
        result.mismatch = true;
        report(
          finding(
            "control.ctp-amount",
            "error",
            "S21.G00.23.005",
            l.lineOf("005"),
            `${label}, ${where(d)} : ${gap("montant déclaré", declared, `attendu (assiette ${euros(base)} × ${pctText(r)} %)`, computed)}. Corrigez le taux ou l'assiette dans le paramétrage de la cotisation.`,
            SEED,
          ),
        );
      }
      result.amount = declared ?? computed;
      return result;
    }

    return {
      individual(ind, d) {
        addIndividual(ind, accFor(d), d);
      },
      declaration(d) {
        const a = accFor(d);
        acc = null;
        const est = d.establishment();
        if (!est) return;
        const tolIndividuals = TOL + Math.ceil(a.individuals * 0.5);
        const bordereaux = est.all("S21.G00.22").map((b) => ({
          block: b,
          lines: b.all("S21.G00.23").map((l) => line(l, d, tolIndividuals)),
        }));
        const all = bordereaux.flatMap((b) => b.lines);
        const expected = compareWithIndividuals(d, a, all, est);
        checkReductions(d, a, all, est);
        checkFnal(d, a, all, est);
        const totals: Bordereaux = { d, a, bordereaux, expected };
        const byOrg = checkBordereaux(totals, tolIndividuals);
        checkPayments(d, a, est, byOrg);
        checkHeadcount(d, a, est);
        if (out?.table) out.table(controlTable(totals));
      },
    };

    /**
     * Each mapped CTP against the individual bases and contributions. Returns, per line, the amount
     * the individuals' bases give at the line's rate (used to name the lines behind a total's gap).
     */
    function compareWithIndividuals(
      d: DeclarationInfo,
      a: Acc,
      lines: CtpLine[],
      est: DsnBlock,
    ): Map<CtpLine, number> {
      const expected = new Map<CtpLine, number>();
      for (let m = 0; m < CTP_MAPPINGS.length; m++) {
        const map = CTP_MAPPINGS[m] as CtpMapping;
        if (map.from && (d.period === null || d.period < map.from)) continue;
        const key = keyOf(map.ctp, map.qualifier);
        const mine = lines.filter((l) => l.key === key);
        const indBase = Math.round(a.bases[m] ?? 0);
        const indAmount = Math.round(a.amounts[m] ?? 0);
        const label = `CTP ${map.ctp}/${map.qualifier}`;
        if (mine.length === 0) {
          const fnal = map.ctp === "332" || map.ctp === "236"; // checked by checkFnal
          if (indBase > 0 && a.seen[m] === 1 && !fnal) {
            const row = ctpAt(map.ctp, d.period);
            const r = map.qualifier === "921" ? row?.capped : row?.uncapped;
            const due =
              r != null ? `, soit ${euros(Math.round((indBase * r) / 100))} au taux de ${pctText(r)} %` : "";
            ctpMissing(
              est,
              `${where(d)} : aucune ligne ${label}${row ? ` (${row.label})` : ""} alors que les données individuelles en portent une assiette de ${euros(indBase)} (bases ${map.base}${map.codes.length ? `, cotisations ${map.codes.join(", ")}` : ""})${due}.`,
              map.from ? `${SEED} ; net-entreprises, CTP 635 et 430 en 2026` : SEED,
            );
          }
          continue;
        }
        // Apprentice lines without any apprentice are the bases family's finding (bases.apprentice-ctp).
        if (map.population === "apprentice" && a.apprentices === 0) continue;
        const first = mine[0] as CtpLine;
        const withBase = mine.filter((l) => l.base !== null);
        const aggBase = withBase.reduce((s, l) => s + (l.base ?? 0), 0);
        const aggAmount = mine.reduce((s, l) => s + (l.amount ?? 0), 0);
        if (first.rate !== null) expected.set(first, Math.round((indBase * first.rate) / 100));
        for (const l of mine.slice(1)) if (l.rate !== null) expected.set(l, 0);
        const baseGap = withBase.length > 0 && Math.abs(aggBase - indBase) > TOL;
        if (baseGap) {
          report(
            finding(
              "control.ctp-base",
              "error",
              "S21.G00.23.004",
              first.block.lineOf("004"),
              `${label}, ${where(d)} : ${gap("assiette agrégée", aggBase, `somme des bases individuelles ${map.base} (S21.G00.78)`, indBase)}. Un salarié manque ou une base est mal affectée : comparez le journal de paie et le détail des cotisations.`,
              SEED,
            ),
          );
        }
        const tolAmount = TOL + Math.ceil(a.individuals * 0.5 * map.codes.length);
        // Not when the base or the line's own amount already differs: the same gap, reported once.
        const comparable = !(map.split726 && a.split) && !baseGap && !mine.some((l) => l.mismatch);
        if (comparable && a.seen[m] === 1 && indAmount > 0 && Math.abs(aggAmount - indAmount) > tolAmount) {
          report(
            finding(
              "control.ctp-individual-amount",
              "warning",
              "S21.G00.23.005",
              first.block.line,
              `${label}, ${where(d)} : ${gap("montant agrégé", aggAmount, `somme des cotisations individuelles ${map.codes.join(", ")} (S21.G00.81)`, indAmount)}. Vérifiez les taux du paramétrage et les cotisations individuelles.`,
              SEED,
            ),
          );
        }
      }
      return expected;
    }

    /** Réduction générale lines (668/671 minus their regularisations 669/801) against the 018s. */
    function checkReductions(d: DeclarationInfo, a: Acc, lines: CtpLine[], est: DsnBlock) {
      const reductions = lines.filter((l) => REDUCTION_CTPS.has(l.ctp));
      const reguls = lines.filter((l) => REDUCTION_REGUL_CTPS.has(l.ctp));
      const red = reductions.reduce((s, l) => s + (l.amount ?? 0), 0);
      const regul = reguls.reduce((s, l) => s + (l.amount ?? 0), 0);
      const individual = Math.abs(a.red018);
      const tol = TOL + Math.ceil(a.individuals * 0.5);
      if (reductions.length === 0 && reguls.length === 0) {
        if (individual > tol)
          ctpMissing(
            est,
            `${where(d)} : aucune ligne CTP 668 (réduction générale) alors que les cotisations individuelles 018 en portent ${euros(individual)}.`,
            SEED,
          );
        return;
      }
      // Net (668 − 669) in the usual convention; the sum when the software signs both 018s alike.
      if (Math.abs(red - regul - individual) <= tol || Math.abs(red + regul - individual) <= tol) return;
      const first = (reductions[0] ?? reguls[0]) as CtpLine;
      const names = [...reductions, ...reguls]
        .map((l) => `CTP ${l.ctp}${l.q ? `/${l.q}` : ""} ligne ${l.block.line} : ${euros(l.amount ?? 0)}`)
        .join(" ; ");
      report(
        finding(
          "control.ctp-individual-amount",
          "error",
          "S21.G00.23.005",
          first.block.line,
          `Réduction générale, ${where(d)} : ${gap("lignes agrégées (réductions moins régularisations)", red - regul, "somme des cotisations individuelles 018 (S21.G00.81)", individual)} — ${names}. Vérifiez la réduction de chaque salarié et sa régularisation annuelle.`,
          SEED,
        ),
      );
    }

    /** A FNAL line is due whenever there are bases; its CTP must match the company's size. */
    function checkFnal(d: DeclarationInfo, a: Acc, lines: CtpLine[], est: DsnBlock) {
      const idx332 = CTP_MAPPINGS.findIndex((m) => m.ctp === "332");
      const idx236 = CTP_MAPPINGS.findIndex((m) => m.ctp === "236");
      const capped = Math.round(a.bases[idx332] ?? 0);
      const uncapped = Math.round(a.bases[idx236] ?? 0);
      const fnal = lines.filter((l) => l.ctp === "332" || l.ctp === "236");
      const size = companySize(d, context);
      const source = "facts/dsn.md (CTP FNAL manquant alors qu'une assiette existe) ; seed 003";
      if (fnal.length === 0) {
        if (uncapped <= 0) return;
        const which =
          size === null
            ? `CTP 332 (0,10 % de l'assiette plafonnée ${euros(capped)}, moins de 50 salariés) ou 236 (0,50 % de l'assiette déplafonnée ${euros(uncapped)}, 50 salariés et plus)`
            : size.small
              ? `CTP 332 sur l'assiette plafonnée de ${euros(capped)} (moins de 50 salariés ; ${size.source})`
              : `CTP 236 sur l'assiette déplafonnée de ${euros(uncapped)} (50 salariés et plus ; ${size.source})`;
        report(
          finding(
            "control.fnal-missing",
            "error",
            "S21.G00.23.001",
            est.line,
            `${where(d)} : aucune ligne FNAL alors que les salaires déclarés portent une assiette. Ajoutez la ligne ${which}.`,
            source,
          ),
        );
        return;
      }
      const declared = fnalDeclared(d);
      const siren = d.enterprise()?.get("001");
      const known = siren ? context.headcounts?.[siren] : undefined;
      if (declared === null || known === undefined) return;
      const small = known < 50;
      if ((declared === "332") === small) return;
      const l = fnal[0] as CtpLine;
      report(
        finding(
          "control.fnal-size",
          "warning",
          "S21.G00.23.001",
          l.block.lineOf("001"),
          `${where(d)} : CTP FNAL ${declared} déclaré (${declared === "332" ? "moins de 50 salariés" : "50 salariés et plus"}), alors que l'effectif du registre est de ${known}. Vérifiez l'effectif retenu (moyenne de l'année précédente) et le CTP FNAL ; mettez à jour l'effectif du registre s'il est ancien.`,
          source,
        ),
      );
    }

    /** Each bordereau's total against its lines; the lines that explain a gap are named. */
    function checkBordereaux(
      { d, a, bordereaux, expected }: Bordereaux,
      tolIndividuals: number,
    ): Map<string, number> {
      const byOrg = new Map<string, number>();
      for (const { block: b, lines } of bordereaux) {
        let sum = 0;
        for (const l of lines) if (l.amount !== null) sum += l.deduction ? -l.amount : l.amount;
        const org = b.get("001") ?? "?";
        const total = cents(b.get("005"));
        if (total === null) {
          report(
            finding(
              "control.bordereau-total",
              "error",
              "S21.G00.22.005",
              b.line,
              `Bordereau de la ligne ${b.line} (${org}), ${where(d)} : montant total S21.G00.22.005 absent ou illisible ; la somme des lignes est ${euros(sum)}.`,
              SEED,
            ),
          );
          continue;
        }
        byOrg.set(org, (byOrg.get(org) ?? 0) + total);
        if (total < 0) negativeBordereau(d, a, b, org, total);
        if (Math.abs(total - sum) > TOL) {
          report(
            finding(
              "control.bordereau-total",
              "error",
              "S21.G00.22.005",
              b.lineOf("005"),
              `Bordereau ${org}, ${where(d)} : ${gap("total déclaré", total, "somme des lignes CTP (réductions déduites)", sum)}.${explainGap(lines, expected, sum - total, tolIndividuals)}`,
              "Urssaf UR_ANO_DEC_MNT_DA263 ; seed 003",
            ),
          );
        }
      }
      return byOrg;
    }

    /** DSN-Val S21.G00.22.005/CCH-11: negative only forbidden for the current pay (see its rule). */
    function negativeBordereau(d: DeclarationInfo, a: Acc, b: DsnBlock, org: string, total: number) {
      const type = d.block.get("002");
      if (type === "02" || type === "05") return;
      if (!/^\d{14}$/.test(org)) return; // an Urssaf bordereau is identified by the Urssaf's SIRET
      const end = isoDate(b.get("004"));
      if (end === null || a.lastPayment === "" || end < a.lastPayment) return; // a past period's regularisation
      report(
        finding(
          "control.bordereau-negative",
          "error",
          "S21.G00.22.005",
          b.lineOf("005"),
          `Bordereau ${org}, ${where(d)} : total négatif ${euros(total)} pour la paie courante (période du bordereau jusqu'au ${end.split("-").reverse().join("/")}, dernier versement le ${a.lastPayment.split("-").reverse().join("/")}). Pour la paie courante, le montant dû à l'Urssaf doit être nul ou positif : déclarez un crédit sur une période antérieure ou corrigez les lignes.`,
          "DSN-Val S21.G00.22.005/CCH-11",
        ),
      );
    }

    function checkPayments(d: DeclarationInfo, a: Acc, est: DsnBlock, byOrg: Map<string, number>) {
      const payments = est.all("S21.G00.20");
      for (const [org, due] of byOrg) {
        const pays = payments.filter((p) => p.get("001") === org);
        if (pays.length === 0) {
          if (due !== 0)
            report(
              finding(
                "control.urssaf-payment",
                "warning",
                "S21.G00.20",
                est.line,
                `${where(d)} : bordereau ${org} de ${euros(due)} sans versement S21.G00.20 pour cet organisme. Ajoutez le versement (ou mode 06 si un autre établissement paie).`,
                SEED,
              ),
            );
          continue;
        }
        const paid = pays.reduce((s, p) => s + (cents(p.get("005")) ?? 0), 0);
        if (Math.abs(paid - Math.max(0, due)) > TOL) {
          const p0 = pays[0] as DsnBlock;
          report(
            finding(
              "control.urssaf-payment",
              "error",
              "S21.G00.20.005",
              p0.lineOf("005"),
              `${where(d)}, organisme ${org} : ${gap("versement", paid, "bordereau", due)}. Le versement doit égaler les cotisations dues : corrigez le montant du paiement ou le bordereau.`,
              SEED,
            ),
          );
        }
      }
      const pas = a.pas + a.pasRegul;
      const dgfip = payments.filter((p) => (p.get("001") ?? "").toUpperCase() === "DGFIP");
      const regulText =
        a.pasRegul !== 0 ? ` et des régularisations S21.G00.56.007 (${euros(a.pasRegul)})` : "";
      if (dgfip.length > 0) {
        const paid = dgfip.reduce((s, p) => s + (cents(p.get("005")) ?? 0), 0);
        if (Math.abs(paid - Math.abs(pas)) > TOL) {
          const p0 = dgfip[0] as DsnBlock;
          report(
            finding(
              "control.dgfip-payment",
              "error",
              "S21.G00.20.005",
              p0.lineOf("005"),
              `${where(d)} : ${gap("versement DGFiP", paid, `somme des prélèvements à la source individuels (S21.G00.50.009)${regulText}`, Math.abs(pas))}. Corrigez le versement ou les montants de PAS.`,
              "facts/dsn.md : versement DGFiP = somme des PAS et de leurs régularisations (S21.G00.56) ; seed 003",
            ),
          );
        }
      } else if (pas !== 0) {
        report(
          finding(
            "control.dgfip-payment",
            "warning",
            "S21.G00.20",
            est.line,
            `${where(d)} : ${euros(Math.abs(pas))} de prélèvement à la source retenus sur les salaires${regulText}, mais aucun versement à la DGFiP (S21.G00.20.001 = DGFIP). Ajoutez-le.`,
            "facts/dsn.md",
          ),
        );
      }
      for (const p of payments) {
        const org = p.get("001") ?? "";
        if (org.toUpperCase() === "DGFIP" || byOrg.has(org)) continue;
        const comps = p.all("S21.G00.55");
        if (comps.length === 0) continue;
        const paid = cents(p.get("005")) ?? 0;
        const sum = comps.reduce((s, c) => s + (cents(c.get("001")) ?? 0), 0);
        if (Math.abs(paid - sum) > TOL) {
          report(
            finding(
              "control.payment-components",
              "error",
              "S21.G00.20.005",
              p.lineOf("005"),
              `${where(d)}, versement à ${org} : ${gap("montant", paid, "somme des composants S21.G00.55", sum)}. Corrigez le versement ou ses composants.`,
              "facts/dsn.md ; seed 003",
            ),
          );
        }
      }
    }

    function checkHeadcount(d: DeclarationInfo, a: Acc, est: DsnBlock) {
      const eff = est.get("008");
      if (eff !== undefined && /^\d+$/.test(eff) && Number(eff) !== a.presentAtEnd) {
        report(
          finding(
            "control.headcount",
            "warning",
            "S21.G00.11.008",
            est.lineOf("008"),
            `${where(d)} : effectif de fin de période déclaré ${eff}, alors que ${a.presentAtEnd} individu(s) sont sous contrat en fin de mois (écart ${Number(eff) - a.presentAtEnd}). Vérifiez l'effectif avec le journal de paie.`,
            SEED,
          ),
        );
      }
      if (d.nature === "01")
        report(
          finding(
            "control.headcount-status",
            "info",
            "S21.G00.30",
            est.line,
            `${where(d)} : ${a.individuals} individu(s) déclaré(s) — ${a.cadres} cadre(s), ${a.nonCadres} non-cadre(s), ${a.apprentices} apprenti(s), ${a.individuals - a.cadres - a.nonCadres - a.apprentices} autre(s). À rapprocher du journal de paie.`,
            SEED,
          ),
        );
    }
  },
};

/** The control file of the declaration's establishment (src/dsn/control-table.ts). */
function controlTable({ d, a, bordereaux, expected }: Bordereaux): ControlTable {
  // Reductions take the usual sign of the 018s (the larger side), regularisations the other one.
  const [reductions, reguls] = a.redPos >= a.redNeg ? [a.redPos, a.redNeg] : [a.redNeg, a.redPos];
  const rows: ControlCtpRow[] = [];
  let declared: number | null = null;
  let reconstructed = 0;
  for (const { block, lines } of bordereaux) {
    const total = cents(block.get("005"));
    if (total !== null) declared = (declared ?? 0) + total;
    for (const l of lines) {
      const row = ctpAt(l.ctp, d.period);
      const individuals = REDUCTION_CTPS.has(l.ctp)
        ? reductions
        : REDUCTION_REGUL_CTPS.has(l.ctp)
          ? reguls
          : (expected.get(l) ?? null);
      const sign = l.deduction ? -1 : 1;
      reconstructed += sign * (individuals ?? l.amount ?? 0);
      const last = l.block.rubrics.at(-1)?.line ?? l.block.line;
      rows.push({
        ctp: l.ctp,
        qualifier: l.q,
        label: row?.label ?? "",
        line: l.block.line,
        lastLine: last,
        base: l.base,
        rateDeclared: rate(l.block.get("003")),
        rateReference: l.rate,
        amountDeclared: l.amount,
        amountIndividuals: individuals,
        gap: l.amount !== null && individuals !== null ? l.amount - individuals : null,
        deduction: l.deduction,
      });
    }
  }
  return {
    siren: d.enterprise()?.get("001") ?? "",
    nic: d.establishment()?.get("001") ?? "",
    month: d.period ? d.period.slice(0, 7) : "",
    urssaf: { declared, reconstructed, gap: declared === null ? null : declared - reconstructed },
    headcount: {
      cadres: a.cadres,
      nonCadres: a.nonCadres,
      apprentices: a.apprentices,
      others: a.individuals - a.cadres - a.nonCadres - a.apprentices,
    },
    bases: { capped: a.capped, uncapped: a.uncapped, apprentice: a.apprenticeBase },
    ctp: rows,
    reliefs: {
      reductions: a.reliefs,
      moreReductions: a.moreReliefs,
      totalReductions: a.red018,
      overtime: a.overtime,
    },
  };
}

function pctText(r: number): string {
  return r.toFixed(2).replace(".", ",");
}

/**
 * The lines whose amount differs from what the individuals' bases give at the line's rate, when their
 * differences add up to the bordereau's gap (within the rounding tolerance): « … vient de … ».
 */
function explainGap(lines: CtpLine[], expected: Map<CtpLine, number>, gapCents: number, tol: number): string {
  const culprits: string[] = [];
  let explained = 0;
  for (const l of lines) {
    const e = expected.get(l);
    if (e === undefined || l.amount === null) continue;
    const diff = (l.deduction ? -1 : 1) * (l.amount - e);
    if (Math.abs(diff) <= TOL) continue;
    explained += diff;
    const how =
      l.block.get("005") === undefined
        ? `assiette ${euros(l.base ?? 0)} × ${pctText(l.rate ?? 0)} %`
        : "montant déclaré";
    culprits.push(
      `ligne ${l.block.line}, CTP ${l.ctp}${l.q ? `/${l.q}` : ""} : ${euros(l.amount)} (${how}), alors que les bases individuelles donnent ${euros(e)} (écart ${euros(diff)})`,
    );
  }
  if (culprits.length === 0 || Math.abs(explained - gapCents) > tol)
    return " Recalculez le total du bordereau ou corrigez la ligne en cause.";
  return ` L'écart vient de : ${culprits.join(" ; ")}. Corrigez l'assiette de ${culprits.length > 1 ? "ces lignes" : "cette ligne"} (ou le total, s'il est faux).`;
}
