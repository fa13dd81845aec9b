import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ensureMessages, t } from "../../core/browser.ts";
import { ClientsTab } from "../../register/ui/clients-tab.tsx";
import { SetAsideNotice } from "../../register/ui/set-aside-notice.tsx";
import { useRegister } from "../../register/ui/use-register.ts";
import { Notice } from "../common/field.tsx";
import { formatDate } from "../common/format.ts";
import { lazyComponent } from "../common/lazy.tsx";
import { useStatus } from "../common/use-status.ts";
import { NewsNote } from "./welcome/news-note.tsx";
import { useWelcome } from "./welcome/use-welcome.ts";
import { WelcomeTab, welcomeStates, welcomeTabLabel } from "./welcome/welcome.tsx";
import "../common/base.css";
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
const PrivacyStatement = lazyComponent(() => import("./about/privacy.tsx").then((m) => m.PrivacyStatement));
const DiagnosticsTab = lazyComponent(() =>
  import("../../core/diagnostic/diagnostics-tab.tsx").then((m) => m.DiagnosticsTab),
);
const AnomaliesTab = lazyComponent(() =>
  import("../../anomalies/ui/anomalies-tab.tsx").then((m) => m.AnomaliesTab),
);

const TABS = [
  "bienvenue",
  "clients",
  "portefeuille",
  "echeances",
  "import",
  "export",
  "collaborateurs",
  "cabinet",
  "controle-dsn",
  "anomalies",
  "diagnostics",
  "apropos",
] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Exclude<Tab, "bienvenue">, string> = {
  clients: "optTabClients",
  portefeuille: "optTabPortfolio",
  echeances: "optTabReminders",
  import: "optTabImport",
  export: "optTabExport",
  collaborateurs: "optTabCollaborators",
  cabinet: "optTabFirm",
  "controle-dsn": "dsnControlTab",
  anomalies: "optTabAnomalies",
  diagnostics: "diagTab",
  apropos: "optTabAbout",
};

const tabFromHash = (): Tab => {
  // "#echeances/<client id>" opens the reminders tab on one client.
  const hash = location.hash.slice(1).split("/")[0] as Tab;
  return TABS.includes(hash) ? hash : "clients";
};

function Options() {
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [privacy, setPrivacy] = useState(() => location.hash === "#apropos/confidentialite");
  const api = useRegister();
  const { status, error } = useStatus();
  useEffect(() => {
    const onHash = () => {
      setTab(tabFromHash());
      setPrivacy(location.hash === "#apropos/confidentialite");
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
  const welcome = useWelcome();
  const steps = welcomeStates(snapshot, status, welcome);

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
            {id === "bienvenue" ? welcomeTabLabel(steps) : t(TAB_LABELS[id])}
          </button>
        ))}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <NewsNote api={welcome} />
        {api.feedback && (
          <Notice kind={api.feedback.kind}>
            <span data-testid="feedback">{api.feedback.text}</span>
          </Notice>
        )}
        {api.loadError && <Notice kind="error">{t("popupError", api.loadError)}</Notice>}
        {snapshot && <SetAsideNotice setAside={snapshot.setAside} />}
        {tab === "bienvenue" && <WelcomeTab states={steps} api={welcome} go={go} />}
        {snapshot && tab === "clients" && <ClientsTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "portefeuille" && <PortfolioTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "echeances" && <RemindersTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "import" && <ImportTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "export" && <ExportTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "collaborateurs" && <CollaboratorsTab snapshot={snapshot} api={api} />}
        {snapshot && tab === "cabinet" && <SettingsTab settings={snapshot.settings} api={api} />}
        {snapshot && tab === "controle-dsn" && <DsnControlTab snapshot={snapshot} api={api} />}
        {tab === "anomalies" && <AnomaliesTab />}
        {tab === "diagnostics" && <DiagnosticsTab />}
        {tab === "apropos" && (
          <section>
            <h2>{t("optionsPrivacyTitle")}</h2>
            <p>{t("optionsPrivacy")}</p>
            <p>{t("popupNotAffiliated")}</p>
            <p>
              <a href="#apropos/confidentialite" data-testid="privacy-link">
                {t("aboutPrivacyLink")}
              </a>
            </p>
            {privacy && <PrivacyStatement />}
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
// ensureMessages: see src/core/i18n-catalog.ts.
if (app) void ensureMessages().finally(() => render(<Options />, app));
