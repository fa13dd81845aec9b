import { useMemo, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { ClientForm, RegisterListing } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { BulkDialog } from "../../portfolio/ui/bulk-dialog.tsx";
import type { Client } from "../model/register.ts";
import {
  CLIENT_STATUS_LABELS,
  type ClientRow,
  type ClientStatus,
  queryClients,
  toRow,
} from "../model/register-model.ts";
import { ClientFormView } from "./client-form.tsx";
import { ClientsBulkBar } from "./clients-bulk-bar.tsx";
import { ClientFilters, type ClientFilterValues } from "./clients-filters.tsx";
import { type ClientSort, ClientsTable } from "./clients-table.tsx";
import { useModal } from "./use-modal.ts";
import type { RegisterApi } from "./use-register.ts";

type BulkAction = { action: "add" | "resign" | "resend-code"; clients: ClientRow[] };

export function ClientsTab(props: { snapshot: RegisterListing; api: RegisterApi }) {
  const { snapshot, api } = props;
  const [filters, setFilters] = useState<ClientFilterValues>({
    text: "",
    statut: "",
    collaborateur: "*",
    tag: "",
  });
  const [sort, setSort] = useState<ClientSort>({ by: "raisonSociale", dir: "asc" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Client | "new" | null>(null);
  const [bulk, setBulk] = useState<BulkAction | null>(null);
  const dialog = useModal(editing);
  const bulkDialog = useModal(bulk);

  const rows = useMemo(() => {
    const { text, statut, collaborateur, tag } = filters;
    return queryClients(snapshot.rows, {
      text,
      ...(statut ? { statuts: [statut] } : {}),
      ...(collaborateur === "*" ? {} : { collaborateurId: collaborateur || null }),
      ...(tag ? { tag } : {}),
      sort,
    });
  }, [snapshot.rows, filters, sort]);
  const tags = useMemo(
    () => [...new Set(snapshot.rows.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b, "fr")),
    [snapshot.rows],
  );
  const names = useMemo(
    () => new Map(snapshot.collaborators.map((c) => [c.id, `${c.prenom} ${c.nom}`])),
    [snapshot.collaborators],
  );
  // Bulk actions apply to the selected clients the filters show.
  const selectedInView = rows.filter((r) => selected.has(r.id));

  /** The table holds rows; the form edits the full client, fetched when opened. */
  const openClient = async (id: string) => {
    try {
      setEditing(await send({ type: "client/get", id }));
    } catch (e) {
      api.setFeedback({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const save = async (data: ClientForm) => {
    const current = editing;
    const done =
      current === "new"
        ? await api.act(
            () => send({ type: "client/create", client: data }),
            (c) => t("optClientCreated", c.raisonSociale),
          )
        : current
          ? await api.act(
              () => send({ type: "client/edit", id: current.id, edit: data }),
              (c) => t("optClientSaved", c.raisonSociale),
            )
          : null;
    if (done) setEditing(null);
  };

  const bulkStatus = (value: ClientStatus) => {
    const ids = selectedInView.map((c) => c.id);
    void api.act(
      () => send({ type: "clients/status", ids, statut: value }),
      (r) => t("optStatusChanged", [String(r.changed), CLIENT_STATUS_LABELS[value]]),
    );
  };
  const bulkDelete = () => {
    const ids = selectedInView.map((c) => c.id);
    if (!window.confirm(t("optConfirmDelete", String(ids.length)))) return;
    void api
      .act(
        () => send({ type: "clients/delete", ids }),
        (r) => t("optDeleted", String(r.deleted)),
      )
      .then(() => setSelected(new Set()));
  };

  return (
    <section aria-labelledby="clients-title">
      <div class="toolbar">
        <h2 id="clients-title">
          {t("optClientsTitle")}{" "}
          <span class="count" data-testid="clients-count">
            {t("optClientsCount", [String(rows.length), String(snapshot.rows.length)])}
          </span>
        </h2>
        <button type="button" class="primary" onClick={() => setEditing("new")} data-testid="client-new">
          {t("optClientNew")}
        </button>
      </div>
      <ClientFilters
        value={filters}
        onChange={setFilters}
        collaborators={snapshot.collaborators}
        tags={tags}
      />
      {selectedInView.length > 0 && (
        <ClientsBulkBar
          count={selectedInView.length}
          onStatus={bulkStatus}
          onSite={(action) => setBulk({ action, clients: selectedInView })}
          onDelete={bulkDelete}
        />
      )}
      <ClientsTable
        rows={rows}
        total={snapshot.rows.length}
        sort={sort}
        onSort={setSort}
        selected={selected}
        onSelect={setSelected}
        collaboratorNames={names}
        onOpen={(id) => void openClient(id)}
      />
      <dialog ref={bulkDialog} onClose={() => setBulk(null)} aria-label={t("optBulkActions")}>
        {bulk && (
          <BulkDialog
            action={bulk.action}
            clients={bulk.clients}
            onClose={(started) => {
              setBulk(null);
              if (started) api.setFeedback({ kind: "ok", text: t("optBulkStarted") });
            }}
          />
        )}
      </dialog>
      <dialog ref={dialog} onClose={() => setEditing(null)} aria-label={t("optClientNew")}>
        {editing && (
          <ClientFormView
            key={editing === "new" ? "new" : editing.id}
            client={editing === "new" ? null : editing}
            collaborators={snapshot.collaborators}
            serverErrors={api.feedback?.kind === "error" ? api.feedback.fields : undefined}
            onSubmit={(data) => void save(data)}
            onCancel={() => setEditing(null)}
            onSite={(action) => {
              if (editing === "new") return;
              setEditing(null);
              setBulk({ action, clients: [toRow(editing)] });
            }}
          />
        )}
      </dialog>
    </section>
  );
}
