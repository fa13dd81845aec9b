// Self-signed certificate for the demo space, made with the system's openssl.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const CERT_NAMES = ["*.urssaf.fr", "urssaf.fr", "*.example.test", "localhost"] as const;

/**
 * Makes a self-signed certificate (CN=urssaf.fr, SAN *.urssaf.fr, urssaf.fr, *.example.test,
 * localhost) valid two days. Files are written into `dir` (kept) or into a temporary directory
 * (removed afterwards).
 */
export async function makeCertificate(dir?: string): Promise<{ key: Buffer; cert: Buffer }> {
  const work = dir ?? (await mkdtemp(join(tmpdir(), "demo-urssaf-cert-")));
  const keyPath = join(work, "key.pem");
  const certPath = join(work, "cert.pem");
  try {
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=urssaf.fr",
      "-addext",
      `subjectAltName=${CERT_NAMES.map((n) => `DNS:${n}`).join(",")}`,
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath), readFile(certPath)]);
    return { key, cert };
  } finally {
    if (dir === undefined) await rm(work, { recursive: true, force: true });
  }
}
