import { render } from "preact";
import { t } from "../../browser.ts";
import { formatDate } from "../shared/format.ts";
import { useStatus } from "../shared/use-status.ts";
import "../shared/base.css";
import "./options.css";

function Options() {
  const { status, error } = useStatus();
  return (
    <main>
      <h1>{t("optionsTitle")}</h1>
      <p>{t("optionsComing")}</p>
      <h2>{t("optionsPrivacyTitle")}</h2>
      <p>{t("optionsPrivacy")}</p>
      <h2>{t("optionsStorageTitle")}</h2>
      {error && (
        <p class="warn" role="alert">
          {t("popupError", error)}
        </p>
      )}
      {status && (
        <p data-testid="schema">
          {t("optionsSchema", [String(status.schemaVersion), formatDate(status.installedAt)])}
        </p>
      )}
    </main>
  );
}

const app = document.getElementById("app");
if (app) render(<Options />, app);
