import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCli, fakeIo as ioWith } from "../../test/support/cli-io.ts";
import { run } from "./main.ts";

const mixte = "test/fixtures/clients/clients-mixte.csv";

/** Every in-process run sees the same clock. */
const NOW = new Date("2025-03-10T10:00:00Z");
const fakeIo = (files?: Record<string, string | Uint8Array>) => ioWith(files, NOW);

describe("clients check", () => {
  it("prints every finding in French with a summary, exit 1 when some rows are invalid", async () => {
    const { io, out } = fakeIo();
    expect(await run(["clients", "check", mixte], io)).toBe(1);
    const text = out();
    expect(text).toMatch(/Fichier CSV \(UTF-8, séparateur « ; »\)/);
    expect(text).toMatch(/« N° SIRET » → SIRET/);
    expect(text).toMatch(/Erreur — Ligne 15, colonne « N° SIRET » : Le SIRET 111 222 333 44455/);
    expect(text).toMatch(/Erreur — Ligne 9 : même client que la ligne 2/);
    expect(text).toMatch(/15 lignes : 6 valides, 9 refusées/);
  });

  it("--json prints exactly rows, valid, invalid and findings", async () => {
    const { io, out } = fakeIo();
    expect(await run(["clients", "check", "--json", mixte], io)).toBe(1);
    const json = JSON.parse(out());
    expect(Object.keys(json)).toEqual(["rows", "valid", "invalid", "findings"]);
    expect(json).toMatchObject({ rows: 15, valid: 6, invalid: 9 });
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(["row", "column", "code", "severity", "message"]);
    expect(json.findings).toContainEqual(
      expect.objectContaining({ row: 12, column: "NIR", code: "excel-number", severity: "error" }),
    );
  });

  it("exit 0 when every row is valid", async () => {
    const { io, out } = fakeIo({ "ok.csv": "Type;SIREN;Raison sociale\nEmployeur;526018155;Acme\n" });
    expect(await run(["clients", "check", "ok.csv"], io)).toBe(0);
    expect(out()).toMatch(/1 ligne : 1 valide, 0 refusée/);
  });

  it("exit 2 with a French message for a missing, empty or binary file", async () => {
    const missing = fakeIo();
    expect(await run(["clients", "check", "nope.csv"], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/« nope\.csv » n'existe pas/);
    const empty = fakeIo({ "vide.csv": "" });
    expect(await run(["clients", "check", "vide.csv", "--json"], empty.io)).toBe(2);
    expect(empty.err()).toMatch(/est vide/);
    const pdf = fakeIo({ "c.csv": "%PDF-1.4\n" });
    expect(await run(["clients", "check", "c.csv"], pdf.io)).toBe(2);
    expect(pdf.err()).toMatch(/document PDF/);
  });

  it("exit 2 with the usage on a usage error; --help prints it", async () => {
    for (const argv of [
      [],
      ["clients"],
      ["clients", "check"],
      ["clients", "list", "x"],
      ["clients", "check", "a", "b"],
    ]) {
      const { io, err } = fakeIo();
      expect(await run(argv, io)).toBe(2);
      expect(err()).toMatch(/Utilisation :/);
    }
    const help = fakeIo();
    expect(await run(["--help"], help.io)).toBe(0);
    expect(help.out()).toMatch(/clients check <fichier\.csv\|fichier\.xlsx>/);
  });
});

describe("child process (the bundled command line)", () => {
  const cli = bundledCli();
  it("refuses a folder, a device and a file over the limit before reading them (exit 2, French)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiers-cli-"));
    try {
      // A sparse 1.9 GB file: nothing is written to disk, and the command must not read it.
      const huge = join(dir, "enorme.csv");
      writeFileSync(huge, "");
      truncateSync(huge, 1_900_000_000);
      const [folder, zero, big] = await Promise.all([
        cli(["clients", "check", dir]),
        cli(["clients", "check", "/dev/zero"]),
        cli(["clients", "check", huge]),
      ]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toMatch(/est un dossier : indiquez un fichier CSV ou \.xlsx/);
      expect(zero.code).toBe(2);
      expect(zero.stderr).toMatch(/« \/dev\/zero » n'est pas un fichier ordinaire/);
      expect(big.code).toBe(2);
      expect(big.stderr).toMatch(/« enorme\.csv » pèse 1\u202f812 Mo : la limite est de 20 Mo/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("exits 1 on the mixed fixture and 2 on a missing file", async () => {
    const [mixed, missing] = await Promise.all([
      cli(["clients", "check", mixte, "--json"]),
      cli(["clients", "check", "absent.csv"]),
    ]);
    expect(mixed.code).toBe(1);
    expect(JSON.parse(mixed.stdout).invalid).toBe(9);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/n'existe pas/);
  }, 30_000);
});
