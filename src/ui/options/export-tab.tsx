import { useState } from "preact/hooks";
import { t } from "../../browser.ts";
import { parseBackup } from "../../domain/backup.ts";
import { clientsToRows, toCsv, toSheetCells } from "../../domain/table-export.ts";
import type { RegisterSnapshot } from "../../messages.ts";
import { send } from "../../send.ts";
import { datedName, downloadBlob } from "../shared/download.ts";
import { Notice } from "../shared/field.tsx";
import type { RegisterApi } from "./use-register.ts";

export function ExportTab(props: { snapshot: RegisterSnapshot; api: RegisterApi }) {
  const { snapshot, api } = props;
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const rows = () => clientsToRows(snapshot.clients, snapshot.collaborators);

  const exportCsv = () =>
    downloadBlob(
      new Blob([toCsv(rows())], { type: "text/csv;charset=utf-8" }),
      datedName("registre-clients", "csv"),
    );

  const exportXlsx = async () => {
    // Loaded on demand: the XLSX writer is only needed here.
    const { default: writeXlsxFile } = await import("write-excel-file/browser");
    const data = toSheetCells(rows()).map((r, i) =>
      r.map((value) => ({ value, type: String, ...(i === 0 ? { fontWeight: "bold" as const } : {}) })),
    );
    const blob = await writeXlsxFile(data, { sheet: "Clients" }).toBlob();
    downloadBlob(blob, datedName("registre-clients", "xlsx"));
  };

  const backup = async () => {
    const content = await send({ type: "backup/export" });
    downloadBlob(
      new Blob([JSON.stringify(content, null, 2)], { type: "application/json" }),
      datedName("tiers-assistant-sauvegarde", "json"),
    );
  };

  const restore = async (file: File | undefined) => {
    setRestoreError(null);
    if (!file) return;
    const check = parseBackup(await file.text());
    if (!check.ok) return setRestoreError(check.error);
    const question = t("optConfirmRestore", [
      String(snapshot.clients.length),
      String(check.backup.clients.length),
      check.backup.exporteLe.slice(0, 10),
    ]);
    if (!window.confirm(question)) return;
    await api.act(
      () => send({ type: "backup/restore", backup: check.backup }),
      (r) => t("optRestored", [String(r.clients), String(r.collaborators)]),
    );
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t("optExportTitle")}</h2>
      <p>{t("optExportHint", String(snapshot.clients.length))}</p>
      <div class="actions">
        <button type="button" onClick={exportCsv} data-testid="export-csv">
          {t("optExportCsv")}
        </button>
        <button type="button" onClick={() => void exportXlsx()} data-testid="export-xlsx">
          {t("optExportXlsx")}
        </button>
      </div>
      <h2>{t("optBackupTitle")}</h2>
      <p>{t("optBackupHint")}</p>
      <div class="actions">
        <button type="button" onClick={() => void backup()} data-testid="backup">
          {t("optBackup")}
        </button>
        <label class="button">
          {t("optRestore")}
          <input
            type="file"
            accept=".json,application/json"
            class="visually-hidden"
            data-testid="restore"
            onChange={(e) => void restore(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      {restoreError && <Notice kind="error">{restoreError}</Notice>}
    </section>
  );
}
