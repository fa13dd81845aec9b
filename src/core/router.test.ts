import { describe, expect, it, vi } from "vitest";
import type { Runtime } from "./browser.ts";
import { DECLARED_COUNT, MESSAGE_TYPES } from "./messages.ts";
import { type Handlers, route } from "./router.ts";
import { isUrssafUrl, senderKind } from "./senders.ts";

const OWN_ID = "abcdefghijklmnopabcdefghijklmnop";
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;

function ctx() {
  const handlers = {
    "page/seen": vi.fn(async () => ({ recorded: true as const })),
    "status/get": vi.fn(async () => ({ schemaVersion: 1, installedAt: "x", lastPage: null, pagesSeen: 0 })),
  } as Partial<Handlers> as Handlers;
  return { ownId: OWN_ID, ownOrigin: OWN_ORIGIN, handlers };
}

const tab = (url: string): Runtime.MessageSender => ({
  id: OWN_ID,
  url,
  tab: { url } as Runtime.MessageSender["tab"],
});
const popup: Runtime.MessageSender = { id: OWN_ID, url: `${OWN_ORIGIN}src/ui/popup/index.html` };

describe("isUrssafUrl", () => {
  it.each([
    ["https://www.urssaf.fr/", true],
    ["https://mon.urssaf.fr/mon-profil", true],
    ["https://urssaf.fr/", true],
    ["http://www.urssaf.fr/", false],
    ["https://urssaf.fr.example.test/", false],
    ["https://evilurssaf.fr/", false],
    ["https://www.example.test/tableau-de-bord", false],
    ["not a url", false],
    [undefined, false],
  ])("%s → %s", (url, expected) => expect(isUrssafUrl(url)).toBe(expected));
});

describe("senderKind", () => {
  it("tells our pages from our content script on Urssaf hosts, and refuses anyone else", () => {
    expect(senderKind(popup, OWN_ID, OWN_ORIGIN)).toBe("page");
    expect(senderKind(tab("https://tdbec.urssaf.fr/tableau-de-bord"), OWN_ID, OWN_ORIGIN)).toBe("content");
    expect(senderKind(tab(`${OWN_ORIGIN}src/ui/options/index.html`), OWN_ID, OWN_ORIGIN)).toBe("page");
    expect(senderKind(tab("https://www.example.test/"), OWN_ID, OWN_ORIGIN)).toBeNull();
    expect(senderKind(tab("http://www.urssaf.fr/"), OWN_ID, OWN_ORIGIN)).toBeNull();
    expect(senderKind({ ...popup, id: "another-extension" }, OWN_ID, OWN_ORIGIN)).toBeNull();
    expect(senderKind({ id: OWN_ID }, OWN_ID, OWN_ORIGIN)).toBeNull();
  });
});

// Written by hand from what the page features send (src/*/features/**): a compromised urssaf.fr
// renderer can pose as our content script, so it reaches these and nothing else.
const CONTENT_ONLY = [
  "page/seen",
  "options/open",
  "id/check",
  "job/report",
  "job/event",
  "portfolio/summary",
  "anomaly/panels",
  "siret/classify",
  "indicators/record",
  "diagnostic/record",
  "i18n/catalog",
  // Our own scripts, into the sender's own frame: all a forged sender gets is our code beside it.
  "content/features",
  "diagnostic/load",
];
const BOTH = ["job/create", "job/control", "job/get", "anomaly/track"];

describe("least privilege: every message type from every kind of sender", () => {
  const senders: [string, Runtime.MessageSender, "page" | "content" | null][] = [
    ["the popup", popup, "page"],
    ["the options page in a tab", tab(`${OWN_ORIGIN}src/ui/options/index.html`), "page"],
    ["our content script on Urssaf", tab("https://www.urssaf.fr/portail/home.html"), "content"],
    ["a tab elsewhere", tab("https://www.example.test/"), null],
    ["another extension", { ...popup, id: "another-extension" }, null],
  ];

  it("declares each type once and knows the types written above", () => {
    expect(new Set(MESSAGE_TYPES).size).toBe(DECLARED_COUNT);
    for (const type of [...CONTENT_ONLY, ...BOTH]) expect(MESSAGE_TYPES).toContain(type);
    expect(MESSAGE_TYPES.length).toBeGreaterThan(CONTENT_ONLY.length + BOTH.length + 20);
  });

  for (const type of MESSAGE_TYPES) {
    const audience = CONTENT_ONLY.includes(type) ? "content" : BOTH.includes(type) ? "both" : "pages";
    it.each(senders)(`${type} (${audience}) from %s`, async (_name, sender, kind) => {
      const called: string[] = [];
      const handlers = new Proxy({} as Handlers, {
        get: (_t, key) => async () => {
          called.push(String(key));
          return null;
        },
      });
      const reply = await route({ type }, sender, { ownId: OWN_ID, ownOrigin: OWN_ORIGIN, handlers });
      const allowed = kind !== null && (audience === "both" || (audience === "pages") === (kind === "page"));
      if (kind === null) expect(reply).toEqual({ ok: false, error: "Expéditeur non autorisé." });
      else if (!allowed)
        expect(reply).toEqual({
          ok: false,
          error: `Message refusé (${type}) : expéditeur non autorisé pour ce message.`,
        });
      else if (!reply.ok) expect(reply.error).not.toMatch(/expéditeur non autorisé/i);
      if (!allowed) expect(called).toEqual([]);
    });
  }
});

describe("route", () => {
  it("dispatches a valid message to its handler", async () => {
    const c = ctx();
    const reply = await route(
      { type: "page/seen", page: { understood: true, kind: "tableau-de-bord" } },
      tab("https://tdbec.urssaf.fr/"),
      c,
    );
    expect(reply).toEqual({ ok: true, data: { recorded: true } });
    expect(c.handlers["page/seen"]).toHaveBeenCalledOnce();
  });

  it.each([
    ["an unknown type", { type: "storage/dump" }],
    ["no type", { page: {} }],
    ["a malformed page", { type: "page/seen", page: { understood: true, kind: "inconnue" } }],
    ["extra nonsense", "page/seen"],
    ["null", null],
  ])("rejects %s without calling a handler", async (_name, raw) => {
    const c = ctx();
    const reply = await route(raw, popup, c);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatch(/^Message refusé/);
    expect(c.handlers["page/seen"]).not.toHaveBeenCalled();
    expect(c.handlers["status/get"]).not.toHaveBeenCalled();
  });

  it("rejects a valid message from a foreign sender before parsing it", async () => {
    const c = ctx();
    const reply = await route({ type: "status/get" }, tab("https://www.example.test/"), c);
    expect(reply).toEqual({ ok: false, error: "Expéditeur non autorisé." });
    expect(c.handlers["status/get"]).not.toHaveBeenCalled();
  });

  it("turns a handler's failure into an error reply", async () => {
    const c = ctx();
    c.handlers["status/get"] = async () => {
      throw new Error("Données « meta » illisibles");
    };
    expect(await route({ type: "status/get" }, popup, c)).toEqual({
      ok: false,
      error: "Données « meta » illisibles",
    });
  });
});

describe("bounded messages", () => {
  it.each([
    ["clients/import", { clients: Array(100_001).fill({}) }],
    ["clients/delete", { ids: Array(100_001).fill("employeur:552100554") }],
    ["clients/status", { ids: Array(100_001).fill("x"), statut: "inscrit" }],
  ])("refuses %s beyond a register's size, before any handler", async (type, fields) => {
    const reply = await route({ type, ...fields }, popup, ctx());
    expect(reply.ok).toBe(false);
    if (!reply.ok)
      expect(reply.error).toMatch(new RegExp(`^Message refusé \\(${type.replace("/", "\\/")}\\)`));
  });
});
