// The anomaly references met on "Suivi DSN" that the catalogue does not know, with first and last
// seen dates, for the user to report them (CSV export). Kept in the browser; nothing is sent.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { Notice } from "../../ui/common/field.tsx";
import { formatDateTime } from "../../ui/common/format.ts";
import { unknownReferencesCsv } from "../model/csv.ts";
import type { UnknownReferences } from "../model/tracking.ts";

export function AnomaliesTab() {
  const [unknown, setUnknown] = useState<UnknownReferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "anomaly/unknown" }).then(setUnknown, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  const rows = Object.entries(unknown ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section data-testid="anomalies-tab">
      <h2>{t("anomalyUnknownTitle")}</h2>
      <p class="hint">{t("anomalyUnknownIntro")}</p>
      {error && <Notice kind="error">{t("popupError", error)}</Notice>}
      {unknown && rows.length === 0 && <p>{t("anomalyUnknownNone")}</p>}
      {rows.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th>{t("anomalyColReference")}</th>
                <th>{t("anomalyColLabel")}</th>
                <th>{t("anomalyColFirst")}</th>
                <th>{t("anomalyColLast")}</th>
                <th>{t("anomalyColSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([reference, u]) => (
                <tr key={reference} data-testid="unknown-reference">
                  <td>{reference}</td>
                  <td>{u.libelle}</td>
                  <td>{formatDateTime(u.firstSeen)}</td>
                  <td>{formatDateTime(u.lastSeen)}</td>
                  <td>{u.seen}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              onClick={() =>
                unknown &&
                downloadBlob(
                  new Blob([unknownReferencesCsv(unknown)], { type: "text/csv;charset=utf-8" }),
                  datedName("anomalies-inconnues", "csv"),
                )
              }
            >
              {t("anomalyOpenExport")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
