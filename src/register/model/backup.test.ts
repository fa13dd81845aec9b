import { describe, expect, it } from "vitest";
import { siren } from "../../../test/support/ids.ts";
import { BACKUP_VERSION, makeBackup, parseBackup } from "./backup.ts";
import { createClient, DEFAULT_SETTINGS } from "./register.ts";

const now = new Date("2026-11-25T10:00:00Z");
const client = createClient(
  { kind: "employeur", siren: siren("52601815"), raisonSociale: "SARL Martin" },
  now,
);
const good = makeBackup({ settings: DEFAULT_SETTINGS, collaborators: [], clients: [client] }, now);
const text = JSON.stringify(good);

describe("parseBackup", () => {
  it("reads back what makeBackup wrote (with or without a BOM)", () => {
    expect(parseBackup(text)).toEqual({ ok: true, backup: good });
    expect(parseBackup(`\uFEFF${text}`).ok).toBe(true);
  });

  it.each([
    ["not JSON", "PK\u0003\u0004…", /JSON invalide/],
    ["another JSON file", JSON.stringify({ clients: [] }), /n'est pas une sauvegarde du registre/],
    [
      "a newer format",
      JSON.stringify({ ...good, version: BACKUP_VERSION + 1 }),
      /version plus récente.*mettez l'extension à jour/,
    ],
    ["an unreadable version", JSON.stringify({ ...good, version: "1" }), /version est illisible/],
    [
      "a damaged client",
      JSON.stringify({ ...good, clients: [{ ...client, siren: "526018150" }] }),
      /client n° 1 « SARL Martin », champ siren/,
    ],
    ["a client twice", JSON.stringify({ ...good, clients: [client, client] }), /deux fois/],
    [
      "a client whose id is not its key (a ghost: neither editable nor deletable)",
      JSON.stringify({ ...good, clients: [{ ...client, id: "employeur:999999999" }] }),
      /identifiant du client n° 1 \(SARL Martin\) ne correspond pas/,
    ],
    [
      "the same client under a second id",
      JSON.stringify({ ...good, clients: [client, { ...client, id: `${client.id} ` }] }),
      /client n° 2 .*ne correspond pas/,
    ],
    [
      "a 200,000-entry history",
      JSON.stringify({
        ...good,
        clients: [{ ...client, historique: Array(200_000).fill(client.historique[0]) }],
      }),
      /client n° 1 « SARL Martin », champ historique\) : plus de 10\s000 changements de statut/,
    ],
    [
      "too many collaborators",
      JSON.stringify({ ...good, collaborators: Array(1_001).fill({}) }),
      /\(liste des collaborateurs\) : plus de 1\s000 collaborateurs/,
    ],
    [
      "an absent collaborator",
      JSON.stringify({ ...good, clients: [{ ...client, collaborateurId: "x" }] }),
      /collaborateur absent/,
    ],
    ["a truncated file", text.slice(0, text.length / 2), /JSON invalide/],
  ])("refuses %s with the reason", (_name, input, reason) => {
    const result = parseBackup(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });
});
