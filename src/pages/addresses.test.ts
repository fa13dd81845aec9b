import { describe, expect, it } from "vitest";
import { contentScriptRunsOn } from "./addresses.ts";

describe("contentScriptRunsOn", () => {
  it("runs on every page of the online space and the other Urssaf hosts", () => {
    expect(contentScriptRunsOn("https://mon.urssaf.fr/documents")).toBe(true);
    expect(contentScriptRunsOn("https://mon.urssaf.fr/")).toBe(true);
    expect(contentScriptRunsOn("https://dcl.urssaf.fr/messagerie?x=1")).toBe(true);
    expect(contentScriptRunsOn("https://urssaf.fr/")).toBe(true);
  });

  it("runs on www.urssaf.fr only on login addresses", () => {
    expect(contentScriptRunsOn("https://www.urssaf.fr/accueil/se-connecter.html")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/connexion")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/Login")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/identification")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/espace/authentification?retour=1")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/portail?page=connexion")).toBe(true);
    expect(contentScriptRunsOn("https://www.urssaf.fr/")).toBe(false);
    expect(contentScriptRunsOn("https://www.urssaf.fr/accueil/employeur/cotisations.html")).toBe(false);
  });

  it("runs nowhere else", () => {
    expect(contentScriptRunsOn(undefined)).toBe(false);
    expect(contentScriptRunsOn("")).toBe(false);
    expect(contentScriptRunsOn("http://mon.urssaf.fr/documents")).toBe(false);
    expect(contentScriptRunsOn("https://mon.urssaf.fr.example.test/")).toBe(false);
    expect(contentScriptRunsOn("https://www.example.test/connexion")).toBe(false);
    expect(contentScriptRunsOn("https://noturssaf.fr/")).toBe(false);
    expect(contentScriptRunsOn("chrome://newtab/")).toBe(false);
  });
});
