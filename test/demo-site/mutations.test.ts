// The demo's mutations keep what a person sees and what a form sends: the visible text (spaces of
// any kind aside, digits regrouped), each form's fields with their labels and its actions with their
// names, the page script's controls; and the same seed gives the same page.
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { Rng } from "./data.ts";
import { Names } from "./html.ts";
import { Ctx, type Variant } from "./layout.ts";
import { parse, serialize } from "./markup.ts";
import {
  combination,
  groupDigits,
  MUTATIONS,
  type Mutation,
  mutatePage,
  nbsp,
  parseMutations,
} from "./mutations.ts";
import {
  accountDetailPage,
  anomalyPage,
  dashboardPage,
  dsnMonthPage,
  dsnTypologiesPage,
  etablissementsPage,
  inscriptionPage,
  loginPage,
  messagesPage,
  suiviDsnPage,
} from "./pages.ts";
import { indicators, makeState } from "./state.ts";

const YEAR = 2026;
const NOW = new Date("2026-11-25T15:32:00Z");

/** The demo's main pages in one layout, with the page script in its delegated form (as mutated pages have it). */
function pages(variant: Variant) {
  const state = makeState(1, YEAR);
  const names = new Names();
  const ctx = () => {
    const c = new Ctx(variant, names, null, NOW);
    c.delegated = true;
    return c;
  };
  const rg = state.portfolio.find((c) => c.kind === "RG" && !c.radie);
  const ac = state.directory.find((c) => c.kind === "AC");
  const anomaly = state.anomalies.find((a) => a.question) ?? state.anomalies[0];
  if (!rg?.siren || !ac?.siren || !anomaly) throw new Error("seed 1 lacks a page's data");
  return {
    login: loginPage(ctx(), { error: "Identifiant ou mot de passe incorrect." }),
    dashboard: dashboardPage(ctx(), state, indicators(state, YEAR), null, []),
    accounts: etablissementsPage(ctx(), {
      page: 2,
      siret: "",
      compte: "",
      searched: false,
      accounts: state.portfolio,
    }),
    detail: accountDetailPage(ctx(), rg),
    inscription: inscriptionPage(ctx(), {
      company: ac,
      key: { siren: ac.siren },
      values: {},
      services: [],
      emails: [],
    }),
    suivi: suiviDsnPage(ctx(), state, YEAR, null),
    types: dsnTypologiesPage(ctx(), state, YEAR),
    month: dsnMonthPage(ctx(), state, anomaly.siret, anomaly.year, anomaly.month),
    anomaly: anomalyPage(ctx(), anomaly, null),
    messages: messagesPage(ctx(), state.messages),
  };
}

const ALL_PAGES = { A: pages("A"), B: pages("B") };

function documentOf(html: string): Document {
  const window = new Window({ url: "https://mon.urssaf.fr/" });
  window.document.write(html);
  return window.document as unknown as Document;
}

/** The page as the mutation client leaves it: late templates rendered, fetched lists in place. */
function rendered(html: string, fragments: Map<string, string>): Document {
  const doc = documentOf(html);
  for (let round = 0; round < 10; round++) {
    const pending = [...doc.querySelectorAll("template[data-mut-late], [data-mut-src]")];
    if (pending.length === 0) break;
    for (const p of pending) {
      if (p.tagName === "TEMPLATE") {
        p.replaceWith((p as HTMLTemplateElement).content);
      } else {
        const id = /\/__demo\/fragment\/(.+)$/.exec(p.getAttribute("data-mut-src") ?? "")?.[1] ?? "";
        const t = doc.createElement("template");
        t.innerHTML = fragments.get(id) ?? "MISSING FRAGMENT";
        p.replaceWith(t.content);
      }
    }
  }
  return doc;
}

const SPACES = /[\s\u00a0\u202f]+/g;
const GLYPHS = /[✍✕✓✗]/g;

/** Visible words of the body: texts and submit inputs' values, a break at every element boundary. */
function words(doc: Document): string[] {
  const parts: string[] = [];
  const visit = (n: globalThis.Node) => {
    if (n.nodeType === 3) parts.push(n.textContent ?? "");
    if (n.nodeType !== 1) return;
    const e = n as Element;
    // The consent banner is content of its own, added on purpose: the page's words are the rest.
    if (["SCRIPT", "STYLE", "TEMPLATE"].includes(e.tagName) || e.hasAttribute("data-mut-consent")) return;
    parts.push(" ");
    if (e.tagName === "INPUT" && ["submit", "button"].includes(e.getAttribute("type") ?? ""))
      parts.push(e.getAttribute("value") ?? "");
    for (const c of e.childNodes) visit(c);
    parts.push(" ");
  };
  visit(doc.body);
  return undecorate(parts.join(""))
    .replace(GLYPHS, " ")
    .replace(/(\d)[\s\u00a0\u202f]+(?=\d)/g, "$1")
    .split(SPACES)
    .filter(Boolean);
}

/** What `decorate` adds and a tolerant reader ignores: arrows, colons, the unit (€), ’ for '. */
const undecorate = (s: string) =>
  s
    .replace(/[→›]|\(€\)/g, " ")
    .replace(/’/g, "'")
    .replace(/[\s\u00a0\u202f]:/g, " ");

const norm = (s: string | null | undefined) =>
  undecorate(s ?? "")
    .replace(SPACES, " ")
    .replace(GLYPHS, "")
    .trim();

function labelOf(doc: Document, input: Element): string {
  const id = input.getAttribute("id");
  const byFor = id ? [...doc.querySelectorAll("label")].find((l) => l.getAttribute("for") === id) : undefined;
  const label = byFor ?? input.closest("label");
  return norm(label?.textContent).replace(/(\d)\s+(?=\d)/g, "$1");
}

/** What each form sends and offers: its named fields (type, value, label) and its submit actions. */
function forms(doc: Document) {
  return [...doc.querySelectorAll("form")].map((f) => {
    const id = f.getAttribute("id");
    const owned = [...doc.querySelectorAll("input, select, textarea, button, a[data-mut-submit]")].filter(
      (c) =>
        f.contains(c) ||
        (id !== null && (c.getAttribute("form") === id || c.getAttribute("data-mut-form") === id)),
    );
    const fields = owned
      .filter((c) => c.hasAttribute("name") && !["submit", "button"].includes(c.getAttribute("type") ?? ""))
      .filter((c) => c.tagName !== "BUTTON")
      .map((c) => [
        c.getAttribute("name"),
        c.getAttribute("type"),
        c.getAttribute("value"),
        c.hasAttribute("checked"),
        labelOf(doc, c),
      ]);
    const actions = owned
      .filter(
        (c) =>
          (c.tagName === "BUTTON" && (c.getAttribute("type") ?? "submit") === "submit") ||
          (c.tagName === "INPUT" && c.getAttribute("type") === "submit") ||
          c.hasAttribute("data-mut-submit"),
      )
      .map((c) => [
        c.tagName === "INPUT" ? norm(c.getAttribute("value")) : norm(c.textContent),
        c.getAttribute("name") ?? c.getAttribute("data-mut-name"),
        c.tagName === "INPUT" ? null : (c.getAttribute("value") ?? c.getAttribute("data-mut-value")),
      ]);
    return { method: f.getAttribute("method"), action: f.getAttribute("action"), fields, actions };
  });
}

/** The page script's controls (navigation buttons, confirmation triggers) by their visible name. */
function scriptControls(doc: Document) {
  const config = JSON.parse(doc.querySelector("script[data-demo-config]")?.textContent ?? "{}") as {
    nav: Record<string, string>;
    confirms: Array<{ trigger: string; form: string; text: string }>;
  };
  const name = (id: string) => {
    const e = doc.getElementById(id);
    if (!e) return "MISSING";
    const shown = e.tagName === "INPUT" ? e.getAttribute("value") : e.textContent;
    // An icon's name: its glyph's meaning, or its image's alt or title, or the control's aria-label.
    const glyph = { "✍": "Modifier", "✕": "Supprimer", "✓": "Activé", "✗": "Non activé" }[
      (shown ?? "").trim()
    ];
    const img = e.querySelector("img");
    return (
      norm(shown) ||
      glyph ||
      img?.getAttribute("alt") ||
      img?.getAttribute("title") ||
      e.getAttribute("aria-label") ||
      ""
    );
  };
  return {
    nav: Object.entries(config.nav).map(([id, href]) => [name(id), href]),
    confirms: config.confirms.map((c) => [name(c.trigger), doc.getElementById(c.form)?.tagName, c.text]),
  };
}

const SETS: Array<readonly Mutation[]> = [
  ...MUTATIONS.map((m) => [m]),
  [...MUTATIONS],
  combination(1),
  combination(2),
  combination(3),
];

describe("markup", () => {
  it("parses and prints every page of both layouts back byte for byte", () => {
    for (const variant of ["A", "B"] as const)
      for (const [name, html] of Object.entries(ALL_PAGES[variant]))
        expect(serialize(parse(html)), `${variant} ${name}`).toBe(html);
  });
});

describe.each(SETS.map((s) => [s.join(","), s] as const))("mutations %s", (_, mutations) => {
  for (const variant of ["A", "B"] as const) {
    it(`keeps the visible text, the forms and the page script's controls (layout ${variant})`, () => {
      for (const [name, html] of Object.entries(ALL_PAGES[variant])) {
        const out = mutatePage(html, { mutations, seed: 7, key: name });
        const before = documentOf(html);
        const after = rendered(out.html, out.fragments);
        const what = `${variant} ${name}`;
        expect(words(after), what).toEqual(words(before));
        expect(forms(after), what).toEqual(forms(before));
        expect(scriptControls(after), what).toEqual(scriptControls(before));
        expect(after.title, what).toBe(before.title);
      }
    });
  }

  it("gives the same page for the same seed, and changes it", () => {
    let changed = 0;
    for (const html of [...Object.values(ALL_PAGES.A), ...Object.values(ALL_PAGES.B)]) {
      const a = mutatePage(html, { mutations, seed: 3, key: "k" });
      const b = mutatePage(html, { mutations, seed: 3, key: "k" });
      expect(a.html).toBe(b.html);
      expect([...a.fragments]).toEqual([...b.fragments]);
      if (a.html !== html) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });
});

describe("each mutation does what it says", () => {
  const page = (mutations: Mutation[], html = ALL_PAGES.A.accounts, seed = 1) =>
    rendered(
      mutatePage(html, { mutations, seed, key: "x" }).html,
      mutatePage(html, { mutations, seed, key: "x" }).fragments,
    );

  it("labels: no label keeps a `for`, every field is inside its label", () => {
    const doc = page(["labels"], ALL_PAGES.A.inscription);
    expect(doc.querySelectorAll("label[for]")).toHaveLength(0);
    const named = [...doc.querySelectorAll("input[name]:not([type=hidden])")];
    expect(named.length).toBeGreaterThan(10);
    for (const input of named) expect(input.closest("label")).not.toBeNull();
  });

  it("th-td: no header cell left", () => {
    expect(page(["th-td"], ALL_PAGES.B.accounts).querySelectorAll("th")).toHaveLength(0);
    expect(ALL_PAGES.B.accounts).toContain("<th>");
  });

  it("controls: over a few seeds, buttons, inputs and links by role all appear", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const doc = page(["controls"], ALL_PAGES.A.detail, seed);
      for (const e of doc.querySelectorAll("button, input[type=submit], input[type=button], a[role=button]"))
        seen.add(e.tagName === "INPUT" ? `input[${e.getAttribute("type")}]` : e.tagName.toLowerCase());
    }
    for (const kind of ["a", "button", "input[button]", "input[submit]"]) expect(seen).toContain(kind);
  });

  it("icons: the text icons become images named by alt or title", () => {
    const doc = page(["icons"]);
    expect(doc.body.textContent).not.toMatch(GLYPHS);
    const imgs = [...doc.querySelectorAll("img")];
    expect(imgs).toHaveLength(20);
    for (const img of imgs)
      expect(["Modifier", "Supprimer"]).toContain(img.getAttribute("alt") || img.getAttribute("title"));
  });

  it("rename: no id or class of the original page is left, and the CSS follows", () => {
    const html = ALL_PAGES.A.accounts;
    const out = mutatePage(html, { mutations: ["rename"], seed: 1, key: "x" }).html;
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? "");
    const classes = [...html.matchAll(/ class="([^"]+)"/g)].flatMap((m) => (m[1] ?? "").split(" "));
    expect(ids.length).toBeGreaterThan(10);
    for (const name of [...ids, ...classes]) expect(out).not.toContain(name);
    const rowClass = /class="([^"]+)"><span/.exec(out)?.[1] ?? "?";
    expect(out).toContain(`.${rowClass.split(" ")[0]?.replace(/:/g, "\\:")}{`);
  });

  it("late and fetch: parts of the page leave it for a template or a placeholder", () => {
    const late = mutatePage(ALL_PAGES.A.dashboard, { mutations: ["late"], seed: 1, key: "x" });
    expect(late.html).toMatch(/<template data-mut-late="(\d+)">/);
    const delays = [...late.html.matchAll(/data-mut-late="(\d+)"/g)].map((m) => Number(m[1]));
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(200);
    for (const d of delays) expect(d).toBeLessThanOrEqual(2000);
    const fetched = mutatePage(ALL_PAGES.A.accounts, { mutations: ["fetch"], seed: 1, key: "x" });
    expect(fetched.fragments.size).toBeGreaterThan(0);
    expect(fetched.html).not.toContain("Comptes Régime Général du SIREN");
  });

  it("consent: a cookie dialog first in the body, or in a frame of its own, over a few seeds", () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) {
      const doc = page(["consent"], ALL_PAGES.A.accounts, seed);
      const first = doc.body.firstElementChild;
      expect(first?.hasAttribute("data-mut-consent")).toBe(true);
      kinds.add(first?.tagName ?? "");
      const inner =
        first?.tagName === "IFRAME"
          ? documentOf(first.getAttribute("srcdoc") ?? "").body
          : (first as Element);
      expect(norm(inner.querySelector("h2")?.textContent)).toBe("Gestion des cookies");
      expect([...inner.querySelectorAll("button")].map((b) => norm(b.textContent))).toEqual([
        "Tout accepter",
        "Tout refuser",
        "Personnaliser",
      ]);
    }
    expect([...kinds].sort()).toEqual(["DIV", "IFRAME"]);
  });

  it("spans, wrap: more elements, the same text", () => {
    const html = ALL_PAGES.A.accounts;
    const count = (h: string) => documentOf(h).querySelectorAll("*").length;
    expect(count(mutatePage(html, { mutations: ["spans"], seed: 1 }).html)).toBeGreaterThan(count(html));
    const wrapped = mutatePage(html, { mutations: ["wrap"], seed: 1 }).html;
    expect(count(wrapped)).toBeGreaterThan(count(html));
    expect(wrapped).toMatch(
      /<(app-root|ux-box|app-field|ng-container-x|mdc-layout|fr-cell|app-view|x-slot)[ >]/,
    );
  });
});

describe("decorate", () => {
  it("adds what a tolerant reader ignores: arrows, colons, the amount's unit, typographic apostrophes", () => {
    const login = documentOf(
      mutatePage(ALL_PAGES.B.login, { mutations: ["decorate"], seed: 2, key: "x" }).html,
    );
    const labels = [...login.querySelectorAll("label")].map((l) => (l.textContent ?? "").trim());
    expect(labels).toContain("Identifiant\u00a0:");
    const arrows = [...login.querySelectorAll("input[type=submit]")].map((i) => i.getAttribute("value"));
    expect(arrows.some((v) => /^(Je me connecte|Rechercher) [→›]$/.test(v ?? ""))).toBe(true);
    const rg = pages("A").detail;
    expect(rg).toContain("l'établissement");
    expect(mutatePage(rg, { mutations: ["decorate"], seed: 1 }).html).toContain("l’établissement");
    const inscription = makeState(1, YEAR).directory.find((c) => c.kind === "RG");
    if (!inscription?.siren) throw new Error("no RG");
    const ctx = new Ctx("A", new Names(), null, NOW);
    const form = inscriptionPage(ctx, {
      company: inscription,
      key: { siren: inscription.siren },
      values: {},
      services: [],
      emails: [],
    });
    expect(mutatePage(form, { mutations: ["decorate"], seed: 1 }).html).toContain(
      "Montant à payer déclaré sur la dernière déclaration (€)\u00a0:",
    );
  });
});

describe("texts", () => {
  it("groups long numbers: a SIRET as SIREN + NIC, others by three, amounts by thousands", () => {
    const r = () => ({ pick: () => " " }) as unknown as Rng;
    expect(groupDigits("SIRET 61403842000012", r())).toBe("SIRET 614 038 420 00012");
    expect(groupDigits("du SIREN 526018155", r())).toBe("du SIREN 526 018 155");
    expect(groupDigits("n° 117000000000000099", r())).toBe("n° 117 000 000 000 000 099");
    expect(groupDigits("12345,67 €", r())).toBe("12 345,67 €");
    expect(groupDigits("UR_ANO_DIMNS002 — 03/2026 à 16h32, 167 comptes", r())).toBe(
      "UR_ANO_DIMNS002 — 03/2026 à 16h32, 167 comptes",
    );
  });

  it("puts no-break spaces where French typography does, and only spaces change", () => {
    const out = nbsp("Dernière mise à jour : 25 novembre « Tiers mandaté » ?", new Rng(1));
    expect(out).toMatch(/jour[\u00a0\u202f]:/);
    expect(out).toMatch(/«[\u00a0\u202f]Tiers/);
    expect(out.replace(/[\u00a0\u202f]/g, " ")).toBe(
      "Dernière mise à jour : 25 novembre « Tiers mandaté » ?",
    );
  });

  it("reads mutation lists and draws reproducible combinations", () => {
    expect(parseMutations("wrap, spans")).toEqual(["wrap", "spans"]);
    expect(parseMutations("all")).toEqual([...MUTATIONS]);
    expect(() => parseMutations("wrap,nope")).toThrow(/nope/);
    expect(combination(5)).toEqual(combination(5));
    const sizes = new Set(Array.from({ length: 40 }, (_, i) => combination(i).length));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    expect(new Set(Array.from({ length: 20 }, (_, i) => combination(i).join())).size).toBeGreaterThan(15);
  });
});
