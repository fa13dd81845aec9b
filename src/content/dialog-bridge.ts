// MAIN-world dialog bridge, injected at document_start before the page's own scripts.
// By default window.alert / window.confirm behave exactly as without the extension (the native ones
// are called). Only while the content script has armed it for one step of an action the user started
// does the bridge answer one dialog itself: OK when its text names what is expected, Cancel otherwise
// (an alert that does not match is shown natively). Then it disarms, and reports the text it saw.
// It talks to the content script through a MessagePort handed over once; page scripts never see it.
import {
  type ArmRequest,
  BRIDGE_CHANNEL,
  type BridgeEvent,
  type BridgeRequest,
  type DialogKind,
  dialogMatches,
  MAX_ARM_MS,
  PENDING_ALERT_KEY,
  parsePendingAlert,
} from "./bridge-protocol.ts";

(() => {
  const nativeAlert = window.alert;
  const nativeConfirm = window.confirm;
  let port: MessagePort | null = null;
  let armed: ArmRequest | null = null;
  let expiry: ReturnType<typeof setTimeout> | undefined;

  // Events wait for the content script's port (it connects right after this script runs).
  const backlog: BridgeEvent[] = [];
  const emit = (event: BridgeEvent) => (port ? port.postMessage(event) : backlog.push(event));

  const disarm = () => {
    clearTimeout(expiry);
    armed = null;
  };

  const onRequest = (event: MessageEvent<BridgeRequest>) => {
    const request = event.data;
    if (request.type === "disarm") {
      if (armed?.id === request.id) disarm();
      return;
    }
    disarm();
    armed = request;
    expiry = setTimeout(
      () => {
        if (armed?.id !== request.id) return;
        disarm();
        emit({ type: "expired", id: request.id });
      },
      Math.min(Math.max(request.timeoutMs, 0), MAX_ARM_MS),
    );
    emit({ type: "armed", id: request.id });
  };

  // The content script runs at document_start too and posts its port before any page script can run;
  // our capture listener on window is the first one and stops the event, so no page listener sees it.
  const onHandshake = (event: MessageEvent) => {
    if (event.source !== window || event.data?.channel !== BRIDGE_CHANNEL || event.ports.length !== 1) return;
    event.stopImmediatePropagation();
    window.removeEventListener("message", onHandshake, true);
    const [received] = event.ports;
    if (port || !received) return;
    port = received;
    port.onmessage = onRequest;
    for (const event of backlog.splice(0)) port.postMessage(event);
  };
  window.addEventListener("message", onHandshake, true);

  // An alert expected on this page by the step that submitted the previous one (see PENDING_ALERT_KEY).
  try {
    const pending = parsePendingAlert(sessionStorage.getItem(PENDING_ALERT_KEY), Date.now());
    sessionStorage.removeItem(PENDING_ALERT_KEY);
    if (pending) {
      onRequest({
        data: {
          type: "arm",
          id: 0,
          kind: "alert",
          mustContain: pending.mustContain,
          timeoutMs: pending.until - Date.now(),
        },
      } as MessageEvent<BridgeRequest>);
    }
  } catch {
    // Storage unavailable (sandboxed frame, privacy settings): the alert stays native.
  }

  /** Returns the bridge's own answer when armed for this dialog kind, or null to let the native dialog run. */
  const answer = (kind: DialogKind, message: unknown): "ok" | "cancel" | null => {
    const current = armed;
    if (!current) return null;
    disarm();
    const text = message === undefined ? "" : String(message);
    const matches = current.kind === kind && dialogMatches(text, current.mustContain);
    const decision = matches ? "ok" : kind === "confirm" ? "cancel" : null;
    emit({ type: "dialog", id: current.id, kind, text, answer: decision ?? "native" });
    return decision;
  };

  window.confirm = function confirm(this: unknown, ...args: [message?: string]): boolean {
    const decision = answer("confirm", args[0]);
    if (decision === null) return nativeConfirm.apply(window, args);
    return decision === "ok";
  };
  window.alert = function alert(this: unknown, ...args: [message?: unknown]): void {
    if (answer("alert", args[0]) === null) nativeAlert.apply(window, args);
  };
})();
