// MAIN-world dialog bridge, declared in the manifest at document_start, before the page's own scripts.
// By default window.alert / window.confirm behave exactly as without the extension (the native ones
// are called). Only while the content script has armed it for one step of an action the user started
// does the bridge answer one dialog itself: OK when its text names what is expected, Cancel otherwise
// (an alert that does not match is shown natively). Then it disarms, and reports the text it saw.
// It talks to the content script through a MessagePort handed over once; page scripts never see it.
import {
  ANSWER_PAGE_KEY,
  type AnswerPageMark,
  type ArmRequest,
  BRIDGE_CHANNEL,
  type BridgeEvent,
  type BridgeRequest,
  type DialogKind,
  dialogMatches,
  MAX_ARM_MS,
  PENDING_ALERT_KEY,
  type PendingAlert,
  parsePendingAlert,
} from "./bridge-protocol.ts";

(() => {
  const nativeAlert = window.alert;
  const nativeConfirm = window.confirm;
  // Taken before the page's scripts run, as the dialogs are: used later, when they may have replaced it.
  const listen = window.addEventListener.bind(window);
  let port: MessagePort | null = null;
  let armed: ArmRequest | null = null;
  let expiry: ReturnType<typeof setTimeout> | undefined;

  // Events wait for the content script's port (it connects after the page's load). Bounded: a page
  // without our content script keeps only its last events.
  const backlog: BridgeEvent[] = [];
  const emit = (event: BridgeEvent) => {
    if (port) return port.postMessage(event);
    if (backlog.push(event) > 20) backlog.shift();
  };

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

  // Our content script posts its port once it runs, after the page's load. Our capture listener on
  // window was added before any page script and stops every message of our channel, so no page
  // listener ever sees our port. A page script that posted first would own the bridge: our arming then
  // gets no answer and the job step stops (bridge-client.ts), but it never learns our port.
  const onHandshake = (event: MessageEvent) => {
    if (event.source !== window || event.data?.channel !== BRIDGE_CHANNEL) return;
    event.stopImmediatePropagation();
    const [received] = event.ports;
    if (port || event.ports.length !== 1 || !received) return;
    port = received;
    port.onmessage = onRequest;
    for (const event of backlog.splice(0)) port.postMessage(event);
  };
  window.addEventListener("message", onHandshake, true);

  /** The alert a previous step expected (see PENDING_ALERT_KEY), read and removed by the first alert. */
  const takePendingAlert = (): PendingAlert | null => {
    try {
      const pending = parsePendingAlert(sessionStorage.getItem(PENDING_ALERT_KEY), Date.now());
      sessionStorage.removeItem(PENDING_ALERT_KEY);
      return pending;
    } catch {
      return null; // Storage unavailable (sandboxed frame, privacy settings): the alert stays native.
    }
  };

  const forgetAnswerPage = () => {
    try {
      sessionStorage.removeItem(ANSWER_PAGE_KEY);
    } catch {
      // Storage unavailable: the next page waits for nothing longer than its grace (answer-page.ts).
    }
  };

  /** When the page that answered the success alert starts to leave, its content script is told so. */
  const markLeaving = () =>
    listen(
      "beforeunload",
      () => {
        try {
          const mark: AnswerPageMark = { leaving: performance.timeOrigin };
          sessionStorage.setItem(ANSWER_PAGE_KEY, JSON.stringify(mark));
        } catch {
          // Storage unavailable: the content script handles this page after its grace.
        }
      },
      { once: true },
    );

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
    const pending = takePendingAlert();
    if (pending && !armed) {
      armed = { type: "arm", id: 0, kind: "alert", mustContain: pending.mustContain, timeoutMs: 0 };
    }
    const decision = answer("alert", args[0]);
    if (decision === null) nativeAlert.apply(window, args);
    // The step's success alert was shown: the page that answers the form is this one, or was, so the
    // content script of a later page must not wait for it to leave (ANSWER_PAGE_KEY, answer-page.ts);
    // this page's own, which comes after the load, waits for it to leave once it started to.
    if (decision === "ok") {
      forgetAnswerPage();
      markLeaving();
    }
  };
})();
