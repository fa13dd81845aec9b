// The first minutes after install: three steps the options page's welcome shows until each is done
// (the firm's active SIRET, the clients imported, the Urssaf space visited with the extension), each
// of which the user may skip; and, after an update, the « Nouveautés » note shown once. Pure, and
// without zod (the popup and the options page import it): each step's state, what an install changes.
// What is stored and the messages: welcome-schema.ts.

export const WELCOME_STEPS = ["siret", "clients", "urssaf"] as const;
export type WelcomeStep = (typeof WELCOME_STEPS)[number];
export type StepState = "done" | "skipped" | "todo";

export interface WelcomeState {
  skipped: WelcomeStep[];
  /** The update whose « Nouveautés » note has not been shown yet, or null. */
  news: { from: string; to: string } | null;
}

export interface WelcomeFacts {
  siretActif: string | null;
  clients: number;
  /** The extension has recognised a page of the Urssaf space at least once. */
  urssafSeen: boolean;
}

/** Done when the data says so (whatever was skipped); otherwise skipped or still to do. */
export function stepStates(
  facts: WelcomeFacts,
  skipped: readonly WelcomeStep[],
): Record<WelcomeStep, StepState> {
  const done: Record<WelcomeStep, boolean> = {
    siret: facts.siretActif !== null,
    clients: facts.clients > 0,
    urssaf: facts.urssafSeen,
  };
  const state = (step: WelcomeStep): StepState =>
    done[step] ? "done" : skipped.includes(step) ? "skipped" : "todo";
  return { siret: state("siret"), clients: state("clients"), urssaf: state("urssaf") };
}

/** What an install or update changes in the stored state, and whether to open the welcome. */
export function onInstall(
  state: WelcomeState,
  details: { reason: string; previousVersion?: string | undefined },
  version: string,
): { state: WelcomeState; openWelcome: boolean } {
  if (details.reason === "install") return { state: { skipped: [], news: null }, openWelcome: true };
  if (details.reason === "update" && details.previousVersion && details.previousVersion !== version)
    return { state: { ...state, news: { from: details.previousVersion, to: version } }, openWelcome: false };
  // A browser update, a shared module's update, or a reload of the same version: nothing new to say.
  return { state, openWelcome: false };
}
