import { useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { send } from "../../core/send.ts";
import {
  CIVILITES,
  type Civilite,
  EMAIL_NOTIFICATIONS,
  ONLINE_SERVICES,
} from "../../portfolio/data/urssaf-services.ts";
import { Field, Select } from "../../ui/common/field.tsx";
import type { FirmSettings } from "../model/register.ts";
import { liveSiret } from "./live-check.ts";
import type { RegisterApi } from "./use-register.ts";

export function SettingsTab(props: { settings: FirmSettings; api: RegisterApi }) {
  const [draft, setDraft] = useState(() => ({
    ...props.settings,
    siretActif: props.settings.siretActif ?? "",
    anciensSirets: props.settings.anciensSirets.join("\n"),
  }));
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setContact = (key: keyof FirmSettings["contactDsn"], value: string | null) =>
    setDraft((d) => ({ ...d, contactDsn: { ...d.contactDsn, [key]: value } }));
  const toggle = (list: "services" | "courriels", label: string, on: boolean) =>
    setDraft((d) => {
      const current = d.profilParDefaut[list] as string[];
      const next = on ? [...current, label] : current.filter((x) => x !== label);
      return { ...d, profilParDefaut: { ...d.profilParDefaut, [list]: next } };
    });
  const oldSirets = draft.anciensSirets
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const oldSiretErrors = oldSirets.map((s) => liveSiret(s).error).filter(Boolean);
  const active = liveSiret(draft.siretActif);
  const fieldError = (name: string) => props.api.feedback?.fields?.[name] ?? null;

  const save = (e: Event) => {
    e.preventDefault();
    void props.api.act(
      () =>
        send({
          type: "settings/save",
          settings: { ...draft, siretActif: draft.siretActif.trim() || null, anciensSirets: oldSirets },
        }),
      () => t("optSettingsSaved"),
    );
  };

  return (
    <form onSubmit={save} aria-labelledby="settings-title" data-testid="settings-form">
      <h2 id="settings-title">{t("optSettingsTitle")}</h2>
      <Field label={t("optFirmName")} value={draft.nom} onInput={(v) => set("nom", v)} />
      <Field
        label={t("optActiveSiret")}
        value={draft.siretActif}
        onInput={(v) => set("siretActif", v)}
        inputMode="numeric"
        error={active.error ?? fieldError("siretActif")}
        hint={active.hint ?? t("optActiveSiretHint")}
        testId="siret-actif"
      />
      <div class={`field${oldSiretErrors.length ? " invalid" : ""}`}>
        <label for="old-sirets">{t("optOldSirets")}</label>
        <textarea
          id="old-sirets"
          rows={3}
          value={draft.anciensSirets}
          aria-describedby="old-sirets-note"
          onInput={(e) => set("anciensSirets", e.currentTarget.value)}
        />
        <p id="old-sirets-note" class={oldSiretErrors.length ? "error" : "hint"}>
          {oldSiretErrors[0] ?? t("optOldSiretsHint")}
        </p>
      </div>
      <fieldset>
        <legend>{t("optDsnContact")}</legend>
        <Select<Civilite | "">
          label={t("optCivility")}
          value={draft.contactDsn.civilite ?? ""}
          options={[
            ["", "—"],
            ...Object.entries(CIVILITES).map(
              ([code, label]) => [code as Civilite, `${label} (${code})`] as const,
            ),
          ]}
          onChange={(v) => setContact("civilite", v || null)}
        />
        <Field
          label={t("optContactName")}
          value={draft.contactDsn.nomPrenom}
          onInput={(v) => setContact("nomPrenom", v)}
        />
        <Field
          label={t("optContactEmail")}
          type="email"
          value={draft.contactDsn.email}
          onInput={(v) => setContact("email", v)}
          error={fieldError("contactDsn.email")}
        />
        <Field
          label={t("optContactPhone")}
          type="tel"
          value={draft.contactDsn.telephone}
          onInput={(v) => setContact("telephone", v)}
        />
      </fieldset>
      <fieldset>
        <legend>{t("optDefaultProfile")}</legend>
        <p class="hint">{t("optDefaultProfileHint")}</p>
        <div class="columns">
          <div>
            <h3>{t("optOnlineServices")}</h3>
            {ONLINE_SERVICES.map((s) => (
              <label class="check" key={s}>
                <input
                  type="checkbox"
                  checked={draft.profilParDefaut.services.includes(s)}
                  onChange={(e) => toggle("services", s, e.currentTarget.checked)}
                />
                {s}
              </label>
            ))}
          </div>
          <div>
            <h3>{t("optEmailNotifications")}</h3>
            {EMAIL_NOTIFICATIONS.map((s) => (
              <label class="check" key={s}>
                <input
                  type="checkbox"
                  checked={draft.profilParDefaut.courriels.includes(s)}
                  onChange={(e) => toggle("courriels", s, e.currentTarget.checked)}
                />
                {s}
              </label>
            ))}
          </div>
        </div>
      </fieldset>
      <button type="submit" class="primary" disabled={Boolean(active.error) || oldSiretErrors.length > 0}>
        {t("optSave")}
      </button>
    </form>
  );
}
