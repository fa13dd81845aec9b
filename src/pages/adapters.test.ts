// @vitest-environment happy-dom
// Every adapter against markup written by hand: the demo's layouts A (lists, <button>, <label for>)
// and B (tables, <input type=submit>, wrapping labels, <img> icons), and variants an independent copy
// of the same pages uses (custom elements, generated classes, text split across spans, NBSP and
// narrow NBSP, grouped digits, header cells in <td>, cards instead of rows, icons named by alt/title).
import { beforeEach, describe, expect, it } from "vitest";
import { detectPage } from "./detect.ts";
import { listIncomplete, readCompteRows, readListState } from "./etablissements.ts";
import { FORM_LABELS, fillInscription } from "./inscription-compte.ts";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

const URLS = {
  login: new URL("https://www.urssaf.fr/connexion"),
  dashboard: new URL("https://tdbec.urssaf.fr/tableau-de-bord"),
  etab: new URL("https://mon.urssaf.fr/mon-profil/parametres/etablissements"),
  dsn: new URL("https://mon.urssaf.fr/suivi-dsn/individus"),
  anomaly: new URL("https://mon.urssaf.fr/suivi-dsn/anomalies/a12"),
};

function show(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("login page", () => {
  it.each([
    [
      "layout A",
      '<h1>Connectez-vous à votre espace</h1><form><div><label for="i1">Identifiant</label><input id="i1"></div><div><label for="i2">Mot de passe</label><input id="i2" type="password"></div><button type="submit">Je me connecte</button></form>',
    ],
    [
      "layout B",
      '<h1>Connectez-vous à votre espace</h1><form><div><div><label><span>Identifiant</span> <input></label></div></div><div><div><label><span>Mot de passe</span> <input type="password"></label></div></div><input type="submit" value="Je me connecte"></form>',
    ],
    [
      "an app shell with the seed's arrow button",
      `<app-root><ux-form class="f-8a2"><ux-field><label class="l-1" for="x-91">Identifiant${NBSP}*</label><input id="x-91"></ux-field><ux-field><label for="x-92"><span>Mot</span> de${NNBSP}passe :</label><input id="x-92" type="password"></ux-field><input type="submit" class="b-7" value="Je me connecte →"></ux-form></app-root>`,
    ],
    [
      "a link as a button and placeholders",
      '<div><input placeholder="Identifiant"><input type="password" placeholder="Mot de passe"><a role="button" href="#">Je me <b>connecte</b> ›</a></div>',
    ],
  ])("is understood in %s", (_, html) => {
    const page = detectPage(show(html), URLS.login);
    expect(page).toMatchObject({ kind: "connexion", understood: true });
  });

  it("waits for the form behind the profile combobox, then reads it", () => {
    const doc = show(
      '<h1>Connectez-vous à votre espace</h1><div role="combobox" aria-expanded="false">Choisissez votre profil</div><ul role="listbox"><li role="option">Employeur</li><li role="option">Tiers mandaté</li></ul><div id="form"></div>',
    );
    expect(detectPage(doc, URLS.login)).toEqual({
      understood: false,
      kind: "connexion",
      missing: ["Identifiant", "Mot de passe", "Je me connecte"],
    });
    (doc.getElementById("form") as HTMLElement).innerHTML =
      '<label>Identifiant <input name="id"></label><label>Mot de passe <input name="pw" type="password"></label><button>Je me connecte</button>';
    const page = detectPage(doc, URLS.login);
    expect(page?.understood && page.kind === "connexion" && page.view.identifiant.name).toBe("id");
  });
});

describe("dashboard", () => {
  const head =
    "<h1>Tableau de bord tiers-déclarant</h1><p>Dernière mise à jour : 23 juillet 2024 à 11h32</p>";
  it.each([
    [
      "layout A",
      `${head}<ul><li>3 incidents à traiter</li><li>12 anomalies DSN sur l'année 2026</li><li>2 messages non lus</li></ul>`,
      { incidents: 3, anomaliesDsn: 12, anneeAnomalies: 2026, messagesNonLus: 2 },
    ],
    [
      "layout B, singular",
      `${head}<table><tr><td>1 incident à traiter</td><td>1 anomalie DSN sur l'année 2026</td><td>1 message non lu</td></tr></table>`,
      { incidents: 1, anomaliesDsn: 1, anneeAnomalies: 2026, messagesNonLus: 1 },
    ],
    [
      "cards with the number in its own block, grouped digits and narrow NBSP",
      `<x-h><h1>Tableau de bord <span>tiers-déclarant</span></h1></x-h><p>Dernière mise à jour${NBSP}: 6 décembre 2026 à 9h05</p><div class="c1"><div class="n">1${NNBSP}204</div><div>incidents à traiter</div></div><div class="c1"><div class="n">0</div><div>anomalie DSN sur l’année 2026</div></div><div class="c1"><strong>2${NBSP}345</strong> message(s) non lu(s)</div>`,
      { incidents: 1204, anomaliesDsn: 0, anneeAnomalies: 2026, messagesNonLus: 2345 },
    ],
  ])("reads the indicators in %s", (_, html, expected) => {
    const page = detectPage(show(html), URLS.dashboard);
    expect(page).toMatchObject({ kind: "tableau-de-bord", understood: true, view: expected });
  });

  it("is not understood until the indicators render, then read", () => {
    const doc = show(`${head}<app-indicators></app-indicators>`);
    expect(detectPage(doc, URLS.dashboard)).toEqual({
      understood: false,
      kind: "tableau-de-bord",
      missing: ["incidents à traiter", "anomalies DSN sur l'année", "message(s) non lu(s)"],
    });
    (doc.querySelector("app-indicators") as HTMLElement).innerHTML =
      "<p>4 incidents à traiter</p><p>5 anomalies DSN sur l'année 2026</p><p>6 messages non lus</p>";
    expect(detectPage(doc, URLS.dashboard)).toMatchObject({ understood: true, view: { messagesNonLus: 6 } });
  });
});

const ETAB_HEAD =
  "<h1>Gérer les établissements</h1><form><label for=s1>Siren/Siret de l'établissement</label><input id=s1><label for=s2>Numéro de compte</label><input id=s2><button>Rechercher</button></form>";
const ETAB_FOOT =
  "<h2>Inscrire d'autres comptes</h2><form><label for=s3>Siren</label><input id=s3><button>Inscrire</button></form><h2>Inscrire un compte gérant majoritaire (non sirétisé)</h2><form><label for=s4>Numéro de compte</label><input id=s4><button>Inscrire</button></form>";

describe("account list", () => {
  it.each([
    [
      "layout A",
      '<h2>Compte(s)</h2><ul><li><div><span>Comptes Régime Général du SIREN 526018155</span><a href="/e/1">✍</a><button>✕</button></div></li><li><div><span>Compte gérant majoritaire non sirétisé n° 117000000123</span><a href="/e/2">✍</a><button>✕</button></div></li></ul><p><span>Précédent</span> | <a href="?page=2">Suivant</a></p>',
    ],
    [
      "layout B",
      '<table><thead><tr><th>Compte(s)</th><th></th><th></th></tr></thead><tbody><tr><td>Comptes Régime Général du SIREN 526018155</td><td><a href="/e/1"><img alt="" title="Modifier"></a></td><td><a href="#"><img alt="" title="Supprimer"></a></td></tr><tr><td>Compte gérant majoritaire non sirétisé n° 117000000123</td><td><a href="/e/2"><img alt="" title="Modifier"></a></td><td><a href="#"><img alt="" title="Supprimer"></a></td></tr></tbody></table><p><span>Précédent</span> | <a href="?page=2">Suivant</a></p>',
    ],
    [
      "cards with split text, grouped digits and named icon buttons",
      `<x-list><div role="row" class="r-1"><div role="cell"><span>Comptes</span> Régime Général du SIREN 526${NBSP}018${NBSP}155</div><div role="cell"><button aria-label="Modifier le compte"><i></i></button><button title="Supprimer"><svg></svg></button></div></div><div role="row" class="r-1"><div role="cell">Compte gérant majoritaire non sirétisé n° 117000000123</div><div role="cell"><a role="button" aria-label="Modifier"><i></i></a><a role="button"><img alt="Supprimer"></a></div></div></x-list><nav><button disabled>Précédent</button><button>Suivant ›</button></nav>`,
    ],
  ])("reads every row with its two icons in %s", (_, rows) => {
    const doc = show(ETAB_HEAD + rows + ETAB_FOOT);
    const page = detectPage(doc, URLS.etab);
    expect(page?.understood && page.kind === "etablissements").toBe(true);
    if (!page?.understood || page.kind !== "etablissements") return;
    expect(page.view.rows.map((r) => [r.regime, r.siren, r.numeroCompte])).toEqual([
      ["Régime Général", "526018155", null],
      ["gérant majoritaire non sirétisé", null, "117000000123"],
    ]);
    for (const row of page.view.rows) {
      expect(row.edit).not.toBeNull();
      expect(row.remove).not.toBeNull();
      expect(row.anchor.contains(row.remove as Node)).toBe(true);
    }
    expect(page.view.previous).toBeNull();
    expect(page.view.next).not.toBeNull();
  });

  it("reads the rows a pager brought in place", () => {
    const doc = show(
      `${ETAB_HEAD}<ul id="rows"><li><span>Comptes Régime Général du SIREN 526018155</span><button>✕</button></li></ul>${ETAB_FOOT}`,
    );
    expect(readCompteRows(doc).map((r) => r.siren)).toEqual(["526018155"]);
    (doc.getElementById("rows") as HTMLElement).innerHTML =
      "<li><span>Comptes Artisan Commerçant du SIREN 732829320 (MME X (Artisan Commerçant) 09110 SAVIGNAC)</span><button>✕</button></li>";
    expect(readCompteRows(doc).map((r) => [r.regime, r.siren])).toEqual([
      ["Artisan Commerçant", "732829320"],
    ]);
  });
});

describe("account list: is it whole?", () => {
  const row = (siren: string) =>
    `<li><span>Comptes Régime Général du SIREN ${siren}</span><button>✕</button></li>`;
  const rows = (n: number) => `<ul>${Array.from({ length: n }, (_, i) => row(`52601815${i}`)).join("")}</ul>`;
  const PAGER = '<p><span>Précédent</span> | <a href="?page=2">Suivant</a></p>';
  const state = (html: string) => readListState(show(ETAB_HEAD + html + ETAB_FOOT));

  it("a list with its rows and its pager is whole", () => {
    const s = state(rows(2) + PAGER);
    expect(s).toEqual({
      rows: 2,
      expectedRows: null,
      loading: false,
      empty: false,
      pager: true,
      page: null,
      pages: null,
    });
    expect(listIncomplete(s)).toBeNull();
  });

  it("no row and no message: not read yet (rows rendered late or fetched)", () => {
    const s = state(PAGER);
    expect(s).toMatchObject({ rows: 0, empty: false, loading: false, pager: true });
    expect(listIncomplete(s)).toBe("aucune ligne et aucun message « Aucun compte »");
  });

  it("rows still in a <template> (rendered by a timer) are not there", () => {
    const s = state(`<template>${rows(3)}</template>${PAGER}`);
    expect(s.rows).toBe(0);
    expect(listIncomplete(s)).not.toBeNull();
  });

  it.each([
    [
      "the search's no-result notice",
      '<div role="status">Aucun compte ne correspond à votre recherche.</div>',
    ],
    ["an empty portfolio", "<p>Aucun compte n'est inscrit pour le moment.</p>"],
    ["a count of zero", `<p>0${NBSP}établissement</p>`],
    ["an « aucun résultat » in capitals", "<p>AUCUN RÉSULTAT</p>"],
  ])("no row and %s: an empty list, whole", (_, html) => {
    const s = state(html + PAGER);
    expect(s.empty).toBe(true);
    expect(listIncomplete(s)).toBeNull();
  });

  it("a refusal of « Inscrire » in its form is not the list's empty state", () => {
    const foot = ETAB_FOOT.replace(
      "<label for=s3>",
      '<div role="alert">Aucun compte ne correspond à ce Siren.</div><label for=s3>',
    );
    const s = readListState(show(ETAB_HEAD + PAGER + foot));
    expect(s.empty).toBe(false);
    expect(listIncomplete(s)).not.toBeNull();
  });

  it.each([
    ["a placeholder with aria-busy", '<div aria-busy="true">Chargement…</div>'],
    ["a progress bar", '<div role="progressbar" aria-valuenow="40"></div>'],
    ["a « Chargement en cours » text", "<p>Chargement en cours...</p>"],
  ])("%s: loading, even with rows already there", (_, html) => {
    const s = state(rows(2) + html + PAGER);
    expect(s.loading).toBe(true);
    expect(listIncomplete(s)).toBe("chargement en cours");
  });

  it("our own UI's busy state does not count", () => {
    const s = state(
      `${rows(1)}<div data-tiers-feature="x"><div aria-busy="true">Chargement…</div></div>${PAGER}`,
    );
    expect(s.loading).toBe(false);
  });

  it("« 11 à 20 sur 53 » announces 10 rows: 4 are not enough, 10 are", () => {
    const head = `<p>Comptes 11${NBSP}à${NBSP}20 sur 53</p>`;
    expect(state(head + rows(4) + PAGER)).toMatchObject({ expectedRows: 10, rows: 4 });
    expect(listIncomplete(state(head + rows(4) + PAGER))).toBe("4 ligne(s) affichée(s) sur 10 annoncée(s)");
    expect(listIncomplete(state(head + rows(10) + PAGER))).toBeNull();
  });

  it("« 51 - 53 / 53 » on the last page announces 3 rows", () => {
    expect(state(`<p>51 - 53 / 53</p>${rows(3)}${PAGER}`).expectedRows).toBe(3);
  });

  it("a total is this page's count only when there is no other page", () => {
    expect(
      state(`<p>3 comptes</p>${rows(2)}<p><span>Précédent</span> <span>Suivant</span></p>`),
    ).toMatchObject({
      expectedRows: 3,
      rows: 2,
    });
    // « 53 établissements » over a page of 10 with « Suivant »: nothing to expect of this page.
    expect(state(`<p>53 établissements</p>${rows(10)}${PAGER}`).expectedRows).toBeNull();
  });

  it("reads « Page 2 / 6 » and « page 3 sur 6 » as the page number", () => {
    expect(state(`${rows(1)}<nav><a href="?p=1">Précédent</a> <span>Page 2 / 6</span></nav>`)).toMatchObject({
      page: 2,
      pages: 6,
      pager: true,
    });
    expect(state(`${rows(1)}<nav><span>page 3 sur 6</span></nav>`)).toMatchObject({ page: 3, pager: true });
  });

  it("a list without any pager says so (a read does not conclude on it at once)", () => {
    expect(state(rows(2)).pager).toBe(false);
    // A pager drawn with icon buttons only, named by aria-label.
    expect(state(`${rows(2)}<nav><button aria-label="Page suivante">›</button></nav>`).pager).toBe(true);
  });

  it("the row's own digits are never taken for a count", () => {
    expect(state(rows(1) + PAGER).expectedRows).toBeNull();
  });

  it("detectPage hands the state to the job with the view", () => {
    const page = detectPage(show(ETAB_HEAD + PAGER + ETAB_FOOT), URLS.etab);
    expect(page?.understood && page.kind === "etablissements" && page.view.list.rows).toBe(0);
  });
});

describe("inscription form", () => {
  const boxes = (wrap: boolean) =>
    ["DPAE", "Attestations"]
      .map((l, i) =>
        wrap
          ? `<label><input type=checkbox> ${l}</label>`
          : `<input type=checkbox id=c${i}><label for=c${i}>${l}</label>`,
      )
      .join("");
  it.each([
    [
      "layout A",
      `<label for=m>${FORM_LABELS.montant}</label><input id=m><label for=n>${FORM_LABELS.compteEmployeur}</label><input id=n>${boxes(false)}`,
    ],
    [
      "a label wrapping its input with the unit « € » (the independent copy)",
      `<label class="k"><span>Montant à payer déclaré sur la dernière déclaration</span> <input> <span>€</span></label><label>Numéro de compte employeur (facultatif) <input></label>${boxes(true)}`,
    ],
  ])("fills the employer's fields in %s", (_, fields) => {
    const doc = show(`<h1>Gérer les établissements</h1><form>${fields}<button>Enregistrer</button></form>`);
    expect(detectPage(doc, URLS.etab)).toMatchObject({ kind: "inscription-compte", understood: true });
    const result = fillInscription(doc, {
      fields: { [FORM_LABELS.montant]: "1234", [FORM_LABELS.compteEmployeur]: "117000000123" },
      services: ["DPAE"],
      courriels: [],
      allBoxes: ["DPAE", "Attestations"],
    });
    expect(result).toEqual({ ok: true });
    const inputs = [...doc.querySelectorAll<HTMLInputElement>("input:not([type=checkbox])")];
    expect(inputs.map((i) => i.value)).toEqual(["1234", "117000000123"]);
    expect([...doc.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].map((b) => b.checked)).toEqual(
      [true, false],
    );
  });
});

describe("account rows cut in blocks", () => {
  it("reads the whole grouped SIREN when a wrapper cuts it, and never glues two rows", () => {
    const doc = show(
      `${ETAB_HEAD}<ul><li><div><span>Comptes Régime Général du SIREN 435</span><div>${NBSP}215${NNBSP}645</div></div><button>✕</button></li><li><div><span>Comptes Régime Général du SIREN 526</span><span> 018 155</span></div><button>✕</button></li></ul>${ETAB_FOOT}`,
    );
    expect(readCompteRows(doc).map((r) => r.siren)).toEqual(["435215645", "526018155"]);
  });
});
