// The first minutes after install: three steps the options page's welcome shows until each is done
// (the firm's active SIRET, the clients imported, the Urssaf space visited with the extension), each
// of which the user may skip; and, after an update, the « Nouveautés » note shown once. Pure: what is
// stored, the messages, and each step's state from the register and the pages seen.
import { z } from "zod";

export const WELCOME_STEPS = ["siret", "clients", "urssaf"] as const;
export type WelcomeStep = (typeof WELCOME_STEPS)[number];
export type StepState = "done" | "skipped" | "todo";

/** storage.local key, read with its default: no migration needed before the first install or update. */
export const WELCOME_KEY = "welcome";
export const WelcomeSchema = z
  .object({
    skipped: z.array(z.enum(WELCOME_STEPS)),
    /** The update whose « Nouveautés » note has not been shown yet, or null. */
    news: z.object({ from: z.string(), to: z.string() }).nullable(),
  })
  .default({ skipped: [], news: null });
export type WelcomeState = z.infer<typeof WelcomeSchema>;

const WelcomeGet = z.object({ type: z.literal("welcome/get") });
const WelcomeSkip = z.object({
  type: z.literal("welcome/skip"),
  step: z.enum(WELCOME_STEPS),
  skipped: z.boolean(),
});
/** The note was shown: it will not be again. */
const WelcomeNewsSeen = z.object({ type: z.literal("welcome/news-seen") });
export const WELCOME_MESSAGES = [WelcomeGet, WelcomeSkip, WelcomeNewsSeen] as const;

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
export type WelcomeMessageType = z.infer<(typeof WELCOME_MESSAGES)[number]>["type"];
