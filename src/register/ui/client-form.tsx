// Create or edit one client. Identifiers are checked as you type (reason from ids.ts); the background
// validates again and its per-field answers are shown beside the fields.
import { useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { ClientForm as ClientFormData } from "../../core/messages.ts";
import { Field, Select } from "../../ui/common/field.tsx";
import { formatSiren } from "../model/ids.ts";
import type { Client, Collaborator } from "../model/register.ts";
import {
  CLIENT_KIND_LABELS,
  CLIENT_KINDS,
  type ClientKind,
  dsnDueDay,
  isSelfEmployed,
} from "../model/register-model.ts";
import { liveAccount, liveNir, liveSiren, liveSiret } from "./live-check.ts";

interface Draft {
  kind: ClientKind;
  siren: string;
  siret: string;
  raisonSociale: string;
  numeroCompte: string;
  nir: string;
  montant: string;
  effectif: string;
  paieDecalee: boolean;
  collaborateurId: string;
  tags: string;
}

const fromClient = (c: Client | null): Draft => ({
  kind: c?.kind ?? "employeur",
  siren: c?.siren ?? "",
  siret: c?.siret ?? "",
  raisonSociale: c?.raisonSociale ?? "",
  numeroCompte: c?.numeroCompte ?? "",
  nir: c?.nir ?? "",
  montant:
    c?.montantDerniereDeclaration == null ? "" : String(c.montantDerniereDeclaration).replace(".", ","),
  effectif: c?.effectif == null ? "" : String(c.effectif),
  paieDecalee: c?.paieDecalee ?? false,
  collaborateurId: c?.collaborateurId ?? "",
  tags: c?.tags.join(", ") ?? "",
});

/** "1 234,56" / "1234.56" → 1234.56; "" → null; anything else → NaN (shown as an error). */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f€]/g, "");
  if (t === "") return null;
  const normalised = t.includes(",") ? t.replace(/\./g, "").replace(",", ".") : t;
  return /^\d+(\.\d{1,2})?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

export function ClientFormView(props: {
  client: Client | null;
  collaborators: readonly Collaborator[];
  serverErrors: Record<string, string> | undefined;
  onSubmit: (data: ClientFormData) => void;
  onCancel: () => void;
  /** Editing: start a job on the Urssaf site for this client. */
  onSite?: (action: "add" | "resign" | "resend-code") => void;
}) {
  const [d, setD] = useState<Draft>(() => fromClient(props.client));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const editing = props.client !== null;
  const selfEmployed = isSelfEmployed(d.kind);
  const gerant = d.kind === "gerant-non-siretise";
  const siren = liveSiren(d.siren);
  const siret = liveSiret(d.siret);
  const nir = liveNir(d.nir);
  const account = liveAccount(d.numeroCompte);
  const montant = parseAmount(d.montant);
  const effectif = d.effectif.trim() === "" ? null : Number(d.effectif);
  const server = (k: string) => props.serverErrors?.[k] ?? null;
  const due = dsnDueDay({
    kind: d.kind,
    effectif: Number.isInteger(effectif) ? effectif : null,
    paieDecalee: d.paieDecalee,
  });
  const invalid =
    Boolean(siren.error || siret.error || nir.error || account.error) ||
    Number.isNaN(montant) ||
    (effectif !== null && !(Number.isInteger(effectif) && effectif >= 0)) ||
    d.raisonSociale.trim() === "";

  const submit = (e: Event) => {
    e.preventDefault();
    props.onSubmit({
      kind: d.kind,
      siren: gerant ? null : d.siren.trim() || null,
      siret: gerant ? null : d.siret.trim() || null,
      raisonSociale: d.raisonSociale,
      numeroCompte: d.numeroCompte.trim() || null,
      nir: selfEmployed ? d.nir.trim() || null : null,
      montantDerniereDeclaration: selfEmployed ? null : montant,
      effectif: selfEmployed ? null : effectif,
      paieDecalee: !selfEmployed && d.paieDecalee,
      collaborateurId: d.collaborateurId || null,
      tags: d.tags
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
  };

  return (
    <form onSubmit={submit} data-testid="client-form">
      <h2>{editing ? t("optClientEdit", props.client?.raisonSociale ?? "") : t("optClientNew")}</h2>
      {editing ? (
        <p class="hint">
          {CLIENT_KIND_LABELS[d.kind]} · {d.siren ? formatSiren(d.siren) : d.numeroCompte} —{" "}
          {t("optIdentityFixed")}
        </p>
      ) : (
        <Select<ClientKind>
          label={t("optClientKind")}
          value={d.kind}
          options={CLIENT_KINDS.map((k) => [k, CLIENT_KIND_LABELS[k]] as const)}
          onChange={(v) => set("kind", v)}
          testId="client-kind"
        />
      )}
      <Field
        label={t("optCompanyName")}
        value={d.raisonSociale}
        onInput={(v) => set("raisonSociale", v)}
        required
        error={server("raisonSociale")}
        testId="client-name"
      />
      {!gerant && !editing && (
        <>
          <Field
            label="SIREN"
            value={d.siren}
            onInput={(v) => set("siren", v)}
            inputMode="numeric"
            error={siren.error ?? server("siren")}
            hint={siren.hint}
            testId="client-siren"
          />
          <Field
            label="SIRET"
            value={d.siret}
            onInput={(v) => set("siret", v)}
            inputMode="numeric"
            error={siret.error ?? server("siret")}
            hint={siret.hint}
            testId="client-siret"
          />
        </>
      )}
      {(!editing || !gerant) && (
        <Field
          label={selfEmployed ? t("optAccountSelfEmployed") : t("optAccountEmployer")}
          value={d.numeroCompte}
          onInput={(v) => set("numeroCompte", v)}
          error={account.error ?? server("numeroCompte")}
          hint={account.hint}
          testId="client-account"
        />
      )}
      {selfEmployed ? (
        <Field
          label={t("optNir")}
          value={d.nir}
          onInput={(v) => set("nir", v)}
          error={nir.error ?? server("nir")}
          hint={nir.hint ?? t("optNirHint")}
          testId="client-nir"
        />
      ) : (
        <>
          <Field
            label={t("optLastAmount")}
            value={d.montant}
            onInput={(v) => set("montant", v)}
            inputMode="decimal"
            error={Number.isNaN(montant) ? t("optAmountInvalid") : server("montantDerniereDeclaration")}
            hint={t("optLastAmountHint")}
          />
          <Field
            label={t("optHeadcount")}
            value={d.effectif}
            onInput={(v) => set("effectif", v)}
            inputMode="numeric"
            error={
              effectif !== null && !(Number.isInteger(effectif) && effectif >= 0)
                ? t("optHeadcountInvalid")
                : null
            }
          />
          <label class="check">
            <input
              type="checkbox"
              checked={d.paieDecalee}
              onChange={(e) => set("paieDecalee", e.currentTarget.checked)}
            />
            {t("optOffsetPay")}
          </label>
          <p class="hint">{due ? t("optDsnDue", String(due)) : ""}</p>
        </>
      )}
      <Select<string>
        label={t("optCollaborator")}
        value={d.collaborateurId}
        options={[
          ["", t("optNobody")],
          ...props.collaborators.map((c) => [c.id, `${c.prenom} ${c.nom}`] as const),
        ]}
        onChange={(v) => set("collaborateurId", v)}
      />
      <Field label={t("optTags")} value={d.tags} onInput={(v) => set("tags", v)} hint={t("optTagsHint")} />
      <div class="actions">
        <button type="submit" class="primary" disabled={invalid} data-testid="client-save">
          {t("optSave")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("optCancel")}
        </button>
      </div>
      {editing && props.onSite && (
        <div class="actions">
          <button type="button" onClick={() => props.onSite?.("add")} data-testid="one-add">
            {t("optOneAdd")}
          </button>
          <button type="button" class="danger" onClick={() => props.onSite?.("resign")}>
            {t("optOneResign")}
          </button>
          {selfEmployed && (
            <button type="button" onClick={() => props.onSite?.("resend-code")} data-testid="resend-code">
              {t("optResendCode")}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
