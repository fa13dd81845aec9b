// @vitest-environment happy-dom
// The pre-check before any reading (mayClaim): a page no adapter could claim is told so without the
// page's index; a page an adapter claims always passes it, whatever its spelling or markup.
import { beforeEach, describe, expect, it } from "vitest";
import { detectPage, mayClaim } from "./index.ts";

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
    ["the login heading, NBSP and a decomposed accent", "<h1>Connectez-vous a\u0300\u00a0votre espace</h1>"],
    ["the login button as an input's value", '<input type="submit" value="Je me connecte →">'],
    ["the login button named by an icon", '<button><img alt="Je me CONNECTE"></button>'],
    ["the account list, upper case", "<h1>GÉRER LES ÉTABLISSEMENTS</h1>"],
    [
      "the account list, split and decomposed",
      "<h1>Ge\u0301rer <span>les</span> e\u0301ta\u00adblissements</h1>",
    ],
    ["an anomaly reference split across spans", "<td>UR_<span>ANO</span>_12</td>"],
    ["a DSN-Val code", "<td>S21.G00.40.009/CCH-11</td>"],
    ["an anomaly's detail", "<dt>Référence technique</dt>"],
    ["the Suivi DSN", "<p>Vous pouvez prendre connaissance des anomalies</p>"],
    ["the dashboard", "<h1>Tableau de bord tiers-déclarant</h1>"],
    ["the error page", "<h1>Erreur technique</h1>"],
    [
      "the inscription form",
      '<label><input type="checkbox" aria-label="DPAE"></label><input type="submit" value="Enregistrer">',
    ],
  ])("lets through %s", (_name, html) => {
    expect(mayClaim(show(html), MON)).toBe(true);
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
