import { describe, expect, it } from "vitest";
import { parseMessage } from "../core/messages.ts";

const list = (url: unknown) => ({
  page: "etablissements",
  url,
  rows: [],
  searchSiret: "",
  searchCompte: "",
  message: null,
  notice: null,
});

describe("job/report: the list's address a page reports", () => {
  it.each([
    "https://mon.urssaf.fr/mon-profil/parametres/etablissements",
    "https://urssaf.fr/etablissements?page=2",
  ])("accepts %s", (url) => {
    expect(parseMessage({ type: "job/report", observation: list(url) }).ok).toBe(true);
  });

  it.each([
    ["a javascript: URL", "javascript:alert(document.domain)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["plain http", "http://mon.urssaf.fr/mon-profil/parametres/etablissements"],
    ["another host", "https://mon.urssaf.fr.example.test/etablissements"],
    ["a host ending like ours", "https://evilurssaf.fr/etablissements"],
    ["a relative address", "/mon-profil/parametres/etablissements"],
    ["no address", 42],
  ])("refuses %s before it reaches location.assign or tabs.update", (_name, url) => {
    const parsed = parseMessage({ type: "job/report", observation: list(url) });
    expect(parsed.ok).toBe(false);
  });
});

describe("job/report: the metrics a page can write in sessionStorage", () => {
  it("drops figures out of range instead of refusing the report", () => {
    const parsed = parseMessage({
      type: "job/report",
      observation: { page: "connexion" },
      loadMs: 1200,
      scriptMs: -5,
      waitMs: 1e12,
    });
    expect(parsed).toEqual({
      ok: true,
      message: { type: "job/report", observation: { page: "connexion" }, loadMs: 1200 },
    });
  });

  it("drops a figure of the wrong type", () => {
    const parsed = parseMessage({
      type: "job/report",
      observation: { page: "connexion" },
      scriptMs: "99999999",
      waitMs: null,
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.message.type === "job/report") {
      expect(parsed.message.scriptMs).toBeUndefined();
      expect(parsed.message.waitMs).toBeUndefined();
    }
  });
});
