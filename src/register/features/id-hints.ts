// Validity hints under the identifier fields of the Urssaf forms (Siren, Siret, account numbers, NIR),
// with the reason, before the user submits. Only reads what the user types; never changes the field.

import { applyStyle, type Feature } from "../../core/features.ts";
import type { IdCheckKind } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { labelText } from "../../pages/dom.ts";
import { FORM_LABELS } from "../../pages/inscription-compte.ts";
import { jobRunning } from "../../portfolio/features/bulk-job/state.ts";

/** Field label (as the site writes it) → the check the background runs on what is typed. */
const CHECKS = new Map<string, IdCheckKind>(
  (
    [
      ["Siren/Siret de l'établissement", "siren-or-siret"],
      ["Siren", "siren"],
      ["Numéro de compte", "account"],
      [FORM_LABELS.compteEmployeur, "account"],
      [FORM_LABELS.compteIndependant, "account"],
      [FORM_LABELS.nir, "nir"],
    ] as const
  ).map(([label, check]) => [label.toLowerCase(), check]),
);

const STYLE = `
:host { all: initial; display: block; }
p { margin: 2px 0 0; font: 12px/1.3 system-ui, sans-serif; }
.ok { color: #1e6b30; }
.warn { color: #8a4b00; }
.bad { color: #b00020; }
`;

export const idHints: Feature = {
  id: "id-hints",
  runsOn: (page) => page?.kind === "etablissements" || page?.kind === "inscription-compte",
  async run(ctx) {
    // A running job fills these fields itself: hints would only cost it time on every page.
    if (await jobRunning()) return;
    for (const label of document.querySelectorAll("label")) {
      const control = label.control;
      if (!(control instanceof HTMLInputElement) || label.closest("[data-tiers-feature]")) continue;
      const check = CHECKS.get(labelText(label));
      if (!check) continue;
      // After the field, but never inside a label that wraps it: that would change the field's name.
      ctx.item(control, { after: control.closest("label") ?? control }, (root, signal) =>
        attach(root, control, check, signal),
      );
    }
  },
};

function attach(root: ShadowRoot, control: HTMLInputElement, check: IdCheckKind, signal: AbortSignal): void {
  applyStyle(root, STYLE);
  const hint = document.createElement("p");
  hint.setAttribute("aria-live", "polite");
  root.append(hint);
  // Answers can cross: only the one for the latest keystroke is shown.
  let asked = 0;
  const update = () => {
    const value = control.value.trim();
    const mine = ++asked;
    if (!value) {
      hint.textContent = "";
      return;
    }
    void send({ type: "id/check", check, value: value.slice(0, 64) }).then(
      (answer) => {
        if (mine !== asked || signal.aborted) return;
        hint.className = answer.level;
        hint.textContent = answer.text;
      },
      () => undefined,
    );
  };
  control.addEventListener("input", update, { signal });
  update();
}
