/**
 * Structure: S90.G00.90 totals of each send, mandatory blocks and cardinalities of the norm's block tree
 * (src/dsn/data/blocks.ts). Minimum cardinalities are enforced for monthly DSNs (nature 01) only:
 * the hierarchy's minima describe the monthly declaration; signalements carry fewer blocks.
 */
import { DSN_BLOCKS, DSN_NORM_VERSIONS, type DsnBlockDef } from "../data/blocks.ts";
import type { DsnBlock } from "../tree.ts";
import { type DsnCheckFamily, finding, type Report } from "./common.ts";

const SOURCE_TREE = "Norme DSN, hiérarchie des blocs et cardinalités (block_hierarchy_P24V01.tsv)";

const CHILDREN = new Map<string, [string, DsnBlockDef][]>();
for (const [block, def] of Object.entries(DSN_BLOCKS)) {
  // Only children that constrain something: a maximum or a minimum above 0.
  if (!def.parent || (def.max === null && def.min === 0)) continue;
  const list = CHILDREN.get(def.parent);
  if (list) list.push([block, def]);
  else CHILDREN.set(def.parent, [[block, def]]);
}

function describe(block: string): string {
  return `${block} (${DSN_BLOCKS[block]?.name ?? "?"})`;
}

/** Checks the children counts of `b` and, recursively, of its descendants. */
export function checkCardinalities(b: DsnBlock, strict: boolean, report: Report, skip?: string): void {
  const defs = CHILDREN.get(b.block);
  if (defs) {
    for (const [child, def] of defs) {
      if (child === skip) continue;
      let count = 0;
      let second: DsnBlock | null = null;
      for (const c of b.children) {
        if (c.block === child) {
          count++;
          if (count === 2) second = c;
        }
      }
      if (def.max !== null && count > def.max) {
        report(
          finding(
            "structure.cardinality",
            "error",
            child,
            second?.line ?? b.line,
            `Le bloc ${describe(b.block)} de la ligne ${b.line} contient ${count} blocs ${describe(child)}, la norme en admet ${def.max} au plus. Supprimez le bloc en trop (ligne ${second?.line ?? "?"}) ou corrigez le numéro de rubrique qui a ouvert un nouveau bloc.`,
            SOURCE_TREE,
          ),
        );
      } else if (strict && count < def.min) {
        report(
          finding(
            "structure.missing-block",
            "error",
            child,
            b.line,
            `Le bloc ${describe(b.block)} de la ligne ${b.line} doit contenir au moins ${def.min} bloc ${describe(child)} : il n'en contient aucun. Complétez la déclaration dans le logiciel de paie.`,
            SOURCE_TREE,
          ),
        );
      }
    }
  }
  for (const c of b.children)
    if (c.children.length > 0 || CHILDREN.has(c.block)) checkCardinalities(c, strict, report, skip);
}

const SOURCE_WRAPPER =
  "Enveloppe des fichiers de plateforme (S05 lot, S06 sous-lot, S96 fin de sous-lot, S95 fin de lot), d'après l'exemple public open-neodes (facts/dsn-samples)";

/**
 * The platform wrapper of a "lot" file: S05 opens the lot (.002 its id), each S06 a sub-lot (.001 its
 * status, DSNOK…), S96 closes the sub-lot (.002 the number of sends in it), S95 closes the lot (.001 the
 * lot id again, .002 the number of sends in the lot).
 */
function wrapperChecker(report: Report) {
  let lot: { line: number; id: string | null } | null = null;
  let closed = false;
  let sends = 0;
  let sub: { line: number; status: string; sends: number } | null = null;
  let last = 0;
  /** A wrapper finding: always an error, on the wrapper line `e`. */
  const wrapperError = (check: string, e: { line: number; code: string }, message: string) =>
    report(finding(check, "error", e.code, e.line, message, SOURCE_WRAPPER));
  const count = (
    e: { line: number; code: string; value: string },
    expected: number,
    what: string,
    where: string,
  ) => {
    if (Number(e.value) === expected && /^\d+$/.test(e.value)) return;
    wrapperError(
      "structure.wrapper-count",
      e,
      `Ligne ${e.line} : ${e.code} annonce « ${e.value} » envoi(s) ${what}, le fichier en contient ${expected} ${where}. Des envois ont été ajoutés, retirés ou coupés : récupérez le fichier de la plateforme en entier.`,
    );
  };
  return {
    send(endLine: number) {
      last = Math.max(last, endLine);
      sends++;
      if (sub) sub.sends++;
    },
    wrapper(e: { line: number; code: string; block: string; num: string; value: string }) {
      last = e.line;
      const seg = e.block.slice(0, 3);
      if (seg === "S05") {
        if (e.num === "001" || !lot) {
          lot = { line: e.line, id: null };
          closed = false;
          sends = 0;
          sub = null;
        }
        if (e.num === "002") lot.id = e.value;
      } else if (seg === "S06" && e.num === "001") {
        sub = { line: e.line, status: e.value, sends: 0 };
      } else if (seg === "S96" && e.num === "002" && sub) {
        count(
          e,
          sub.sends,
          `dans le sous-lot « ${sub.status} »`,
          `entre la ligne ${sub.line} et la ligne ${e.line}`,
        );
      } else if (seg === "S95") {
        closed = true;
        if (e.num === "001" && lot?.id && e.value !== lot.id) {
          wrapperError(
            "structure.wrapper-count",
            e,
            `Ligne ${e.line} : la fin de lot S95 porte le numéro « ${e.value} », le lot ouvert ligne ${lot.line} (S05) le numéro « ${lot.id} ». Le fichier assemble deux lots différents : récupérez le fichier de la plateforme en entier.`,
          );
        }
        if (e.num === "002") count(e, sends, "dans le lot", lot ? `depuis la ligne ${lot.line}` : "");
      }
    },
    end() {
      if (lot && !closed) {
        wrapperError(
          "structure.wrapper-truncated",
          { code: "S95.G51.00", line: last },
          `Le lot de plateforme ouvert ligne ${(lot as { line: number }).line} (S05) n'a pas sa ligne de fin S95 : le fichier est tronqué après la ligne ${last}. Récupérez le fichier en entier.`,
        );
      }
    },
  };
}

export const structureFamily: DsnCheckFamily = {
  id: "structure",
  label: "Structure",
  create(_context, report) {
    const wrapper = wrapperChecker(report);
    return {
      wrapper: wrapper.wrapper,
      end: wrapper.end,
      individual(individual, declaration) {
        checkCardinalities(individual, declaration.nature === "01", report);
      },
      declaration(declaration) {
        checkCardinalities(declaration.block, declaration.nature === "01", report, "S21.G00.30");
      },
      send(send) {
        wrapper.send(send.endLine);
        const h = send.header;
        for (const block of ["S10.G00.01", "S10.G00.02"]) {
          const n = h.all(block).length;
          if (n !== 1) {
            report(
              finding(
                "structure.missing-block",
                "error",
                block,
                h.line,
                n === 0
                  ? `L'envoi de la ligne ${h.line} n'a pas de bloc ${describe(block)}, obligatoire. Complétez l'émetteur dans le logiciel de paie.`
                  : `L'envoi de la ligne ${h.line} contient ${n} blocs ${describe(block)} : un seul est admis.`,
                SOURCE_TREE,
              ),
            );
          }
        }
        const norm = h.get("006");
        if (norm && !(DSN_NORM_VERSIONS as readonly string[]).includes(norm)) {
          report(
            finding(
              "structure.norm-version",
              "warning",
              "S10.G00.00.006",
              h.lineOf("006"),
              `Norme « ${norm} » non prise en charge (P24V01 à P26V01) : les contrôles peuvent être inexacts. Vérifiez la version du logiciel de paie.`,
              "Norme DSN, S10.G00.00.006",
            ),
          );
        }
        if (send.declarations === 0) {
          report(
            finding(
              "structure.missing-block",
              "error",
              "S20.G00.05",
              h.line,
              `L'envoi de la ligne ${h.line} ne contient aucune déclaration (bloc S20.G00.05).`,
              SOURCE_TREE,
            ),
          );
        }
        const total = send.total;
        if (!total) return; // reported by the reader as a truncated send
        const lines = send.endLine - send.startLine + 1;
        const declared001 = total.get("001");
        if (declared001 !== undefined && Number(declared001) !== lines) {
          report(
            finding(
              "structure.s90-lines",
              "error",
              "S90.G00.90.001",
              total.lineOf("001"),
              `S90.G00.90.001 annonce ${declared001} rubriques pour l'envoi des lignes ${send.startLine} à ${send.endLine}, qui en compte ${lines} (écart ${Number(declared001) - lines}). Des lignes ont été ajoutées, supprimées ou perdues : régénérez le fichier.`,
              "DSN-Val S90.G00.90.001 (nombre total de rubriques de l'envoi)",
            ),
          );
        }
        const declared002 = total.get("002");
        if (declared002 !== undefined && Number(declared002) !== send.declarations) {
          report(
            finding(
              "structure.s90-declarations",
              "error",
              "S90.G00.90.002",
              total.lineOf("002"),
              `S90.G00.90.002 annonce ${declared002} déclaration(s), l'envoi en contient ${send.declarations} (blocs S20.G00.05). Régénérez le fichier.`,
              "DSN-Val S90.G00.90.002 (nombre de DSN)",
            ),
          );
        }
      },
    };
  },
};
