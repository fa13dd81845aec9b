import { describe, expect, it } from "vitest";
import { classifySiret, clientSirensOf, type EmitterStatus, type FirmSirets } from "./emitter-siret.ts";

const FIRM: FirmSirets = { active: "61403842000020", old: ["61403842000012", "73282932000017"] };
const CLIENTS = clientSirensOf([
  { siren: "526018155", siret: null },
  { siren: null, siret: "55210055400013" },
]);

describe("classifySiret", () => {
  const table: [input: string, firm: FirmSirets, status: EmitterStatus, detail?: string][] = [
    ["61403842000020", FIRM, "active"],
    ["614 038 420 00020", FIRM, "active"],
    ["614.038.420.00020", FIRM, "active"],
    ["61403842000012", FIRM, "old"],
    // An old SIRET of another SIREN (the firm moved and changed SIREN).
    ["73282932000017", FIRM, "old"],
    ["61403842000038", FIRM, "firm-other"],
    ["52601815500014", FIRM, "client", "register"],
    // A client recorded by its SIRET: another establishment of the same SIREN is still the client's.
    ["55210055400013", FIRM, "client", "register"],
    ["44306184100013", FIRM, "unknown"],
    ["44306184100013", { active: null, old: [] }, "not-configured"],
    ["52601815500014", { active: null, old: [] }, "client", "register"],
    ["61403842000013", FIRM, "invalid", "clé invalide"],
    ["6140384200002", FIRM, "invalid", "14 chiffres"],
    ["6140384200002A", FIRM, "invalid", "A"],
    ["00000000000000", FIRM, "invalid", "000 000 000 00000"],
    ["61403842000000", FIRM, "invalid", "NIC"],
  ];
  it.each(table)("%s → %s", (input, firm, status, detail) => {
    const v = classifySiret(input, firm, CLIENTS);
    expect(v.status).toBe(status);
    expect(v.siret).toBe(input.replace(/[ .]/g, ""));
    if (status === "invalid") expect(v.problem).toContain(detail);
    else expect(v.problem).toBeNull();
    if (status === "client") expect(v.clientFrom).toBe(detail);
    else expect(v.clientFrom).toBeNull();
  });

  it("prefers the firm over a client of the same SIREN, and the file's SIRENs over the register", () => {
    const withFirmAsClient = new Set(["614038420"]);
    expect(classifySiret("61403842000020", FIRM, withFirmAsClient).status).toBe("active");
    expect(classifySiret("61403842000038", FIRM, withFirmAsClient).status).toBe("firm-other");
    const v = classifySiret("52601815500014", FIRM, CLIENTS, new Set(["526018155"]));
    expect([v.status, v.clientFrom]).toEqual(["client", "file"]);
  });

  it("collects the SIRENs of the register's clients, ignoring clients without SIREN or SIRET", () => {
    expect([
      ...clientSirensOf([
        { siren: "526018155", siret: "52601815500014" },
        { siren: null, siret: "55210055400013" },
        { siren: null, siret: null },
      ]),
    ]).toEqual(["526018155", "552100554"]);
  });
});
