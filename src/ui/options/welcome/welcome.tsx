// The options page's « Bienvenue » tab: three steps, each with its state (done, skipped, to do) until
// it is done (src/core/welcome.ts). The « Nouveautés » note after an update: news-note.tsx.
import { t } from "../../../core/browser.ts";
import type { RegisterListing, Status } from "../../../core/messages.ts";
import { type StepState, stepStates, WELCOME_STEPS, type WelcomeStep } from "../../../core/welcome.ts";
import { LOGIN_URL } from "../../../pages/addresses.ts";
import type { WelcomeApi } from "./use-welcome.ts";

const stateLabel = (state: StepState) =>
  state === "done"
    ? t("welcomeStateDone")
    : state === "skipped"
      ? t("welcomeStateSkipped")
      : t("welcomeStateTodo");

export function welcomeStates(listing: RegisterListing | null, status: Status | null, api: WelcomeApi) {
  if (!listing || !api.state) return null;
  return stepStates(
    { siretActif: listing.settings.siretActif, clients: listing.rows.length, urssafSeen: !!status?.lastPage },
    api.state.skipped,
  );
}

/** "Bienvenue (2/3)" until every step is done. */
export function welcomeTabLabel(states: Record<WelcomeStep, StepState> | null): string {
  const done = states ? WELCOME_STEPS.filter((s) => states[s] === "done").length : 0;
  return done === WELCOME_STEPS.length || !states
    ? t("welcomeTab")
    : t("welcomeTabProgress", [String(done), String(WELCOME_STEPS.length)]);
}

export function WelcomeTab(props: {
  states: Record<WelcomeStep, StepState> | null;
  api: WelcomeApi;
  go: (tab: "cabinet" | "import" | "portefeuille") => void;
}) {
  const { states, api, go } = props;
  if (!states) return null;
  const step = (id: WelcomeStep, title: string, body: string, action: preact.ComponentChildren) => (
    <li class={`welcome-step ${states[id]}`} data-step={id} data-state={states[id]}>
      <h3>
        {title} <span class="welcome-state">{stateLabel(states[id])}</span>
      </h3>
      <p>{body}</p>
      {states[id] !== "done" && (
        <p class="welcome-actions">
          {action}{" "}
          <button type="button" onClick={() => void api.skip(id, states[id] !== "skipped")}>
            {states[id] === "skipped" ? t("welcomeUnskip") : t("welcomeSkip")}
          </button>
        </p>
      )}
    </li>
  );
  return (
    <section class="welcome" data-testid="welcome">
      <h2>{t("welcomeTitle")}</h2>
      <p>{t("welcomeIntro")}</p>
      <ol>
        {step(
          "siret",
          t("welcomeSiretTitle"),
          t("welcomeSiretBody"),
          <button type="button" onClick={() => go("cabinet")}>
            {t("welcomeSiretAction")}
          </button>,
        )}
        {step(
          "clients",
          t("welcomeClientsTitle"),
          t("welcomeClientsBody"),
          <>
            <button type="button" onClick={() => go("import")}>
              {t("welcomeClientsImport")}
            </button>{" "}
            <button type="button" onClick={() => go("portefeuille")}>
              {t("welcomeClientsPortfolio")}
            </button>
          </>,
        )}
        {step(
          "urssaf",
          t("welcomeUrssafTitle"),
          t("welcomeUrssafBody"),
          <a class="button" href={LOGIN_URL} target="_blank" rel="noopener noreferrer">
            {t("welcomeUrssafAction")}
          </a>,
        )}
      </ol>
    </section>
  );
}
