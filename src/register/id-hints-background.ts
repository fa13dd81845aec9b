// The identifier hints of the Urssaf forms, computed here: the checks and their French messages are the
// largest part of the identifier module, and the content script only shows the answer.

import type { IdCheckKind, IdHint } from "../core/messages.ts";
import { checkAccountNumber, checkNir, checkSiren, checkSirenOrSiret, type IdResult } from "./model/ids.ts";

const CHECKS: Record<IdCheckKind, [check: (v: string) => IdResult, okKey: string]> = {
  "siren-or-siret": [checkSirenOrSiret, "hintValidNumber"],
  siren: [checkSiren, "hintValidSiren"],
  account: [checkAccountNumber, "hintPlausibleAccount"],
  nir: [checkNir, "hintValidNir"],
};

export function idHint(
  kind: IdCheckKind,
  value: string,
  t: (key: string, substitutions?: string | string[]) => string,
): IdHint {
  const [check, okKey] = CHECKS[kind];
  const result = check(value.trim());
  if (!result.ok) return { level: "bad", text: t("hintPrefix", result.problem.message) };
  const warning = result.warnings[0]?.message;
  return warning
    ? { level: "warn", text: t("hintPrefix", warning) }
    : { level: "ok", text: t("hintPrefix", t(okKey)) };
}
