import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IdProblemCode, IdResult } from "./ids.ts";
import {
  checkAccountNumber,
  checkNic,
  checkNir,
  checkSiren,
  checkSirenOrSiret,
  checkSiret,
  computeLuhnKey,
  computeNirKey,
  formatNir,
  formatSiren,
  formatSiret,
  luhnValid,
  normalizeId,
  sirenOfSiret,
} from "./ids.ts";

function expectOk(result: IdResult, value?: string): void {
  if (!result.ok)
    throw new Error(`attendu valide, obtenu ${result.problem.code} : ${result.problem.message}`);
  if (value !== undefined) expect(result.value).toBe(value);
}

function expectProblem(result: IdResult, code: IdProblemCode, ...fragments: string[]): string {
  if (result.ok) throw new Error(`attendu invalide (${code}), obtenu valide : ${result.value}`);
  expect(result.problem.code).toBe(code);
  for (const fragment of fragments) expect(result.problem.message).toContain(fragment);
  return result.problem.message;
}

const VALID_SIRET = `526018155${"0001"}${computeLuhnKey("5260181550001")}`;

// ---------------------------------------------------------------------------------------------------
// identifiers.md vectors
// ---------------------------------------------------------------------------------------------------

describe("identifiers.md vectors", () => {
  it("11122233344455 passes the 14-digit Luhn but its SIREN 111222333 fails: invalid", () => {
    expect(luhnValid("11122233344455")).toBe(true);
    expect(luhnValid("111222333")).toBe(false);
    expectProblem(checkSiret("11122233344455"), "key", "111 222 333", "9 premiers chiffres");
    expectProblem(checkSiren("111222333"), "key", "111 222 333");
  });

  it.each(["35600000009075", "35600000049837", "35600000000048"])("La Poste SIRET %s is valid", (siret) => {
    expectOk(checkSiret(siret), siret);
    expectOk(checkSirenOrSiret(siret));
  });

  it("La Poste head office 35600000000048 is also Luhn-valid", () => {
    expect(luhnValid("35600000000048")).toBe(true);
    expect(luhnValid("35600000009075")).toBe(false);
  });

  it("La Poste SIRET 35600000049838 is invalid", () => {
    expectProblem(checkSiret("35600000049838"), "key", "NIC");
  });

  it("the La Poste exception is for SIRETs only, not for other SIRENs", () => {
    // Another SIREN: a SIRET failing Luhn with a digit sum multiple of 5 stays invalid.
    const siren = `12345678${computeLuhnKey("12345678")}`;
    for (let d = 0; d <= 9; d += 1) {
      const siret = `${siren}0001${d}`;
      if (luhnValid(siret)) continue;
      expect(checkSiret(siret).ok).toBe(false);
    }
    // The SIREN of La Poste itself is valid as a SIREN (plain Luhn).
    expectOk(checkSiren("356000000"));
  });

  it.each([
    ["SIREN", () => checkSiren("000000000")],
    ["SIREN with spaces", () => checkSiren("000 000 000")],
    ["SIRET", () => checkSiret("00000000000000")],
    ["NIC", () => checkNic("00000")],
    ["SIREN or SIRET (9)", () => checkSirenOrSiret("000000000")],
    ["SIREN or SIRET (14)", () => checkSirenOrSiret("00000000000000")],
  ])("all-zero %s is rejected although it passes Luhn", (_label, run) => {
    expect(luhnValid("000000000")).toBe(true);
    expectProblem(run(), "zero");
  });

  it("a NIC of zero is not admitted in the DSN, even inside an otherwise Luhn-valid SIRET", () => {
    expectProblem(checkNic("00000"), "zero", "DSN");
    expectProblem(checkSiret("52601815500000"), "zero", "NIC", "00000");
    expectProblem(checkSiret(`000000000${"0001"}${computeLuhnKey("0000000000001")}`), "zero", "SIREN");
  });

  it("numbers pasted with spaces, dots or non-breaking spaces are normalised first", () => {
    const spaced = `${VALID_SIRET.slice(0, 3)} ${VALID_SIRET.slice(3, 6)} ${VALID_SIRET.slice(6, 9)} ${VALID_SIRET.slice(9)}`;
    expectOk(checkSiret(spaced), VALID_SIRET);
    expectOk(checkSiret(spaced.replaceAll(" ", "\u00A0")), VALID_SIRET);
    expectOk(checkSiret(spaced.replaceAll(" ", "\u202F")), VALID_SIRET);
    expectOk(checkSiret(spaced.replaceAll(" ", ".")), VALID_SIRET);
    expectOk(checkSiren("526.018.155"), "526018155");
  });

  it.each(["253072B07300470", "253072A07300443", "186022A21532523"])("Corsican NIR %s is valid", (nir) => {
    const result = checkNir(nir);
    expectOk(result, nir);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it("Corsica: 2A is read as 19 and 2B as 18 for the key", () => {
    expect(computeNirKey("253072B073004")).toBe("70");
    expect(computeNirKey("253072A073004")).toBe("43");
    expect(computeNirKey("186022A215325")).toBe("23");
    expect(computeNirKey("2530718073004")).toBe("70");
    expect(computeNirKey("2530719073004")).toBe("43");
  });

  it("malformed Corsican NIR 253072C07300443 is rejected, naming the département", () => {
    expectProblem(checkNir("253072C07300443"), "format", "2C", "département", "2A", "2B");
  });

  it("the key is 97 − (body mod 97), a remainder of 0 giving 97", () => {
    const body = 1_000_000_000_000 + (97 - (1_000_000_000_000 % 97));
    expect(body % 97).toBe(0);
    expect(computeNirKey(String(body))).toBe("97");
    expectOk(checkNir(`${body}97`));
  });

  it("the 13-character form (no key) is accepted, with a warning that the key was not checked", () => {
    const result = checkNir("2530720730044");
    expectOk(result, "2530720730044");
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["no-key"]);
    expect(result.ok && result.warnings[0]?.message).toContain("clé");
  });

  it.each(["00", "13", "20", "30", "42", "50", "63", "99"])(
    "month digits %s are not rejected (incomplete civil-status records)",
    (month) => {
      const body = `185${month}75056123`;
      expectOk(checkNir(`${body}${computeNirKey(body)}`));
      expectOk(checkNir(body));
    },
  );

  it.each(["7", "8", "5", "6"])(
    "temporary 13-character number starting with %s is accepted with a warning",
    (first) => {
      const result = checkNir(`${first}850575056123`);
      expectOk(result);
      expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["temporary", "no-key"]);
    },
  );

  it.each(["3", "4", "7", "8"])(
    "15-character number starting with %s is accepted with a temporary warning",
    (first) => {
      const body = `${first}850575056123`;
      const result = checkNir(`${body}${computeNirKey(body)}`);
      expectOk(result);
      expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["temporary"]);
    },
  );

  it.each(["5", "6"])("15-character number starting with %s (MIG, no key) is rejected", (first) => {
    const body = `${first}850575056123`;
    expectProblem(checkNir(`${body}${computeNirKey(body)}`), "format", "13 caractères");
  });

  it.each(["0", "9"])("first digit %s is rejected, naming the sex digit", (first) => {
    const body = `${first}850575056123`;
    expectProblem(checkNir(`${body}${computeNirKey(body)}`), "format", "1er chiffre", "sexe", `« ${first} »`);
  });

  it("GQ815739800M01 (alphanumeric account number) is accepted with warnings", () => {
    const result = checkAccountNumber("GQ815739800M01");
    expectOk(result, "GQ815739800M01");
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["length", "letters"]);
  });

  it("an 18-digit account number starting with an Urssaf code is accepted without warning", () => {
    const result = checkAccountNumber("117 000 001 234 567 891");
    expectOk(result, "117000001234567891");
    expect(result.ok && result.warnings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// normalizeId
// ---------------------------------------------------------------------------------------------------

describe("normalizeId", () => {
  it.each([
    ["526 018 155", "526018155"],
    ["526\u00A0018\u00A0155", "526018155"],
    ["526\u202F018\u202F155", "526018155"],
    ["526\t018\t155", "526018155"],
    ["526.018.155", "526018155"],
    ["526-018-155", "526018155"],
    ["  526018155\n", "526018155"],
    ["526\u2009018\u200B155", "526018155"],
    ["2 53 07 2a 073 004 70", "253072A07300470"],
    ["gq815739800m01", "GQ815739800M01"],
    ["", ""],
    [" \u00A0.\t- ", ""],
    ["12/34", "12/34"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeId(input)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const once = normalizeId(s);
        expect(normalizeId(once)).toBe(once);
      }),
    );
  });

  it("separators inserted anywhere do not change a validation result", () => {
    const separator = fc.constantFrom(" ", "\u00A0", "\u202F", "\t", ".", "-");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), separator), { maxLength: 6 }), (inserts) => {
        let s = VALID_SIRET;
        for (const [at, sep] of inserts) {
          const i = at % (s.length + 1);
          s = s.slice(0, i) + sep + s.slice(i);
        }
        expect(checkSiret(s)).toEqual(checkSiret(VALID_SIRET));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Luhn
// ---------------------------------------------------------------------------------------------------

describe("luhnValid / computeLuhnKey", () => {
  it.each([
    ["526018155", true],
    ["356000000", true],
    ["111222333", false],
    ["0", true],
    ["79927398713", true],
    ["79927398710", false],
    ["", false],
    ["12 3", false],
    ["abc", false],
  ])("luhnValid(%j) is %s", (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it("computeLuhnKey gives the digit that completes a Luhn-valid number", () => {
    expect(computeLuhnKey("52601815")).toBe("5");
    expect(computeLuhnKey("7992739871")).toBe("3");
    expect(() => computeLuhnKey("12a")).toThrow(RangeError);
    expect(() => computeLuhnKey("")).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// SIREN, NIC, SIRET: empty, characters, length, keys
// ---------------------------------------------------------------------------------------------------

describe("checkSiren", () => {
  it("accepts a valid SIREN and returns the normalised value", () => {
    const result = checkSiren(" 526 018 155 ");
    expectOk(result, "526018155");
    expect(result.ok && result.warnings).toEqual([]);
  });

  it.each([
    ["52601815", "Le SIREN doit compter 9 chiffres (8 saisis)."],
    ["5", "Le SIREN doit compter 9 chiffres (1 saisi)."],
    ["5260181550", "Le SIREN doit compter 9 chiffres (10 saisis)."],
  ])("length error for %j", (input, message) => {
    expect(expectProblem(checkSiren(input), "length")).toBe(message);
  });

  it.each([
    ["526O18155", "« O »", "4e caractère"],
    ["A26018155", "« A »", "1er caractère"],
    ["526,018,155", "« , »", "4e caractère"],
    ["526/018/155", "« / »", "4e caractère"],
    ["526018\u0007155", "U+0007", "7e caractère"],
  ])("character error for %j names %s", (input, char, position) => {
    expectProblem(checkSiren(input), "characters", char, position, "chiffres");
  });

  it("reports the character before the length", () => {
    expectProblem(checkSiren("12x"), "characters", "« X »");
  });

  it.each(["", "   ", "\u00A0", " . "])("empty input %j", (input) => {
    expectProblem(checkSiren(input), "empty", "SIREN", "9 chiffres");
  });

  it("key error explains what to check", () => {
    expect(expectProblem(checkSiren("526018156"), "key")).toBe(
      "Le SIREN 526 018 156 a une clé invalide : vérifiez les 9 chiffres.",
    );
  });
});

describe("checkNic", () => {
  it("accepts 5 digits", () => {
    expectOk(checkNic("00012"), "00012");
    expectOk(checkNic("000 12"), "00012");
  });

  it.each([
    ["0001", "length", "5 chiffres (4 saisis)"],
    ["000123", "length", "5 chiffres (6 saisis)"],
    ["0001A", "characters", "« A »"],
    ["", "empty", "NIC"],
  ] as const)("%j → %s", (input, code, fragment) => {
    expectProblem(checkNic(input), code, fragment);
  });
});

describe("checkSiret", () => {
  it("accepts a valid SIRET", () => {
    expectOk(checkSiret(VALID_SIRET), VALID_SIRET);
  });

  it("says the SIRET key is wrong when only the 14-digit Luhn fails", () => {
    expect(expectProblem(checkSiret("52601815500012"), "key")).toBe(
      "Le SIRET 526 018 155 00012 a une clé invalide : le SIREN 526 018 155 est correct, vérifiez le NIC (5 derniers chiffres).",
    );
  });

  it("says both keys are wrong when both fail", () => {
    const siren = "526018156";
    let siret = "";
    for (let d = 0; d <= 9 && siret === ""; d += 1) {
      if (!luhnValid(`${siren}0001${d}`)) siret = `${siren}0001${d}`;
    }
    expectProblem(checkSiret(siret), "key", "526 018 156", "14 chiffres");
  });

  it.each([
    ["5260181550001", "Le SIRET doit compter 14 chiffres (13 saisis)."],
    ["526018155", "Le SIRET doit compter 14 chiffres (9 saisis)."],
  ])("length error for %j", (input, message) => {
    expect(expectProblem(checkSiret(input), "length")).toBe(message);
  });

  it("character error", () => {
    expectProblem(checkSiret("526 018 155 0001l"), "characters", "« L »", "14e caractère");
  });

  it("empty", () => {
    expectProblem(checkSiret(""), "empty", "SIRET", "14 chiffres");
  });
});

describe("checkSirenOrSiret", () => {
  it("picks SIREN for 9 digits and SIRET for 14", () => {
    const siren = checkSirenOrSiret("526 018 155");
    expect(siren.kind).toBe("siren");
    expectOk(siren);
    const siret = checkSirenOrSiret(VALID_SIRET);
    expect(siret.kind).toBe("siret");
    expectOk(siret);
  });

  it("keeps the kind when the number is invalid", () => {
    const result = checkSirenOrSiret("11122233344455");
    expect(result.kind).toBe("siret");
    expectProblem(result, "key");
  });

  it.each([
    ["5260181", "Un SIREN compte 9 chiffres et un SIRET 14 (7 chiffres saisis)."],
    ["5", "Un SIREN compte 9 chiffres et un SIRET 14 (1 chiffre saisi)."],
    ["526018155000", "Un SIREN compte 9 chiffres et un SIRET 14 (12 chiffres saisis)."],
  ])("length error for %j", (input, message) => {
    const result = checkSirenOrSiret(input);
    expect(result.kind).toBeNull();
    expect(expectProblem(result, "length")).toBe(message);
  });

  it("character and empty errors have no kind", () => {
    const chars = checkSirenOrSiret("526-018-15S");
    expect(chars.kind).toBeNull();
    expectProblem(chars, "characters", "« S »");
    const empty = checkSirenOrSiret(" ");
    expect(empty.kind).toBeNull();
    expectProblem(empty, "empty", "SIREN", "SIRET");
  });
});

describe("sirenOfSiret", () => {
  it("returns the first 9 digits of a 14-digit number, else null", () => {
    expect(sirenOfSiret("526 018 155 00012")).toBe("526018155");
    expect(sirenOfSiret("526018155")).toBeNull();
    expect(sirenOfSiret("5260181550001A")).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------
// NIR: characters, length, key
// ---------------------------------------------------------------------------------------------------

describe("checkNir", () => {
  it("accepts a NIR pasted with spaces and lowercase Corsica", () => {
    expectOk(checkNir("2 53 07 2b 073 004 70"), "253072B07300470");
  });

  it("names the wrong key and what to check", () => {
    expect(expectProblem(checkNir("253072B07300471"), "key")).toBe(
      "Le NIR 2 53 07 2B 073 004 71 a une clé invalide « 71 » : vérifiez les 13 premiers caractères et la clé (2 derniers chiffres).",
    );
    expectProblem(checkNir("253072B07300400"), "key", "« 00 »", "01 à 97");
    expectProblem(checkNir("253072B07300499"), "key", "« 99 »", "01 à 97");
  });

  it.each([
    ["25307207300", "Le NIR doit compter 15 caractères, ou 13 sans la clé (11 saisis)."],
    ["25307207300447", "Le NIR doit compter 15 caractères, ou 13 sans la clé (14 saisis)."],
    ["2530720730044701", "Le NIR doit compter 15 caractères, ou 13 sans la clé (16 saisis)."],
  ])("length error for %j", (input, message) => {
    expect(expectProblem(checkNir(input), "length")).toBe(message);
  });

  it.each([
    ["253072B0730O470", "« O »", "12e caractère", "numéro d'ordre"],
    ["A53072B07300470", "« A »", "1er caractère", "sexe"],
    ["253072B073004A0", "« A »", "14e caractère", "clé"],
    ["2530A2B07300470", "« A »", "5e caractère", "mois de naissance"],
  ])("letter outside the département in %j", (input, ...fragments) => {
    expectProblem(checkNir(input), "characters", ...fragments);
  });

  it.each([
    ["253072/07300443", "« / »"],
    ["253072B0730047é", "« É »"],
  ])("character outside letters and digits in %j", (input, char) => {
    expectProblem(checkNir(input), "characters", char);
  });

  it.each(["253071A07300443", "25307AB07300443", "253070B07300443", "253072C073004"])(
    "malformed département in %j",
    (input) => {
      expectProblem(checkNir(input), "format", "département");
    },
  );

  it("empty", () => {
    expectProblem(checkNir(""), "empty", "NIR");
  });
});

// ---------------------------------------------------------------------------------------------------
// Urssaf account number
// ---------------------------------------------------------------------------------------------------

describe("checkAccountNumber", () => {
  it.each([
    ["117000001234567", ["length"]],
    ["1170000012345678901", ["length"]],
    ["1170000012345678AB", ["letters"]],
    ["117 000 001 234 567 891", []],
  ])("%j is accepted with warnings %j", (input, codes) => {
    const result = checkAccountNumber(input);
    expectOk(result);
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(codes);
  });

  it("the length warning gives the count", () => {
    const result = checkAccountNumber("117000001234567");
    expect(result.ok && result.warnings[0]?.message).toContain("18 chiffres (15 caractères saisis)");
  });

  it("only empty or characters outside [A-Z0-9] are not ok", () => {
    expectProblem(checkAccountNumber("  "), "empty", "numéro de compte");
    expectProblem(checkAccountNumber("117/000"), "characters", "« / »", "4e caractère");
    expectProblem(checkAccountNumber("117É000"), "characters", "« É »");
  });

  it("never hard-rejects a non-empty value of letters and digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 ]*[A-Za-z0-9][A-Za-z0-9 ]*$/), (s) => {
        expect(checkAccountNumber(s).ok).toBe(true);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------

describe("formatting", () => {
  it("formats SIREN, SIRET and NIR", () => {
    expect(formatSiren("526018155")).toBe("526 018 155");
    expect(formatSiret("52601815500012")).toBe("526 018 155 00012");
    expect(formatSiret("526.018.155.00012")).toBe("526 018 155 00012");
    expect(formatNir("253072B07300470")).toBe("2 53 07 2B 073 004 70");
    expect(formatNir("253072b073004")).toBe("2 53 07 2B 073 004");
  });

  it("returns values that cannot be grouped normalised, unchanged otherwise", () => {
    expect(formatSiren("5260181")).toBe("5260181");
    expect(formatSiret("526 018 155")).toBe("526018155");
    expect(formatNir("12")).toBe("12");
  });

  it("normalising a formatted value gives it back", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (s) => {
        expect(normalizeId(formatSiret(s))).toBe(s);
        expect(normalizeId(formatSiren(s.slice(0, 9)))).toBe(s.slice(0, 9));
        expect(normalizeId(formatNir(s.slice(0, 13)))).toBe(s.slice(0, 13));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

const digitString = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));

/** Changes the digit at `index` to a different one. */
function changeDigit(s: string, index: number, shift: number): string {
  const i = index % s.length;
  const d = (Number(s.charAt(i)) + 1 + (shift % 9)) % 10;
  return s.slice(0, i) + String(d) + s.slice(i + 1);
}

const nirBody = fc
  .tuple(
    fc.constantFrom("1", "2"),
    digitString(4),
    fc.oneof(digitString(2), fc.constantFrom("2A", "2B")),
    digitString(6),
  )
  .map((parts) => parts.join(""));

describe("properties", () => {
  it("an 8-digit prefix + computed Luhn key is a valid SIREN; any single-digit change makes it invalid", () => {
    fc.assert(
      fc.property(
        digitString(8).filter((p) => p !== "00000000"),
        fc.nat(),
        fc.nat(),
        (prefix, index, shift) => {
          const siren = prefix + computeLuhnKey(prefix);
          expectOk(checkSiren(siren), siren);
          const changed = checkSiren(changeDigit(siren, index, shift));
          expect(changed.ok).toBe(false);
          expect(changed.ok ? "" : changed.problem.code).toMatch(/^(key|zero)$/);
        },
      ),
    );
  });

  it("a valid SIREN + 4 digits + computed key is a valid SIRET; a single-digit change makes it invalid", () => {
    fc.assert(
      fc.property(
        digitString(8).filter((p) => p !== "00000000"),
        digitString(4).filter((n) => n !== "0000"),
        fc.nat(),
        fc.nat(),
        (prefix, nic4, index, shift) => {
          const siren = prefix + computeLuhnKey(prefix);
          fc.pre(siren !== "356000000");
          const siret = siren + nic4 + computeLuhnKey(siren + nic4);
          expectOk(checkSiret(siret), siret);
          expect(sirenOfSiret(siret)).toBe(siren);
          expect(checkSiret(changeDigit(siret, index, shift)).ok).toBe(false);
        },
      ),
    );
  });

  it("a 13-character body + computed key is a valid NIR; a wrong key is reported as such", () => {
    fc.assert(
      fc.property(nirBody, fc.integer({ min: 0, max: 99 }), (body, other) => {
        const key = computeNirKey(body);
        expect(Number(key)).toBeGreaterThanOrEqual(1);
        expect(Number(key)).toBeLessThanOrEqual(97);
        const result = checkNir(body + key);
        expectOk(result, body + key);
        expect(result.ok && result.warnings).toEqual([]);
        const wrong = String(other).padStart(2, "0");
        fc.pre(wrong !== key);
        const message = expectProblem(checkNir(body + wrong), "key", "clé", `« ${wrong} »`);
        expect(message).toContain(formatNir(body + wrong));
      }),
    );
  });

  it("a single-digit change in the body of a valid NIR makes it invalid", () => {
    fc.assert(
      fc.property(nirBody, fc.nat(), fc.nat(), (body, index, shift) => {
        const nir = body + computeNirKey(body);
        const digitPositions = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12];
        const i = digitPositions[index % digitPositions.length] ?? 0;
        const changed = changeDigit(nir, i, shift);
        const result = checkNir(changed);
        expect(result.ok).toBe(false);
        expect(result.ok ? "" : result.problem.code).toMatch(/^(key|format)$/);
      }),
    );
  });

  it("validators never throw on arbitrary strings and return the normalised value", () => {
    const validators = [checkSiren, checkNic, checkSiret, checkSirenOrSiret, checkNir, checkAccountNumber];
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        for (const check of validators) {
          const result = check(s);
          expect(result.value).toBe(normalizeId(s));
          if (!result.ok) expect(result.problem.message.length).toBeGreaterThan(0);
        }
        formatSiren(s);
        formatSiret(s);
        formatNir(s);
        sirenOfSiret(s);
        luhnValid(s);
      }),
    );
  });

  it("validators never throw on digit-heavy strings of NIR/SIRET-like lengths", () => {
    const validators = [checkSiren, checkNic, checkSiret, checkSirenOrSiret, checkNir, checkAccountNumber];
    const alphabet = fc.constantFrom(..."0123456789AB2 .-\u00A0xZ/");
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 18 }), (s) => {
        for (const check of validators) expect(() => check(s)).not.toThrow();
      }),
    );
  });
});
