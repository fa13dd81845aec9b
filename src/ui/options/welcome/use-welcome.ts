import { useEffect, useState } from "preact/hooks";
import { send } from "../../../core/send.ts";
import type { WelcomeState, WelcomeStep } from "../../../core/welcome.ts";

/** The welcome's stored state (skipped steps, pending « Nouveautés »), from the background. */
export function useWelcome() {
  const [state, setState] = useState<WelcomeState | null>(null);
  useEffect(() => {
    send({ type: "welcome/get" }).then(setState, () => setState({ skipped: [], news: null }));
  }, []);
  return {
    state,
    skip: async (step: WelcomeStep, skipped: boolean) =>
      setState(await send({ type: "welcome/skip", step, skipped })),
    /** Marks the note seen at once: it is shown this time, and never again. */
    newsShown: () => void send({ type: "welcome/news-seen" }).catch(() => undefined),
  };
}
export type WelcomeApi = ReturnType<typeof useWelcome>;
