import { render } from "preact";
import { AnomaliesList } from "../../anomalies/ui/anomalies-list.tsx";
import { browser, ensureMessages, t } from "../../core/browser.ts";
import { pageLabel } from "../../pages/index.ts";
import { JobPanel } from "../../portfolio/ui/job-panel.tsx";
import { Indicators } from "../../reminders/ui/indicators.tsx";
import { RemindersList } from "../../reminders/ui/reminders-list.tsx";
import { formatDateTime } from "../common/format.ts";
import { useStatus } from "../common/use-status.ts";
import { NewsNote } from "../options/welcome/news-note.tsx";
import { useWelcome } from "../options/welcome/use-welcome.ts";
import { QuickLinks } from "./quick-links.tsx";
import "../common/base.css";
import "./popup.css";

function Popup() {
  const { status, error } = useStatus();
  const last = status?.lastPage;
  // After an update, the « Nouveautés » note shows in whichever opens first: this window or the options.
  const welcome = useWelcome();
  return (
    <main>
      <h1>{t("popupTitle")}</h1>
      <NewsNote api={welcome} />
      {error && (
        <p class="warn" role="alert">
          {t("popupError", error)}
        </p>
      )}
      <JobPanel />
      <AnomaliesList />
      <RemindersList />
      <Indicators />
      <QuickLinks />
      <section aria-live="polite" data-testid="last-page">
        {status &&
          (last?.kind ? (
            <p>
              {t("popupLastPage")} : <strong>{pageLabel(last.kind)}</strong>
              {!last.understood && (
                <span class="warn"> — {t("popupNotUnderstood", last.missing.join(", "))}</span>
              )}
              <br />
              <span class="muted">
                {last.host} · {formatDateTime(last.at)}
              </span>
            </p>
          ) : (
            <p class="muted">{t("popupNoPage")}</p>
          ))}
        {status && <p class="muted">{t("popupPagesSeen", String(status.pagesSeen))}</p>}
      </section>
      <nav>
        <a href="https://www.urssaf.fr/" target="_blank" rel="noreferrer">
          {t("popupOpenSpace")}
        </a>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t("popupOpenOptions")}
        </button>
      </nav>
      <p class="muted small">{t("popupNotAffiliated")}</p>
    </main>
  );
}

const app = document.getElementById("app");
// ensureMessages: see src/core/i18n-catalog.ts.
if (app) void ensureMessages().finally(() => render(<Popup />, app));
