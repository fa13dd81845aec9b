// @vitest-environment happy-dom
// The pre-check before any reading (mayClaim): a page no adapter could claim is told so without the
// page's index; a page an adapter claims always passes it, whatever its spelling or markup.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { claimableKinds, mayClaim } from "./claims.ts";
import { connexionPage } from "./connexion.ts";
import { detectPage } from "./detect.ts";
import { pageDetector } from "./index.ts";

const WWW = new URL("https://www.urssaf.fr/");
const MON = new URL("https://mon.urssaf.fr/mon-profil/parametres/etablissements");

function show(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("mayClaim", () => {
  it("turns down a public page that only links to the login and names the DPAE", () => {
    const doc = show(
      '<h1>Bienvenue</h1><p>La DPAE en ligne.</p><p><a href="/connexion">Connectez-vous</a> · <a href="/x">Créer votre espace</a></p><p>Fiche technique, anomalies fréquentes.</p>',
    );
    expect(mayClaim(doc, WWW)).toBe(false);
    expect(detectPage(doc, WWW)).toBeNull();
  });

  it.each([
    [
      "the login heading, NBSP and a decomposed accent",
      "<h1>Connectez-vous a\u0300\u00a0votre espace</h1>",
      ["connexion"],
    ],
    ["the login button as an input's value", '<input type="submit" value="Je me connecte →">', ["connexion"]],
    ["the login button named by an icon", '<button><img alt="Je me CONNECTE"></button>', ["connexion"]],
    [
      "the account list, upper case",
      "<h1>GÉRER LES ÉTABLISSEMENTS</h1>",
      ["etablissement-detail", "etablissements"],
    ],
    [
      "the account list, split and decomposed",
      "<h1>Ge\u0301rer <span>les</span> e\u0301ta\u00adblissements</h1>",
      ["etablissement-detail", "etablissements"],
    ],
    ["an anomaly reference split across spans", "<td>UR_<span>ANO</span>_12</td>", ["suivi-dsn-liste"]],
    ["a DSN-Val code", "<td>S21.G00.40.009/CCH-11</td>", ["suivi-dsn-liste"]],
    ["an anomaly's detail", "<dt>Référence technique</dt>", ["suivi-dsn-anomalie"]],
    ["the Suivi DSN", "<p>Vous pouvez prendre connaissance des anomalies</p>", ["suivi-dsn"]],
    ["the dashboard", "<h1>Tableau de bord tiers-déclarant</h1>", ["tableau-de-bord"]],
    ["the error page", "<h1>Erreur technique</h1>", ["erreur"]],
    [
      "the inscription form",
      '<label><input type="checkbox" aria-label="DPAE"></label><input type="submit" value="Enregistrer">',
      ["inscription-compte"],
    ],
    [
      "a list that names its column « Référence technique »",
      "<table><tr><th>Référence technique</th></tr><tr><td>UR_ANO_1</td></tr></table>",
      ["suivi-dsn-anomalie", "suivi-dsn-liste"],
    ],
  ])("lets through %s, for the kinds that may claim it", (_name, html, kinds) => {
    expect(mayClaim(show(html), MON)).toBe(true);
    expect(claimableKinds(show(html), MON)).toEqual(new Set(kinds));
  });

  it("lets through the login page by its URL alone", () => {
    expect(
      mayClaim(
        show("<select><option>Employeur</option></select>"),
        new URL("https://www.urssaf.fr/accueil/se-connecter.html"),
      ),
    ).toBe(true);
  });
});

describe("detectPage", () => {
  it("asks only the adapters whose kind may claim the page", () => {
    const claims = vi.spyOn(connexionPage, "claims");
    try {
      detectPage(
        show("<h1>Anomalies par individu</h1><ul><li>UR_ANO_1 — 01/2026 — Un libellé assez long</li></ul>"),
        MON,
      );
      expect(claims).not.toHaveBeenCalled();
      detectPage(show('<input type="submit" value="Je me connecte">'), MON);
      expect(claims).toHaveBeenCalledTimes(1);
    } finally {
      claims.mockRestore();
    }
  });

  it("reads a page only through the claims it was given (main.js's, in the browser)", () => {
    const login = '<h1>Connectez-vous à votre espace</h1><input type="submit" value="Je me connecte">';
    expect(pageDetector(() => new Set())(show(login), MON)).toBeNull();
    expect(pageDetector(() => new Set(["etablissements"]))(show(login), MON)).toBeNull();
    expect(pageDetector(() => new Set(["connexion"]))(show(login), MON)?.kind).toBe("connexion");
  });
});
