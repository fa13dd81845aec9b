import { describe, expect, it } from "vitest";
import { frenchT } from "../../test/support/french.ts";
import { nir, siren } from "../../test/support/ids.ts";
import { idHint } from "./id-hints-background.ts";

describe("identifier hints", () => {
  it.each([
    ["siren", siren("52601815"), "ok", "SIREN valide"],
    ["siren", "12345", "bad", "9 chiffres"],
    ["siren-or-siret", siren("52601815"), "ok", ""],
    ["nir", nir("1850775123456"), "ok", ""],
    ["nir", "185077512345", "bad", ""],
    ["account", "abc", "warn", ""],
  ] as const)("%s %s → %s", (kind, value, level, text) => {
    const hint = idHint(kind, value, frenchT);
    expect(hint.level).toBe(level);
    expect(hint.text).toMatch(/^Tiers Assistant : /);
    expect(hint.text).toContain(text);
  });
});
