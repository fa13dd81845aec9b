/**
 * Identifiers: SIREN/NIC keys of the enterprise (S21.G00.06) and the establishment (S21.G00.11); NIR of
 * each individual (13 characters, no key, in the DSN) and its uniqueness in the declaration.
 */
import { checkNir, checkSiren, checkSiret, formatSiret } from "../../register/model/ids.ts";
import { type DsnCheckFamily, finding, who } from "./common.ts";

export const PLAIN_NIR = /^[1-8]\d{12}$/;
/** The NIR's format is the norm's, with no DSN-Val control of its own (CCH-11 is the birth département). */
const NIR_FORMAT_SOURCE = "Norme DSN P26V01, format de la rubrique S21.G00.30.001";

export const identifiersFamily: DsnCheckFamily = {
  id: "identifiers",
  label: "Identifiants",
  create(_context, report) {
    /** Every identifier finding is an error. */
    const error = (check: string, rubric: string, line: number | null, message: string, source: string) =>
      report(finding(check, "error", rubric, line, message, source));
    let current = -1;
    // Keys are numbers (or flat copies): a NIR value is a slice of the decoded chunk, and keeping the
    // slice would keep the whole chunk alive (memory must not grow with the file).
    let nirs = new Map<number | string, number>();
    return {
      individual(ind, d) {
        if (d.index !== current) {
          current = d.index;
          nirs = new Map();
        }
        const nir = ind.get("001");
        const line = ind.lineOf("001");
        if (nir === undefined) {
          if (!ind.get("020")) {
            error(
              "identifiers.nir-missing",
              "S21.G00.30.001",
              ind.line,
              `${who(ind)} : ni NIR (S21.G00.30.001) ni numéro technique temporaire (S21.G00.30.020). Renseignez le numéro de sécurité sociale du salarié.`,
              "DSN-Val S21.G00.30.020/CCH-12 (norme P24V01)",
            );
          }
          return;
        }
        if (nir.length !== 13) {
          error(
            "identifiers.nir-format",
            "S21.G00.30.001",
            line,
            `${who(ind)} : le NIR « ${nir} » compte ${nir.length} caractères ; la DSN attend les 13 caractères sans la clé. ${nir.length === 15 ? "Retirez les 2 chiffres de la clé." : "Vérifiez le numéro sur la carte Vitale ou l'attestation de droits."}`,
            NIR_FORMAT_SOURCE,
          );
        } else {
          // 13 digits starting with 1 to 8: what checkNir accepts without a key (it only adds warnings),
          // tested at once instead of character by character — this runs for every individual.
          const r = PLAIN_NIR.test(nir) ? null : checkNir(nir);
          if (r && !r.ok) {
            error(
              "identifiers.nir-format",
              "S21.G00.30.001",
              line,
              `${who(ind)} : ${r.problem.message}`,
              // CCH-11 checks the birth département against the birth year, not this: no control id.
              NIR_FORMAT_SOURCE,
            );
          } else if (/^[12]9{12}$/.test(nir)) {
            error(
              "identifiers.nir-format",
              "S21.G00.30.001",
              line,
              `${who(ind)} : NIR fictif « ${nir} » interdit. Déclarez le vrai NIR ou, à défaut, le numéro technique temporaire (S21.G00.30.020).`,
              "DSN-Val S21.G00.30.001/CCH-13",
            );
          }
        }
        const key = /^\d{13}$/.test(nir) ? Number(nir) : Array.from(nir).join("");
        const first = nirs.get(key);
        if (first !== undefined) {
          error(
            "identifiers.nir-duplicate",
            "S21.G00.30.001",
            line,
            `${who(ind)} : le NIR ${nir} est déjà déclaré pour un autre individu (ligne ${first}) de la même déclaration. Un salarié ne doit figurer qu'une fois : regroupez ses contrats sous un seul bloc S21.G00.30, ou corrigez le NIR.`,
            "DSN-Val S21.G00.30.001/CCH-14",
          );
        } else nirs.set(key, line);
      },
      declaration(d) {
        const ent = d.enterprise();
        if (!ent) return;
        const siren = ent.get("001") ?? "";
        const s = checkSiren(siren);
        if (!s.ok) {
          error(
            "identifiers.siren-key",
            "S21.G00.06.001",
            ent.lineOf("001"),
            `SIREN de l'entreprise déclarée invalide : ${s.problem.message} Corrigez-le dans la fiche société du logiciel de paie.`,
            "DSN-Val S21.G00.06.001/CSL-11",
          );
          return;
        }
        /** The SIRET key of a NIC of this enterprise; `what` names the NIC in the message. */
        const nicKey = (nic: string, rubric: string, line: number | null, what: string, source: string) => {
          const r = checkSiret(siren + nic);
          if (!r.ok) error("identifiers.nic-key", rubric, line, `${what} : ${r.problem.message}`, source);
        };
        const siege = ent.get("002");
        if (siege)
          nicKey(
            siege,
            "S21.G00.06.002",
            ent.lineOf("002"),
            `NIC du siège « ${siege} »`,
            "DSN-Val S21.G00.06.002",
          );
        const est = d.establishment();
        const nic = est?.get("001");
        if (est && nic)
          nicKey(
            nic,
            "S21.G00.11.001",
            est.lineOf("001"),
            `NIC de l'établissement « ${nic} » (SIRET ${formatSiret(siren + nic)})`,
            "DSN-Val S21.G00.11.001/CSL-12",
          );
      },
    };
  },
};
