// The options page's view of the register: the listing (rows, not full clients) loaded from the
// background, reloaded after each change the page makes (the background is the only writer).
import { useCallback, useEffect, useState } from "preact/hooks";
import { t } from "../../core/browser.ts";
import type { RegisterListing } from "../../core/messages.ts";
import { MessageError, send } from "../../core/send.ts";
import { unpackRow } from "../model/register-model.ts";

export type Feedback = { kind: "ok" | "error"; text: string; fields?: Record<string, string> } | null;

/** Asked as soon as the page's script runs, while preact renders the page around it. */
let firstListing: Promise<RegisterListing> | null = fetchListing();

async function fetchListing(): Promise<RegisterListing> {
  performance.mark("listing-requested");
  const listing = await send({ type: "register/list" });
  performance.mark("listing-received");
  const rows = listing.rows.map(unpackRow);
  performance.mark("listing-unpacked");
  return { ...listing, rows };
}

export function useRegister() {
  const [snapshot, setSnapshot] = useState<RegisterListing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const reload = useCallback(async () => {
    try {
      const pending = firstListing ?? fetchListing();
      firstListing = null;
      setSnapshot(await pending);
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
