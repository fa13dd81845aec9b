/**
 * Réduction générale: for each payment, the declared reduction (individual contributions code 018) is
 * compared with the rule of the DSN's period (src/dsn/data/parameters.ts): up to 2025, nothing from
 * 1.6 SMIC; from 2026, the "réduction générale dégressive unique", nothing from 3 SMIC. The monthly
 * computation only approximates the annual regularised one: an amount gap is a warning; a reduction above
 * the ceiling is an error, unless it is a regularisation (annual cumulative calculation): a base dated
 * outside the month, or an amount the declaration's regularisation line (CTP 669/801) covers — then a
 * warning that says so.
 */
import {
  HEURES_MENSUELLES_LEGALES,
  REDUCTION_GENERALE,
  reductionCoefficient,
  smicMensuel,
  valueAt,
} from "../data/parameters.ts";
import type { DeclarationInfo, DsnBlock } from "../tree.ts";
import { isoDate } from "../tree.ts";
import { cents, companySize, type DsnCheckFamily, euros, finding, rate, where, who } from "./common.ts";

const SOURCE =
  "facts/dsn.md, réduction générale (règle de la période de la DSN) ; seed 003, contrôle des allègements";

/** Monthly SMIC of an individual: S21.G00.79 type 01 when declared, else SMIC × contract working time. */
function smicOf(ind: DsnBlock, base03: DsnBlock | undefined, period: string): number | null {
  const declared = base03?.all("S21.G00.79").find((c) => c.get("001") === "01");
  const v = cents(declared?.get("004"));
  if (v !== null && v > 0) return v;
  const full = smicMensuel(period);
  if (full === null) return null;
  const contract = ind.child("S21.G00.40");
  const ref = rate(contract?.get("012")) ?? HEURES_MENSUELLES_LEGALES;
  const own = rate(contract?.get("013")) ?? ref;
  const ratio = ref > 0 && own > 0 && own < ref ? own / ref : 1;
  return Math.round(full * 100 * ratio);
}

/** Amount (cents) of the declaration's réduction générale regularisation lines (CTP 669, 801). */
function regularisationLines(d: DeclarationInfo): { amount: number; line: number } | null {
  let amount = 0;
  let line = 0;
  for (const b of d.establishment()?.all("S21.G00.22") ?? [])
    for (const l of b.all("S21.G00.23")) {
      const ctp = l.get("001");
      if (ctp !== "669" && ctp !== "801") continue;
      amount += Math.abs(cents(l.get("005")) ?? cents(l.get("004")) ?? 0);
      line ||= l.line;
    }
  return line ? { amount, line } : null;
}

export const reductionFamily: DsnCheckFamily = {
  id: "reduction",
  label: "Réduction générale",
  create(context, report) {
    return {
      individual(ind, d) {
        if (!d.period) return;
        const month = d.period.slice(0, 7);
        const rule = valueAt(REDUCTION_GENERALE, d.period)?.value;
        if (!rule) return;
        for (const v of ind.all("S21.G00.50")) {
          let gross = 0;
          let declared = 0;
          let line: number | null = null;
          let base03: DsnBlock | undefined;
          /** An 018 under a base dated outside the month declared: a regularisation of past months. */
          let pastPeriod = false;
          for (const b of v.all("S21.G00.78")) {
            if (b.get("001") === "03") {
              gross += cents(b.get("004")) ?? 0;
              base03 ??= b;
            }
            for (const k of b.all("S21.G00.81")) {
              if (k.get("001") !== "018") continue;
              declared += Math.abs(cents(k.get("004")) ?? 0);
              line ??= k.lineOf("004");
              const from = isoDate(b.get("002"));
              if (from !== null && from.slice(0, 7) !== month) pastPeriod = true;
            }
          }
          if (declared === 0 || gross <= 0) continue;
          const smic = smicOf(ind, base03, d.period);
          if (smic === null) continue;
          const ratio = gross / smic;
          const ceiling = rule.ceilingSmic;
          const ratioText = ratio.toFixed(2).replace(".", ",");
          if (gross >= ceiling * smic) {
            const regul = regularisationLines(d);
            if (pastPeriod || (regul !== null && declared <= regul.amount + 100)) {
              report(
                finding(
                  "reduction.regularisation",
                  "warning",
                  "S21.G00.81.004",
                  line,
                  `${who(ind)}, ${where(d)} : cotisation 018 de ${euros(declared)} pour une rémunération du mois de ${euros(gross)} (${ratioText} SMIC, au-delà du seuil de ${String(ceiling).replace(".", ",")} SMIC). ${pastPeriod ? "Sa base est datée d'une période antérieure" : `La ligne de régularisation CTP ${"669/801"} (ligne ${regul?.line}, ${euros(regul?.amount ?? 0)}) la couvre`} : c'est une régularisation (calcul annuel cumulé de la réduction), pas une réduction du mois. Vérifiez-la avec le cumul annuel des rémunérations et du SMIC.`,
                  SOURCE,
                ),
              );
              continue;
            }
            report(
              finding(
                "reduction.above-ceiling",
                "error",
                "S21.G00.81.004",
                line,
                `${who(ind)}, ${where(d)} : réduction générale de ${euros(declared)} déclarée pour une rémunération de ${euros(gross)}, soit ${ratioText} SMIC (SMIC du mois ${euros(smic)}). ${rule.kind === "fillon" ? "Jusqu'en 2025, aucune réduction à partir de 1,6 SMIC" : "Depuis 2026 (réduction générale dégressive unique), aucune réduction à partir de 3 SMIC"} : supprimez la cotisation 018 et la part correspondante du CTP 668.`,
                SOURCE,
              ),
            );
            continue;
          }
          // Size unknown (no register headcount, no FNAL line): either coefficient is accepted.
          const size = companySize(d, context);
          const sizes = size === null ? [true, false] : [size.small];
          const tol = (e: number) => Math.max(100, e * 0.01);
          const candidates = sizes.map((small) => {
            const c = reductionCoefficient(rule, gross, smic, small);
            return { coef: c, expected: Math.round(c * gross) };
          });
          if (candidates.some((c) => Math.abs(declared - c.expected) <= tol(c.expected))) continue;
          const { coef, expected } = candidates[0] as { coef: number; expected: number };
          report(
            finding(
              "reduction.amount",
              "warning",
              "S21.G00.81.004",
              line,
              `${who(ind)}, ${where(d)} : réduction générale déclarée ${euros(declared)}, calculée ${euros(expected)} (écart ${euros(declared - expected)}) avec le coefficient ${coef.toFixed(4).replace(".", ",")} pour ${euros(gross)} de rémunération (${ratioText} SMIC, règle ${rule.kind === "fillon" ? "jusqu'à 1,6 SMIC" : "dégressive unique jusqu'à 3 SMIC"}). Vérifiez le paramétrage (SMIC proratisé, heures, effectif${size ? ` — ${size.source}` : ""}) ; le calcul annuel régularisé peut expliquer un petit écart.`,
              SOURCE,
            ),
          );
        }
      },
    };
  },
};
