// Before a bulk job: what will be done, to whom, how many — then one explicit confirmation.
import { useState } from "preact/hooks";
import { browser, t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import { LOGIN_URL } from "../../pages/addresses.ts";
import { formatSiren } from "../../register/model/ids.ts";
import { CLIENT_KIND_LABELS, type ClientRow } from "../../register/model/register-model.ts";
import { Notice } from "../../ui/common/field.tsx";
import type { RowSeen } from "../model/jobs.ts";

export function BulkDialog(props: {
  action: "add" | "resign" | "resend-code";
  /** Register clients, or accounts read on the Urssaf list (which may be absent from the register). */
  clients?: readonly ClientRow[];
  accounts?: readonly RowSeen[];
  onClose: (started: boolean) => void;
}) {
  const lines = [
    ...(props.clients ?? []).map((c) => ({
      key: c.id,
      name: c.raisonSociale,
      id: c.siren ? formatSiren(c.siren) : (c.numeroCompte ?? ""),
      kind: CLIENT_KIND_LABELS[c.kind],
    })),
    ...(props.accounts ?? []).map((a) => ({
      key: `${a.regime}|${a.siren}|${a.numeroCompte}`,
      name: "—",
      id: a.siren ? formatSiren(a.siren) : (a.numeroCompte ?? ""),
      kind: a.regime,
    })),
  ];
  const [paceS, setPaceS] = useState("1,5");
  const [error, setError] = useState<string | null>(null);
  const pace = Number(paceS.replace(",", "."));
  const paceValid = Number.isFinite(pace) && pace >= 0.5 && pace <= 30;
  const add = props.action === "add";
  const keys = {
    add: { title: "optBulkAddTitle", hint: "optBulkAddHint", one: "optBulkAddOne", start: "optBulkAddStart" },
    resign: {
      title: "optBulkResignTitle",
      hint: "optBulkResignHint",
      one: "optBulkResignOne",
      start: "optBulkResignStart",
    },
    "resend-code": {
      title: "optBulkResendTitle",
      hint: "optBulkResendHint",
      one: "optBulkResendOne",
      start: "optBulkResendStart",
    },
  }[props.action];

  const start = async () => {
    try {
      const view = await send({
        type: "job/create",
        action: props.action,
        clientIds: (props.clients ?? []).map((c) => c.id),
        accounts: [...(props.accounts ?? [])],
        paceMs: Math.round(pace * 1000),
      });
      // The job runs in an Urssaf tab: on the account list it knows, or from the login page.
      await browser.tabs.create({ url: view.job.listUrl ?? LOGIN_URL });
      props.onClose(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div data-testid="bulk-dialog">
      <h2>{t(keys.title, String(lines.length))}</h2>
      <p>{t(keys.hint)}</p>
      <div class="table-scroll short">
        <table class="plain">
          <thead>
            <tr>
              <th scope="col">{t("optCompanyName")}</th>
              <th scope="col">{t("optIdentifier")}</th>
              <th scope="col">{t("optClientKind")}</th>
              <th scope="col">{t("optActions")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((c) => (
              <tr key={c.key}>
                <td>{c.name}</td>
                <td class="num">{c.id}</td>
                <td>{c.kind}</td>
                <td class={add ? "" : "danger"}>{t(keys.one)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label class="field">
        {t("optPace")}
        <input
          inputMode="decimal"
          value={paceS}
          onInput={(e) => setPaceS(e.currentTarget.value)}
          aria-invalid={paceValid ? undefined : "true"}
          data-testid="bulk-pace"
        />
      </label>
      {!paceValid && <p class="error">{t("optPaceInvalid")}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <div class="actions">
        <button
          type="button"
          class={add ? "primary" : "danger"}
          disabled={!paceValid}
          onClick={() => void start()}
          data-testid="bulk-start"
        >
          {t(keys.start, String(lines.length))}
        </button>
        <button type="button" onClick={() => props.onClose(false)}>
          {t("optCancel")}
        </button>
      </div>
    </div>
  );
}
