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

describe("the NIR findings cite the right control, or none", () => {
  it("a NIR format error cites the rubric's format in the norm, never CCH-11 (birth département)", async () => {
    const { generateDsn, generatedFirmContext } = await import("../generate.ts");
    const { checkDsn } = await import("../report.ts");
    const r = await checkDsn(
      generateDsn({ employees: 3, seed: 5, plant: ["nir-format"] }),
      generatedFirmContext(),
    );
    const nir = r.findings.filter((f) => f.check === "identifiers.nir-format");
    expect(nir.length).toBeGreaterThan(0);
    for (const f of nir) {
      expect(f.source).not.toContain("CCH-11");
      expect(f.source).toBe("Norme DSN P26V01, format de la rubrique S21.G00.30.001");
    }
  });
});
