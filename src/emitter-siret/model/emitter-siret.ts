/**
 * What a SIRET is for the firm (seed 000, « Le SIRET connecté »): its active SIRET, a closed one, another
 * establishment of the firm, a client's, unknown, or invalid. One pure function shared by the DSN emitter
 * check (S10.G00.01) and the badge on the Urssaf login form.
 */
import { checkSiret, normalizeId } from "../../register/model/ids.ts";

export type EmitterStatus =
  | "active"
  | "old"
  | "firm-other"
  | "client"
  | "unknown"
  | "invalid"
  | "not-configured";

export interface FirmSirets {
  /** The firm's active SIRET (settings), or null when not configured. */
  active: string | null;
  /** The firm's closed SIRETs. */
  old: readonly string[];
}

export interface SiretVerdict {
  /** The SIRET without separators. */
  siret: string;
  status: EmitterStatus;
  /** For "invalid": why, in French (length, character, key). */
  problem: string | null;
  /** For "client": where the SIREN was found. */
  clientFrom: "file" | "register" | null;
}

/**
 * `fileSirens`: SIRENs declared in the DSN itself (S21.G00.06), checked before the register's
 * `clientSirens` (SIRENs of the register's clients, a client's SIRET counting by its SIREN).
 */
export function classifySiret(
  input: string,
  firm: FirmSirets,
  clientSirens: ReadonlySet<string> = new Set(),
  fileSirens: ReadonlySet<string> = new Set(),
): SiretVerdict {
  const siret = normalizeId(input);
  const valid = checkSiret(siret);
  const verdict = (status: EmitterStatus, clientFrom: SiretVerdict["clientFrom"] = null): SiretVerdict => ({
    siret,
    status,
    problem: null,
    clientFrom,
  });
  if (!valid.ok) return { siret, status: "invalid", problem: valid.problem.message, clientFrom: null };
  const siren = siret.slice(0, 9);
  const active = firm.active ? normalizeId(firm.active) : null;
  if (active && siret === active) return verdict("active");
  if (firm.old.some((s) => normalizeId(s) === siret)) return verdict("old");
  if (active && siren === active.slice(0, 9)) return verdict("firm-other");
  if (fileSirens.has(siren)) return verdict("client", "file");
  if (clientSirens.has(siren)) return verdict("client", "register");
  return verdict(active ? "unknown" : "not-configured");
}

/** SIRENs of the register's clients (from their SIREN, or the first 9 digits of their SIRET). */
export function clientSirensOf(
  clients: Iterable<{ siren: string | null; siret: string | null }>,
): Set<string> {
  const sirens = new Set<string>();
  for (const c of clients) {
    if (c.siren) sirens.add(c.siren);
    else if (c.siret) sirens.add(c.siret.slice(0, 9));
  }
  return sirens;
}
