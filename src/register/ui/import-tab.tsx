// Import of a client list from CSV or XLSX, in three steps: read the file (locally, in a worker with a
// time limit: import-read.ts), check and correct the column mapping, preview every row with its
// findings; then import the valid rows — or nothing.
import { useMemo, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { FileButton, Notice } from "../../ui/common/field.tsx";
import { CLIENT_KIND_LABELS, CLIENT_KINDS, type ClientKind } from "../model/register.ts";
import { IMPORT_FIELDS, type ImportField, type ImportMapping, validateRows } from "../model/table-import.ts";
import type { RawTable } from "../model/table-read.ts";
import { readInWorker } from "./import-read.ts";
import type { RegisterApi } from "./use-register.ts";

const PREVIEW_LIMIT = 500;

export function ImportTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const { snapshot, api } = props;
  const [fileName, setFileName] = useState<string | null>(null);
  const [table, setTable] = useState<RawTable | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [defaultKind, setDefaultKind] = useState<ClientKind | "">("");
  const [onlyProblems, setOnlyProblems] = useState(false);

  const existing = useMemo(() => new Map(snapshot.rows.map((c) => [c.id, c])), [snapshot.rows]);
  const preview = useMemo(
    () =>
      table
        ? validateRows(table, mapping, {
            existing,
            collaborators: snapshot.collaborators,
            now: new Date(),
            ...(defaultKind ? { defaultKind } : {}),
          })
        : null,
    [table, mapping, existing, snapshot.collaborators, defaultKind],
  );

  const open = async (file: File | undefined) => {
    setTable(null);
    setReadError(null);
    if (!file) return;
    setFileName(file.name);
    setReading(true);
    const read = await readInWorker(file);
    setReading(false);
    if (read.kind === "timeout")
      return setReadError(t("optImportReadTimeout", [file.name, String(read.seconds)]));
    if (read.kind === "failed") return setReadError(t("optImportReadFailed", file.name));
    if (!read.result.ok) return setReadError(read.result.error);
    setTable(read.result.table);
    setMapping(read.mapping ?? read.result.table.headers.map(() => null));
  };

  const remap = (column: number, field: ImportField | null) =>
    setMapping((m) => m.map((f, i) => (i === column ? field : f === field && field !== null ? null : f)));

  const importValid = async () => {
    if (!preview || preview.clients.length === 0) return;
    const done = await api.act(
      () => send({ type: "clients/import", clients: preview.clients }),
      (r) => t("optImported", [String(r.added), String(r.updated), String(r.unchanged)]),
    );
    if (done) {
      setTable(null);
      setFileName(null);
    }
  };

  const mappingFindings = preview?.findings.filter((f) => table && f.row < table.firstDataLine) ?? [];
  const shown = (preview?.rows ?? [])
    .filter((r) => !onlyProblems || r.findings.length > 0)
    .slice(0, PREVIEW_LIMIT);

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t("optImportTitle")}</h2>
      <p>{t("optImportHint")}</p>
      <FileButton
        label={t("optChooseFile")}
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        testId="import-file"
        onFile={(file) => void open(file)}
        disabled={reading}
      />
      {fileName && <span class="hint"> {fileName}</span>}
      {reading && fileName && (
        <p class="hint" aria-live="polite" data-testid="import-reading">
          {t("optImportReading", fileName)}
        </p>
      )}
      {readError && <Notice kind="error">{readError}</Notice>}
      {table && preview && (
        <>
          <p class="hint" data-testid="import-source">
            {t("optImportSource", [
              String(table.rows.length),
              table.source.format.toUpperCase(),
              table.source.encoding ?? "",
              table.source.delimiter === "\t" ? "tab" : (table.source.delimiter ?? ""),
            ])}
          </p>
          {table.notes.map((n) => (
            <Notice kind="info" key={n}>
              {n}
            </Notice>
          ))}
          <h3>{t("optMappingTitle")}</h3>
          <p class="hint">{t("optMappingHint")}</p>
          <table class="plain mapping" data-testid="import-mapping">
            <thead>
              <tr>
                <th scope="col">{t("optFileColumn")}</th>
                <th scope="col">{t("optRegisterField")}</th>
              </tr>
            </thead>
            <tbody>
              {table.headers.map((h, i) => (
                <tr key={`${i}-${h}`}>
                  <td>{h || `(${t("optUntitled")} ${i + 1})`}</td>
                  <td>
                    <select
                      aria-label={t("optFieldFor", h)}
                      value={mapping[i] ?? ""}
                      onChange={(e) => remap(i, (e.currentTarget.value || null) as ImportField | null)}
                      data-column={h}
                    >
                      <option value="">{t("optIgnore")}</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f.field} value={f.field}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!mapping.includes("kind") && (
            <label class="field">
              {t("optDefaultKind")}
              <select
                value={defaultKind}
                onChange={(e) => setDefaultKind(e.currentTarget.value as ClientKind | "")}
                data-testid="import-default-kind"
              >
                <option value="">—</option>
                {CLIENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {CLIENT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {mappingFindings.map((f) => (
            <Notice kind={f.severity === "error" ? "error" : "info"} key={f.message}>
              {f.message}
            </Notice>
          ))}
          <h3>{t("optPreviewTitle")}</h3>
          <p data-testid="import-summary" aria-live="polite">
            {t("optPreviewSummary", [
              String(preview.rows.length),
              String(preview.valid),
              String(preview.invalid),
            ])}
          </p>
          <label class="check">
            <input
              type="checkbox"
              checked={onlyProblems}
              onChange={(e) => setOnlyProblems(e.currentTarget.checked)}
            />
            {t("optOnlyProblems")}
          </label>
          <div class="table-scroll short">
            <table class="plain preview" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t("optLine")}</th>
                  <th scope="col">{t("optCompanyName")}</th>
                  <th scope="col">{t("optIdentifier")}</th>
                  <th scope="col">{t("optFindings")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const errors = r.findings.filter((f) => f.severity === "error");
                  return (
                    <tr
                      key={r.line}
                      class={errors.length ? "row-error" : r.findings.length ? "row-warning" : ""}
                      data-line={r.line}
                    >
                      <td class="num">{r.line}</td>
                      <td>{r.client?.raisonSociale ?? r.cells[mapping.indexOf("raisonSociale")] ?? ""}</td>
                      <td class="num">
                        {r.client?.siren ??
                          r.client?.siret ??
                          r.client?.numeroCompte ??
                          r.cells[mapping.indexOf("siren")] ??
                          ""}
                      </td>
                      <td>
                        {r.findings.length === 0 ? (
                          <span class="ok">{r.existing ? t("optRowUpdate") : t("optRowNew")}</span>
                        ) : (
                          <ul class="findings">
                            {r.findings.map((f) => (
                              <li key={f.code + f.message} class={f.severity}>
                                {f.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {preview.rows.length > PREVIEW_LIMIT && (
            <p class="hint">{t("optPreviewTruncated", String(PREVIEW_LIMIT))}</p>
          )}
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={preview.valid === 0}
              onClick={() => void importValid()}
              data-testid="import-valid"
            >
              {t("optImportValid", String(preview.valid))}
            </button>
            <button type="button" onClick={() => setTable(null)}>
              {t("optImportNothing")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
