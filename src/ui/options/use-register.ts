// The options page's view of the register: loaded once from the background, reloaded after each
// change the page makes (the background is the only writer).
import { useCallback, useEffect, useState } from "preact/hooks";
import { t } from "../../browser.ts";
import type { RegisterSnapshot } from "../../messages.ts";
import { MessageError, send } from "../../send.ts";

export type Feedback = { kind: "ok" | "error"; text: string; fields?: Record<string, string> } | null;

export function useRegister() {
  const [snapshot, setSnapshot] = useState<RegisterSnapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const reload = useCallback(async () => {
    try {
      setSnapshot(await send({ type: "register/get" }));
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a change through the background, then reloads; the outcome is shown in the page. */
  const act = useCallback(
    async <T>(work: () => Promise<T>, success: (result: T) => string): Promise<T | null> => {
      try {
        const result = await work();
        setFeedback({ kind: "ok", text: success(result) });
        await reload();
        return result;
      } catch (e) {
        const fields = e instanceof MessageError ? e.fields : undefined;
        const text = e instanceof Error ? e.message : String(e);
        setFeedback({ kind: "error", text: text || t("optErrorUnknown"), ...(fields ? { fields } : {}) });
        return null;
      }
    },
    [reload],
  );

  return { snapshot, loadError, feedback, setFeedback, reload, act };
}

export type RegisterApi = ReturnType<typeof useRegister>;
