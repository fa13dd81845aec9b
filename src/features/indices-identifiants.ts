// Validity hints under the identifier fields of the Urssaf forms (Siren, Siret, account numbers, NIR),
// with the reason, before the user submits. Only reads what the user types; never changes the field.

import { t } from "../browser.ts";
import { checkAccountNumber, checkNir, checkSiren, checkSirenOrSiret, type IdResult } from "../domain/ids.ts";
import { labelText } from "../pages/dom.ts";
import { FORM_LABELS } from "../pages/inscription-compte.ts";
import { jobRunning } from "./bulk-job/state.ts";
import type { Feature } from "./registry.ts";

/** Field label (as the site writes it) → validator and the _locales key of its "valid" hint. */
const CHECKS = new Map<string, [check: (v: string) => IdResult, okKey: string]>(
  (
    [
      ["Siren/Siret de l'établissement", checkSirenOrSiret, "hintValidNumber"],
      ["Siren", checkSiren, "hintValidSiren"],
      ["Numéro de compte", checkAccountNumber, "hintPlausibleAccount"],
      [FORM_LABELS.compteEmployeur, checkAccountNumber, "hintPlausibleAccount"],
      [FORM_LABELS.compteIndependant, checkAccountNumber, "hintPlausibleAccount"],
      [FORM_LABELS.nir, checkNir, "hintValidNir"],
    ] as const
  ).map(([label, check, key]) => [label.toLocaleLowerCase("fr"), [check, key]]),
);

const STYLE = `
:host { all: initial; display: block; }
p { margin: 2px 0 0; font: 12px/1.3 system-ui, sans-serif; }
.ok { color: #1e6b30; }
.warn { color: #8a4b00; }
.bad { color: #b00020; }
`;

export const indicesIdentifiants: Feature = {
  id: "indices-identifiants",
  runsOn: (page) => page?.kind === "etablissements" || page?.kind === "inscription-compte",
  async run({ mount, signal }) {
    // A running job fills these fields itself: hints would only cost it time on every page.
    if (await jobRunning()) return;
    for (const label of document.querySelectorAll("label")) {
      const control = label.control;
      const entry = CHECKS.get(labelText(label));
      if (!(control instanceof HTMLInputElement) || !entry) continue;
      const [check, okKey] = entry;
      // After the field, but never inside a label that wraps it: that would change the field's name.
      const root = mount({ after: control.closest("label") ?? control });
      const style = document.createElement("style");
      style.textContent = STYLE;
      const hint = document.createElement("p");
      hint.setAttribute("aria-live", "polite");
      root.append(style, hint);
      const update = () => {
        const value = control.value.trim();
        if (!value) {
          hint.textContent = "";
          return;
        }
        const result = check(value);
        const warning = result.ok ? result.warnings[0]?.message : undefined;
        hint.className = !result.ok ? "bad" : warning ? "warn" : "ok";
        hint.textContent = t("hintPrefix", !result.ok ? result.problem.message : (warning ?? t(okKey)));
      };
      control.addEventListener("input", update, { signal });
      update();
    }
  },
};
