// The packed tarball is a working command line: `npm pack`, install the tarball in an empty folder
// (offline: the bundle needs no dependency), then `npx tiers-assistant dsn check FILE` as a user would.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliBundle, ROOT } from "../../test/support/cli-bundle.ts";
import { generateDsn } from "../dsn/generate.ts";

const dir = mkdtempSync(join(tmpdir(), "tiers-pack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sh = (cmd: string, args: string[], cwd: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(cmd, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });

describe("npm pack → npx tiers-assistant", () => {
  it("installs from the tarball without the network and checks a DSN file", async () => {
    cliBundle();
    // --ignore-scripts: the bundle was just built (prepare would build it again).
    execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], {
      cwd: ROOT,
      stdio: "pipe",
    });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    expect(tarball).toMatch(/^tiers-assistant-.*\.tgz$/);
    const app = join(dir, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), '{ "name": "essai", "private": true }\n');
    const install = await sh(
      "npm",
      ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", join(dir, tarball as string)],
      app,
    );
    expect(install.stderr).not.toMatch(/ERR/);
    expect(install.code).toBe(0);
    writeFileSync(
      join(app, "mars.dsn"),
      generateDsn({ employees: 3, seed: 5, plant: ["emitter-client-siret"] }),
    );
    const check = await sh("npx", ["--offline", "tiers-assistant", "dsn", "check", "mars.dsn"], app);
    expect(check.stdout).toMatch(/\[emitter\.client-siret\]/);
    expect(check.code).toBe(1);
    const missing = await sh("npx", ["--offline", "tiers-assistant", "dsn", "check", "absent.dsn"], app);
    expect(missing.code).toBe(2);
    const help = await sh("npx", ["--offline", "tiers-assistant", "--help"], app);
    expect(help.stdout).toMatch(/dsn check <fichier\.dsn\.\.\.>/);
  }, 120_000);
});
