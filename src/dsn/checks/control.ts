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
 * - headcount: individuals present at the end of the month against S21.G00.11.008, and by status.
 *
 * Tolerances (rounding): 1 € on a line, a total or a payment; plus 0,005 € per individual and per mapped
 * contribution code when individual amounts (each rounded to the cent) are compared with an aggregate.
 */

import { ctpAt, isDeclaredOnly, isDeduction } from "../ctp.ts";
import { APPRENTICE_726_SMIC_SHARE, smicMensuel, valueAt } from "../data/parameters.ts";
import type { DeclarationInfo, DsnBlock } from "../tree.ts";
import {
  cents,
  type DsnCheckFamily,
  euros,
  finding,
  gap,
  isApprentice,
  rate,
  status,
  where,
} from "./common.ts";

const SEED = "Seed 003, fichier de contrôle de la DSN Urssaf";
const TOL = 100;

type Population = "all" | "general" | "apprentice";

/** Which individual data map to an aggregated CTP line. */
export interface CtpMapping {
  ctp: string;
  qualifier: "920" | "921" | null;
  /** Code of the individual base S21.G00.78.001. */
  base: string;
  population: Population;
  /** Individual contribution codes S21.G00.81.001 under that base. */
  codes: readonly string[];
  /** Apprentice pay above the CTP 726 threshold goes to CTP 100 (since March 2025). */
  split726?: boolean;
  /** Reductions: compare amounts only (no base on the aggregated line). */
  amountOnly?: boolean;
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
  { ctp: "668", qualifier: null, base: "03", population: "all", codes: ["018"], amountOnly: true },
];

const keyOf = (ctp: string, q: string | null) => `${ctp}/${q ?? "-"}`;

interface Acc {
  index: number;
  individuals: number;
  presentAtEnd: number;
  cadres: number;
  nonCadres: number;
  apprentices: number;
  pas: number;
  /** mapping index → summed individual base / contributions (cents); -1 = no data. */
  bases: Float64Array;
  amounts: Float64Array;
  seen: Uint8Array;
  threshold: number | null;
}

function newAcc(d: DeclarationInfo): Acc {
  const n = CTP_MAPPINGS.length;
  let threshold: number | null = null;
  if (d.period) {
    const share = valueAt(APPRENTICE_726_SMIC_SHARE, d.period)?.value ?? null;
    const smic = smicMensuel(d.period);
    if (share !== null && smic !== null) threshold = Math.round(share * smic * 100);
  }
  return {
    index: d.index,
    individuals: 0,
    presentAtEnd: 0,
    cadres: 0,
    nonCadres: 0,
    apprentices: 0,
    pas: 0,
    bases: new Float64Array(n),
    amounts: new Float64Array(n),
    seen: new Uint8Array(n),
    threshold,
  };
}

interface LineResult {
  amount: number | null;
  deduction: boolean;
}

export const controlFamily: DsnCheckFamily = {
  id: "control",
  label: "Fichier de contrôle (cotisations, versements, effectif)",
  create(_context, report) {
    let acc: Acc | null = null;
    const accFor = (d: DeclarationInfo): Acc => {
      if (!acc || acc.index !== d.index) acc = newAcc(d);
      return acc;
    };

    function addIndividual(ind: DsnBlock, a: Acc) {
      a.individuals++;
      const app = isApprentice(ind);
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
        for (const b of c.children) {
          if (b.block !== "S21.G00.78") continue;
          const code = b.get("001");
          const base = cents(b.get("004")) ?? 0;
          for (let m = 0; m < CTP_MAPPINGS.length; m++) {
            const map = CTP_MAPPINGS[m] as CtpMapping;
            if (map.base !== code) continue;
            let frac: number;
            if (map.population === "all") frac = 1;
            else if (!app) frac = map.population === "general" ? 1 : 0;
            else if (map.split726 && a.threshold !== null && base > a.threshold) {
              const share726 = a.threshold / base;
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

    function line(l: DsnBlock, d: DeclarationInfo, tol: number): LineResult {
      const ctp = l.get("001") ?? "";
      const q = l.get("002") ?? null;
      const row = ctpAt(ctp, d.period);
      const declared = cents(l.get("005"));
      const base = cents(l.get("004"));
      const own = rate(l.get("003"));
      const label = `CTP ${ctp}${q ? `/${q}` : ""}${row ? ` (${row.label})` : ""}`;
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
        return { amount: declared ?? null, deduction: false };
      }
      const deduction = isDeduction(row);
      if (isDeclaredOnly(row)) {
        if (declared === null) {
          report(
            finding(
              "control.ctp-amount-missing",
              "error",
              "S21.G00.23.005",
              l.line,
              `${label}, ligne ${l.line} : ce code ne se recalcule pas (réduction ou régularisation), son montant S21.G00.23.005 est obligatoire et absent. Renseignez-le.`,
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
        }
        return { amount: declared === null ? null : Math.abs(declared), deduction };
      }
      let r: number | null = null;
      if (row.atRate && q === "920") r = (row.uncapped ?? 0) + (own ?? 0);
      else if (own !== null) r = own;
      else r = q === "921" ? (row.capped ?? row.uncapped) : (row.uncapped ?? row.capped);
      if (base === null || r === null) return { amount: declared, deduction };
      const computed = Math.round((base * r) / 100);
      if (declared !== null && Math.abs(declared - computed) > tol) {
        report(
          finding(
            "control.ctp-amount",
            "error",
            "S21.G00.23.005",
            l.lineOf("005"),
            `${label}, ${where(d)} : ${gap("montant déclaré", declared, `attendu (assiette ${euros(base)} × ${r.toFixed(2).replace(".", ",")} %)`, computed)}. Corrigez le taux ou l'assiette dans le paramétrage de la cotisation.`,
            SEED,
          ),
        );
      }
      return { amount: declared ?? computed, deduction };
    }

    return {
      individual(ind, d) {
        addIndividual(ind, accFor(d));
      },
      declaration(d) {
        const a = accFor(d);
        acc = null;
        const est = d.establishment();
        if (!est) return;
        const tolIndividuals = TOL + Math.ceil(a.individuals * 0.5);
        const byOrg = new Map<string, number>();
        const agg = new Map<string, { base: number; amount: number; line: number; hasBase: boolean }>();
        for (const b of est.all("S21.G00.22")) {
          let sum = 0;
          for (const l of b.all("S21.G00.23")) {
            const r = line(l, d, tolIndividuals);
            if (r.amount !== null) sum += r.deduction ? -r.amount : r.amount;
            const key = keyOf(l.get("001") ?? "", l.get("002") ?? null);
            const base = cents(l.get("004"));
            const g = agg.get(key) ?? { base: 0, amount: 0, line: l.line, hasBase: false };
            g.base += base ?? 0;
            g.hasBase ||= base !== null;
            g.amount += r.amount ?? 0;
            agg.set(key, g);
          }
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
          if (total < 0) {
            report(
              finding(
                "control.bordereau-negative",
                "error",
                "S21.G00.22.005",
                b.lineOf("005"),
                `Bordereau ${org}, ${where(d)} : total négatif ${euros(total)} interdit pour la période en cours. Déclarez les montants agrégés en positif.`,
                "DSN-Val S21.G00.22.005/CCH-11",
              ),
            );
          }
          if (Math.abs(total - sum) > TOL) {
            report(
              finding(
                "control.bordereau-total",
                "error",
                "S21.G00.22.005",
                b.lineOf("005"),
                `Bordereau ${org}, ${where(d)} : ${gap("total déclaré", total, "somme des lignes CTP (réductions déduites)", sum)}. Recalculez le total du bordereau ou corrigez la ligne en cause.`,
                "Urssaf UR_ANO_DEC_MNT_DA263 ; seed 003",
              ),
            );
          }
        }
        // Payments
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
          if (Math.abs(paid - due) > TOL) {
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
        const dgfip = payments.filter((p) => (p.get("001") ?? "").toUpperCase() === "DGFIP");
        if (dgfip.length > 0) {
          const paid = dgfip.reduce((s, p) => s + (cents(p.get("005")) ?? 0), 0);
          if (Math.abs(paid - Math.abs(a.pas)) > TOL) {
            const p0 = dgfip[0] as DsnBlock;
            report(
              finding(
                "control.dgfip-payment",
                "error",
                "S21.G00.20.005",
                p0.lineOf("005"),
                `${where(d)} : ${gap("versement DGFiP", paid, "somme des prélèvements à la source individuels (S21.G00.50.009)", Math.abs(a.pas))}. Corrigez le versement ou les montants de PAS.`,
                "facts/dsn.md : versement DGFiP = somme des PAS ; seed 003",
              ),
            );
          }
        } else if (a.pas !== 0) {
          report(
            finding(
              "control.dgfip-payment",
              "warning",
              "S21.G00.20",
              est.line,
              `${where(d)} : ${euros(Math.abs(a.pas))} de prélèvement à la source retenus sur les salaires, mais aucun versement à la DGFiP (S21.G00.20.001 = DGFIP). Ajoutez-le.`,
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
        // CTP against individual data
        for (let m = 0; m < CTP_MAPPINGS.length; m++) {
          const map = CTP_MAPPINGS[m] as CtpMapping;
          const g = agg.get(keyOf(map.ctp, map.qualifier));
          const indBase = Math.round(a.bases[m] ?? 0);
          const indAmount = Math.round(a.amounts[m] ?? 0);
          const label = `CTP ${map.ctp}${map.qualifier ? `/${map.qualifier}` : ""}`;
          if (!g) {
            const relevant = map.amountOnly ? indAmount > 0 : indBase > 0 && a.seen[m] === 1;
            const usual = map.ctp !== "332" && map.ctp !== "236"; // FNAL: one of the two depending on headcount
            if (relevant && usual) {
              report(
                finding(
                  "control.ctp-missing",
                  "error",
                  "S21.G00.23.001",
                  est.line,
                  `${where(d)} : aucune ligne ${label} alors que les données individuelles en portent ${map.amountOnly ? `${euros(indAmount)} (cotisations ${map.codes.join(", ")})` : `une assiette de ${euros(indBase)} (bases ${map.base})`}. Ajoutez la ligne agrégée ou corrigez le paramétrage.`,
                  SEED,
                ),
              );
            }
            continue;
          }
          if (!map.amountOnly && g.hasBase && Math.abs(g.base - indBase) > TOL) {
            report(
              finding(
                "control.ctp-base",
                "error",
                "S21.G00.23.004",
                g.line,
                `${label}, ${where(d)} : ${gap("assiette agrégée", g.base, `somme des bases individuelles ${map.base} (S21.G00.78)`, indBase)}. Un salarié manque ou une base est mal affectée : comparez le journal de paie et le détail des cotisations.`,
                SEED,
              ),
            );
          }
          const tolAmount = TOL + Math.ceil(a.individuals * 0.5 * map.codes.length);
          if (a.seen[m] === 1 && Math.abs(g.amount - indAmount) > tolAmount) {
            report(
              finding(
                "control.ctp-individual-amount",
                map.amountOnly ? "error" : "warning",
                "S21.G00.23.005",
                g.line,
                `${label}, ${where(d)} : ${gap("montant agrégé", g.amount, `somme des cotisations individuelles ${map.codes.join(", ")} (S21.G00.81)`, indAmount)}. Vérifiez les taux du paramétrage et les cotisations individuelles.`,
                SEED,
              ),
            );
          }
        }
        // Headcount
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
      },
    };
  },
};
