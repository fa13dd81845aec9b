import { useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { FileButton, Notice } from "../../ui/common/field.tsx";
import { parseBackup } from "../model/backup.ts";
import { clientsToRows, toCsv, toSheetCells } from "../model/table-export.ts";
import type { RegisterApi } from "./use-register.ts";

export function ExportTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const { snapshot, api } = props;
  const [restoreError, setRestoreError] = useState<string | null>(null);
  /** Exports need every field of every client: fetched from the background when asked. */
  const rows = async () => {
    const full = await send({ type: "register/get" });
    return clientsToRows(full.clients, full.collaborators);
  };

  const exportCsv = async () =>
    downloadBlob(
      new Blob([toCsv(await rows())], { type: "text/csv;charset=utf-8" }),
      datedName("registre-clients", "csv"),
    );

  const exportXlsx = async () => {
    // Loaded on demand: the XLSX writer is only needed here.
    const { default: writeXlsxFile } = await import("write-excel-file/browser");
    const data = toSheetCells(await rows()).map((r, i) =>
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
      String(snapshot.rows.length),
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
      <p>{t("optExportHint", String(snapshot.rows.length))}</p>
      <div class="actions">
        <button type="button" onClick={() => void exportCsv()} data-testid="export-csv">
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
        <FileButton
          label={t("optRestore")}
          accept=".json,application/json"
          testId="restore"
          onFile={(file) => void restore(file)}
        />
      </div>
      {restoreError && <Notice kind="error">{restoreError}</Notice>}
    </section>
  );
}
