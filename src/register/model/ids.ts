/**
 * French administrative identifiers: SIREN, NIC, SIRET, NIR (numéro de sécurité sociale) and Urssaf
 * account numbers. Pure functions, no browser API: runs in the extension and in Node.
 *
 * Rules: INSEE (SIREN and SIRET: Luhn key; La Poste's SIRETs: digit sum divisible by 5) and the NIR's
 * key (97 − number mod 97, Corsica's 2A/2B counted as 19/18); see docs/sources.md. Every validator normalises its input first (users paste
 * numbers with spaces, dots, non-breaking spaces…) and returns a discriminated union whose messages are
 * in French and say what is wrong and what to check.
 */

export type IdProblemCode = "empty" | "characters" | "length" | "key" | "zero" | "format";

/** Why a value is rejected. `message` is French, ready to show to the user. */
export interface IdProblem {
  code: IdProblemCode;
  message: string;
}

export type IdWarningCode =
  /** NIR given without its key (13 characters): the key could not be checked. */
  | "no-key"
  /** Temporary or special NIR (first digit 3, 4, 5, 6, 7 or 8). */
  | "temporary"
  /** Urssaf account number of an unusual length (usually 18 digits). */
  | "length"
  /** Urssaf account number containing letters. */
  | "letters";

/** Accepted value that deserves the user's attention. `message` is French. */
export interface IdWarning {
  code: IdWarningCode;
  message: string;
}

/** `value` is always the normalised input (see {@link normalizeId}). */
export type IdResult =
  | { ok: true; value: string; warnings: IdWarning[] }
  | { ok: false; value: string; problem: IdProblem };

export type SirenOrSiretKind = "siren" | "siret";

/** `kind` is null when the length matches neither a SIREN nor a SIRET (or the value is unusable). */
export type SirenOrSiretResult = IdResult & { kind: SirenOrSiretKind | null };

/** SIREN of La Poste: its SIRETs follow a special rule (see {@link checkSiret}). */
export const LA_POSTE_SIREN = "356000000";

// ---------------------------------------------------------------------------------------------------
// Normalisation and small helpers
// ---------------------------------------------------------------------------------------------------

/**
 * Whitespace of any kind (spaces, tabs, NBSP U+00A0, narrow NBSP U+202F, thin spaces, line breaks…),
 * zero-width characters, dots, hyphens and dash-like characters.
 */
const SEPARATORS = /[\s\u200B-\u200D\u2060.\-\u2010-\u2015\u2212]/gu;

/** Strips separators (spaces, NBSP, tabs, dots, hyphens…) and uppercases letters. Idempotent. */
export function normalizeId(input: string): string {
  return input.replace(SEPARATORS, "").toUpperCase();
}

const DIGITS = /^\d+$/;

function ok(value: string, warnings: IdWarning[] = []): IdResult {
  return { ok: true, value, warnings };
}

function fail(value: string, code: IdProblemCode, message: string): IdResult {
  return { ok: false, value, problem: { code, message } };
}

function ordinal(n: number): string {
  return n === 1 ? "1er" : `${n}e`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

/** Shows a character between French quotes; invisible or control characters as U+XXXX. */
function describeChar(ch: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch)) return `« ${ch} »`;
  const cp = ch.codePointAt(0) ?? 0;
  return `« U+${cp.toString(16).toUpperCase().padStart(4, "0")} »`;
}

/** First character (by code point) not matching `allowed`, with its 1-based position. */
function findBadChar(value: string, allowed: RegExp): { char: string; position: number } | null {
  let position = 0;
  for (const char of value) {
    position += 1;
    if (!allowed.test(char)) return { char, position };
  }
  return null;
}

function badCharMessage(label: string, bad: { char: string; position: number }, hint: string): string {
  return `${label} contient un caractère non autorisé : ${describeChar(bad.char)} (${ordinal(bad.position)} caractère). ${hint}`;
}

/**
 * The first two checks of every identifier: filled in, and only `allowed` characters; null when both pass.
 * `label` opens the characters message ("Le SIREN …").
 */
function checkFilled(
  value: string,
  emptyMessage: string,
  allowed: RegExp,
  label: string,
  hint: string,
): IdResult | null {
  if (value === "") return fail(value, "empty", emptyMessage);
  const bad = findBadChar(value, allowed);
  return bad ? fail(value, "characters", badCharMessage(label, bad, hint)) : null;
}

/** Groups a string by the given sizes, separated by spaces (extra characters form a last group). */
function group(value: string, sizes: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= value.length) break;
    parts.push(value.slice(i, i + size));
    i += size;
  }
  if (i < value.length) parts.push(value.slice(i));
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------------
// Luhn
// ---------------------------------------------------------------------------------------------------

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/** True when `digits` is a non-empty string of ASCII digits whose Luhn checksum is valid. */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/**
 * The Luhn check digit to append to `prefix` (ASCII digits) so that `prefix + key` is Luhn-valid.
 * `computeLuhnKey("52601815") === "5"`. Throws a RangeError if `prefix` is not made of digits.
 */
export function computeLuhnKey(prefix: string): string {
  if (!DIGITS.test(prefix)) throw new RangeError(`computeLuhnKey: chiffres attendus, reçu « ${prefix} »`);
  return String((10 - (luhnSum(prefix, true) % 10)) % 10);
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += digits.charCodeAt(i) - 48;
  return sum;
}

// ---------------------------------------------------------------------------------------------------
// SIREN, NIC, SIRET
// ---------------------------------------------------------------------------------------------------

const ONLY_DIGITS_HINT = "Saisissez uniquement des chiffres.";

/** Common checks for a fixed-length all-digit number: empty, characters, length. */
function checkDigits(value: string, label: string, length: number): IdResult | null {
  const unfilled = checkFilled(
    value,
    `Saisissez le ${label} (${length} chiffres).`,
    /^\d$/,
    `Le ${label}`,
    ONLY_DIGITS_HINT,
  );
  if (unfilled) return unfilled;
  if (value.length !== length) {
    return fail(
      value,
      "length",
      `Le ${label} doit compter ${length} chiffres (${plural(value.length, "saisi")}).`,
    );
  }
  return null;
}

/** SIREN: 9 digits, Luhn key, 000 000 000 rejected. */
export function checkSiren(input: string): IdResult {
  const value = normalizeId(input);
  const early = checkDigits(value, "SIREN", 9);
  if (early) return early;
  if (/^0+$/.test(value)) return fail(value, "zero", "Le SIREN ne peut pas être 000 000 000.");
  if (!luhnValid(value)) {
    return fail(value, "key", `Le SIREN ${formatSiren(value)} a une clé invalide : vérifiez les 9 chiffres.`);
  }
  return ok(value);
}

/** NIC (establishment number, last 5 digits of a SIRET): 5 digits, 00000 rejected (not admitted in the DSN). */
export function checkNic(input: string): IdResult {
  const value = normalizeId(input);
  const early = checkDigits(value, "NIC", 5);
  if (early) return early;
  if (value === "00000") {
    return fail(value, "zero", "Le NIC ne peut pas être 00000 : il n'est pas admis dans la DSN.");
  }
  return ok(value);
}

/**
 * SIRET: 14 digits; valid only if both the 14 digits and the SIREN (first 9) pass Luhn. La Poste
 * (SIREN 356000000): a SIRET failing Luhn is valid when the plain sum of its digits is a multiple of 5.
 * All-zero SIRET, SIREN or NIC rejected.
 */
export function checkSiret(input: string): IdResult {
  const value = normalizeId(input);
  const early = checkDigits(value, "SIRET", 14);
  if (early) return early;
  if (/^0+$/.test(value)) return fail(value, "zero", "Le SIRET ne peut pas être 000 000 000 00000.");
  const siren = value.slice(0, 9);
  const nic = value.slice(9);
  const shown = formatSiret(value);
  if (/^0+$/.test(siren)) {
    return fail(
      value,
      "zero",
      `Le SIRET ${shown} est invalide : son SIREN (9 premiers chiffres) ne peut pas être 000 000 000.`,
    );
  }
  if (nic === "00000") {
    return fail(
      value,
      "zero",
      `Le SIRET ${shown} est invalide : son NIC (5 derniers chiffres) ne peut pas être 00000, il n'est pas admis dans la DSN.`,
    );
  }
  const sirenOk = luhnValid(siren);
  const siretOk = luhnValid(value) || (siren === LA_POSTE_SIREN && digitSum(value) % 5 === 0);
  if (!sirenOk && !siretOk) {
    return fail(
      value,
      "key",
      `Le SIRET ${shown} a une clé invalide, et le SIREN qu'il contient (${formatSiren(siren)}) aussi : vérifiez les 14 chiffres.`,
    );
  }
  if (!sirenOk) {
    return fail(
      value,
      "key",
      `Le SIRET ${shown} est invalide : la clé du SIREN qu'il contient (${formatSiren(siren)}, 9 premiers chiffres) est fausse. Vérifiez les 9 premiers chiffres.`,
    );
  }
  if (!siretOk) {
    return fail(
      value,
      "key",
      `Le SIRET ${shown} a une clé invalide : le SIREN ${formatSiren(siren)} est correct, vérifiez le NIC (5 derniers chiffres).`,
    );
  }
  return ok(value);
}

/** Validates a SIREN (9 digits) or a SIRET (14 digits), chosen by length; `kind` says which. */
export function checkSirenOrSiret(input: string): SirenOrSiretResult {
  const value = normalizeId(input);
  const unfilled = checkFilled(
    value,
    "Saisissez un SIREN (9 chiffres) ou un SIRET (14 chiffres).",
    /^\d$/,
    "Le SIREN ou SIRET",
    ONLY_DIGITS_HINT,
  );
  if (unfilled) return { ...unfilled, kind: null };
  if (value.length === 9) return { ...checkSiren(value), kind: "siren" };
  if (value.length === 14) return { ...checkSiret(value), kind: "siret" };
  return {
    ...fail(
      value,
      "length",
      `Un SIREN compte 9 chiffres et un SIRET 14 (${plural(value.length, "chiffre")} ${value.length > 1 ? "saisis" : "saisi"}).`,
    ),
    kind: null,
  };
}

/** First 9 digits of a SIRET (after normalisation), or null if the value is not 14 digits. */
export function sirenOfSiret(siret: string): string | null {
  const value = normalizeId(siret);
  return /^\d{14}$/.test(value) ? value.slice(0, 9) : null;
}

// ---------------------------------------------------------------------------------------------------
// NIR
// ---------------------------------------------------------------------------------------------------

/** Name of the NIR part at a 1-based position. */
function nirPart(position: number): string {
  if (position === 1) return "sexe";
  if (position <= 3) return "année de naissance";
  if (position <= 5) return "mois de naissance";
  if (position <= 7) return "département de naissance";
  if (position <= 10) return "commune de naissance";
  if (position <= 13) return "numéro d'ordre";
  return "clé";
}

/** Body (13 characters) as a number, Corsica 2A → 19, 2B → 18; null when malformed. */
function nirBodyNumber(body: string): number | null {
  if (!/^\d{5}(\d\d|2A|2B)\d{6}$/.test(body)) return null;
  const digits = body.slice(0, 5) + body.slice(5, 7).replace("2A", "19").replace("2B", "18") + body.slice(7);
  return Number(digits);
}

/**
 * Key of a 13-character NIR body, as two digits ("01" to "97"): 97 − (body mod 97), Corsica 2A read as
 * 19 and 2B as 18. The body is normalised first. Throws a RangeError on a malformed body.
 */
export function computeNirKey(body13: string): string {
  const n = nirBodyNumber(normalizeId(body13));
  if (n === null)
    throw new RangeError(`computeNirKey: corps de NIR de 13 caractères attendu, reçu « ${body13} »`);
  return String(97 - (n % 97)).padStart(2, "0");
}

const NIR_LABEL = "Le NIR (numéro de sécurité sociale)";

/**
 * NIR: 15 characters (13-character body + 2-digit key) or 13 (no key: accepted with a warning).
 * Corsica 2A/2B accepted in the département; month digits are not checked (20–42, 50+ exist).
 * First digit: 1/2; 3, 4, 7, 8 (temporary or special numbers) accepted with a warning; 5/6 (temporary
 * MIG numbers) only in the 13-character form.
 */
export function checkNir(input: string): IdResult {
  const value = normalizeId(input);
  const unfilled = checkFilled(
    value,
    "Saisissez le NIR (numéro de sécurité sociale, 13 ou 15 caractères).",
    /^[0-9A-Z]$/,
    NIR_LABEL,
    "Seuls les chiffres sont acceptés, et 2A ou 2B (Corse) aux caractères 6 et 7.",
  );
  if (unfilled) return unfilled;
  if (value.length !== 13 && value.length !== 15) {
    return fail(
      value,
      "length",
      `Le NIR doit compter 15 caractères, ou 13 sans la clé (${plural(value.length, "saisi")}).`,
    );
  }
  // Letters: only a Corsican département (2A, 2B) at positions 6–7.
  for (let i = 0; i < value.length; i += 1) {
    const ch = value.charAt(i);
    if (/\d/.test(ch) || i === 5 || i === 6) continue;
    return fail(
      value,
      "characters",
      `${NIR_LABEL} contient une lettre ${describeChar(ch)} au ${ordinal(i + 1)} caractère (${nirPart(i + 1)}) : seuls les caractères 6 et 7 peuvent contenir une lettre (2A ou 2B pour la Corse).`,
    );
  }
  const dept = value.slice(5, 7);
  if (!/^(\d\d|2A|2B)$/.test(dept)) {
    return fail(
      value,
      "format",
      `Le département de naissance du NIR (caractères 6 et 7) « ${dept} » est invalide : seule la Corse s'écrit avec une lettre (2A ou 2B). Vérifiez ces deux caractères.`,
    );
  }
  const first = value.charAt(0);
  const hasKey = value.length === 15;
  if (first === "0" || first === "9" || ((first === "5" || first === "6") && hasKey)) {
    return fail(
      value,
      "format",
      first === "5" || first === "6"
        ? `Un NIR commençant par ${first} est un numéro provisoire sans clé : il compte 13 caractères, pas 15. Vérifiez le 1er chiffre.`
        : `Le 1er chiffre du NIR (sexe) doit être 1 ou 2 (3, 4, 7 ou 8 pour un numéro provisoire ou spécial) : « ${first} » saisi.`,
    );
  }
  const warnings: IdWarning[] = [];
  if (first !== "1" && first !== "2") {
    warnings.push({
      code: "temporary",
      message: `Ce NIR commence par ${first} : c'est un numéro provisoire ou attribué à titre spécial, pas un numéro définitif. Vérifiez-le sur un document récent (attestation de droits, bulletin de paie).`,
    });
  }
  if (!hasKey) {
    warnings.push({
      code: "no-key",
      message:
        "NIR saisi sans sa clé (13 caractères) : la clé n'a pas pu être vérifiée. Relisez les 13 caractères ou saisissez les 15.",
    });
    return ok(value, warnings);
  }
  const body = value.slice(0, 13);
  const key = value.slice(13);
  if (computeNirKey(body) !== key) {
    const range = Number(key) < 1 || Number(key) > 97 ? " (une clé va de 01 à 97)" : "";
    return fail(
      value,
      "key",
      `Le NIR ${formatNir(value)} a une clé invalide « ${key} »${range} : vérifiez les 13 premiers caractères et la clé (2 derniers chiffres).`,
    );
  }
  return ok(value, warnings);
}

// ---------------------------------------------------------------------------------------------------
// Urssaf account number
// ---------------------------------------------------------------------------------------------------

/** Usual length of an Urssaf account number (3-digit Urssaf code, zero-padded, key). */
export const ACCOUNT_NUMBER_USUAL_LENGTH = 18;

/**
 * Urssaf account number: no authoritative format, so never hard-reject letters and digits. Empty or
 * characters outside [A-Z0-9] (after normalisation) are rejected; unusual length or letters give warnings.
 */
export function checkAccountNumber(input: string): IdResult {
  const value = normalizeId(input);
  const unfilled = checkFilled(
    value,
    "Saisissez le numéro de compte Urssaf (en général 18 chiffres, indiqué sur les courriers de l'Urssaf).",
    /^[0-9A-Z]$/,
    "Le numéro de compte Urssaf",
    "Seuls les chiffres et les lettres sans accent sont acceptés.",
  );
  if (unfilled) return unfilled;
  const warnings: IdWarning[] = [];
  if (value.length !== ACCOUNT_NUMBER_USUAL_LENGTH) {
    warnings.push({
      code: "length",
      message: `Un numéro de compte Urssaf compte en général ${ACCOUNT_NUMBER_USUAL_LENGTH} chiffres (${plural(value.length, "caractère")} ${value.length > 1 ? "saisis" : "saisi"}) : vérifiez-le sur un courrier de l'Urssaf.`,
    });
  }
  if (/[A-Z]/.test(value)) {
    warnings.push({
      code: "letters",
      message:
        "Ce numéro de compte contient des lettres : c'est possible (certains professionnels de santé indépendants), mais vérifiez-le sur un courrier de l'Urssaf.",
    });
  }
  return ok(value, warnings);
}

// ---------------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------------

/** "526018155" → "526 018 155". A value that is not 9 digits is returned normalised, ungrouped. */
export function formatSiren(input: string): string {
  const value = normalizeId(input);
  return /^\d{9}$/.test(value) ? group(value, [3, 3, 3]) : value;
}

/** "52601815500012" → "526 018 155 00012". A value that is not 14 digits is returned normalised. */
export function formatSiret(input: string): string {
  const value = normalizeId(input);
  return /^\d{14}$/.test(value) ? group(value, [3, 3, 3, 5]) : value;
}

/**
 * "253072B07300470" → "2 53 07 2B 073 004 70" (sex, year, month, département, commune, order, key);
 * the 13-character form without the key group. Other values are returned normalised.
 */
export function formatNir(input: string): string {
  const value = normalizeId(input);
  return /^[0-9A-Z]{13}([0-9A-Z]{2})?$/.test(value) ? group(value, [1, 2, 2, 2, 3, 3, 2]) : value;
}
