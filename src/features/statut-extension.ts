// A discreet mark in the page corner: the extension is active and which Urssaf page it recognised,
// or, on a page it claims but cannot read, which expected label is missing (so nothing is acted on).
import { t } from "../browser.ts";
import { pageLabel } from "../pages/index.ts";
import type { Feature } from "./registry.ts";

const STYLE = `
:host { all: initial; }
.mark { position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; max-width: 22rem;
  font: 12px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff; border: 1px solid #00539b;
  border-left: 4px solid #00539b; border-radius: 4px; padding: 6px 10px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.2); }
.mark.warn { border-color: #b34700; border-left-color: #b34700; }
strong { font-weight: 600; }
button { font: inherit; margin-left: 8px; border: 0; background: none; color: #00539b; cursor: pointer; padding: 0; }
button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
`;

export const statutExtension: Feature = {
  id: "statut-extension",
  runsOn: () => true,
  run({ page, mount }) {
    const root = mount();
    const style = document.createElement("style");
    style.textContent = STYLE;
    const mark = document.createElement("div");
    mark.className = page.understood ? "mark" : "mark warn";
    mark.setAttribute("role", "status");
    mark.dataset.pageKind = page.kind;
    mark.dataset.understood = String(page.understood);
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
    close.addEventListener("click", () => mark.remove());
    mark.append(title, detail, close);
    root.append(style, mark);
  },
};
