// Options page, tab "Contrôle DSN": the accountant drops (or chooses) one or several DSN files; each is
// read in a Web Worker (dsn-worker.ts, streamed with file.stream()) so the page never freezes, and
// checked against the firm's settings and register. Per file: a summary (OK / warnings / errors), then
// the findings grouped by check with the rubric, the line, the explanation and how to fix; CSV export
// and a printable view. Each control leaves a compact summary in the background's history, shown by
// client (SIREN) month after month. Nothing leaves the browser.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { toCsv } from "../../core/csv.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import type { RegisterApi } from "../../register/ui/use-register.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { Notice } from "../../ui/common/field.tsx";
import { formatDateTime } from "../../ui/common/format.ts";
import { type ControlTable, rowOf } from "../control-table.ts";
import {
  type CheckGroup,
  countSeverities,
  type DsnHistoryEntry,
  fileTotals,
  frenchMonth,
  groupFindings,
  headcountsOf,
  historyBySiren,
  historyEntries,
  monthlyStatus,
  previousMonths,
  READ_FAMILY,
  reportRows,
  splitAdvice,
  unreadableMessage,
  type Verdict,
  verdict,
} from "../control-view.ts";
import type { DsnReport } from "../report.ts";
import { ControlTableView } from "./control-table-view.tsx";
import type { WorkerContext, WorkerReply, WorkerRequest } from "./dsn-worker-protocol.ts";
import "./dsn-control.css";
import { formatSiren } from "../../register/model/ids.ts";

/** Findings shown per check before "show all" (the CSV export always has every one). */
const SHOWN_PER_CHECK = 50;

interface ControlItem {
  id: number;
  name: string;
  size: number;
  status: "waiting" | "reading" | "done" | "failed";
  bytes: number;
  report?: DsnReport;
  families?: Record<string, string>;
  /** French, when the worker itself failed. */
  failure?: string;
}

const SEVERITY_KEYS = {
  error: "dsnControlSeverityError",
  warning: "dsnControlSeverityWarning",
  info: "dsnControlSeverityInfo",
} as const;
const VERDICT_KEYS: Record<Verdict, string> = {
  ok: "dsnControlVerdictOk",
  warnings: "dsnControlVerdictWarnings",
  errors: "dsnControlVerdictErrors",
  unreadable: "dsnControlVerdictUnreadable",
};

const megabytes = (n: number) =>
  (n / 1_048_576).toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

let nextId = 1;

export function DsnControlTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const { snapshot } = props;
  const [items, setItems] = useState<ControlItem[]>([]);
  const [history, setHistory] = useState<DsnHistoryEntry[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const worker = useRef<Worker | null>(null);
  /** File names by request id, for the history entries of a finished file. */
  const names = useRef(new Map<number, string>());

  // The register's headcounts (the listing's rows do not carry them): the company size of the checks.
  const [headcounts, setHeadcounts] = useState<Record<string, number>>({});
  useEffect(() => {
    send({ type: "register/get" })
      .then((full) => setHeadcounts(headcountsOf(full.clients)))
      .catch(() => setHeadcounts({}));
  }, [snapshot]);
  const context: WorkerContext = useMemo(
    () => ({
      firmSiret: snapshot.settings.siretActif,
      oldSirets: snapshot.settings.anciensSirets,
      contact: snapshot.settings.contactDsn,
      clientSirens: [...new Set(snapshot.rows.flatMap((r) => (r.siren ? [r.siren] : [])))],
      headcounts,
    }),
    [snapshot, headcounts],
  );
  const clientNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const r of snapshot.rows) if (r.siren && !names.has(r.siren)) names.set(r.siren, r.raisonSociale);
    return names;
  }, [snapshot]);

  const loadHistory = async () => {
    try {
      setHistory(await send({ type: "dsn-history/get" }));
      setHistoryError(null);
    } catch (e) {
      setHistoryError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    void loadHistory();
    // A file dropped beside the zone must not make the page navigate to it.
    const block = (e: DragEvent) => e.preventDefault();
    addEventListener("dragover", block);
    addEventListener("drop", block);
    return () => {
      removeEventListener("dragover", block);
      removeEventListener("drop", block);
      worker.current?.terminate();
      worker.current = null;
    };
  }, []);

  const update = (id: number, change: Partial<ControlItem>) =>
    setItems((list) => list.map((it) => (it.id === id ? { ...it, ...change } : it)));

  const finished = async (id: number, name: string, report: DsnReport, families: Record<string, string>) => {
    update(id, { status: "done", report, families, bytes: report.stats.bytes });
    const entries = historyEntries(name, report, new Date());
    if (entries.length === 0) return;
    try {
      // A message carries at most 500 entries (one per SIREN and month of the file).
      for (let i = 0; i < entries.length; i += 500)
        await send({ type: "dsn-history/record", entries: entries.slice(i, i + 500) });
      await loadHistory();
    } catch (e) {
      setHistoryError(e instanceof Error ? e.message : String(e));
    }
  };

  const getWorker = (): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL("./dsn-worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === "progress") update(reply.id, { status: "reading", bytes: reply.bytes });
      else if (reply.type === "failed") update(reply.id, { status: "failed", failure: reply.message });
      else void finished(reply.id, names.current.get(reply.id) ?? "", reply.report, reply.families);
    };
    w.onerror = (event) => {
      event.preventDefault();
      // The worker could not start or crashed: every file still waiting fails with a clear message.
      setItems((list) =>
        list.map((it) =>
          it.status === "waiting" || it.status === "reading"
            ? { ...it, status: "failed", failure: t("dsnControlWorkerFailed") }
            : it,
        ),
      );
      w.terminate();
      worker.current = null;
    };
    worker.current = w;
    return w;
  };

  const control = (files: readonly File[]) => {
    if (files.length === 0) return;
    const w = getWorker();
    const added: ControlItem[] = files.map((file) => ({
      id: nextId++,
      name: file.name,
      size: file.size,
      status: "waiting",
      bytes: 0,
    }));
    setItems((list) => [...added, ...list]);
    files.forEach((file, i) => {
      const id = added[i]?.id ?? 0;
      names.current.set(id, file.name);
      performance.mark(`dsn-control-chosen-${id}`);
      const request: WorkerRequest = { id, file, context };
      w.postMessage(request);
    });
  };

  const done = items.filter((it) => it.status === "done" && it.report);

  const exportCsv = () => {
    const rows = reportRows(
      [...done].reverse().map((it) => ({
        name: it.name,
        report: it.report as DsnReport,
        families: it.families ?? {},
      })),
    );
    downloadBlob(
      new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }),
      datedName("controle-dsn", "csv"),
    );
  };

  useEffect(() => {
    if (!printing) return;
    // Rendered with every finding shown: print, then back to the normal view.
    const after = () => setPrinting(false);
    addEventListener("afterprint", after, { once: true });
    window.print();
    return () => removeEventListener("afterprint", after);
  }, [printing]);

  const clearHistory = async (siren?: string) => {
    const question = siren
      ? t("dsnControlHistoryForgetConfirm", formatSiren(siren))
      : t("dsnControlHistoryClearConfirm");
    if (!window.confirm(question)) return;
    try {
      await send({ type: "dsn-history/clear", ...(siren ? { siren } : {}) });
      await loadHistory();
    } catch (e) {
      setHistoryError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section class={`dsn-control${printing ? " printing" : ""}`} aria-labelledby="dsn-control-title">
      <h2 id="dsn-control-title">{t("dsnControlTitle")}</h2>
      <p class="dsn-screen-only">{t("dsnControlHint")}</p>
      <p class="hint dsn-screen-only">{t("dsnControlPrivacy")}</p>
      {!snapshot.settings.siretActif && <Notice kind="info">{t("dsnControlNoFirmSiret")}</Notice>}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone; the button inside is the keyboard way in. */}
      <div
        class={`dsn-drop${dragging ? " over" : ""}`}
        data-testid="dsn-drop"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          control([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <p>{t("dsnControlDrop")}</p>
        <label class="button">
          {t("dsnControlChoose")}
          <input
            type="file"
            multiple
            accept=".dsn,.txt,.edi,text/plain"
            class="visually-hidden"
            data-testid="dsn-input"
            onChange={(e) => {
              const input = e.currentTarget;
              control([...(input.files ?? [])]);
              input.value = "";
            }}
          />
        </label>
      </div>

      {items.length > 0 && (
        <div class="actions dsn-screen-only">
          <button type="button" disabled={done.length === 0} onClick={exportCsv} data-testid="dsn-export-csv">
            {t("dsnControlExportCsv")}
          </button>
          <button
            type="button"
            disabled={done.length === 0}
            onClick={() => setPrinting(true)}
            data-testid="dsn-print"
          >
            {t("dsnControlPrint")}
          </button>
          <button type="button" onClick={() => setItems([])} data-testid="dsn-clear">
            {t("dsnControlClear")}
          </button>
        </div>
      )}

      <div aria-live="polite">
        {items.map((it) => (
          <FileResult
            key={it.id}
            item={it}
            clientNames={clientNames}
            printing={printing}
            history={history ?? []}
          />
        ))}
      </div>

      <HistoryView
        history={history}
        error={historyError}
        clientNames={clientNames}
        onForget={(siren) => void clearHistory(siren)}
        onClear={() => void clearHistory()}
      />
    </section>
  );
}

function FileResult(props: {
  item: ControlItem;
  clientNames: Map<string, string>;
  printing: boolean;
  history: readonly DsnHistoryEntry[];
}) {
  const { item } = props;
  useEffect(() => {
    if (item.status !== "done") return;
    // Marked once the report is on screen (the next frame after this render): for the benchmark.
    requestAnimationFrame(() => performance.mark(`dsn-control-shown-${item.id}`));
  }, [item.status, item.id]);

  if (item.status === "waiting" || item.status === "reading") {
    const pct = item.size > 0 ? Math.min(100, Math.round((item.bytes / item.size) * 100)) : 0;
    return (
      <article class="dsn-file" data-testid="dsn-file" data-status={item.status}>
        <h3>{item.name}</h3>
        <p>
          <progress max={100} value={pct} aria-label={t("dsnControlReading", item.name)} />{" "}
          {item.status === "waiting" ? t("dsnControlWaiting") : t("dsnControlProgress", [String(pct)])}
        </p>
      </article>
    );
  }
  if (item.status === "failed" || !item.report) {
    return (
      <article class="dsn-file" data-testid="dsn-file" data-status="failed" data-verdict="unreadable">
        <h3>{item.name}</h3>
        <Notice kind="error">
          <span data-testid="dsn-unreadable">{t("dsnControlFailed", item.failure ?? "")}</span>
        </Notice>
      </article>
    );
  }
  const report = item.report;
  const v = verdict(report);
  if (v === "unreadable") {
    return (
      <article class="dsn-file" data-testid="dsn-file" data-status="done" data-verdict={v}>
        <h3>
          {item.name} <span class={`verdict ${v}`}>{t(VERDICT_KEYS[v])}</span>
        </h3>
        <Notice kind="error">
          <span data-testid="dsn-unreadable">{unreadableMessage(report)}</span>
        </Notice>
      </article>
    );
  }
  const counts = countSeverities(report);
  const totals = fileTotals(report);
  const groups = groupFindings(report, item.families ?? {});
  return (
    <article class="dsn-file" data-testid="dsn-file" data-status="done" data-verdict={v}>
      <h3>
        {item.name} <span class={`verdict ${v}`}>{t(VERDICT_KEYS[v])}</span>
      </h3>
      <p data-testid="dsn-summary">
        {t("dsnControlSummary", [
          String(counts.errors),
          String(counts.warnings),
          String(counts.infos),
          String(report.declarations.length),
          String(totals.establishments),
          String(totals.individuals),
        ])}
      </p>
      <p class="hint">
        {t("dsnControlStats", [
          megabytes(report.stats.bytes),
          report.stats.lines.toLocaleString("fr-FR"),
          String(Math.round(report.stats.ms)),
          report.stats.encoding === "latin-1" ? "ISO-8859-1" : report.stats.encoding.toUpperCase(),
        ])}
      </p>
      {report.declarations.length > 0 && (
        <table class="plain dsn-declarations">
          <caption class="visually-hidden">{t("dsnControlDeclarations")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dsnControlColSiren")}</th>
              <th scope="col">{t("dsnControlColClient")}</th>
              <th scope="col">{t("dsnControlColNic")}</th>
              <th scope="col">{t("dsnControlColMonth")}</th>
              <th scope="col">{t("dsnControlColNature")}</th>
              <th scope="col">{t("dsnControlColIndividuals")}</th>
            </tr>
          </thead>
          <tbody>
            {report.declarations.map((d, i) => (
              <tr key={i}>
                <td>{formatSiren(d.siren)}</td>
                <td>{props.clientNames.get(d.siren) ?? t("dsnControlUnknownClient")}</td>
                <td>{d.nic}</td>
                <td>{frenchMonth(d.mois)}</td>
                <td>{d.nature}</td>
                <td>{d.individuals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(report.tables ?? []).map((tb) => (
        <ControlTableView
          key={`${tb.siren}${tb.nic}-${tb.month}`}
          table={tb}
          previous={previousMonths(props.history, tb.siren, tb.nic, tb.month)}
        />
      ))}
      {groups.length === 0 && <Notice kind="ok">{t("dsnControlNothing")}</Notice>}
      {groups.map((g) => (
        <section key={g.family} class="dsn-family" data-family={g.family}>
          <h4>{g.family === READ_FAMILY ? t("dsnControlReadFamily") : g.label}</h4>
          {g.checks.map((c) => (
            <CheckFindings key={c.check} group={c} printing={props.printing} tables={report.tables ?? []} />
          ))}
        </section>
      ))}
    </article>
  );
}

function CheckFindings(props: { group: CheckGroup; printing: boolean; tables: readonly ControlTable[] }) {
  const { group } = props;
  const [all, setAll] = useState(false);
  const shown = all || props.printing ? group.findings : group.findings.slice(0, SHOWN_PER_CHECK);
  const more = group.findings.length - shown.length;
  return (
    <div class="dsn-check" data-check={group.check}>
      <h5>
        <span class={`severity ${group.severity}`}>{t(SEVERITY_KEYS[group.severity])}</span> {group.check}{" "}
        <span class="count">({group.findings.length})</span>
      </h5>
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">{t("dsnControlColSeverity")}</th>
            <th scope="col">{t("dsnControlColRubric")}</th>
            <th scope="col">{t("dsnControlColLine")}</th>
            <th scope="col">{t("dsnControlColExplanation")}</th>
            <th scope="col">{t("dsnControlColFix")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => {
            const { explanation, fix } = splitAdvice(f.message);
            return (
              <tr key={i} data-testid="dsn-finding">
                <td>{t(SEVERITY_KEYS[f.severity])}</td>
                <td>
                  <code>{f.rubric}</code>
                </td>
                <td>
                  <FindingLine line={f.line} tables={props.tables} />
                </td>
                <td>
                  {explanation}
                  <br />
                  <span class="hint">{t("dsnControlSource", f.source)}</span>
                </td>
                <td>{fix}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more > 0 && (
        <button type="button" class="link dsn-screen-only" onClick={() => setAll(true)}>
          {t("dsnControlShowAll", String(more))}
        </button>
      )}
    </div>
  );
}

function HistoryView(props: {
  history: DsnHistoryEntry[] | null;
  error: string | null;
  clientNames: Map<string, string>;
  onForget: (siren: string) => void;
  onClear: () => void;
}) {
  const [filter, setFilter] = useState("");
  const clients = useMemo(() => historyBySiren(props.history ?? []), [props.history]);
  const wanted = filter.trim().toLowerCase().replace(/\s/g, "");
  const shown = wanted
    ? clients.filter(
        (c) =>
          c.siren.includes(wanted) ||
          (props.clientNames.get(c.siren) ?? "").toLowerCase().replace(/\s/g, "").includes(wanted),
      )
    : clients;
  return (
    <section class="dsn-history" aria-labelledby="dsn-history-title" data-testid="dsn-history">
      <h2 id="dsn-history-title">{t("dsnControlHistoryTitle")}</h2>
      <p class="hint">{t("dsnControlHistoryHint")}</p>
      {props.error && <Notice kind="error">{t("dsnControlHistoryError", props.error)}</Notice>}
      {props.history && clients.length === 0 && <p>{t("dsnControlHistoryEmpty")}</p>}
      {clients.length > 0 && (
        <div class="filters">
          <label>
            {t("dsnControlHistoryFilter")}
            <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          </label>
          <button type="button" onClick={props.onClear} data-testid="dsn-history-clear">
            {t("dsnControlHistoryClear")}
          </button>
        </div>
      )}
      {shown.map((c) => (
        <div key={c.siren} class="dsn-history-client" data-siren={c.siren} data-testid="dsn-history-client">
          <h3>
            {props.clientNames.get(c.siren) ?? t("dsnControlUnknownClient")} —{" "}
            {t("dsnControlSirenLabel", formatSiren(c.siren))}{" "}
            <button type="button" class="link" onClick={() => props.onForget(c.siren)}>
              {t("dsnControlHistoryForget")}
            </button>
          </h3>
          <ol class="dsn-months" aria-label={t("dsnControlHistoryMonths")} data-testid="dsn-months">
            {monthlyStatus(c.entries).map((m) => (
              <li key={m.mois} class={`verdict ${m.verdict}`} data-verdict={m.verdict}>
                {frenchMonth(m.mois)} : {t(VERDICT_KEYS[m.verdict])}
              </li>
            ))}
          </ol>
          <table class="plain">
            <thead>
              <tr>
                <th scope="col">{t("dsnControlColMonth")}</th>
                <th scope="col">{t("dsnControlColFile")}</th>
                <th scope="col">{t("dsnControlColControlled")}</th>
                <th scope="col">{t("dsnControlColErrors")}</th>
                <th scope="col">{t("dsnControlColWarnings")}</th>
                <th scope="col">{t("dsnControlColIndividuals")}</th>
                <th scope="col">{t("dsnControlColMain")}</th>
              </tr>
            </thead>
            <tbody>
              {c.entries.map((e) => (
                <tr key={`${e.mois} ${e.fichier} ${e.controleLe}`} data-testid="dsn-history-row">
                  <td>{e.mois ? frenchMonth(e.mois) : "—"}</td>
                  <td>
                    {e.fichier}
                    {e.declarations > 1 && (
                      <span class="hint"> {t("dsnControlHistoryWholeFile", String(e.declarations))}</span>
                    )}
                  </td>
                  <td>{formatDateTime(e.controleLe)}</td>
                  <td class={e.erreurs > 0 ? "warn" : ""}>{e.erreurs}</td>
                  <td>{e.avertissements}</td>
                  <td>{e.individus}</td>
                  <td>
                    {e.principaux.length === 0
                      ? t("dsnControlVerdictOk")
                      : e.principaux.map((p) => (
                          <div key={p.check + p.message}>
                            <code>{p.check}</code> {p.message}
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** A finding's line, linked to the control file's row it is about when there is one. */
function FindingLine(props: { line: number | null; tables: readonly ControlTable[] }) {
  if (props.line === null) return <>—</>;
  for (const tb of props.tables) {
    const id = rowOf(tb, props.line);
    if (id)
      return (
        <a
          href={`#${id}`}
          title={t("dsnControlTableSeeRow")}
          data-testid="dsn-finding-row-link"
          onClick={(e) => {
            // Not through the URL: the options page's hash names its tab.
            e.preventDefault();
            showRow(id);
          }}
        >
          {props.line}
        </a>
      );
  }
  return <>{props.line}</>;
}

/** Scrolls to a control file's row, marks it and gives it the focus (for keyboard and screen readers). */
function showRow(id: string) {
  const row = document.getElementById(id);
  if (!row) return;
  for (const other of document.querySelectorAll(".dsn-targeted")) other.classList.remove("dsn-targeted");
  row.classList.add("dsn-targeted");
  row.scrollIntoView({ block: "center" });
  row.focus();
}
