// One-click résilier on each account row of "Gérer les établissements": a button beside the row's own
// icons asks for confirmation in our UI, then runs a one-account job in this tab (open the detail,
// check the SIRET, "Résilier", accept only the confirmation that names this account, verify).
import { t } from "../../core/ext.ts";
import { applyStyle, type Feature, onTrustedClick } from "../../core/features.ts";
import { send } from "../../core/send.ts";
import type { CompteRow } from "../../pages/etablissements.ts";
import { jobRunning } from "./bulk-job/state.ts";

/** One account at a time, watched by the user: a shorter pace than unattended bulk jobs. */
const ONE_CLICK_PACE_MS = 800;

const STYLE = `
:host { all: initial; display: inline-block; margin-left: 6px; vertical-align: middle; }
button { font: 12px/1.2 system-ui, sans-serif; padding: 1px 6px; border: 1px solid #b00020; color: #b00020; background: #fff; border-radius: 3px; cursor: pointer; }
button.confirm { background: #b00020; color: #fff; }
button.cancel { border-color: #555; color: #333; }
button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
span { font: 12px/1.2 system-ui, sans-serif; margin-right: 4px; }
.error { color: #b00020; }
`;

export const oneClickResign: Feature = {
  id: "one-click-resign",
  runsOn: (page) => page?.kind === "etablissements" && page.understood,
  async run(ctx) {
    // No new one-click action while a job works on this list.
    if (await jobRunning()) return;
    const { page } = ctx;
    if (page?.kind !== "etablissements" || !page.understood) return;
    // Per row, once: rows that arrive later (an in-place pager, a search) get theirs on the next run.
    for (const row of page.view.rows) {
      const icon = row.remove ?? row.edit;
      if (icon) ctx.item(row.anchor, { after: icon }, (root) => attach(root, row));
    }
  },
};

function attach(root: ShadowRoot, row: CompteRow): void {
  applyStyle(root, STYLE);
  const box = document.createElement("span");
  root.append(box);
  const button = (label: string, cls: string, onClick: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    onTrustedClick(b, onClick);
    return b;
  };
  const idle = () => {
    const b = button(t("oneClickResign"), "", ask);
    b.title = t("oneClickResignTitle", row.label);
    box.replaceChildren(b);
  };
  const ask = () => {
    const question = document.createElement("span");
    question.textContent = t("oneClickConfirm", row.label);
    box.replaceChildren(
      question,
      button(t("oneClickYes"), "confirm", go),
      button(t("optCancel"), "cancel", idle),
    );
  };
  const go = () => {
    send({
      type: "job/create",
      action: "resign",
      accounts: [{ regime: row.regime, siren: row.siren, numeroCompte: row.numeroCompte }],
      paceMs: ONE_CLICK_PACE_MS,
    }).then(
      () => box.replaceChildren(),
      (e: unknown) => {
        const error = document.createElement("span");
        error.className = "error";
        error.setAttribute("role", "alert");
        error.textContent = e instanceof Error ? e.message : String(e);
        box.replaceChildren(error);
      },
    );
  };
  idle();
}
