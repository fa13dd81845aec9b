// @vitest-environment happy-dom
// The tolerant finders against markup written by hand in many shapes: what a person reads decides,
// not the tags, ids, classes or spacing the site happens to use.
import { beforeEach, describe, expect, it } from "vitest";
import {
  findAction,
  findActions,
  findByText,
  findCheckbox,
  findControlAfter,
  findControlByLabel,
  fold,
  hasText,
  labelKey,
  labelText,
  matchText,
  NUMBER,
  norm,
  pageText,
  parseNumber,
  plural,
  readLabelledValues,
  relevantChange,
  textOf,
} from "./dom.ts";

const NBSP = "\u00a0";
const NNBSP = "\u202f";
const THIN = "\u2009";

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("text as read", () => {
  it("treats every Unicode space as a space and typographic apostrophes as '", () => {
    expect(norm(`Siret${NBSP}de${NNBSP}l’établissement${THIN}:`)).toBe("Siret de l'établissement :");
    expect(norm("l\u02bcannée\u200b")).toBe("l'année");
  });

  it("folds case, accents and decorations but keeps the words", () => {
    expect(fold("Je me connecte →")).toBe("je me connecte");
    expect(fold("RESILIER")).toBe(fold("Résilier"));
    expect(fold("Suivant ›")).toBe("suivant");
    expect(fold("« Précédent")).toBe("precedent");
    expect(fold("Identifiant * :")).toBe("identifiant");
    expect(fold("Chargement…")).toBe("chargement");
    expect(fold("Chargement...")).toBe("chargement");
    expect(fold("Mot de passe oublié ?")).toBe("mot de passe oublie ?");
    // A decomposed « é » (e + combining accent) is the same letter.
    expect(fold("Re\u0301silier".normalize("NFC"))).toBe("resilier");
  });

  it("joins text split across inline elements and custom elements, separates blocks", () => {
    const doc = page(
      "<div id=a><span>Rési</span><b>lier</b></div><div id=b><x-label>Mon</x-label><x-label>tant</x-label></div><ul id=c><li>2026</li><li>2 messages non lus</li></ul>",
    );
    expect(textOf(doc.getElementById("a"))).toBe("Résilier");
    expect(textOf(doc.getElementById("b"))).toBe("Montant");
    expect(textOf(doc.getElementById("c"))).toBe("2026 2 messages non lus");
    expect(pageText(doc).split("\n")).toEqual(["Résilier", "Montant", "2026", "2 messages non lus"]);
  });

  it("finds the innermost element by its text, whatever wrappers and spacing", () => {
    const doc = page(
      `<app-root><div class="x1"><h1><span>Gérer</span> les${NBSP}<span>établissements</span></h1></div></app-root>`,
    );
    const found = findByText(doc, "gerer les etablissements");
    expect(found.map((e) => e.tagName)).toEqual(["H1"]);
    expect(hasText(doc, "GÉRER LES ÉTABLISSEMENTS")).toBe(true);
    expect(findByText(doc, /^gerer les/).map((e) => e.tagName)).toEqual(["H1"]);
  });

  it("does not read hidden parts, scripts or our own UI", () => {
    const doc = page(
      '<div hidden>Suivant</div><script>"Suivant"</script><div data-tiers-feature="x">Suivant</div><p>Autre</p>',
    );
    expect(hasText(doc, "Suivant")).toBe(false);
  });
});

describe("numbers and plurals", () => {
  const count = new RegExp(`(${NUMBER})\\s+${plural("message")}\\s+non\\s+${plural("lu")}`);
  it.each([
    ["1 message non lu", 1],
    ["2 messages non lus", 2],
    ["3 message(s) non lu(s)", 3],
    [`1${NBSP}234 messages non lus`, 1234],
    [`12${NNBSP}345 messages non lus`, 12345],
    ["1.234 messages non lus", 1234],
  ])("« %s » counts %d", (text, n) => {
    const m = matchText(norm(text), count);
    expect(m && parseNumber(m[1] ?? "")).toBe(n);
  });

  it("reads comma decimals and refuses what is not a number", () => {
    expect(parseNumber(`12${NBSP}345,67`)).toBe(12345.67);
    expect(parseNumber("1.234.567")).toBe(1234567);
    expect(parseNumber("douze")).toBeNaN();
  });

  it("matches a folded pattern and returns the page's own spelling", () => {
    expect(matchText("Dernière MISE à jour : 6 décembre 2026", /derniere mise a jour : (.+)$/)?.[1]).toBe(
      "6 décembre 2026",
    );
  });
});

describe("actions", () => {
  it.each([
    ["a button", "<button type=submit>Je me connecte</button>"],
    ["a submit input with an arrow", '<input type="submit" value="Je me connecte →">'],
    ["a button input", '<input type="button" value="JE ME CONNECTE">'],
    ["a link as a button", '<a role="button" class="c-9f">Je me <span>connecte</span> ➜</a>'],
    ["a div as a button", `<div role="button" tabindex="0">Je${NBSP}me${NNBSP}connecte</div>`],
    ["an aria-label", '<button aria-label="Je me connecte"><svg></svg></button>'],
    ["a title", '<button title="Je me connecte"><i class="icon"></i></button>'],
    ["an icon's alt", '<a href="#"><img src="x.svg" alt="Je me connecte"></a>'],
    ["an icon's title", '<a href="#"><img src="x.svg" alt="" title="Je me connecte"></a>'],
    ["a custom element wrapper", "<x-btn><button><x-t>Je me</x-t> <x-t>connecte</x-t></button></x-btn>"],
  ])("finds « Je me connecte » as %s", (_, html) => {
    const doc = page(`<div><div class="g-1a">${html}</div></div>`);
    expect(findAction(doc, "Je me connecte")).not.toBeNull();
  });

  it("does not take a longer label for the wanted one", () => {
    const doc = page("<button>Je me connecte plus tard</button><a href='#'>Connexion</a>");
    expect(findAction(doc, "Je me connecte")).toBeNull();
  });

  it("sees a new action added after a first lookup (the index follows the page)", async () => {
    const doc = page("<p>Chargement…</p>");
    expect(findAction(doc, "Suivant")).toBeNull();
    doc.body.insertAdjacentHTML("beforeend", "<button>Suivant</button>");
    expect(findAction(doc, "Suivant")).not.toBeNull();
    expect(findActions(doc, "Suivant")).toHaveLength(1);
  });
});

describe("fields", () => {
  const MONTANT = "Montant à payer déclaré sur la dernière déclaration";
  it.each([
    ["a label for=", `<label for="f1">${MONTANT}</label><input id="f1">`],
    ["a wrapping label with a unit after the field", `<label>${MONTANT} <input> €</label>`],
    ["a wrapping label with a unit before the field", `<label><span>${MONTANT}</span> (€) <input></label>`],
    [
      "a label with a colon and a required mark",
      `<label for="f2">${MONTANT}${NBSP}:${NBSP}*</label><input id="f2">`,
    ],
    ["a label with an optional hint", `<label for="f3">${MONTANT} (facultatif)</label><input id="f3">`],
    [
      "a label in capitals, split across spans",
      `<label for="f4"><span>MONTANT À PAYER</span> DÉCLARÉ SUR LA DERNIÈRE DÉCLARATION</label><input id="f4">`,
    ],
    ["aria-labelledby", `<span id="l5">${MONTANT}</span><input aria-labelledby="l5">`],
    ["aria-label", `<input aria-label="${MONTANT}">`],
    ["a placeholder", `<input placeholder="${MONTANT}">`],
    ["the text just before it", `<div><span>${MONTANT}</span><input></div>`],
    [
      "the cell before it",
      `<table><tr><td>${MONTANT} :</td><td><x-field><input></x-field></td></tr></table>`,
    ],
  ])("finds the amount field by %s", (_, html) => {
    const doc = page(
      `<form><div class="q"><p>Votre client est employeur.</p></div><div>${html}</div></form>`,
    );
    const control = findControlByLabel(doc, MONTANT);
    expect(control).toBeInstanceOf(HTMLInputElement);
  });

  it("keeps apart « Numéro de compte » and « Numéro de compte employeur »", () => {
    const doc = page(
      '<label>Numéro de compte employeur <input name="a"></label><label for="b">Numéro de compte</label><input id="b" name="b">',
    );
    expect(findControlByLabel(doc, "Numéro de compte")?.getAttribute("name")).toBe("b");
    expect(findControlByLabel(doc, "Numéro de compte employeur")?.getAttribute("name")).toBe("a");
  });

  it("prefers a label to a placeholder elsewhere", () => {
    const doc = page('<input name="p" placeholder="Identifiant"><label>Identifiant <input name="l"></label>');
    expect(findControlByLabel(doc, "Identifiant")?.getAttribute("name")).toBe("l");
  });

  it("does not take another field's text for a field's name", () => {
    const doc = page("<div><label>Siren <input name=a></label><input name=b></div>");
    expect(findControlByLabel(doc, "Siren")?.getAttribute("name")).toBe("a");
  });

  it("finds the field after a heading, and a box by the text after it", () => {
    const doc = page(
      "<h2>Recherche</h2><label>Numéro de compte <input name=s></label><h2>Inscrire un compte gérant</h2><div><span>Numéro de compte</span><input name=g></div><ul><li><input type=checkbox name=c> <span>DPAE</span></li></ul>",
    );
    const heading = findByText(doc, "Inscrire un compte gérant")[0] as HTMLElement;
    // The strong name (a label) comes first, but not before the heading: the weak one after it counts.
    expect(findControlAfter(doc, heading, "Numéro de compte")?.getAttribute("name")).toBe("g");
    expect(findCheckbox(doc, "DPAE")?.getAttribute("name")).toBe("c");
  });

  it("drops units, hints and marks from a label key", () => {
    expect(labelKey("Montant (en euros) :")).toBe("montant");
    expect(labelKey("Montant en euros")).toBe("montant");
    expect(labelKey("Numéro de compte employeur")).toBe("numero de compte employeur");
    expect(labelKey("Siren [9 chiffres] *")).toBe("siren");
  });
});

describe("labelled values", () => {
  it("reads label/value lines, « label : value » and a header row", () => {
    expect([
      ...readLabelledValues("Période\n01/2026\nIndividu : DUPONT Jean", ["Période", "Individu"]),
    ]).toEqual([
      ["Période", "01/2026"],
      ["Individu", "DUPONT Jean"],
    ]);
    expect([
      ...readLabelledValues("Siret\nRaison sociale\n123\nACME\nSuite", ["Siret", "Raison sociale"]),
    ]).toEqual([
      ["Siret", "123"],
      ["Raison sociale", "ACME"],
    ]);
  });
});

describe("relevantChange", () => {
  it("ignores our own hosts and attributes no finder reads", () => {
    const doc = page("<div id=r><p>Texte</p></div>");
    const records: MutationRecord[] = [];
    const observer = new MutationObserver(() => {});
    observer.observe(doc.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const host = doc.createElement("div");
    host.setAttribute("data-tiers-feature", "x");
    doc.body.append(host);
    (doc.getElementById("r") as HTMLElement).className = "changed";
    records.push(...observer.takeRecords());
    expect(records.length).toBeGreaterThan(0);
    expect(relevantChange(records)).toBe(false);
    (doc.querySelector("p") as HTMLElement).textContent = "Autre";
    expect(relevantChange(observer.takeRecords())).toBe(true);
    observer.disconnect();
  });

  it("tells a page node from our hosts in the same record, and what happens inside a host", () => {
    const doc = page("<ul id=l><li>Ligne</li></ul>");
    const list = doc.getElementById("l") as HTMLElement;
    const observer = new MutationObserver(() => {});
    observer.observe(doc.body, { subtree: true, childList: true, characterData: true });
    const host = () => {
      const h = doc.createElement("div");
      h.setAttribute("data-tiers-feature", "x");
      return h;
    };
    // Our host comes and goes: nothing of the page changed.
    const mounted = host();
    list.append(mounted);
    mounted.remove();
    expect(relevantChange(observer.takeRecords())).toBe(false);
    // Something put inside one of our hosts (in its light DOM) is ours too.
    const inside = host();
    list.append(inside);
    inside.append(doc.createElement("span"));
    expect(relevantChange(observer.takeRecords())).toBe(false);
    // One record holding a host and a row of the page: the row counts.
    list.append(host(), doc.createElement("li"));
    expect(relevantChange(observer.takeRecords())).toBe(true);
    observer.disconnect();
  });
});

describe("a label bound elsewhere", () => {
  it("is not the name of the field after it", () => {
    const doc = page('<div><label for="nulle-part">Siren</label><input name="a"></div>');
    expect(findControlByLabel(doc, "Siren")).toBeNull();
  });
});

describe("labelText", () => {
  it("is the label's name lower-cased, accents kept, without its field, unit or marks", () => {
    const doc = page(
      "<label>Numéro de compte employeur : <input> (facultatif)</label><label>Montant <input> €</label>",
    );
    const [a, b] = [...doc.querySelectorAll("label")] as HTMLLabelElement[];
    expect(labelText(a as HTMLLabelElement)).toBe("numéro de compte employeur");
    expect(labelText(b as HTMLLabelElement)).toBe("montant");
  });
});
