// The control file of one establishment and month (seed 003) in the "Contrôle DSN" tab, with its XLSX
// export: gaps highlighted, each CTP row addressable so that the findings can link to it.
import { t } from "../../core/browser.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { type ControlTable, controlSheet, hasGap, type PreviousMonth, rowId } from "../control-table.ts";
import { frenchMonth } from "../control-view.ts";

// Every label key spelt out, so that the locales' test sees each one used.
const SHEET_KEYS: Record<string, string> = {
  sheetDeclared: "dsnControlTableDeclared",
  sheetReconstructed: "dsnControlTableReconstructed",
  sheetGap: "dsnControlTableGap",
  sheetUrssaf: "dsnControlTableUrssaf",
  sheetCtp: "dsnControlTableCtp",
  sheetQualifier: "dsnControlTableQualifier",
  sheetBase: "dsnControlTableBase",
  sheetRateDeclared: "dsnControlTableRateDeclared",
  sheetRateReference: "dsnControlTableRateReference",
  sheetReliefs: "dsnControlTableReliefsDetail",
  sheetEstablishment: "dsnControlSheetEstablishment",
  sheetItem: "dsnControlSheetItem",
  sheetCadres: "dsnControlSheetCadres",
  sheetNonCadres: "dsnControlSheetNonCadres",
  sheetApprentices: "dsnControlSheetApprentices",
  sheetCapped: "dsnControlSheetCapped",
  sheetUncapped: "dsnControlSheetUncapped",
  sheetApprenticeBase: "dsnControlSheetApprenticeBase",
  sheetAmount: "dsnControlSheetAmount",
  sheetTotalReductions: "dsnControlSheetTotalReductions",
  sheetOvertime: "dsnControlSheetOvertime",
  sheetMoreReductions: "dsnControlSheetMoreReductions",
};
const sheetLabel = (k: string) => t(SHEET_KEYS[k] ?? k);

const money = (c: number | null) =>
  c === null
    ? "—"
    : (c / 100)
        .toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        .replace(/\s/g, " ") + " €";
const pct = (r: number | null) =>
  r === null ? "—" : `${r.toLocaleString("fr-FR", { maximumFractionDigits: 4 })} %`;

/** Downloads the control file of `table` as an XLSX sheet (loaded on demand, like the register's export). */
export async function exportControlXlsx(
  table: ControlTable,
  previous: readonly PreviousMonth[],
): Promise<void> {
  const { default: writeXlsxFile } = await import("write-excel-file/browser");
  const rows = controlSheet(table, previous, sheetLabel).map((row) =>
    row.map((c) => ({
      value: c.value ?? "",
      type: typeof c.value === "number" ? Number : String,
      ...(c.bold ? { fontWeight: "bold" as const } : {}),
      ...(c.gap ? { backgroundColor: "#FDE2E1", fontWeight: "bold" as const } : {}),
    })),
  );
  // biome-ignore lint/suspicious/noExplicitAny: the cells mix number and string columns, typed per cell.
  const blob = await writeXlsxFile(rows as any, {
    sheet: `${table.nic} ${table.month}`.slice(0, 31),
  }).toBlob();
  downloadBlob(blob, datedName(`controle-dsn-${table.siren}${table.nic}-${table.month}`, "xlsx"));
}

export function ControlTableView(props: { table: ControlTable; previous: readonly PreviousMonth[] }) {
  const { table: tb, previous } = props;
  const prev = [...previous].sort((a, b) => (a.month < b.month ? 1 : -1));
  const gapCell = (g: number | null) => (
    <td class={hasGap(g) ? "dsn-gap" : undefined} title={hasGap(g) ? t("dsnControlTableGapRow") : undefined}>
      {money(g)}
    </td>
  );
  return (
    <section
      class="dsn-control-table"
      data-testid="dsn-control-table"
      data-nic={tb.nic}
      data-month={tb.month}
    >
      <h4>{t("dsnControlTableTitle", [`${tb.siren}${tb.nic}`, frenchMonth(tb.month)])}</h4>
      <table class="plain">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("dsnControlTableDeclared")}</th>
            <th scope="col">{t("dsnControlTableReconstructed")}</th>
            <th scope="col">{t("dsnControlTableGap")}</th>
            {prev.map((p) => (
              <th scope="col" key={p.month} title={t("dsnControlTablePrevious")}>
                {frenchMonth(p.month)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="dsn-control-urssaf">
            <th scope="row">{t("dsnControlTableUrssaf")}</th>
            <td>{money(tb.urssaf.declared)}</td>
            <td>{money(tb.urssaf.reconstructed)}</td>
            {gapCell(tb.urssaf.gap)}
            {prev.map((p) => (
              <td key={p.month}>{money(p.summary.urssafDeclared)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <p>
        {t("dsnControlTableHeadcount", [
          String(tb.headcount.cadres),
          String(tb.headcount.nonCadres),
          String(tb.headcount.apprentices),
          String(tb.headcount.others),
        ])}
        <br />
        {t("dsnControlTableBases", [
          money(tb.bases.capped),
          money(tb.bases.uncapped),
          money(tb.bases.apprentice),
        ])}
      </p>
      <table class="plain dsn-ctp-table">
        <thead>
          <tr>
            <th scope="col">{t("dsnControlTableCtp")}</th>
            <th scope="col">{t("dsnControlTableQualifier")}</th>
            <th scope="col">{t("dsnControlTableBase")}</th>
            <th scope="col">{t("dsnControlTableRateDeclared")}</th>
            <th scope="col">{t("dsnControlTableRateReference")}</th>
            <th scope="col">{t("dsnControlTableDeclared")}</th>
            <th scope="col">{t("dsnControlTableFromIndividuals")}</th>
            <th scope="col">{t("dsnControlTableGap")}</th>
            {prev.map((p) => (
              <th scope="col" key={p.month}>
                {frenchMonth(p.month)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tb.ctp.map((r, i) => (
            <tr
              key={rowId(tb, i)}
              id={rowId(tb, i)}
              tabIndex={-1}
              data-testid="dsn-control-ctp"
              data-ctp={r.ctp}
              data-gap={hasGap(r.gap) ? "yes" : "no"}
              class={hasGap(r.gap) ? "dsn-gap-row" : undefined}
            >
              <th scope="row">
                {r.ctp} <span class="hint">{r.label}</span>
              </th>
              <td>{r.qualifier ?? "—"}</td>
              <td>{money(r.base)}</td>
              <td>{pct(r.rateDeclared)}</td>
              <td>{pct(r.rateReference)}</td>
              <td>{money(r.amountDeclared)}</td>
              <td>{money(r.amountIndividuals)}</td>
              {gapCell(r.gap)}
              {prev.map((p) => (
                <td key={p.month}>
                  {money(
                    p.summary.ctp.find((c) => c.key === `${r.ctp}/${r.qualifier ?? "-"}`)?.amount ?? null,
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>
          {t("dsnControlTableReliefs", [
            money(tb.reliefs.totalReductions),
            String(tb.reliefs.reductions.length + tb.reliefs.moreReductions),
            money(tb.reliefs.overtime),
          ])}
        </summary>
        <table class="plain">
          <caption class="visually-hidden">{t("dsnControlTableReliefsDetail")}</caption>
          <tbody>
            {tb.reliefs.reductions.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.who}</th>
                <td>{money(r.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {tb.reliefs.moreReductions > 0 && (
          <p>{t("dsnControlSheetMoreReductions", String(tb.reliefs.moreReductions))}</p>
        )}
      </details>
      <p class="actions dsn-screen-only">
        <button
          type="button"
          data-testid="dsn-control-export"
          onClick={() => void exportControlXlsx(tb, previous)}
        >
          {t("dsnControlTableExport")}
        </button>
      </p>
    </section>
  );
}
