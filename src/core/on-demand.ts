// Parts of the content script the worker injects only into a page that needs them, on the content
// script's demand: the adapters and the features once a page may be one of ours, the diagnostic code
// once one stays « non comprise ». Most pages need neither. An injected part leaves its functions in a
// global of our isolated world, where page scripts cannot reach them.
import { send } from "./send.ts";

const PARTS = {
  features: { global: "tiersAssistantPageFeatures", message: "content/features" },
  diagnostics: { global: "tiersAssistantDiagnostics", message: "diagnostic/load" },
} as const;

export type OnDemandPart = keyof typeof PARTS;

/** Called by the injected part itself (src/content/page-features.ts, src/content/diagnostics.ts). */
export function provide(part: OnDemandPart, code: object): void {
  Object.assign(globalThis, { [PARTS[part].global]: code });
}

/** A function that gives the part's code, asking the worker to inject it the first time. */
export function onDemand<T>(part: OnDemandPart): () => Promise<T> {
  const { global, message } = PARTS[part];
  const loaded = () => (globalThis as Record<string, unknown>)[global] as T | undefined;
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= (async () => {
      if (!loaded()) await send({ type: message });
      const code = loaded();
      if (!code)
        throw new Error("Une partie de l'extension n'a pas pu être chargée dans cette page : rechargez-la.");
      return code;
    })();
    // A failure is not kept: the next demand asks again.
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}
