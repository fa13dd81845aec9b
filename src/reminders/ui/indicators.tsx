// The dashboard's key indicators as last read on the tiers-déclarant dashboard, with the change since
// the previous visit. A dashboard that was not understood shows no number at all.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { IndicatorsView } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { formatDateTime } from "../../ui/common/format.ts";

const FIELDS = [
  ["incidents", "indicatorIncidents"],
  ["anomaliesDsn", "indicatorAnomalies"],
  ["messagesNonLus", "indicatorUnread"],
] as const;

function change(now: number, before: number | undefined): string {
  if (before === undefined) return "";
  const d = now - before;
  return d === 0 ? t("indicatorSame") : d > 0 ? `+${d}` : `−${-d}`;
}

export function Indicators() {
  const [view, setView] = useState<IndicatorsView | null>(null);
  useEffect(() => {
    send({ type: "indicators/get" }).then(setView, () => undefined);
  }, []);
  if (!view) return null;
  if (view.notUnderstood)
    return (
      <section class="indicators" data-testid="indicators" data-state="not-understood">
        <h2>{t("indicatorTitle")}</h2>
        <p class="warn">{t("indicatorNotUnderstood", view.notUnderstood.missing.join(", "))}</p>
      </section>
    );
  const { latest, previous } = view;
  if (!latest)
    return (
      <section class="indicators" data-testid="indicators" data-state="none">
        <h2>{t("indicatorTitle")}</h2>
        <p class="muted">{t("indicatorNone")}</p>
      </section>
    );
  return (
    <section class="indicators" data-testid="indicators" data-state="ok">
      <h2>{t("indicatorTitle")}</h2>
      <table>
        <tbody>
          {FIELDS.map(([field, label]) => (
            <tr key={field} data-testid={`indicator-${field}`}>
              <th scope="row">
                {field === "anomaliesDsn" ? t(label, String(latest.anneeAnomalies)) : t(label)}
              </th>
              <td class="value">{latest[field]}</td>
              <td class="change" data-testid={`indicator-${field}-change`}>
                {change(latest[field], previous?.[field])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        {t("indicatorUpdated", latest.derniereMiseAJour)} · {t("indicatorReadAt", formatDateTime(latest.at))}
        {previous && ` · ${t("indicatorSince", formatDateTime(previous.at))}`}
      </p>
    </section>
  );
}
