// The command line's access to files (Node): what a path is before anything is read, and bounded reads.
// A path that is missing, a folder, or not a regular file (a device such as /dev/zero, a pipe) is refused
// before reading; a regular file is read up to a limit + 1 byte, so a file larger than the limit (or one
// that grows while it is read) is never held whole.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

export type PathKind = "file" | "directory" | "other";

export interface PathInfo {
  kind: PathKind;
  size: number;
}

/** Kind and size of `path`; throws the fs error (code ENOENT, EACCES…) when it cannot be seen. */
export async function pathInfo(path: string): Promise<PathInfo> {
  const s = await stat(path);
  return { kind: s.isFile() ? "file" : s.isDirectory() ? "directory" : "other", size: s.size };
}

/** At most `maxBytes` bytes from the start of `path` (the whole file when it is smaller). */
export async function readAtMost(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < maxBytes) {
      const buffer = new Uint8Array(Math.min(1 << 20, maxBytes - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  } finally {
    await handle.close();
  }
}

export const streamFile = (path: string): AsyncIterable<Uint8Array> =>
  createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;

/**
 * The French refusal for a path that cannot be read as a file, or null when it is a regular file.
 * `expected` names what the command wants (« un fichier CSV ou .xlsx »).
 */
export function pathRefusal(
  file: string,
  info: PathInfo | { error: unknown },
  expected: string,
): string | null {
  if ("error" in info) {
    const code = (info.error as { code?: string }).code;
    if (code === "ENOENT") return `Le fichier « ${file} » n'existe pas : vérifiez son nom et son dossier.`;
    if (code === "EISDIR") return `« ${file} » est un dossier : indiquez ${expected}.`;
    if (code === "EACCES" || code === "EPERM")
      return `Le fichier « ${file} » ne peut pas être lu (accès refusé) : vérifiez ses droits d'accès.`;
    return `Le fichier « ${file} » n'a pas pu être ouvert (${code ?? "erreur inconnue"}) : vérifiez ses droits d'accès.`;
  }
  if (info.kind === "directory") return `« ${file} » est un dossier : indiquez ${expected}.`;
  if (info.kind === "other") {
    return `« ${file} » n'est pas un fichier ordinaire (périphérique, tube ou socket) : il n'est pas lu, car sa taille n'est pas connue à l'avance. Enregistrez les données dans un fichier, puis indiquez ce fichier.`;
  }
  return null;
}
