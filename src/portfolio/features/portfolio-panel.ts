// On "Gérer les établissements" (the whole list, not a search): the last reading of the portfolio
// compared with the register, in short, with one click to read it again, to add the register's
// missing clients (after a confirmation here), or to see the full comparison in the options page.
import { t } from "../../core/ext.ts";
import { applyStyle, type Feature, onTrustedClick } from "../../core/features.ts";
import { send } from "../../core/send.ts";
import { readSearch } from "../../pages/etablissements.ts";
import { jobRunning } from "./bulk-job/state.ts";

const STYLE = `
:host { all: initial; display: block; margin: 8px 0; }
.panel { font: 13px/1.4 system-ui, sans-serif; color: #1a1a1a; border: 1px solid #c8d3e0; border-left: 4px solid #00539b;
  border-radius: 4px; padding: 6px 10px; background: #f7f9fc; }
.panel strong { font-weight: 600; }
button { font: inherit; margin: 4px 6px 0 0; padding: 2px 8px; border: 1px solid #00539b; color: #00539b; background: #fff; border-radius: 3px; cursor: pointer; }
button.confirm { background: #00539b; color: #fff; }
button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
.error { color: #b00020; }
`;

export const portfolioPanel: Feature = {
  id: "portfolio-panel",
  runsOn: (page) => page?.kind === "etablissements" && page.understood,
  async run(ctx) {
    const { page } = ctx;
    if (page?.kind !== "etablissements" || !page.understood) return;
    const search = readSearch(document);
    if (search.siret || search.compte) return;
    // While a job works on this list the panel would only be in the way (and cost it time).
    if (await jobRunning()) return;
    // Above the account list's own search, so nothing of the site moves under the user's pointer.
    const anchor = page.view.search.siret.closest("form") ?? page.view.search.siret;
    ctx.item(anchor, { before: anchor }, (root, signal) => void attach(root, signal));
  },
};

async function attach(root: ShadowRoot, signal: AbortSignal): Promise<void> {
  applyStyle(root, STYLE);
  const panel = document.createElement("section");
  panel.className = "panel";
  panel.setAttribute("aria-label", t("panelTitle"));
  const summary = await send({ type: "portfolio/summary" });
  if (signal.aborted) return;
  root.append(panel);

  const button = (label: string, onClick: () => void, cls = "") => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (cls) b.className = cls;
    onTrustedClick(b, onClick);
    return b;
  };
  const fail = (e: unknown) => {
    const p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = e instanceof Error ? e.message : String(e);
    panel.append(p);
  };
  const readAgain = () => void send({ type: "job/create", action: "read" }).catch(fail);
  const seeAll = () => void send({ type: "options/open", tab: "portefeuille" }).catch(fail);

  const title = document.createElement("strong");
  title.textContent = t("panelTitle");
  const text = document.createElement("p");
  text.dataset.testid = "panel-summary";
  if (!summary) {
    text.textContent = t("panelNone");
    panel.append(title, text, button(t("optPortfolioRead"), readAgain));
    return;
  }
  text.textContent = t("panelSummary", [
    summary.readAtLabel,
    String(summary.accounts),
    String(summary.toRegister.length),
    String(summary.toResign),
    String(summary.mismatches),
  ]);
  const actions = document.createElement("div");
  const idle = () => {
    actions.replaceChildren(button(t("optPortfolioRead"), readAgain), button(t("panelSeeAll"), seeAll));
    if (summary.toRegister.length > 0)
      actions.append(button(t("optBulkAdd", String(summary.toRegister.length)), ask));
  };
  const ask = () => {
    const q = document.createElement("span");
    q.textContent = t("panelConfirmAdd", String(summary.toRegister.length));
    actions.replaceChildren(
      q,
      button(
        t("optBulkAddStart", String(summary.toRegister.length)),
        () => {
          void send({ type: "job/create", action: "add", clientIds: summary.toRegister }).then(
            () => actions.replaceChildren(),
            fail,
          );
        },
        "confirm",
      ),
      button(t("optCancel"), idle),
    );
  };
  idle();
  panel.append(title, text, actions);
}
