import { useEffect, useState } from "preact/hooks";
import type { Status } from "../../core/messages.ts";
import { send } from "../../core/send.ts";

/** The extension's status from the background, or the error the user should see. */
export function useStatus(): { status: Status | null; error: string | null } {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: "status/get" }).then(setStatus, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  return { status, error };
}
