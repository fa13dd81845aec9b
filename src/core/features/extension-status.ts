// A discreet mark in the page corner: the extension is active and which Urssaf page it recognised,
// or, on a page it claims but cannot read, which expected label is missing (so nothing is acted on).

import { pageLabel } from "../../pages/index.ts";
import { jobRunning } from "../../portfolio/features/bulk-job/state.ts";
import type { DiagnosticsCode } from "../diagnostic/code.ts";
import type { Diagnostic } from "../diagnostic/diagnostic.ts";
import { browser, t } from "../ext.ts";
import { applyStyle, type Feature } from "../features.ts";
import { onDemand } from "../on-demand.ts";
import { send } from "../send.ts";

// Bottom-left, where the Urssaf pages have no action buttons; after a few seconds it folds into a small
// badge (unfolds on hover or keyboard focus) so it never hides the page's own content for long.
const STYLE = `
:host { all: initial; }
.mark { position: fixed; left: 12px; bottom: 12px; z-index: 2147483000; display: flex; align-items: center;
  gap: 6px; max-width: 26rem; font: 12px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff;
  border: 1px solid #00539b; border-left: 4px solid #00539b; border-radius: 4px; padding: 4px 8px;
  box-shadow: 0 1px 4px rgb(0 0 0 / 0.2); }
.mark.warn { border-color: #b34700; border-left-color: #b34700; }
.badge { font-weight: 700; color: #00539b; }
.mark.warn .badge { color: #b34700; }
.mark.folded:not(:hover):not(:focus-within) .text { display: none; }
strong { font-weight: 600; }
button { font: inherit; border: 0; background: none; color: #00539b; cursor: pointer; padding: 0 2px; }
button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
.diag { display: inline-flex; flex-wrap: wrap; gap: 4px; margin-left: 4px; }
.diag button { text-decoration: underline; }
`;
// The diagnostic code is injected only into a page « non comprise » (src/content/diagnostics.ts).
const loadDiagnostics = onDemand<DiagnosticsCode>("diagnostics");

async function diagnosticOf(page: { kind: string; missing: string[] }): Promise<Diagnostic> {
  const { buildDiagnostic } = await loadDiagnostics();
  return buildDiagnostic(document, page, {
    url: location.href,
    version: browser.runtime.getManifest().version,
    at: new Date().toISOString(),
  });
}

/** « Copier le diagnostic » and « Exporter l'instantané de la page »; the diagnostic is also kept. */
function diagnosticActions(page: { kind: string; missing: string[] }, mark: HTMLElement): HTMLElement {
  void diagnosticOf(page)
    .then((diagnostic) => send({ type: "diagnostic/record", diagnostic }))
    .catch(() => undefined);
  const box = document.createElement("span");
  box.className = "diag";
  const said = document.createElement("span");
  said.setAttribute("role", "status");
  const button = (label: string, act: () => Promise<string>) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", (event) => {
      // A page script's synthetic click does not copy anything of ours.
      if (!event.isTrusted) return;
      act().then(
        (done) => {
          said.textContent = done;
        },
        (e: unknown) => {
          said.textContent = t("diagCopyFailed", e instanceof Error ? e.message : String(e));
        },
      );
    });
    return b;
  };
  box.append(
    button(t("diagCopy"), async () => {
      // Loaded when the mark was drawn (the record above): the click's user activation is still there.
      const { diagnosticText } = await loadDiagnostics();
      await navigator.clipboard.writeText(diagnosticText(await diagnosticOf(page)));
      return t("diagCopied");
    }),
    button(t("diagExport"), async () => {
      const { buildSnapshot } = await loadDiagnostics();
      const html = buildSnapshot(document, {
        url: location.href,
        kind: page.kind,
        understood: false,
        version: browser.runtime.getManifest().version,
      });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
      a.download = `instantane-${page.kind}-${new Date().toISOString().slice(0, 10)}.html`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      return t("diagExported");
    }),
    said,
  );
  mark.classList.add("diagnosed");
  return box;
}

/** Marks the user closed, for as long as the page stays of the same kind. */
const hidden = new WeakSet<AbortSignal>();

export const extensionStatus: Feature = {
  id: "extension-status",
  runsOn: (page) => page !== null,
  async run(ctx) {
    const { page } = ctx;
    // « Non comprise » is only said once final: content that renders late gets its chance first.
    if (!page || !ctx.settled) return;
    // While a job works in this tab its own bar says what happens: the mark would only cost it time.
    if (await jobRunning()) return;
    const shown = `${page.kind}|${page.understood}|${page.understood ? "" : page.missing.join(",")}`;
    if (hidden.has(ctx.signal)) return;
    const root = ctx.mount();
    if (root.querySelector(".mark")?.getAttribute("data-shown") === shown) return;
    applyStyle(root, STYLE);
    const mark = document.createElement("div");
    mark.className = page.understood ? "mark" : "mark warn";
    mark.setAttribute("role", "status");
    mark.setAttribute("data-shown", shown);
    mark.dataset.pageKind = page.kind;
    mark.dataset.understood = String(page.understood);
    mark.tabIndex = 0;
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = "TA";
    badge.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "text";
    const title = document.createElement("strong");
    title.textContent = t("markActive");
    const detail = document.createElement("span");
    detail.textContent = page.understood
      ? ` · ${pageLabel(page.kind)}`
      : ` · ${t("markNotUnderstood", [pageLabel(page.kind), page.missing.join(", ")])}`;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.title = t("markHide");
    close.setAttribute("aria-label", t("markHide"));
    close.addEventListener("click", (event) => {
      if (!event.isTrusted) return;
      hidden.add(ctx.signal);
      mark.remove();
    });
    text.append(title, detail);
    // « Non comprise » for good: what the page looked like, for the support (and a future test).
    if (!page.understood) text.append(diagnosticActions(page, mark));
    text.append(close);
    mark.append(badge, text);
    root.querySelector(".mark")?.remove();
    root.append(mark);
    if (page.understood) {
      const fold = setTimeout(() => mark.classList.add("folded"), 4_000);
      ctx.signal.addEventListener("abort", () => clearTimeout(fold), { once: true });
    }
  },
};
