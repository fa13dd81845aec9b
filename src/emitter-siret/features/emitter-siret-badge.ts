// Emitter-SIRET badge on the Urssaf login form (issue 6, seed 000 « Le SIRET connecté »): when the
// identifier typed is a SIRET, says before submission whether it is the firm's active SIRET, a closed
// one, a client's, unknown or invalid. The background classifies it (settings and register stay there);
// the badge names no client and shows nothing the page does not hold. The password is never read.

import { t } from "../../core/ext.ts";
import { applyStyle, type Feature } from "../../core/features.ts";
import type { SiretBadgeVerdict } from "../../core/messages.ts";
import { send } from "../../core/send.ts";
import { normalizeId } from "../../register/model/ids.ts";

// One size for every verdict: the page sees our host's box (not its closed root), and a box as tall as
// its message would tell a client's SIRET (3 lines on the demo's form) from the firm's (2). Four lines
// hold the longest message on a 420 px form; narrower, it scrolls.
const STYLE = `
:host { all: initial; display: block; }
p { margin: 4px 0 0; padding: 4px 8px; border-radius: 4px; border-left: 4px solid;
  font: 13px/1.35 system-ui, sans-serif; max-width: 36em;
  box-sizing: border-box; height: calc(4 * 1.35em + 8px); overflow-y: auto; }
p[hidden] { display: none; }
b { font-weight: 600; }
.ok { color: #1e5b2c; background: #e8f4ea; border-color: #2e7d32; }
.warn { color: #6b3a00; background: #fff4e0; border-color: #c77700; }
.bad { color: #8c0018; background: #fdecee; border-color: #b00020; }
.info { color: #1f3a5f; background: #eaf1fb; border-color: #3b6db3; }
`;

const VIEW: Record<SiretBadgeVerdict["status"], [tone: string, key: string]> = {
  active: ["ok", "siretBadgeActive"],
  old: ["bad", "siretBadgeOld"],
  "firm-other": ["warn", "siretBadgeFirmOther"],
  client: ["bad", "siretBadgeClient"],
  unknown: ["warn", "siretBadgeUnknown"],
  invalid: ["bad", "siretBadgeInvalid"],
  "not-configured": ["info", "siretBadgeNotConfigured"],
};

/** A SIRET typed as the identifier: 14 digits once spaces, dots and dashes are removed. */
export function typedSiret(value: string): string | null {
  const id = normalizeId(value);
  return /^\d{14}$/.test(id) ? id : null;
}

export const emitterSiretBadge: Feature = {
  id: "emitter-siret-badge",
  runsOn: (page) => page?.kind === "connexion" && page.understood,
  run(ctx) {
    const { page } = ctx;
    if (page?.kind !== "connexion" || !page.understood) return;
    const field = page.view.identifiant;
    // After the field, never inside a label that wraps it (that would change the field's name).
    ctx.item(field, { after: field.closest("label") ?? field }, (root, signal) =>
      attach(root, field, signal),
    );
  },
};

function attach(root: ShadowRoot, field: HTMLInputElement, signal: AbortSignal): void {
  applyStyle(root, STYLE);
  const badge = document.createElement("p");
  badge.setAttribute("aria-live", "polite");
  badge.hidden = true;
  const title = document.createElement("b");
  title.textContent = `${t("siretBadgeTitle")} `;
  const text = document.createElement("span");
  badge.append(title, text);
  root.append(badge);

  let asked = "";
  let seq = 0;
  const show = (tone: string, message: string, status: string) => {
    badge.className = tone;
    badge.dataset.status = status;
    text.textContent = message;
    badge.hidden = false;
  };
  const update = () => {
    const siret = typedSiret(field.value);
    if (siret === asked) return;
    asked = siret ?? "";
    const mine = ++seq;
    if (!siret) {
      badge.hidden = true;
      delete badge.dataset.status;
      return;
    }
    send({ type: "siret/classify", siret }).then(
      (verdict) => {
        if (mine !== seq || signal.aborted) return;
        const [tone, key] = VIEW[verdict.status];
        show(tone, verdict.problem ? t(key, verdict.problem) : t(key), verdict.status);
      },
      (error: unknown) => {
        if (mine !== seq || signal.aborted) return;
        show("info", t("siretBadgeError", error instanceof Error ? error.message : String(error)), "error");
      },
    );
  };
  // The user's typing only: a page script that fills the field and fires input learns nothing.
  const typed = (event: Event) => {
    if (event.isTrusted) update();
  };
  field.addEventListener("input", typed, { signal });
  field.addEventListener("change", typed, { signal });
  update();
}
