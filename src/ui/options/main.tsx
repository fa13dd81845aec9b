import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../../browser.ts";
import type { Status } from "../../messages.ts";
import { send } from "../../send.ts";
import { formatDate } from "../shared/format.ts";
import "../shared/base.css";
import "./options.css";

function Options() {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "status/get" }).then(setStatus, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
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
