// Content-script side of the dialog bridge: arm it for one dialog of a step the user started, and
// learn what the dialog said and how it was answered.
import {
  BRIDGE_CHANNEL,
  type BridgeEvent,
  type BridgeRequest,
  type DialogKind,
  MAX_ARM_MS,
} from "./bridge-protocol.ts";

export type DialogOutcome =
  | { seen: true; kind: DialogKind; text: string; answer: "ok" | "cancel" | "native" }
  | { seen: false; reason: "expired" | "disarmed" };

export interface ArmedDialog {
  /** Settles with the first dialog after arming, or when the arm expires. */
  outcome: Promise<DialogOutcome>;
  disarm(): void;
}

export interface DialogBridge {
  arm(kind: DialogKind, mustContain: string[], timeoutMs?: number): Promise<ArmedDialog>;
}

/** The host where the manifest declares the dialog bridge (manifest.json, tested by build.e2e.ts). */
export const BRIDGE_HOST = "mon.urssaf.fr";

/** Hands the MAIN-world bridge of this page its port (see dialog-bridge.ts for who can see it). */
export function connectDialogBridge(): DialogBridge {
  const channel = new MessageChannel();
  window.postMessage({ channel: BRIDGE_CHANNEL }, "*", [channel.port2]);
  const port = channel.port1;
  let nextId = 1;
  const pending = new Map<number, { armed: () => void; settle: (o: DialogOutcome) => void }>();

  port.onmessage = (event: MessageEvent<BridgeEvent>) => {
    const data = event.data;
    const waiter = pending.get(data.id);
    if (!waiter) return;
    if (data.type === "armed") return waiter.armed();
    pending.delete(data.id);
    waiter.settle(
      data.type === "dialog"
        ? { seen: true, kind: data.kind, text: data.text, answer: data.answer }
        : { seen: false, reason: "expired" },
    );
  };

  const post = (request: BridgeRequest) => port.postMessage(request);

  return {
    arm(kind, mustContain, timeoutMs = 10_000) {
      if (mustContain.every((s) => s.trim() === "")) {
        return Promise.reject(new Error("Le pont de dialogue doit savoir quel texte attendre."));
      }
      const id = nextId++;
      return new Promise<ArmedDialog>((resolveArmed, rejectArmed) => {
        let settle: (o: DialogOutcome) => void = () => undefined;
        const outcome = new Promise<DialogOutcome>((resolve) => {
          settle = resolve;
        });
        const ack = setTimeout(() => {
          pending.delete(id);
          rejectArmed(new Error("Le pont de dialogue ne répond pas : rechargez la page."));
        }, 2_000);
        pending.set(id, {
          armed: () => {
            clearTimeout(ack);
            resolveArmed({
              outcome,
              disarm() {
                if (!pending.delete(id)) return;
                post({ type: "disarm", id });
                settle({ seen: false, reason: "disarmed" });
              },
            });
          },
          settle,
        });
        post({ type: "arm", id, kind, mustContain, timeoutMs: Math.min(timeoutMs, MAX_ARM_MS) });
      });
    },
  };
}

/** The bridge, connected at its first use: most pages never arm it, and a port costs a page's first touches. */
export function lazyDialogBridge(): DialogBridge {
  let bridge: DialogBridge | null = null;
  return {
    arm(kind, mustContain, timeoutMs) {
      bridge ??= connectDialogBridge();
      return bridge.arm(kind, mustContain, timeoutMs);
    },
  };
}

/**
 * The bridge of a host where the site shows none of the dialogs a job answers (every host but
 * BRIDGE_HOST): nothing is injected in the page's world there, and arming fails
 * with a clear error instead of offering a port to the page's scripts.
 */
export function noDialogBridge(host: string): DialogBridge {
  const why = `Le pont des dialogues n'est pas en place sur ${host} : rechargez la page.`;
  return { arm: () => Promise.reject(new Error(why)) };
}
