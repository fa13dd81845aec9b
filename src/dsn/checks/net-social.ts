/**
 * Montant net social: each payment (S21.G00.50) of a monthly DSN (or substitution) needs an element
 * S21.G00.58 of type 03 (DSN-Val S21.G00.50.001/CCH-14 and CCH-15, outside postal codes 98…); the type 027
 * in block 51 is refused since 2024 (S21.G00.51.011/CCH-17).
 */
import { type DsnCheckFamily, finding, where, who } from "./common.ts";

export const netSocialFamily: DsnCheckFamily = {
  id: "net-social",
  label: "Montant net social",
  create(_context, report) {
    return {
      individual(ind, d) {
        if (d.nature !== "01" && d.nature !== "09") return;
        if (d.period !== null && d.period < "2024-01-01") return;
        const cp = d.establishment()?.get("004") ?? "";
        const required = !cp.startsWith("98");
        for (const v of ind.all("S21.G00.50")) {
          let has03 = false;
          for (const c of v.children) {
            if (c.block === "S21.G00.58" && c.get("003") === "03") has03 = true;
            if (c.block === "S21.G00.51" && c.get("011") === "027") {
              report(
                finding(
                  "net-social.type-027",
                  "error",
                  "S21.G00.51.011",
                  c.lineOf("011"),
                  `${who(ind)}, ${where(d)} : rémunération de type 027 (montant net social) dans le bloc S21.G00.51 : refusée depuis 2024. Déclarez le montant net social dans un bloc S21.G00.58 de type 03 et supprimez ce bloc 51.`,
                  "DSN-Val S21.G00.51.011/CCH-17",
                ),
              );
            }
          }
          if (required && !has03) {
            report(
              finding(
                "net-social.missing",
                "error",
                "S21.G00.58.003",
                v.line,
                `${who(ind)}, ${where(d)} : le versement du ${v.get("001") ?? "?"} (ligne ${v.line}) n'a pas de montant net social (bloc S21.G00.58 de type 03). Il est obligatoire : ajoutez-le (brut moins les cotisations et contributions salariales obligatoires, CSG/CRDS comprises).`,
                "DSN-Val S21.G00.50.001/CCH-14 et CCH-15 ; Urssaf UR_ANO_DIMNS002",
              ),
            );
          }
        }
      },
    };
  },
};
