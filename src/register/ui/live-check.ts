// Validation as you type, with the reason from ids.ts (nothing is shown for an empty optional field).
import {
  checkAccountNumber,
  checkNir,
  checkSiren,
  checkSiret,
  formatSiret,
  type IdResult,
} from "../model/ids.ts";

export interface LiveCheck {
  error: string | null;
  hint: string | null;
}

function live(result: IdResult | null): LiveCheck {
  if (!result) return { error: null, hint: null };
  if (!result.ok) return { error: result.problem.message, hint: null };
  return { error: null, hint: result.warnings.map((w) => w.message).join(" ") || null };
}

const blank = (v: string) => v.trim() === "";

export const liveSiren = (v: string): LiveCheck => live(blank(v) ? null : checkSiren(v));
export const liveSiret = (v: string): LiveCheck => {
  const check = blank(v) ? null : checkSiret(v);
  const base = live(check);
  return check?.ok ? { ...base, hint: base.hint ?? formatSiret(check.value) } : base;
};
export const liveNir = (v: string): LiveCheck => live(blank(v) ? null : checkNir(v));
export const liveAccount = (v: string): LiveCheck => live(blank(v) ? null : checkAccountNumber(v));
