// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { buildDiagnostic } from "./diagnostic.ts";
import { maskLabel, maskText } from "./mask.ts";
import { buildSnapshot } from "./snapshot.ts";

const PAGE = `
<h1>Gérer les établissements</h1>
<p>Bienvenue DUPONT Jean, vous avez 12 comptes.</p>
<form><label for="q7">Siren/Siret de l'établissement</label><input id="q7" name="siret" value="526018155">
<input type="submit" value="Rechercher"></form>
<table><tr><th>Compte</th><th>Raison sociale</th></tr>
<tr><td>Comptes Régime Général du SIREN 526018155</td><td>BOULANGERIE MARTIN</td></tr></table>
<a href="/detail?id=42" title="Modifier le compte de MARTIN">✍</a>
<div data-tiers-feature="extension-status">secret du registre</div>
<script>var token = "abc";</script>`;

function load(html: string): Document {
  document.title = "Gérer les établissements 2026 | Urssaf";
  document.body.innerHTML = html;
  return document;
}

describe("masking", () => {
  it("masks digits and every word outside the site's vocabulary, keeping its case and length", () => {
    expect(maskText("Bienvenue DUPONT Jean, vous avez 12 comptes.")).toBe(
      "Xxxxxxxxx XXXXXX Xxxx, vous xxxx 00 comptes.",
    );
    expect(maskText("3 anomalies DSN sur l'année 2026")).toBe("0 anomalies DSN sur l'année 0000");
    expect(maskText("UR_ANO_DIMNS002")).toBe("UR_ANO_DIMNS000");
  });

  it("keeps the wording of a label or button, not the names in it", () => {
    expect(maskLabel("Télécharger l'attestation")).toBe("Télécharger l'attestation");
    expect(maskLabel("Anomalies de DUPONT Jean")).toBe("Anomalies de XXXXXX Xxxx");
    expect(maskLabel("Page 3 sur 12")).toBe("Page 0 sur 00");
  });
});

describe("the page snapshot", () => {
  const html = buildSnapshot(load(PAGE), {
    url: "https://mon.urssaf.fr/compte/526018155/etablissements?q=1#x",
    kind: "etablissements",
    understood: false,
    version: "0.1.0",
  });

  it("is a complete document that says where it comes from, without query or digits", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=")).toBe(true);
    expect(html).toContain(
      '<meta name="tiers-assistant-url" content="https://mon.urssaf.fr/compte/000000000/etablissements">',
    );
    expect(html).toContain('<meta name="tiers-assistant-kind" content="etablissements">');
    expect(html).toContain("<title>Gérer les établissements 0000 | Urssaf</title>");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("keeps tags, roles, attribute names, label links and the wording; masks values, names, digits", () => {
    expect(html).toContain("<h1>Gérer les établissements</h1>");
    expect(html).toContain(
      '<label for="i1">Siren/Siret de l\'établissement</label><input id="i1" name value>',
    );
    expect(html).toContain('<input type="submit" value="Rechercher">');
    expect(html).toContain("<th>Compte</th><th>Raison sociale</th>");
    expect(html).toContain("<td>Comptes Régime Général du SIREN 000000000</td><td>XXXXXXXXXXX XXXXXX</td>");
    expect(html).toContain("<p>Xxxxxxxxx XXXXXX Xxxx, vous xxxx 00 comptes.</p>");
    expect(html).toContain('<a href="#" title="Modifier le compte de XXXXXX">✍</a>');
    for (const secret of ["526018155", "DUPONT", "MARTIN", "Bienvenue", "42", "secret", "token", 'siret"'])
      expect(html).not.toContain(secret);
  });

  it("reads back as the same skeleton", () => {
    const again = new DOMParser().parseFromString(html, "text/html");
    expect(again.querySelector("label")?.htmlFor).toBe(again.querySelector("input")?.id);
    expect(again.querySelectorAll("tr")).toHaveLength(2);
    expect(again.querySelector("input[type=submit]")?.getAttribute("value")).toBe("Rechercher");
  });
});

describe("the diagnostic", () => {
  it("says the kind, what is missing and the candidates seen, masked, and nothing of our UI", () => {
    const d = buildDiagnostic(
      load(PAGE),
      { kind: "etablissements", missing: ["Numéro de compte"] },
      {
        url: "https://mon.urssaf.fr/etablissements?siren=526018155",
        version: "0.1.0",
        at: "2026-12-06T10:00:00.000Z",
      },
    );
    expect(d).toMatchObject({
      version: "0.1.0",
      url: "https://mon.urssaf.fr/etablissements",
      kind: "etablissements",
      missing: ["Numéro de compte"],
    });
    expect(d.candidates).toContainEqual({ tag: "h1", role: null, text: "Gérer les établissements" });
    expect(d.candidates).toContainEqual({ tag: "input", role: null, text: "Rechercher" });
    expect(d.candidates).toContainEqual({ tag: "th", role: null, text: "Raison sociale" });
    const all = JSON.stringify(d);
    for (const secret of ["526018155", "MARTIN", "DUPONT", "secret"]) expect(all).not.toContain(secret);
  });
});
