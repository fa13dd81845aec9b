// "Échéances" tab of the options page: the reminder settings (lead times, morning digest, delay before
// « renvoyer le code », badge), what the rules need for one client (revenue-estimate requests,
// attestation de vigilance, security-code letter received, self-employed schedule) and the calendar
// export. `#echeances/<client id>` opens it on that client (a notification's click does).
import { useEffect, useMemo, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { type ClientRow, isSelfEmployed, queryClients } from "../../register/model/register-model.ts";
import type { RegisterApi } from "../../register/ui/use-register.ts";
import { Field, Select } from "../../ui/common/field.tsx";
import { formatDateFr } from "../model/calendar.ts";
import {
  BADGE_MODES,
  type BadgeMode,
  type ClientRecord,
  type ReminderSettings,
  SELF_EMPLOYED_SCHEDULES,
  type SelfEmployedSchedule,
} from "../model/rules.ts";
import { exportCalendar } from "./ics-export.ts";

const BADGE_LABELS: Record<BadgeMode, string> = {
  echeances: "optRemBadgeDue",
  messages: "optRemBadgeUnread",
  anomalies: "optRemBadgeAnomalies",
};
const SCHEDULE_LABELS: Record<SelfEmployedSchedule, string> = {
  "ti-mensuel-5": "optRemScheduleTi5",
  "ti-mensuel-20": "optRemScheduleTi20",
  "ti-trimestriel": "optRemScheduleTiQuarter",
  "micro-mensuel": "optRemScheduleMicroMonth",
  "micro-trimestriel": "optRemScheduleMicroQuarter",
};

const clientFromHash = () => {
  const [, id] = location.hash.slice(1).split("/");
  return id ? decodeURIComponent(id) : null;
};

function SettingsForm(props: { api: RegisterApi }) {
  const [s, setS] = useState<ReminderSettings | null>(null);
  const [leads, setLeads] = useState("");
  useEffect(() => {
    send({ type: "reminders/settings" }).then((v) => {
      setS(v);
      setLeads(v.leadDays.join(", "));
    });
  }, []);
  if (!s) return null;
  const leadDays = leads
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  const leadsInvalid = leadDays.some((n) => !Number.isInteger(n) || n < 1 || n > 60);
  const save = (e: Event) => {
    e.preventDefault();
    void props.api.act(
      () => send({ type: "reminders/settings", settings: { ...s, leadDays } }),
      () => t("optRemSettingsSaved"),
    );
  };
  return (
    <form onSubmit={save} data-testid="reminder-settings">
      <h2>{t("optRemSettingsTitle")}</h2>
      <Field
        label={t("optRemLeadDays")}
        value={leads}
        onInput={setLeads}
        error={leadsInvalid ? t("optRemLeadDaysInvalid") : null}
        hint={t("optRemLeadDaysHint")}
        testId="rem-leads"
      />
      <div class="field">
        <label for="rem-digest">{t("optRemDigestTime")}</label>
        <input
          id="rem-digest"
          type="time"
          value={s.digestTime}
          onInput={(e) => setS({ ...s, digestTime: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="rem-resend">{t("optRemResendDays")}</label>
        <input
          id="rem-resend"
          type="number"
          min={1}
          max={180}
          value={s.codeResendAfterDays}
          onInput={(e) => setS({ ...s, codeResendAfterDays: Number(e.currentTarget.value) })}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={s.notifications}
          onChange={(e) => setS({ ...s, notifications: e.currentTarget.checked })}
        />
        {t("optRemNotifications")}
      </label>
      <Select<BadgeMode>
        label={t("optRemBadge")}
        value={s.badge}
        options={BADGE_MODES.map((m) => [m, t(BADGE_LABELS[m])] as const)}
        onChange={(badge) => setS({ ...s, badge })}
        testId="rem-badge"
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={leadsInvalid}>
          {t("optSave")}
        </button>
      </div>
    </form>
  );
}

function DateInput(props: {
  id: string;
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="date"
        value={props.value ?? ""}
        data-testid={props.id}
        onInput={(e) => props.onChange(e.currentTarget.value || null)}
      />
    </div>
  );
}

function RecordForm(props: { client: ClientRow; api: RegisterApi }) {
  const { client } = props;
  const [r, setR] = useState<ClientRecord | null>(null);
  const [request, setRequest] = useState<string | null>(null);
  useEffect(() => {
    setR(null);
    send({ type: "client-record/get", id: client.id }).then(setR);
  }, [client.id]);
  if (!r) return null;
  const self = isSelfEmployed(client.kind);
  const save = (e: Event) => {
    e.preventDefault();
    const record =
      request && !r.estimationsRevenu.includes(request)
        ? { ...r, estimationsRevenu: [...r.estimationsRevenu, request].sort() }
        : r;
    void props.api
      .act(
        () => send({ type: "client-record/save", id: client.id, record }),
        () => t("optRemRecordSaved", client.raisonSociale),
      )
      .then((saved) => {
        if (saved) {
          setR(saved);
          setRequest(null);
        }
      });
  };
  return (
    <form onSubmit={save} data-testid="client-record" data-client={client.id}>
      <h3>{client.raisonSociale}</h3>
      {self && (
        <>
          <p class="hint">
            {r.estimationsRevenu.length > 0
              ? t("optRemEstimates", r.estimationsRevenu.map(formatDateFr).join(", "))
              : t("optRemNoEstimate")}
          </p>
          <DateInput id="rem-estimate" label={t("optRemEstimateAdd")} value={request} onChange={setRequest} />
          <p class="hint">{t("optRemResendHint")}</p>
          <DateInput
            id="rem-code"
            label={t("optRemCodeReceived")}
            value={r.codeRecuLe}
            onChange={(v) => setR({ ...r, codeRecuLe: v })}
          />
          <Select<SelfEmployedSchedule | "">
            label={t("optRemSchedule")}
            value={r.echeancier ?? ""}
            options={[
              ["", t("optRemScheduleNone")] as const,
              ...SELF_EMPLOYED_SCHEDULES.map((k) => [k, t(SCHEDULE_LABELS[k])] as const),
            ]}
            onChange={(v) => setR({ ...r, echeancier: v || null })}
          />
        </>
      )}
      <DateInput
        id="rem-vigilance"
        label={t("optRemVigilance")}
        value={r.attestationVigilanceLe}
        onChange={(v) => setR({ ...r, attestationVigilanceLe: v })}
      />
      <div class="actions">
        <button type="submit" class="primary" data-testid="rem-record-save">
          {t("optSave")}
        </button>
      </div>
    </form>
  );
}

export function RemindersTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const rows = props.snapshot.rows;
  const [text, setText] = useState("");
  const [selected, setSelected] = useState<string | null>(clientFromHash);
  const [who, setWho] = useState("");
  useEffect(() => {
    const onHash = () => setSelected(clientFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const matches = useMemo(() => (text.trim() ? queryClients(rows, { text }).slice(0, 12) : []), [rows, text]);
  const client = rows.find((c) => c.id === selected) ?? null;
  const exportIcs = () => {
    const name = props.snapshot.collaborators.find((k) => k.id === who);
    void props.api.act(
      () => exportCalendar(who || null, name ? `${name.prenom} ${name.nom}` : ""),
      (n) => t("icsDone", String(n)),
    );
  };
  return (
    <section data-testid="reminders-tab">
      <SettingsForm api={props.api} />
      <h2>{t("optRemClientTitle")}</h2>
      <p class="hint">{t("optRemClientHint")}</p>
      <Field label={t("optRemSearch")} type="search" value={text} onInput={setText} testId="rem-search" />
      {matches.length > 0 && (
        <ul class="rem-matches">
          {matches.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                class="link"
                onClick={() => {
                  setSelected(c.id);
                  history.replaceState(null, "", `#echeances/${encodeURIComponent(c.id)}`);
                }}
              >
                {c.raisonSociale} ({c.siren ?? c.numeroCompte ?? ""})
              </button>
            </li>
          ))}
        </ul>
      )}
      {client && <RecordForm key={client.id} client={client} api={props.api} />}
      {selected && !client && <p class="error">{t("optRemClientGone")}</p>}
      <h2>{t("icsTitle")}</h2>
      <p class="hint">{t("icsHint")}</p>
      <Select<string>
        label={t("icsFor")}
        value={who}
        options={[
          ["", t("icsWholeFirm")] as const,
          ...props.snapshot.collaborators.map((k) => [k.id, `${k.prenom} ${k.nom}`] as const),
        ]}
        onChange={setWho}
      />
      <div class="actions">
        <button type="button" onClick={exportIcs} data-testid="ics-export-options">
          {t("icsExport")}
        </button>
      </div>
    </section>
  );
}
