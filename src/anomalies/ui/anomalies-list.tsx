// The popup's list of open DSN anomalies ("à traiter") of every client, soonest deadline first, with a
// CSV export. The anomalies are those seen on "Suivi DSN" and tracked by the background.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { formatDate } from "../../ui/common/format.ts";
import { openAnomaliesCsv } from "../model/csv.ts";
import type { OpenAnomaly } from "../model/tracking.ts";

const SHOWN = 8;
const month = (period: string) => period.split("-").reverse().join("/");

export function AnomaliesList() {
  const [rows, setRows] = useState<OpenAnomaly[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "anomaly/open" }).then(setRows, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  if (error)
    return (
      <p class="warn" role="alert">
        {t("popupError", error)}
      </p>
    );
  if (!rows) return null;
  const exportCsv = () =>
    downloadBlob(
      new Blob([openAnomaliesCsv(rows)], { type: "text/csv;charset=utf-8" }),
      datedName("anomalies-dsn", "csv"),
    );
  return (
    <section aria-labelledby="anomalies-title" data-testid="popup-anomalies">
      <h2 id="anomalies-title">{t("anomalyOpenTitle")}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t("anomalyOpenNone")}</p>
      ) : (
        <>
          <p>{t("anomalyOpenCount", String(rows.length))}</p>
          <ul class="anomalies">
            {rows.slice(0, SHOWN).map((r) => (
              <li key={`${r.siret}|${r.period}|${r.reference}`} data-testid="open-anomaly">
                <strong>{r.reference}</strong> · SIRET {r.siret} · {month(r.period)}
                {r.overdue && (
                  <strong class="warn" data-testid="open-anomaly-overdue">
                    {" "}
                    · {t("anomalyOverdueShort")}
                  </strong>
                )}
                <br />
                <span class="muted">
                  {t("anomalyOpenBefore", formatDate(`${r.deadline}T12:00:00Z`))} — {r.summary}
                </span>
              </li>
            ))}
          </ul>
          {rows.length > SHOWN && <p class="muted">{t("anomalyOpenMore", String(rows.length - SHOWN))}</p>}
          <button type="button" onClick={exportCsv}>
            {t("anomalyOpenExport")}
          </button>
        </>
      )}
    </section>
  );
}
