// Options page, « Diagnostics »: the last pages « non comprise », newest first, each with its copy
// button (the text the status mark copies). Masked already; nothing is sent anywhere.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import { Notice } from "../../ui/common/field.tsx";
import { formatDateTime } from "../../ui/common/format.ts";
import { type Diagnostic, diagnosticText } from "./diagnostic.ts";

export function DiagnosticsTab() {
  const [list, setList] = useState<Diagnostic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "diagnostic/list" }).then(setList, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  const copy = (d: Diagnostic) =>
    navigator.clipboard.writeText(diagnosticText(d)).catch((e: unknown) => setError(String(e)));
  return (
    <section data-testid="diagnostics-tab">
      <h2>{t("diagTab")}</h2>
      <p class="hint">{t("diagTabIntro")}</p>
      {error && <Notice kind="error">{t("popupError", error)}</Notice>}
      {list && list.length === 0 && <p>{t("diagTabNone")}</p>}
      {list && list.length > 0 && (
        <ul>
          {list.map((d) => (
            <li key={d.at} data-testid="diagnostic">
              <strong>{d.kind ?? "?"}</strong> · {formatDateTime(d.at)} · {d.url}
              <br />
              {t("diagTabMissing", d.missing.join(", "))}{" "}
              <button type="button" onClick={() => void copy(d)}>
                {t("diagTabCopy")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
