import { describe, expect, it } from "vitest";
import { bundledCli, fakeIo } from "../../test/support/cli-io.ts";
import { GENERATED_FIRM, generateDsn, generateDsnChunks } from "../dsn/generate.ts";
import { run } from "./main.ts";

const sample = "test/fixtures/dsn/open-neodes_sample_dsn_P25V01.dsn";

describe("dsn check", () => {
  it("prints the sends, declarations and findings of the public sample; exit 1 (invalid SIRENs)", async () => {
    const { io, out } = fakeIo();
    expect(await run(["dsn", "check", sample], io)).toBe(1);
    const text = out();
    expect(text).toMatch(/3 envoi\(s\)/);
    expect(text).toMatch(
      /Erreur — ligne 16 \[emitter\.siren-key\] S10\.G00\.01\.001 : SIREN de l'émetteur invalide/,
    );
    expect(text).toMatch(/6 erreur\(s\)/);
  });

  it("exit 0 on a clean generated file with the firm's SIRET; 1 with a planted error", async () => {
    const files = {
      "ok.dsn": generateDsn({ employees: 12, seed: 3 }),
      "ko.dsn": generateDsn({ employees: 12, seed: 3, plant: ["emitter-client-siret"] }),
    };
    const ok = fakeIo(files);
    expect(await run(["dsn", "check", "ok.dsn", "--firm-siret", GENERATED_FIRM.siret], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/0 erreur\(s\), 0 avertissement\(s\)/);
    const ko = fakeIo(files);
    expect(await run(["dsn", "check", "--firm-siret", GENERATED_FIRM.siret, "ok.dsn", "ko.dsn"], ko.io)).toBe(
      1,
    );
    expect(ko.out()).toMatch(/\[emitter\.client-siret\]/);
  });

  it("--json prints exactly { files: [{ file, declarations, findings: [{ check, severity, rubric, line, message }] }] }", async () => {
    const { io, out } = fakeIo();
    expect(await run(["dsn", "check", "--json", sample], io)).toBe(1);
    const json = JSON.parse(out());
    expect(Object.keys(json)).toEqual(["files"]);
    const [file] = json.files;
    expect(Object.keys(file)).toEqual(["file", "declarations", "findings"]);
    expect(file.declarations).toHaveLength(3);
    expect(Object.keys(file.declarations[0])).toEqual([
      "siren",
      "nic",
      "mois",
      "nature",
      "establishments",
      "individuals",
    ]);
    for (const f of file.findings)
      expect(Object.keys(f)).toEqual(["check", "severity", "rubric", "line", "message"]);
    expect(file.findings).toContainEqual(
      expect.objectContaining({ check: "emitter.siren-key", severity: "error", line: 16 }),
    );
  });

  it("exit 2 for a missing, empty, PDF or non-DSN file, even among good ones", async () => {
    const files = {
      "vide.dsn": "",
      "f.dsn": "%PDF-1.4\n",
      "t.dsn": "a;b\n1;2\n",
      "ok.dsn": generateDsn({ employees: 2, seed: 1 }),
    };
    for (const name of ["nope.dsn", "vide.dsn", "f.dsn", "t.dsn"]) {
      const { io } = fakeIo(files);
      expect(await run(["dsn", "check", "ok.dsn", name], io), name).toBe(2);
    }
    const { io, out } = fakeIo(files);
    expect(await run(["dsn", "check", "--json", "nope.dsn"], io)).toBe(2);
    expect(JSON.parse(out()).files[0].findings[0]).toMatchObject({
      check: "lecture.file",
      severity: "error",
    });
  });

  it("exit 2 with the usage on a usage error or an invalid --firm-siret", async () => {
    for (const argv of [
      ["dsn"],
      ["dsn", "check"],
      ["dsn", "list", "a.dsn"],
      ["dsn", "check", "a.dsn", "--bogus"],
    ]) {
      const { io, err } = fakeIo();
      expect(await run(argv, io)).toBe(2);
      expect(err()).toMatch(/Utilisation :/);
    }
    const { io, err } = fakeIo();
    expect(await run(["dsn", "check", sample, "--firm-siret", "12345678901234"], io)).toBe(2);
    expect(err()).toMatch(/--firm-siret : Le SIRET/);
  });

  it("caps the human output per kind: 10 lines, then « … et N autres »; --json keeps all", async () => {
    const text = generateDsnChunks({ employees: 1, seed: 6 }).join("");
    const head = text.slice(0, text.indexOf("S20.G00.05.001"));
    const sends = 40;
    const many = new TextEncoder().encode(head.repeat(sends - 1) + text);
    const human = fakeIo({ "m.dsn": many });
    await run(["dsn", "check", "m.dsn"], human.io);
    const out = human.out();
    expect(out.match(/^ {2}Envoi lignes/gm)).toHaveLength(10);
    expect(out).toMatch(/^ {2}… et 30 autres « envois »$/m);
    const perCheck = new Map<string, number>();
    for (const m of out.matchAll(/^(?:Erreur|Attention|Info) — (?:ligne \d+ )?\[([^\]]+)\]/gm))
      perCheck.set(m[1] as string, (perCheck.get(m[1] as string) ?? 0) + 1);
    expect(Math.max(...perCheck.values())).toBeLessThanOrEqual(10);
    const json = fakeIo({ "m.dsn": many });
    await run(["dsn", "check", "m.dsn", "--json"], json.io);
    const all = JSON.parse(json.out()).files[0].findings as { check: string }[];
    for (const [check, n] of perCheck) {
      const total = all.filter((f) => f.check === check).length;
      expect(n).toBe(Math.min(10, total));
      if (total > 10) expect(out).toContain(`… et ${total - 10} autres « ${check} »`);
    }
  });

  it("prints the file's control characters as « � »: a file cannot drive the terminal", async () => {
    const hostile = "\u001b]0;pirate\u0007\u001b[2J\u009b31m\u202e";
    const dsn = generateDsnChunks({ employees: 2, seed: 4 })
      .join("")
      .replace(/S10\.G00\.00\.001,'[^']*'/, `S10.G00.00.001,'Paie${hostile}'`);
    expect(dsn).toContain(hostile);
    for (const json of [false, true]) {
      const { io, out } = fakeIo({ "e.dsn": dsn, [`nom${hostile}.dsn`]: dsn });
      await run(["dsn", "check", "e.dsn", `nom${hostile}.dsn`, ...(json ? ["--json"] : [])], io);
      const text = out();
      const unsafe = [...text].filter((c) => {
        const n = c.charCodeAt(0);
        return (n < 0x20 && n !== 0x0a) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
      });
      expect(unsafe).toEqual([]);
      if (json) expect(JSON.parse(text).files[1].file).toBe(`nom${hostile}.dsn`);
      else expect(text).toContain("nom\ufffd]0;pirate\ufffd\ufffd[2J\ufffd31m\ufffd.dsn");
    }
  });
});

describe("dsn check, child process (the bundled command line)", () => {
  const cli = bundledCli();
  it("exit 2 with a clear message for a missing file, a folder or a device (no « lecture tronquée »)", async () => {
    const [missing, folder, device] = await Promise.all([
      cli(["dsn", "check", "absent.dsn"]),
      cli(["dsn", "check", "test"]),
      cli(["dsn", "check", "/dev/zero"]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Le fichier « absent\.dsn » n'existe pas/);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/« test » est un dossier : indiquez un fichier \.dsn/);
    expect(device.code).toBe(2);
    expect(device.stderr).toMatch(/n'est pas un fichier ordinaire/);
    for (const r of [missing, folder, device]) expect(r.stdout + r.stderr).not.toMatch(/tronqu|interrompue/);
  }, 30_000);
});
