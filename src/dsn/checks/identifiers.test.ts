import { describe, expect, it } from "vitest";
import { checkNir } from "../../register/model/ids.ts";
import { PLAIN_NIR } from "./identifiers.ts";

describe("the NIR fast path of the identifiers check", () => {
  it("accepts only what checkNir accepts (13 characters, random digits, letters and Corsica)", () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = "0123456789999999999912AB ";
    let accepted = 0;
    for (let n = 0; n < 5000; n++) {
      let nir = "";
      for (let i = 0; i < 13; i++) nir += alphabet[Math.floor(rnd() * (i === 0 ? 10 : alphabet.length))];
      if (n % 3 === 0) nir = nir.replace(/\D/g, "7");
      if (PLAIN_NIR.test(nir)) {
        accepted++;
        expect(checkNir(nir).ok, nir).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    for (const nir of ["0123456789012", "9123456789012", "1850275123456", "18502A5123456"])
      expect([nir, PLAIN_NIR.test(nir)]).toEqual([nir, nir.startsWith("1") && !nir.includes("A")]);
  });
});
