// On the tiers-déclarant dashboard: sends the key indicators read by the page adapter ("N incidents à
// traiter", "N anomalies DSN sur l'année YYYY", "N message(s) non lu(s)", "Dernière mise à jour") to the
// background, which keeps their history for the popup. A dashboard the adapter could not read is
// reported as such: the popup then shows no number rather than a wrong one. Nothing is drawn here.

import type { Feature } from "../../core/features.ts";
import { send } from "../../core/send.ts";

export const indicateursTableauDeBord: Feature = {
  id: "indicateurs-tableau-de-bord",
  runsOn: (page) => page?.kind === "tableau-de-bord",
  async run({ page }) {
    if (page?.kind !== "tableau-de-bord") return;
    await send({
      type: "indicators/record",
      reading: page.understood
        ? { understood: true, ...page.view }
        : { understood: false, missing: page.missing },
    });
  },
};
