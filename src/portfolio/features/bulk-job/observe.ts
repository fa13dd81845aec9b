// What the page shows, as the job state machine sees it (plain data sent to the background).

import { listIncomplete, readSearch } from "../../../pages/etablissements.ts";
import type { DetectedPage } from "../../../pages/index.ts";
import type { Observation } from "../../model/jobs.ts";

/** Pages of the flow: a missing label there stops the job; elsewhere it only means "not on the flow". */
const FLOW_PAGES = new Set(["etablissements", "inscription-compte", "etablissement-detail", "connexion"]);

export function observe(page: DetectedPage | null, doc: Document): Observation {
  if (!page) return { page: "elsewhere" };
  if (!page.understood) {
    return FLOW_PAGES.has(page.kind)
      ? { page: "not-understood", kind: page.kind, missing: page.missing }
      : { page: "elsewhere" };
  }
  switch (page.kind) {
    case "connexion":
      return { page: "connexion" };
    case "erreur":
      return { page: "erreur", message: page.view.message };
    case "etablissements": {
      const search = readSearch(doc);
      return {
        page: "etablissements",
        url: doc.URL,
        // The rows and links the adapter read when it recognised this page (a moment ago, same DOM).
        rows: page.view.rows.map((r) => ({
          regime: r.regime,
          siren: r.siren,
          numeroCompte: r.numeroCompte,
        })),
        searchSiret: search.siret,
        searchCompte: search.compte,
        message: search.alerts[0] ?? null,
        notice: search.notices[0] ?? null,
        hasNext: page.view.next !== null,
        incomplete: listIncomplete(page.view.list),
        pager: page.view.list.pager,
        pageNumber: page.view.list.page,
      };
    }
    case "inscription-compte":
      return { page: "inscription-compte", form: page.view.form, message: page.view.alerts[0] ?? null };
    case "etablissement-detail":
      return {
        page: "etablissement-detail",
        siret: page.view.siret,
        raisonSociale: page.view.raisonSociale,
        radie: page.view.radie,
      };
    default:
      return { page: "elsewhere" };
  }
}

/**
 * Whether the page may be reported now: anything but the account list, or a list that says it is
 * whole (nothing loading, the rows it announces, a row or an « Aucun … » message) and shows its pager.
 * A list that is not is reported only after the page stayed so for the lifecycle's quiet period (the
 * job then treats it as such, see jobs.ts).
 */
export function readyToReport(observation: Observation): boolean {
  if (observation.page !== "etablissements") return true;
  return !observation.incomplete && observation.pager !== false;
}
