// On the tiers-déclarant dashboard: sends the key indicators read by the page adapter ("N incidents à
// traiter", "N anomalies DSN sur l'année YYYY", "N message(s) non lu(s)", "Dernière mise à jour") to the
// background, which keeps their history for the popup. A dashboard the adapter could not read is
// reported as such: the popup then shows no number rather than a wrong one. Nothing is drawn here.

import type { Feature } from "../../core/features.ts";
import { send } from "../../core/send.ts";

/** The last reading sent, per stay on the dashboard: a re-render that changes nothing sends nothing. */
const sent = new WeakMap<AbortSignal, string>();

export const dashboardIndicators: Feature = {
  id: "dashboard-indicators",
  runsOn: (page) => page?.kind === "tableau-de-bord",
  async run({ page, settled, signal }) {
    // The indicators render after load: a reading « non comprise » is only sent once final.
    if (page?.kind !== "tableau-de-bord" || !settled) return;
    const reading = page.understood
      ? { understood: true as const, ...page.view }
      : { understood: false as const, missing: page.missing };
    const key = JSON.stringify(reading);
    if (sent.get(signal) === key) return;
    sent.set(signal, key);
    await send({ type: "indicators/record", reading });
  },
};
