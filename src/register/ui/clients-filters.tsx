import { t } from "../../core/browser.ts";
import type { Collaborator } from "../model/register.ts";
import type { ClientStatus } from "../model/register-model.ts";
import { StatusOptions } from "./status-options.tsx";

export interface ClientFilterValues {
  text: string;
  statut: ClientStatus | "";
  /** "*" for everyone, "" for nobody, else a collaborator id. */
  collaborateur: string;
  tag: string;
}

export function ClientFilters(props: {
  value: ClientFilterValues;
  onChange: (next: ClientFilterValues) => void;
  collaborators: readonly Collaborator[];
  tags: readonly string[];
}) {
  const { value, onChange } = props;
  const set = (patch: Partial<ClientFilterValues>) => onChange({ ...value, ...patch });
  return (
    <search class="filters">
      <label>
        {t("optSearch")}
        <input
          type="search"
          value={value.text}
          placeholder={t("optSearchPlaceholder")}
          onInput={(e) => set({ text: e.currentTarget.value })}
          data-testid="clients-search"
        />
      </label>
      <label>
        {t("optStatus")}
        <select
          value={value.statut}
          onChange={(e) => set({ statut: e.currentTarget.value as ClientStatus | "" })}
        >
          <option value="">{t("optAll")}</option>
          <StatusOptions />
        </select>
      </label>
      <label>
        {t("optCollaborator")}
        <select value={value.collaborateur} onChange={(e) => set({ collaborateur: e.currentTarget.value })}>
          <option value="*">{t("optAll")}</option>
          <option value="">{t("optNobody")}</option>
          {props.collaborators.map((c) => (
            <option key={c.id} value={c.id}>
              {c.prenom} {c.nom}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("optTag")}
        <select value={value.tag} onChange={(e) => set({ tag: e.currentTarget.value })}>
          <option value="">{t("optAll")}</option>
          {props.tags.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}
