import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerPageState, dialogMatches, parseAnswerPageMark } from "./bridge-protocol.ts";

const RESILIER =
  "Veuillez confirmer la suppression immédiate de l'inscription Comptes Régime Général du siren 526018155";

describe("dialogMatches", () => {
  it.each([
    ["the SIREN as written", ["526018155"], true],
    ["the SIREN grouped by the user", ["526 018 155"], true],
    ["the kind label and the SIREN", ["Régime Général", "526018155"], true],
    ["case and spaces ignored", ["  RÉGIME   général "], true],
    ["another SIREN", ["526018156"], false],
    ["a SIREN that is only part of the number", ["26018155"], false],
    ["one expectation missing", ["526018155", "Artisan Commerçant"], false],
    ["nothing expected", [], false],
    ["only blanks expected", ["  "], false],
  ])("%s", (_name, expected, result) => {
    expect(dialogMatches(RESILIER, expected as string[])).toBe(result);
  });

  it.each([
    ["a longer word", "… de l'inscription Comptes Régime Générale du siren 526018155"],
    ["a word glued before", "… de l'inscription Comptes SousRégime Général du siren 526018155"],
    ["a word glued after (digits)", "… de l'inscription Comptes Régime Général2 du siren 526018155"],
  ])("matches the regime token as whole words, not inside %s", (_name, text) => {
    expect(dialogMatches(text, ["Régime Général", "526018155"])).toBe(false);
  });

  it("matches the regime token at the text's edges and next to punctuation", () => {
    expect(dialogMatches("Régime Général : siren 526018155", ["Régime Général", "526018155"])).toBe(true);
    expect(dialogMatches("siren 526018155 (Régime Général)", ["Régime Général", "526018155"])).toBe(true);
    expect(dialogMatches("Profession Libérale", ["Profession Libérale"])).toBe(true);
  });

  it("matches a SIREN the site groups with (non-breaking) spaces", () => {
    expect(dialogMatches("… du siren 526\u00a0018\u00a0155 ?", ["526018155"])).toBe(true);
  });

  it("does not match a SIREN glued inside a SIRET", () => {
    expect(dialogMatches("SIRET 52601815500012", ["526018155"])).toBe(false);
  });

  it("never matches a text that lacks the expected 9-digit number (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), fc.string(), (siren, text) => {
        fc.pre(!text.replace(/\s/g, "").includes(siren));
        expect(dialogMatches(text, [siren])).toBe(false);
      }),
    );
  });

  it("always matches the confirm text built for that SIREN (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (siren) => {
        expect(dialogMatches(`${RESILIER.slice(0, -9)}${siren}`, [siren])).toBe(true);
      }),
    );
  });
});

describe("the answer page's mark", () => {
  it.each([
    ["nothing", null, null],
    ["a step's expectation", '{"until":1700000030000}', { until: 1_700_000_030_000 }],
    [
      "a step's expectation before this format (a bare number)",
      "1700000030000",
      { until: 1_700_000_030_000 },
    ],
    ["a page leaving", '{"leaving":1700000000123.4}', { leaving: 1_700_000_000_123.4 }],
    ["a number that is not one", '"soon"', null],
    ["an object without either", '{"until":"soon"}', null],
    ["no JSON", "{until", null],
    ["JSON null", "null", null],
  ])("reads %s", (_name, raw, mark) => {
    expect(parseAnswerPageMark(raw)).toEqual(mark);
  });

  const now = 1_700_000_000_000;
  const here = 1_699_999_990_000.5;
  it.each([
    ["no mark", null, "none"],
    ["a step's expectation still running", { until: now + 1 }, "expected"],
    ["a step's expectation past", { until: now }, "none"],
    ["this document leaving", { leaving: here }, "leaving"],
    // The mark left by the page before: the page it left for is this one, not a page leaving.
    ["another document leaving", { leaving: here - 2_000 }, "none"],
  ] as const)("takes %s as %s", (_name, mark, state) => {
    expect(answerPageState(mark, now, here)).toBe(state);
  });
});
