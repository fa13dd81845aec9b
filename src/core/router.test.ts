import { describe, expect, it, vi } from "vitest";
import type { Runtime } from "./browser.ts";
import { type Handlers, route } from "./router.ts";
import { isUrssafUrl, senderAllowed } from "./senders.ts";

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

describe("senderAllowed", () => {
  it("accepts our pages and our content script on Urssaf hosts only", () => {
    expect(senderAllowed(popup, OWN_ID, OWN_ORIGIN)).toBe(true);
    expect(senderAllowed(tab("https://tdbec.urssaf.fr/tableau-de-bord"), OWN_ID, OWN_ORIGIN)).toBe(true);
    expect(senderAllowed(tab(`${OWN_ORIGIN}src/ui/options/index.html`), OWN_ID, OWN_ORIGIN)).toBe(true);
    expect(senderAllowed(tab("https://www.example.test/"), OWN_ID, OWN_ORIGIN)).toBe(false);
    expect(senderAllowed({ ...popup, id: "another-extension" }, OWN_ID, OWN_ORIGIN)).toBe(false);
    expect(senderAllowed({ id: OWN_ID }, OWN_ID, OWN_ORIGIN)).toBe(false);
  });
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
