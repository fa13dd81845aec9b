import { useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { Field } from "../../ui/common/field.tsx";
import { formatDateTime } from "../../ui/common/format.ts";
import type { Collaborator } from "../model/register.ts";
import type { RegisterApi } from "./use-register.ts";

/** A collaborator must activate the access within 24 hours of its creation (seed 002). */
const ACTIVATION_MS = 24 * 60 * 60 * 1000;

const empty = { nom: "", prenom: "", telephone: "", email: "" };

export function CollaboratorsTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const { snapshot, api } = props;
  const [draft, setDraft] = useState<typeof empty & { id?: string }>(empty);
  const counts = new Map<string, number>();
  for (const c of snapshot.rows)
    if (c.collaborateurId) counts.set(c.collaborateurId, (counts.get(c.collaborateurId) ?? 0) + 1);
  const fieldError = (k: string) =>
    api.feedback?.kind === "error" ? (api.feedback.fields?.[k] ?? null) : null;

  const save = async (e: Event) => {
    e.preventDefault();
    const done = await api.act(
      () => send({ type: "collaborator/save", collaborator: draft }),
      (c) => t("optCollaboratorSaved", `${c.prenom} ${c.nom}`),
    );
    if (done) setDraft(empty);
  };
  const remove = (c: Collaborator) => {
    if (
      !window.confirm(
        t("optConfirmDeleteCollaborator", [`${c.prenom} ${c.nom}`, String(counts.get(c.id) ?? 0)]),
      )
    )
      return;
    void api.act(
      () => send({ type: "collaborator/delete", id: c.id }),
      (r) => t("optCollaboratorDeleted", String(r.unassigned)),
    );
  };
  const now = Date.now();

  return (
    <section aria-labelledby="collab-title">
      <h2 id="collab-title">{t("optCollaboratorsTitle")}</h2>
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">{t("optName")}</th>
            <th scope="col">{t("optContactPhone")}</th>
            <th scope="col">{t("optContactEmail")}</th>
            <th scope="col">{t("optAccessCreated")}</th>
            <th scope="col">{t("optClientsAssigned")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("optActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshot.collaborators.map((c) => {
            const deadline = Date.parse(c.acces) + ACTIVATION_MS;
            return (
              <tr key={c.id}>
                <td>
                  {c.prenom} {c.nom}
                </td>
                <td>{c.telephone}</td>
                <td>{c.email}</td>
                <td>
                  {formatDateTime(c.acces)}
                  {deadline > now && (
                    <span class="hint">
                      {" "}
                      — {t("optActivateBefore", formatDateTime(new Date(deadline).toISOString()))}
                    </span>
                  )}
                </td>
                <td class="num">{counts.get(c.id) ?? 0}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    onClick={() =>
                      setDraft({
                        id: c.id,
                        nom: c.nom,
                        prenom: c.prenom,
                        telephone: c.telephone,
                        email: c.email,
                      })
                    }
                  >
                    {t("optEdit")}
                  </button>{" "}
                  <button type="button" class="link danger" onClick={() => remove(c)}>
                    {t("optDelete")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot.collaborators.length === 0 && <p class="empty">{t("optNoCollaborators")}</p>}
      <form onSubmit={(e) => void save(e)} data-testid="collaborator-form">
        <h3>{draft.id ? t("optCollaboratorEdit") : t("optCollaboratorNew")}</h3>
        <div class="columns">
          <Field
            label={t("optLastName")}
            value={draft.nom}
            onInput={(v) => setDraft({ ...draft, nom: v })}
            required
            error={fieldError("collaborator.nom") ?? fieldError("nom")}
          />
          <Field
            label={t("optFirstName")}
            value={draft.prenom}
            onInput={(v) => setDraft({ ...draft, prenom: v })}
            required
            error={fieldError("prenom")}
          />
          <Field
            label={t("optContactPhone")}
            type="tel"
            value={draft.telephone}
            onInput={(v) => setDraft({ ...draft, telephone: v })}
          />
          <Field
            label={t("optContactEmail")}
            type="email"
            value={draft.email}
            onInput={(v) => setDraft({ ...draft, email: v })}
            error={fieldError("email")}
          />
        </div>
        <p class="hint">{t("optAccessHint")}</p>
        <div class="actions">
          <button type="submit" class="primary">
            {t("optSave")}
          </button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(empty)}>
              {t("optCancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
