// @vitest-environment happy-dom
// The Suivi DSN adapters against markup written by hand: a list is read from the references it holds
// and what sits in the same row, item or card; a list is never taken for one anomaly's detail, and the
// other way round.
import { beforeEach, describe, expect, it } from "vitest";
import { detectPage } from "./detect.ts";

const NBSP = "\u00a0";
const LIST_URL = new URL("https://mon.urssaf.fr/suivi-dsn/individus");
const DETAIL_URL = new URL("https://mon.urssaf.fr/suivi-dsn/anomalies/a12");

const LIB1 = "Absence de la cotisation FNAL (CTP 236 ou 332) alors qu'une assiette est déclarée.";
const LIB2 = "Écart incohérent entre le montant net social estimé et le montant net social déclaré.";
const LIB3 = "L'assiette CSG/CRDS déclarée est incohérente avec la rémunération brute.";
const LIB4 = "Le numéro d'inscription au répertoire est invalide.";

/** The four anomalies every list below shows, in its own markup. */
const EXPECTED = [
  { reference: "UR_ANO_FNAL001", libelle: LIB1, period: "2026-01", individu: "DUPONT Marie", id: "a1" },
  {
    reference: "UR_ANO_DIMNS002",
    libelle: LIB2,
    period: "2026-02",
    individu: "MARTIN Jean Pierre",
    id: "a2",
  },
  { reference: "UR_ANO_CSG003", libelle: LIB3, period: "2026-02", individu: "DUPONT Marie", id: "a3" },
  { reference: "S21.G00.30.001/CCH-12", libelle: LIB4, period: "2026-03", individu: "LEROY Anne", id: "a4" },
];

function show(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

const line = (i: number) => {
  const a = EXPECTED[i] as (typeof EXPECTED)[number];
  const [y, m] = a.period.split("-");
  return `<a href="/suivi-dsn/anomalies/${a.id}">${a.reference}</a> — ${a.libelle} (${m}/${y} — ${a.individu})`;
};

const LISTS: [string, string][] = [
  [
    "layout A (a list of lines)",
    `<h1>Anomalies par individu</h1><ul>${[0, 1, 2, 3].map((i) => `<li>${line(i)}</li>`).join("")}</ul>`,
  ],
  [
    "layout B (a one-column table of lines)",
    `<h1>Anomalies par individu</h1><table><tbody>${[0, 1, 2, 3].map((i) => `<tr><td>${line(i)}</td></tr>`).join("")}</tbody></table>`,
  ],
  [
    "a table with one column a field, td headers, no list heading",
    `<h1>Suivi DSN</h1><table><tr><td>Référence technique</td><td>Libellé de l'anomalie</td><td>Période</td><td>Individu</td></tr>${EXPECTED.map(
      (a) =>
        `<tr><td><a href="/suivi-dsn/anomalies/${a.id}">${a.reference}</a></td><td>${a.libelle}</td><td>${a.period.slice(5)}/${a.period.slice(0, 4)}</td><td>${a.individu}</td></tr>`,
    ).join("")}</table>`,
  ],
  [
    "role=grid rows, columns in another order, month names, split spans",
    `<div role="grid"><div role="row"><span role="columnheader">Individu</span><span role="columnheader">Période</span><span role="columnheader">Anomalie</span></div>${EXPECTED.map(
      (a) => {
        const month = ["janvier", "février", "mars"][Number(a.period.slice(5)) - 1];
        return `<div role="row"><span role="cell">${a.individu}</span><span role="cell">${month}${NBSP}${a.period.slice(0, 4)}</span><span role="cell"><a href="/suivi-dsn/anomalies/${a.id}"><span>${a.reference.slice(0, 6)}</span><span>${a.reference.slice(6)}</span></a><p>${a.libelle}</p></span></div>`;
      },
    ).join("")}</div>`,
  ],
  [
    "cards with labelled values",
    `<x-cards>${EXPECTED.map(
      (a) =>
        `<x-card class="c-${a.id}"><div><div>Référence technique</div><div><a href="/suivi-dsn/anomalies/${a.id}">${a.reference}</a></div></div><div><div>Libellé</div><div>${a.libelle}</div></div><div>Période : ${a.period.slice(5)}/${a.period.slice(0, 4)}</div><div>Salarié : ${a.individu}</div></x-card>`,
    ).join("")}</x-cards>`,
  ],
];

describe("anomaly list", () => {
  it.each(LISTS)("reads the four anomalies of %s", (_, html) => {
    const page = detectPage(show(`<div class="shell">${html}</div>`), LIST_URL);
    expect(page).toMatchObject({ kind: "suivi-dsn-liste", understood: true });
    if (!page?.understood || page.kind !== "suivi-dsn-liste") return;
    expect(
      page.view.anomalies.map(({ reference, libelle, period, individu, id }) => ({
        reference,
        libelle,
        period,
        individu,
        id,
      })),
    ).toEqual(EXPECTED);
    // One anchor per anomaly, each holding its own reference only.
    const anchors = page.view.anomalies.map((a) => a.anchor);
    expect(new Set(anchors).size).toBe(4);
    anchors.forEach((anchor, i) => {
      expect(anchor.textContent).toContain((EXPECTED[i] as (typeof EXPECTED)[number]).reference.slice(6));
    });
  });

  it("reads the typology view: a reference heading over its rows is not an anomaly", () => {
    const doc = show(
      `<h1>Anomalies par typologie</h1><h2>UR_ANO_FNAL001</h2><p>${LIB1}</p><ul><li>${line(0)}</li></ul><h2>UR_ANO_DIMNS002</h2><p>${LIB2}</p><ul><li>${line(1)}</li></ul>`,
    );
    const page = detectPage(doc, LIST_URL);
    expect(
      page?.understood && page.kind === "suivi-dsn-liste" && page.view.anomalies.map((a) => a.reference),
    ).toEqual(["UR_ANO_FNAL001", "UR_ANO_DIMNS002"]);
  });

  it("reads the period view's SIRET from its heading, grouped or not", () => {
    const doc = show(
      `<h1>Anomalies de la période 02/2026</h1><p>ACME SARL — SIRET 526${NBSP}018${NBSP}155${NBSP}00013</p><ul><li>${line(1)}</li><li>${line(2)}</li></ul>`,
    );
    const page = detectPage(doc, LIST_URL);
    expect(page).toMatchObject({ understood: true, view: { view: "periode" } });
    expect(
      page?.understood && page.kind === "suivi-dsn-liste" && page.view.anomalies.map((a) => a.siret),
    ).toEqual(["52601815500013", "52601815500013"]);
  });

  it("reads a person's accented name, and not a sentence or a lower-case name, as the individual", () => {
    // Names as the DSN writes them: Latin-1 letters, an apostrophe, a hyphen, several first names.
    const row = (ref: string, who: string) => `<li><a href="/x">${ref}</a> — ${LIB1} (01/2026 — ${who})</li>`;
    const doc = show(
      `<h1>Anomalies par individu</h1><ul>${[
        row("UR_ANO_A1", "LEFÈVRE Zoé"),
        row("UR_ANO_A2", "D'ALMEIDA-ÉPÉE Hélène Marie"),
        row("UR_ANO_A3", "Lefèvre Zoé"),
        row("UR_ANO_A4", "CONTRÔLE À FAIRE"),
        row("UR_ANO_A5", "ØRSTED Åsa"),
      ].join("")}</ul>`,
    );
    const page = detectPage(doc, LIST_URL);
    expect(
      page?.understood && page.kind === "suivi-dsn-liste" && page.view.anomalies.map((a) => a.individu),
    ).toEqual([
      "LEFÈVRE Zoé",
      "D'ALMEIDA-ÉPÉE Hélène Marie",
      // Not « NOM Prénom »: no individual (the label stays the longest sentence).
      null,
      // Capitals only: « CONTRÔLE » then « À FAIRE » reads as a name and first names, as before.
      "CONTRÔLE À FAIRE",
      "ØRSTED Åsa",
    ]);
  });

  it("names the rows it cannot read, and reads none", () => {
    const doc = show(
      `<h1>Anomalies par individu</h1><ul><li>${line(0)}</li><li><a href="/x">UR_ANO_DIMNS002</a> — ${LIB2}</li></ul>`,
    );
    expect(detectPage(doc, LIST_URL)).toEqual({
      understood: false,
      kind: "suivi-dsn-liste",
      missing: ["libellé et période de UR_ANO_DIMNS002"],
    });
  });
});

const DETAIL_A = `<div><a href="/suivi-dsn">Suivi DSN</a> &gt; <span>UR_ANO_FNAL001</span></div><h1>Suivi DSN</h1><p>Visualiser l'anomalie : son libellé, sa référence technique et les actions attendues de votre part pour sa correction</p><h2><span>1</span>Description de l'anomalie</h2><dl><dt><strong>Libellé de l'anomalie</strong></dt><dd>${LIB1}</dd><dt><strong>Référence technique</strong></dt><dd>UR_ANO_FNAL001</dd><dt><strong>Erreur identifiée</strong></dt><dd>La cotisation FNAL est absente.</dd><dt><strong>Établissement</strong></dt><dd>ACME SARL — SIRET 52601815500013</dd><dt><strong>Période</strong></dt><dd>01/2026</dd><dt><strong>Individu</strong></dt><dd>DUPONT Marie — NIR 2850775123456</dd></dl><h2><span>2</span>Actions attendues de votre part</h2><p>Déclarez la cotisation.</p><p><button>Retour au Suivi DSN</button></p>`;
const DETAIL_B = `<h1>Suivi DSN</h1><table><tr><th>Libellé de l'anomalie</th><td>${LIB1}</td></tr><tr><th>Référence technique</th><td>UR_ANO_FNAL001</td></tr><tr><th>Établissement</th><td>ACME SARL — SIRET 526 018 155 00013</td></tr><tr><th>Période</th><td>01/2026</td></tr></table><h2>Actions attendues de votre part :</h2><p>Déclarez la cotisation.</p><p><a href="/suivi-dsn">Retour au Suivi DSN</a></p>`;
const DETAIL_CARD = `<x-detail><div>Libellé de l’anomalie${NBSP}: ${LIB1}</div><div>Référence technique : <code>UR_ANO_FNAL001</code></div><div>Établissement : ACME SARL — SIRET 52601815500013</div><div>Période : janvier 2026</div></x-detail><x-h>Actions attendues de votre part</x-h><p>Déclarez la cotisation.</p>`;

describe("anomaly detail", () => {
  it.each([
    ["layout A (a definition list)", DETAIL_A],
    ["layout B (a table of th/td pairs)", DETAIL_B],
    ["label : value lines in custom elements", DETAIL_CARD],
  ])("reads %s", (_, html) => {
    const page = detectPage(show(html), DETAIL_URL);
    expect(page).toMatchObject({
      kind: "suivi-dsn-anomalie",
      understood: true,
      view: {
        reference: "UR_ANO_FNAL001",
        libelle: LIB1,
        period: "2026-01",
        siret: "52601815500013",
        id: "a12",
      },
    });
  });

  it("is never taken for a list, and a list with the same headers never for a detail", () => {
    // A list table whose headers are the detail's names, one row: no « Actions attendues » → a list.
    const one = `<table><tr><th>Référence technique</th><th>Libellé de l'anomalie</th><th>Période</th></tr><tr><td><a href="/suivi-dsn/anomalies/a1">UR_ANO_FNAL001</a></td><td>${LIB1}</td><td>01/2026</td></tr></table>`;
    expect(detectPage(show(one), LIST_URL)).toMatchObject({ kind: "suivi-dsn-liste", understood: true });
    // The same with two rows and an « Actions attendues de votre part » column: still a list.
    const two = `<table><tr><th>Référence technique</th><th>Libellé de l'anomalie</th><th>Période</th><th>Actions attendues de votre part</th></tr><tr><td>UR_ANO_FNAL001</td><td>${LIB1}</td><td>01/2026</td><td>Déclarer la cotisation FNAL</td></tr><tr><td>UR_ANO_DIMNS002</td><td>${LIB2}</td><td>02/2026</td><td>Vérifier le net social</td></tr></table>`;
    expect(detectPage(show(two), LIST_URL)).toMatchObject({ kind: "suivi-dsn-liste", understood: true });
    expect(detectPage(show(DETAIL_A), DETAIL_URL)).toMatchObject({ kind: "suivi-dsn-anomalie" });
  });
});

describe("Suivi DSN home", () => {
  it.each([
    [
      '<p>1 établissement "ACME" est concerné par les anomalies DSN</p><p>1 individu (sur l’ensemble de vos établissements) est impacté</p><p>1 typologie d\'anomalie a été identifiée</p>',
      { etablissements: 1, individus: 1, typologies: 1 },
    ],
    [
      `<ul><li><b>12</b> établissements sont concernés par les anomalies DSN</li><li>1${NBSP}204 individus (sur l'ensemble de vos établissements) sont impactés</li><li>7 typologies d'anomalies ont été identifiées</li></ul>`,
      { etablissements: 12, individus: 1204, typologies: 7 },
    ],
  ])("reads the counts (%#)", (counts, view) => {
    const doc = show(`<h1>Suivi DSN</h1><p>Vous pouvez prendre connaissance des anomalies :</p>${counts}`);
    expect(detectPage(doc, new URL("https://mon.urssaf.fr/suivi-dsn"))).toMatchObject({
      kind: "suivi-dsn",
      understood: true,
      view,
    });
  });
});

describe("the month grids of a Suivi DSN page", () => {
  it("reads each establishment's months from its links, without the grid's markup", async () => {
    const { readMonthGrids } = await import("./suivi-dsn-anomalies.ts");
    const link = (siret: string, month: string, mark: string, extra = "") =>
      `<td><a href="/suivi-dsn/etablissements/${siret}?mois=${month}${extra}"> ${mark} </a></td>`;
    document.body.innerHTML = `
      <table id="g1"><tr>${link("12345678900011", "2026-01", "-")}${link("12345678900011", "2026-02", "!", "&vue=periode")}${link("12345678900011", "2026-03", "-")}</tr></table>
      <div id="g2"><span>${link("98765432100022", "2026-01", "!")}</span><span>${link("98765432100022", "2026-02", "-")}</span><span>${link("98765432100022", "2026%2D03", "-")}</span></div>
      <p><a href="/suivi-dsn/etablissements/12345678900011?mois=2026-13">!</a>
         <a href="/suivi-dsn/etablissements/12345678900011?periode=2026-04">!</a>
         <a href="/suivi-dsn/etablissements/12345678900011?mois=2026-05">Voir le mois</a></p>`;
    const grids = readMonthGrids(document);
    expect(
      grids.map((g) => ({
        siret: g.siret,
        container: g.container.id,
        cells: g.cells.map((c) => [c.period, c.flagged]),
      })),
    ).toEqual([
      {
        siret: "12345678900011",
        // The cells' closest common container is the row of the table.
        container: "",
        cells: [
          ["2026-01", false],
          ["2026-02", true],
          ["2026-03", false],
        ],
      },
      {
        siret: "98765432100022",
        container: "g2",
        cells: [
          ["2026-01", true],
          ["2026-02", false],
          // Percent-encoded in the link, as URLSearchParams would read it.
          ["2026-03", false],
        ],
      },
    ]);
    expect(grids[0]?.container.tagName).toBe("TR");
  });
});
