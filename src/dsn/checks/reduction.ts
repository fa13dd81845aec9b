/**
 * Réduction générale: for each payment, the declared reduction (individual contributions code 018) is
 * compared with the rule of the DSN's period (src/dsn/data/parameters.ts): up to 2025, nothing from
 * 1.6 SMIC; from 2026, the "réduction générale dégressive unique", nothing from 3 SMIC. The monthly
 * computation only approximates the annual regularised one: an amount gap is a warning; a reduction above
 * the ceiling is an error.
 */
import {
  HEURES_MENSUELLES_LEGALES,
  REDUCTION_GENERALE,
  reductionCoefficient,
  smicMensuel,
  valueAt,
} from "../data/parameters.ts";
import type { DeclarationInfo, DsnBlock } from "../tree.ts";
import { cents, type DsnCheckFamily, euros, finding, rate, where, who } from "./common.ts";

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

function isSmall(d: DeclarationInfo): boolean {
  const eff = d.enterprise()?.get("009") ?? d.establishment()?.get("008");
  return eff !== undefined && /^\d+(\.\d+)?$/.test(eff) ? Number(eff) < 50 : true;
}

export const reductionFamily: DsnCheckFamily = {
  id: "reduction",
  label: "Réduction générale",
  create(_context, report) {
    return {
      individual(ind, d) {
        if (!d.period) return;
        const rule = valueAt(REDUCTION_GENERALE, d.period)?.value;
        if (!rule) return;
        for (const v of ind.all("S21.G00.50")) {
          let gross = 0;
          let declared = 0;
          let line: number | null = null;
          let base03: DsnBlock | undefined;
          for (const b of v.all("S21.G00.78")) {
            if (b.get("001") === "03") {
              gross += cents(b.get("004")) ?? 0;
              base03 ??= b;
            }
            for (const k of b.all("S21.G00.81")) {
              if (k.get("001") !== "018") continue;
              declared += Math.abs(cents(k.get("004")) ?? 0);
              line ??= k.lineOf("004");
            }
          }
          if (declared === 0 || gross <= 0) continue;
          const smic = smicOf(ind, base03, d.period);
          if (smic === null) continue;
          const ratio = gross / smic;
          const ceiling = rule.ceilingSmic;
          const ratioText = ratio.toFixed(2).replace(".", ",");
          if (gross >= ceiling * smic) {
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
          const coef = reductionCoefficient(rule, gross, smic, isSmall(d));
          const expected = Math.round(coef * gross);
          if (Math.abs(declared - expected) > Math.max(100, expected * 0.01)) {
            report(
              finding(
                "reduction.amount",
                "warning",
                "S21.G00.81.004",
                line,
                `${who(ind)}, ${where(d)} : réduction générale déclarée ${euros(declared)}, calculée ${euros(expected)} (écart ${euros(declared - expected)}) avec le coefficient ${coef.toFixed(4).replace(".", ",")} pour ${euros(gross)} de rémunération (${ratioText} SMIC, règle ${rule.kind === "fillon" ? "jusqu'à 1,6 SMIC" : "dégressive unique jusqu'à 3 SMIC"}). Vérifiez le paramétrage (SMIC proratisé, heures, effectif) ; le calcul annuel régularisé peut expliquer un petit écart.`,
                SOURCE,
              ),
            );
          }
        }
      },
    };
  },
};
