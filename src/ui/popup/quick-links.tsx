// Quick links to the pages of the Urssaf space the firm uses most (they open in a new tab).
import { t } from "../../core/browser.ts";

export const URSSAF_LINKS = [
  ["popupLinkDashboard", "https://tdbec.urssaf.fr/tableau-de-bord"],
  ["popupLinkAccounts", "https://mon.urssaf.fr/mon-profil/parametres/etablissements"],
  ["popupLinkDsn", "https://mon.urssaf.fr/suivi-dsn"],
  ["popupLinkMessages", "https://dcl.urssaf.fr/messagerie"],
] as const;

export function QuickLinks() {
  return (
    <nav class="quick-links" aria-label={t("popupLinksTitle")} data-testid="quick-links">
      {URSSAF_LINKS.map(([label, href]) => (
        <a key={href} href={href} target="_blank" rel="noreferrer">
          {t(label)}
        </a>
      ))}
    </nav>
  );
}
