import { useEffect, useState } from "preact/hooks";
import { t } from "../../../core/browser.ts";
import { Notice } from "../../common/field.tsx";
import type { WelcomeApi } from "./use-welcome.ts";

/**
 * The « Nouveautés » note: shown in the popup or the options page, whichever opens first after an
 * update, then never again.
 * welcomeNewsBody (_locales) says what the current version brings: rewrite it with each release.
 */
export function NewsNote(props: { api: WelcomeApi }) {
  const news = props.api.state?.news;
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    if (news) props.api.newsShown();
  }, [news?.to]);
  if (!news || closed) return null;
  return (
    <Notice kind="info">
      <span data-testid="news">
        <strong>{t("welcomeNewsTitle", news.to)}</strong> {t("welcomeNewsBody")}
      </span>{" "}
      <button type="button" class="inline" onClick={() => setClosed(true)}>
        {t("welcomeNewsClose")}
      </button>
    </Notice>
  );
}
