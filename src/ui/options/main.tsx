import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import { ClientsTab } from "../../register/ui/clients-tab.tsx";
import { SetAsideNotice } from "../../register/ui/set-aside-notice.tsx";
import { useRegister } from "../../register/ui/use-register.ts";
import { Notice } from "../shared/field.tsx";
import { formatDate } from "../shared/format.ts";
import { lazyComponent } from "../shared/lazy.tsx";
import { useStatus } from "../shared/use-status.ts";
import "../shared/base.css";
import "./options.css";

const ImportTab = lazyComponent(() => import("../../register/ui/import-tab.tsx").then((m) => m.ImportTab));
const ExportTab = lazyComponent(() => import("../../register/ui/export-tab.tsx").then((m) => m.ExportTab));
const CollaboratorsTab = lazyComponent(() =>
  import("../../register/ui/collaborators-tab.tsx").then((m) => m.CollaboratorsTab),
);
const PortfolioTab = lazyComponent(() =>
  import("../../portfolio/ui/portfolio-tab.tsx").then((m) => m.PortfolioTab),
);
const DsnControlTab = lazyComponent(() =>
  import("../../dsn/ui/dsn-control-tab.tsx").then((m) => m.DsnControlTab),
);
const RemindersTab = lazyComponent(() =>
  import("../../reminders/ui/reminders-tab.tsx").then((m) => m.RemindersTab),
);
const SettingsTab = lazyComponent(() =>
  import("../../register/ui/settings-tab.tsx").then((m) => m.SettingsTab),
);
const AnomaliesTab = lazyComponent(() =>
  import("../../anomalies/ui/anomalies-tab.tsx").then((m) => m.AnomaliesTab),
);

const TABS = [
  "clients",
  "portefeuille",
  "echeances",
  "import",
  "export",
  "collaborateurs",
  "cabinet",
  "controle-dsn",
  "anomalies",
  "apropos",
] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  clients: "optTabClients",
  portefeuille: "optTabPortfolio",
  echeances: "optTabReminders",
  import: "optTabImport",
  export: "optTabExport",
  collaborateurs: "optTabCollaborators",
  cabinet: "optTabFirm",
  "controle-dsn": "dsnControlTab",
  anomalies: "optTabAnomalies",
  apropos: "optTabAbout",
};

const tabFromHash = (): Tab => {
  // "#echeances/<client id>" opens the reminders tab on one client.
  const hash = location.hash.slice(1).split("/")[0] as Tab;
  return TABS.includes(hash) ? hash : "clients";
};

function Options() {
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const api = useRegister();
  const { status, error } = useStatus();
  useEffect(() => {
    const onHash = () => {
      setTab(tabFromHash());
      api.setFeedback(null);
    };
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const go = (next: Tab) => {
    history.replaceState(null, "", `#${next}`);
    setTab(next);
    api.setFeedback(null);
  };
  const snapshot = api.snapshot;

  return (
    <main>
      <header>
        <h1>{t("optionsTitle")}</h1>
        <p class="hint">{t("optionsPrivacy")}</p>
      </header>
      <div role="tablist" aria-label={t("optionsTitle")} class="tabs">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => go(id)}
            onKeyDown={(e) => {
              const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = TABS[(TABS.indexOf(id) + step + TABS.length) % TABS.length] ?? "clients";
              go(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t(TAB_LABELS[id])}
          </button>
        ))}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {api.feedback && (
          <Notice kind={api.feedback.kind}>
            <span data-testid="feedback">{api.feedback.text}</span>
          </Notice>
        )}
        {api.loadError && <Notice kind="error">{t("popupError", api.loadError)}</Notice>}
        {snapshot && <SetAsideNotice setAside={snapshot.setAside} />}
        {snapshot && tab === "clients" && <ClientsTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "portefeuille" && <PortfolioTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "echeances" && <RemindersTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "import" && <ImportTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "export" && <ExportTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "collaborateurs" && <CollaboratorsTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "cabinet" && <SettingsTab settings={snapshot.settings} api={api} />}
        {snapshot && tab === "controle-dsn" && <DsnControlTab snapshot={snapshot} api={api} />}
        {tab === "anomalies" && <AnomaliesTab />}
        {tab === "apropos" && (
          <section>
            <h2>{t("optionsPrivacyTitle")}</h2>
            <p>{t("optionsPrivacy")}</p>
            <p>{t("popupNotAffiliated")}</p>
            <h2>{t("optionsStorageTitle")}</h2>
            {error && <Notice kind="error">{t("popupError", error)}</Notice>}
            {status && (
              <p data-testid="schema">
                {t("optionsSchema", [String(status.schemaVersion), formatDate(status.installedAt)])}
              </p>
            )}
          </section>
        )}
      </div>
    </main>
  );
}

const app = document.getElementById("app");
if (app) render(<Options />, app);
