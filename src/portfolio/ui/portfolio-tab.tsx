// The portfolio as read on the Urssaf list, compared with the register: clients to register, accounts
// to resign, mismatches; each list leads to a bulk job; the snapshot exports as CSV.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { browser, t } from "../../core/browser.ts";
import { toCsv } from "../../core/csv.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { LOGIN_URL } from "../../pages/addresses.ts";
import { formatSiren } from "../../register/model/ids.ts";
import type { ClientRow } from "../../register/model/register-model.ts";
import type { RegisterApi } from "../../register/ui/use-register.ts";
import { datedName, downloadBlob } from "../../ui/common/download.ts";
import { Notice } from "../../ui/common/field.tsx";
import { formatDateTime } from "../../ui/common/format.ts";
import type { RowSeen } from "../model/jobs.ts";
import { comparePortfolio, type PortfolioSnapshot, snapshotRows } from "../model/portfolio.ts";
import { BulkDialog } from "./bulk-dialog.tsx";

const SHOWN = 200;

export function PortfolioTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const [portfolio, setPortfolio] = useState<PortfolioSnapshot | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [bulk, setBulk] = useState<
    { action: "add"; clients: ClientRow[] } | { action: "resign"; accounts: RowSeen[] } | null
  >(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    send({ type: "portfolio/get" }).then(setPortfolio, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    if (bulk) dialog.current?.showModal();
    else dialog.current?.close();
  }, [bulk]);

  const diff = useMemo(
    () => (portfolio ? comparePortfolio(portfolio.accounts, props.snapshot.rows) : null),
    [portfolio, props.snapshot.rows],
  );

  const read = async () => {
    try {
      const view = await send({ type: "job/create", action: "read" });
      await browser.tabs.create({ url: view.job.listUrl ?? LOGIN_URL });
      props.api.setFeedback({ kind: "ok", text: t("optPortfolioReading") });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const account = (a: RowSeen) =>
    `${a.regime} — ${a.siren ? `SIREN ${formatSiren(a.siren)}` : `compte ${a.numeroCompte ?? ""}`}`;

  return (
    <section aria-labelledby="portfolio-title">
      <h2 id="portfolio-title">{t("optPortfolioTitle")}</h2>
      <p>{t("optPortfolioHint")}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <div class="actions">
        <button type="button" class="primary" onClick={() => void read()} data-testid="portfolio-read">
          {t("optPortfolioRead")}
        </button>
        {portfolio && (
          <button
            type="button"
            onClick={() =>
              downloadBlob(
                new Blob([toCsv(snapshotRows(portfolio))], { type: "text/csv;charset=utf-8" }),
                datedName("portefeuille-urssaf", "csv"),
              )
            }
            data-testid="portfolio-export"
          >
            {t("optPortfolioExport")}
          </button>
        )}
      </div>
      {portfolio === null && <p class="empty">{t("optPortfolioNone")}</p>}
      {portfolio && diff && (
        <>
          <p data-testid="portfolio-summary">
            {t("optPortfolioSummary", [
              formatDateTime(portfolio.readAt),
              String(portfolio.accounts.length),
              String(portfolio.pages),
              String(diff.matched),
            ])}
          </p>
          <h3>{t("optToRegister", String(diff.toRegister.length))}</h3>
          {diff.toRegister.length > 0 && (
            <>
              <ul class="compact" data-testid="to-register">
                {diff.toRegister.slice(0, SHOWN).map((c) => (
                  <li key={c.id}>
                    {c.raisonSociale} — {c.siren ? `SIREN ${formatSiren(c.siren)}` : c.numeroCompte}{" "}
                    <button
                      type="button"
                      class="inline"
                      onClick={() => setBulk({ action: "add", clients: [c] })}
                      aria-label={t("optAddOne", c.raisonSociale)}
                      data-testid="register-one"
                    >
                      {t("optAddOneShort")}
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                onClick={() => setBulk({ action: "add", clients: diff.toRegister })}
                data-testid="register-all"
              >
                {t("optBulkAdd", String(diff.toRegister.length))}
              </button>
            </>
          )}
          <h3>{t("optToResign", String(diff.toResign.length))}</h3>
          {diff.toResign.length > 0 && (
            <>
              <ul class="compact" data-testid="to-resign">
                {diff.toResign.slice(0, SHOWN).map((r) => (
                  <li key={account(r.account)}>
                    {account(r.account)} — {r.client?.raisonSociale ?? ""}{" "}
                    <span class="hint">({r.reason})</span>{" "}
                    <button
                      type="button"
                      class="inline danger"
                      onClick={() => setBulk({ action: "resign", accounts: [r.account] })}
                      aria-label={t("optResignOne", account(r.account))}
                      data-testid="resign-one"
                    >
                      {t("optResignOneShort")}
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                class="danger"
                onClick={() => setBulk({ action: "resign", accounts: diff.toResign.map((r) => r.account) })}
                data-testid="resign-all"
              >
                {t("optBulkResign", String(diff.toResign.length))}
              </button>
            </>
          )}
          <h3>{t("optMismatches", String(diff.mismatches.length))}</h3>
          <ul class="compact" data-testid="mismatches">
            {diff.mismatches.slice(0, SHOWN).map((m) => (
              <li key={account(m.account)}>
                {account(m.account)} — {m.client.raisonSociale} <span class="hint">({m.reason})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <dialog ref={dialog} onClose={() => setBulk(null)} aria-label={t("optBulkActions")}>
        {bulk && (
          <BulkDialog
            action={bulk.action}
            {...(bulk.action === "add" ? { clients: bulk.clients } : { accounts: bulk.accounts })}
            onClose={(started) => {
              setBulk(null);
              if (started) props.api.setFeedback({ kind: "ok", text: t("optBulkStarted") });
            }}
          />
        )}
      </dialog>
    </section>
  );
}
