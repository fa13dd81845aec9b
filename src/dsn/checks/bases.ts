/**
 * Bases: per individual and period, capped base (S21.G00.78 code 02) ≤ uncapped base (code 03) and ≤ the
 * period's ceiling (PMSS prorated by calendar days for a partial month — part-time ceilings are lower, so
 * this is an upper bound); apprentice CTP lines only when the declaration has apprentices.
 */

import { isApprenticeCtp } from "../ctp.ts";
import { PMSS, valueAt } from "../data/parameters.ts";
import { isoDate } from "../tree.ts";
import { cents, type DsnCheckFamily, euros, finding, isApprentice, where, who } from "./common.ts";

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ceilingCache = new Map<string, number | null>();

/** Ceiling in cents for a base period (ISO dates), or null when the PMSS is unknown. */
export function ceilingFor(start: string, end: string): number | null {
  const key = `${start}/${end}`;
  const cached = ceilingCache.get(key);
  if (cached !== undefined) return cached;
  const v = computeCeiling(start, end);
  if (ceilingCache.size < 10_000) ceilingCache.set(key, v);
  return v;
}

function computeCeiling(start: string, end: string): number | null {
  const [y1, m1, d1] = start.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split("-").map(Number) as [number, number, number];
  let total = 0;
  let y = y1;
  let m = m1;
  for (let guard = 0; guard < 24; guard++) {
    const pmss = valueAt(PMSS, `${y}-${String(m).padStart(2, "0")}-01`);
    if (!pmss) return null;
    const dim = daysInMonth(y, m);
    const from = y === y1 && m === m1 ? d1 : 1;
    const to = y === y2 && m === m2 ? d2 : dim;
    const days = to - from + 1;
    total += days >= dim ? pmss.value * 100 : Math.ceil((pmss.value * 100 * Math.min(days, 30)) / 30);
    if (y === y2 && m === m2) return total;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return total;
}

export const basesFamily: DsnCheckFamily = {
  id: "bases",
  label: "Bases plafonnées",
  create(_context, report) {
    let current = -1;
    let apprentices = 0;
    return {
      individual(ind, d) {
        if (d.index !== current) {
          current = d.index;
          apprentices = 0;
        }
        if (isApprentice(ind)) apprentices++;
        for (const v of ind.all("S21.G00.50")) {
          const byPeriod = new Map<
            string,
            { capped: number; uncapped: number; line: number; start: string | null; end: string | null }
          >();
          for (const b of v.all("S21.G00.78")) {
            const code = b.get("001");
            if (code !== "02" && code !== "03") continue;
            const key = `${b.get("002") ?? ""}-${b.get("003") ?? ""}`;
            const e = byPeriod.get(key) ?? {
              capped: 0,
              uncapped: 0,
              line: b.line,
              start: isoDate(b.get("002")),
              end: isoDate(b.get("003")),
            };
            const amount = cents(b.get("004")) ?? 0;
            if (code === "02") {
              e.capped += amount;
              e.line = b.lineOf("004");
            } else e.uncapped += amount;
            byPeriod.set(key, e);
          }
          for (const e of byPeriod.values()) {
            if (e.capped <= 0) continue;
            if (e.capped > e.uncapped) {
              report(
                finding(
                  "bases.capped-above-uncapped",
                  "error",
                  "S21.G00.78.004",
                  e.line,
                  `${who(ind)}, ${where(d)} : base plafonnée (code 02) ${euros(e.capped)} supérieure à la base déplafonnée (code 03) ${euros(e.uncapped)} (écart ${euros(e.capped - e.uncapped)}). La base plafonnée est le brut limité au plafond : elle ne peut pas dépasser le brut.${e.uncapped === 0 ? " Une base plafonnée sans base déplafonnée est une anomalie Urssaf." : ""}`,
                  e.uncapped === 0 ? "Urssaf UR_ANO_ASS_DPLF_DIPA01H" : "facts/dsn.md, contrôles des bases",
                ),
              );
            }
            if (e.start && e.end && e.start <= e.end) {
              const ceiling = ceilingFor(e.start, e.end);
              if (ceiling !== null && e.capped > ceiling + 1) {
                report(
                  finding(
                    "bases.capped-over-ceiling",
                    "error",
                    "S21.G00.78.004",
                    e.line,
                    `${who(ind)}, ${where(d)} : base plafonnée ${euros(e.capped)} au-delà du plafond de la période du ${e.start.split("-").reverse().join("/")} au ${e.end.split("-").reverse().join("/")} (${euros(ceiling)}, écart ${euros(e.capped - ceiling)}). Limitez la base au plafond (PMSS proratisé).`,
                    "Urssaf UR_ANO_ASS_PLF_DIPA01I/J/K ; PMSS (src/dsn/data/parameters.ts)",
                  ),
                );
              }
            }
          }
        }
      },
      declaration(d) {
        const count = d.index === current ? apprentices : 0;
        if (count > 0) return;
        const est = d.establishment();
        if (!est) return;
        const lines: string[] = [];
        let first: number | null = null;
        let total = 0;
        for (const b of est.all("S21.G00.22")) {
          for (const l of b.all("S21.G00.23")) {
            const ctp = l.get("001") ?? "";
            const base = cents(l.get("004")) ?? 0;
            const amount = cents(l.get("005")) ?? 0;
            if (!isApprenticeCtp(ctp) || (base <= 0 && amount <= 0)) continue;
            first ??= l.lineOf("001");
            total += base;
            lines.push(
              `CTP ${ctp}${l.get("002") ? `/${l.get("002")}` : ""} ligne ${l.line} (assiette ${euros(base)})`,
            );
          }
        }
        if (first === null) return;
        report(
          finding(
            "bases.apprentice-ctp",
            "error",
            "S21.G00.23.001",
            first,
            `${where(d)} : ${lines.length > 1 ? "lignes" : "ligne"} d'apprentis ${lines.join(", ")}, alors qu'aucun individu n'est apprenti (S21.G00.40.008 = 64, 65 ou 81) ; ${euros(total)} d'assiette en tout. Reportez ces montants sur le CTP du cas général (100) ou corrigez le dispositif du contrat.`,
            "Seed 003 (100A/726 : lignes des apprentis) ; facts/dsn.md",
          ),
        );
      },
    };
  },
};
