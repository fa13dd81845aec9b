import { t } from "../../core/browser.ts";
import type { ClientStatus } from "../model/register-model.ts";
import { StatusOptions } from "./status-options.tsx";

export type SiteAction = "add" | "resign";

/** What can be done to the selected clients: a status, an action on the Urssaf site, deletion. */
export function ClientsBulkBar(props: {
  count: number;
  onStatus: (statut: ClientStatus) => void;
  onSite: (action: SiteAction) => void;
  onDelete: () => void;
}) {
  return (
    <section class="bulk" aria-label={t("optBulkActions")}>
      <span>{t("optSelected", String(props.count))}</span>
      <label>
        {t("optSetStatus")}
        <select
          value=""
          onChange={(e) => e.currentTarget.value && props.onStatus(e.currentTarget.value as ClientStatus)}
        >
          <option value="">—</option>
          <StatusOptions />
        </select>
      </label>
      <button type="button" onClick={() => props.onSite("add")} data-testid="bulk-add">
        {t("optBulkAdd", String(props.count))}
      </button>
      <button type="button" onClick={() => props.onSite("resign")} data-testid="bulk-resign">
        {t("optBulkResign", String(props.count))}
      </button>
      <button type="button" class="danger" onClick={props.onDelete}>
        {t("optDeleteSelected")}
      </button>
    </section>
  );
}
