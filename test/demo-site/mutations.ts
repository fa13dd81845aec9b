// Meaning-preserving mutations of the demo's pages (issue 13, metamorphic test bed): the same texts,
// fields, actions and flows under other markup, as an independently written copy of the site would
// draw them. Each mutation is seeded (same seed + same page → same output) and combinable.

import { Rng } from "./data.ts";
import {
  attr,
  type Element,
  el,
  elements,
  isRawText,
  type Node,
  parse,
  removeAttr,
  serialize,
  setAttr,
  text,
  walk,
} from "./markup.ts";
import { MUTATION_CLIENT } from "./mutation-client.ts";

export const MUTATIONS = [
  /** Extra wrapper <div>s and custom elements around blocks and inline elements. */
  "wrap",
  /** Ids and classes replaced by generated names of other shapes (`:r3:`, `css-1x2y3z`…), framework attributes. */
  "rename",
  /** button ↔ input[type=submit|button] ↔ a[role=button]. */
  "controls",
  /** Texts split across <span>s at word boundaries. */
  "spans",
  /** NBSP and narrow NBSP instead of some spaces (French typography before « : ? ! » and inside « »). */
  "nbsp",
  /** Long numbers grouped by three (SIREN, SIRET, account numbers), amounts by thousands. */
  "digits",
  /** Header cells as <td>. */
  "th-td",
  /** Labels wrapping their field instead of `for=`. */
  "labels",
  /** Text icons (✍ ✕ ✓ ✗) as <img> with alt/title; image icons named by alt, title or aria-label. */
  "icons",
  /** Parts of the page rendered late (a <template> instantiated 0.2–2 s after the script runs). */
  "late",
  /** Lists and tables loaded by fetch() after `load`. */
  "fetch",
  /** Pagination and Suivi DSN views switched in place (pushState + fetch), Back/Forward followed. */
  "spa",
  /**
   * A cookie-consent dialog first in the body (« Tout accepter », « Tout refuser », « Personnaliser »),
   * sometimes inside an iframe, as the real site shows before any choice: content of its own, not the
   * page's, that no reading may take for the page's.
   */
  "consent",
  /**
   * What a tolerant reader ignores (issue 13 point 2): actions ending in « → » or « › », field labels
   * ending in « : », the unit « € » in the amount's label, typographic apostrophes (’).
   */
  "decorate",
] as const;

export type Mutation = (typeof MUTATIONS)[number];

export function isMutation(s: string): s is Mutation {
  return (MUTATIONS as readonly string[]).includes(s);
}

/** Parses `wrap,spans` (or `all`) into mutations; throws on an unknown name. */
export function parseMutations(list: string): Mutation[] {
  if (list.trim() === "all") return [...MUTATIONS];
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!isMutation(n)) throw new Error(`mutation inconnue : ${n} (${MUTATIONS.join(", ")})`);
  return names as Mutation[];
}

/** A random combination of 3 to 7 mutations, in the canonical order, drawn from `seed`. */
export function combination(seed: number): Mutation[] {
  const rng = new Rng(hash(`combination:${seed}`));
  const size = rng.int(3, 7);
  const chosen = new Set<Mutation>();
  while (chosen.size < size) chosen.add(rng.pick(MUTATIONS));
  return MUTATIONS.filter((m) => chosen.has(m));
}

/** FNV-1a, 32 bits. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface MutateOptions {
  mutations: readonly Mutation[];
  seed: number;
  /** What makes two pages different for the seed: e.g. host + path + query. */
  key?: string;
  /** URL prefix of the fragments the `fetch` mutation takes out of the page. */
  fragmentUrl?: (id: string) => string;
}

export interface Mutated {
  html: string;
  /** id → HTML of each element taken out by the `fetch` mutation, to answer at fragmentUrl(id). */
  fragments: Map<string, string>;
}

/** Attribute that carries the page script's configuration (see layout.ts, delegated script). */
export const CONFIG_ATTR = "data-demo-config";

export function mutatePage(html: string, o: MutateOptions): Mutated {
  const fragments = new Map<string, string>();
  if (o.mutations.length === 0) return { html, fragments };
  const on = new Set(o.mutations);
  const rng = (name: string) => new Rng(hash(`${o.seed}:${name}:${o.key ?? ""}`));
  const nodes = parse(html);
  const body = elements(nodes).find((e) => e.tag === "body");
  if (!body) return { html, fragments };
  const config = elements(body.children).find(
    (e) => e.tag === "script" && attr(e, CONFIG_ATTR) !== undefined,
  );
  const scripted = scriptDrivenIds(config);
  // Structure first (it needs the original ids and plain texts), then texts, then names.
  if (on.has("consent")) consent(body, rng("consent"));
  if (on.has("decorate")) decorate(body, rng("decorate"));
  if (on.has("labels")) labels(body);
  if (on.has("controls")) controls(body, rng("controls"), scripted);
  if (on.has("icons")) icons(body, rng("icons"));
  if (on.has("th-td")) thToTd(body, rng("th-td"));
  if (on.has("digits")) texts(body, (t) => groupDigits(t, rng("digits")));
  if (on.has("nbsp")) {
    const r = rng("nbsp");
    texts(body, (t) => nbsp(t, r));
  }
  if (on.has("spans")) spans(body, rng("spans"));
  if (on.has("wrap")) wrap(body, rng("wrap"));
  if (on.has("rename")) rename(nodes, rng("rename"));
  if (on.has("fetch"))
    fetchLists(body, rng("fetch"), fragments, o.fragmentUrl ?? ((id) => `/__demo/fragment/${id}`));
  if (on.has("late")) late(body, rng("late"));
  const client = on.has("late") || on.has("fetch") || on.has("spa") || on.has("controls");
  if (client) {
    body.children.push(
      el(
        "script",
        [["data-mutations", JSON.stringify({ spa: on.has("spa") }).replace(/"/g, "&quot;")]],
        [text(MUTATION_CLIENT)],
      ),
    );
  }
  return { html: serialize(nodes), fragments };
}

// ---------------------------------------------------------------------------------------------
// Context helpers

/** Ids the page script listens to (navigation buttons, confirmation triggers): already driven. */
function scriptDrivenIds(config: Element | undefined): Set<string> {
  const out = new Set<string>();
  if (!config) return out;
  try {
    const c = JSON.parse(config.children.map((n) => (n.type === "text" ? n.text : "")).join("")) as {
      nav: Record<string, string>;
      confirms: Array<{ trigger: string }>;
    };
    for (const k of Object.keys(c.nav)) out.add(k);
    for (const x of c.confirms) out.add(x.trigger);
  } catch {
    // not our config
  }
  return out;
}

const NO_TEXT_CHANGE = new Set(["script", "style", "title", "textarea", "option", "template", "head"]);

/** Applies `change` to every non-blank text node of the body outside scripts, styles and options. */
function texts(body: Element, change: (t: string) => string): void {
  walk(body.children, (n, parent) => {
    if (n.type === "element") return !NO_TEXT_CHANGE.has(n.tag) && !isRawText(n.tag);
    if (n.type === "text" && n.text.trim() !== "") {
      const i = parent.indexOf(n);
      parent[i] = text(change(n.text));
    }
    return undefined;
  });
}

function plainText(e: Element): string | null {
  if (e.children.every((c) => c.type === "text"))
    return e.children.map((c) => (c as { text: string }).text).join("");
  return null;
}

function cls(rng: Rng): string {
  const shapes = [
    () => `css-${rng.int(0, 36 ** 6).toString(36)}`,
    () => `_${rng.int(0, 36 ** 5).toString(36)}`,
    () => `sc-${rng.pick(["bdVa", "kEYy", "gsTC", "dkPt", "hzDk"])}${rng.int(0, 36 ** 3).toString(36)}`,
    () =>
      `${rng.pick(["Button", "Field", "Card", "Row", "Panel", "Box"])}_${rng.pick(["root", "inner", "item"])}__${rng.int(0, 36 ** 4).toString(36)}`,
  ];
  return rng.pick(shapes)();
}

// ---------------------------------------------------------------------------------------------
// decorate: arrows after actions, colons after labels, the amount's unit, typographic apostrophes

const TEXT_FIELDS = new Set(["text", "password", "email", "tel", "number", "search"]);

function decorate(body: Element, rng: Rng): void {
  const byId = new Map(
    elements(body.children).flatMap((e) => (attr(e, "id") ? [[attr(e, "id"), e] as const] : [])),
  );
  for (const e of elements(body.children)) {
    const type = attr(e, "type");
    if (e.tag === "input" && (type === "submit" || type === "button") && rng.bool(0.6)) {
      setAttr(e, "value", `${attr(e, "value") ?? ""} ${rng.pick(["→", "›"])}`);
    } else if (
      (e.tag === "button" || (e.tag === "a" && attr(e, "role") === "button")) &&
      plainText(e)?.trim() &&
      !GLYPHS[plainText(e)?.trim() ?? ""]
    ) {
      if (rng.bool(0.6)) e.children.push(text(` ${rng.pick(["→", "›"])}`));
    } else if (e.tag === "label") {
      const control =
        byId.get(attr(e, "for") ?? "") ?? elements(e.children).find((c) => LABELABLE.has(c.tag));
      if (control?.tag !== "input" || !TEXT_FIELDS.has(attr(control, "type") ?? "text")) continue;
      // The label's own text: the label itself (A) or its first <span> (B, the field beside it).
      const holder = e.children.find((c): c is Element => c.type === "element" && c.tag === "span") ?? e;
      const before = holder === e ? e.children.findIndex((c) => c.type === "element") : -1;
      const at = before < 0 ? holder.children.length : before;
      const unit = /^Montant/.test(sourceTextOf(holder)) ? " (€)" : "";
      holder.children.splice(at, 0, text(`${unit}${NBSP}:`));
    }
  }
  texts(body, (t) => t.replace(/'/g, "’"));
}

function sourceTextOf(e: Element): string {
  return e.children
    .map((c) => (c.type === "text" ? c.text : c.type === "element" ? sourceTextOf(c) : ""))
    .join("");
}

// ---------------------------------------------------------------------------------------------
// labels: <label for=x>T</label><input id=x> → <label>T <input id=x></label>

const LABELABLE = new Set(["input", "select", "textarea"]);

function labels(body: Element): void {
  const byId = new Map<string, { el: Element; parent: Node[] }>();
  walk(body.children, (n, parent) => {
    if (n.type === "element" && LABELABLE.has(n.tag)) {
      const id = attr(n, "id");
      if (id) byId.set(id, { el: n, parent });
    }
    return undefined;
  });
  for (const label of elements(body.children).filter((e) => e.tag === "label")) {
    const target = byId.get(attr(label, "for") ?? "");
    if (!target) continue;
    target.parent.splice(target.parent.indexOf(target.el), 1);
    const type = attr(target.el, "type");
    if (type === "checkbox" || type === "radio") label.children = [target.el, text(" "), ...label.children];
    else label.children = [...label.children, text(" "), target.el];
    removeAttr(label, "for");
  }
}

// ---------------------------------------------------------------------------------------------
// controls: the same action drawn as <button>, <input type=submit|button> or <a role=button>

function controls(body: Element, rng: Rng, scripted: Set<string>): void {
  walk(body.children, (n, parent) => {
    if (n.type !== "element") return undefined;
    const i = parent.indexOf(n);
    const type = attr(n, "type");
    const driven = scripted.has(attr(n, "id") ?? "");
    const keep = n.attrs.filter(([k]) => !["type", "value", "name", "form"].includes(k));
    if (n.tag === "button") {
      const label = plainText(n);
      const choice = rng.int(0, 2);
      if (choice === 0 || label === null) return undefined;
      if (choice === 1 && attr(n, "name") === undefined) {
        // <input>'s value is its label: only for buttons that do not submit a value of their own.
        const t = type === "submit" || type === undefined ? "submit" : "button";
        parent[i] = el("input", [["type", t], ...keep, ["value", label.trim()], ...formAttr(n)]);
        return false;
      }
      parent[i] = anchorButton(n, keep, label, type !== "button" && !driven);
      return false;
    }
    if (n.tag === "input" && (type === "submit" || type === "button")) {
      const label = attr(n, "value") ?? "";
      const choice = rng.int(0, 2);
      if (choice === 0) return undefined;
      if (choice === 1) {
        parent[i] = el("button", [["type", type], ...keep, ...formAttr(n)], [text(label)]);
        return false;
      }
      parent[i] = anchorButton(n, keep, label, type === "submit" && !driven);
      return false;
    }
    // Layout B's navigation buttons are links with two classes (button + tone): now buttons by role.
    const twoClasses = (attr(n, "class") ?? "").split(/\s+/).filter(Boolean).length >= 2;
    if (n.tag === "a" && twoClasses && attr(n, "role") === undefined && rng.bool(0.7))
      setAttr(n, "role", "button");
    return undefined;
  });
}

function formAttr(n: Element): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const k of ["name", "value", "form"] as const) {
    const v = attr(n, k);
    if (v !== undefined && !(n.tag === "input" && k === "value")) out.push([k, v]);
  }
  return out;
}

/** <a role=button>: submits its form through the mutation client when it was a submit control. */
function anchorButton(
  n: Element,
  keep: Array<[string, string | null]>,
  label: string,
  submits: boolean,
): Element {
  const attrs: Array<[string, string | null]> = [
    ["href", "#"],
    ["role", "button"],
    ["tabindex", "0"],
    ...keep,
  ];
  if (submits) {
    attrs.push(["data-mut-submit", null]);
    const form = attr(n, "form");
    if (form) attrs.push(["data-mut-form", form]);
    const name = attr(n, "name");
    if (name) attrs.push(["data-mut-name", name], ["data-mut-value", attr(n, "value") ?? ""]);
  }
  return el("a", attrs, [text(label.trim())]);
}

// ---------------------------------------------------------------------------------------------
// icons

const GLYPHS: Record<string, string> = {
  "✍": "Modifier",
  "✕": "Supprimer",
  "✓": "Activé",
  "✗": "Non activé",
};

function iconSvg(name: string): string {
  const path =
    name === "Modifier"
      ? "M2 14l1-4 8-8 3 3-8 8z"
      : name === "Activé"
        ? "M2 8l4 4 8-9"
        : "M3 3l10 10M13 3L3 13";
  return `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path d="${path}" fill="none" stroke="#003189" stroke-width="1.5"/></svg>`)}`;
}

function icons(body: Element, rng: Rng): void {
  for (const e of elements(body.children)) {
    const glyph = plainText(e)?.trim() ?? "";
    const name = GLYPHS[glyph];
    if (name) {
      // The name as alt and title, or as title only with an empty alt (the name then on the control).
      const titled = rng.bool(0.5);
      const img = el("img", [
        ["src", iconSvg(name)],
        ["alt", titled ? "" : name],
        ["title", name],
        ["width", "16"],
        ["height", "16"],
      ]);
      e.children = [img];
      if (titled && (e.tag === "a" || e.tag === "button")) setAttr(e, "aria-label", name);
      continue;
    }
    if (e.tag === "img" && attr(e, "alt") === "" && attr(e, "title")) {
      // Layout B's image icons: named by their alt instead of (or as well as) their title.
      const title = attr(e, "title") ?? "";
      setAttr(e, "alt", title);
      if (rng.bool(0.5)) removeAttr(e, "title");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// th → td

function thToTd(body: Element, rng: Rng): void {
  for (const e of elements(body.children)) {
    if (e.tag !== "th") continue;
    e.tag = "td";
    // Sometimes the header's look kept by a <strong>, sometimes nothing at all.
    if (rng.bool(0.5) && e.children.length > 0) e.children = [el("strong", [], e.children)];
  }
}

// ---------------------------------------------------------------------------------------------
// Texts: digits, spaces, spans

const NBSP = "\u00a0";
const NNBSP = "\u202f";

/** SIRET as SIREN + NIC ("526 018 155 00012"), other long numbers by three, amounts by thousands. */
export function groupDigits(t: string, rng: Rng): string {
  const sep = () => rng.pick([" ", NBSP, NNBSP]);
  return t
    .replace(/(?<![\w&#;/.,-])(\d{5,})(?![\w/])(?!,\d)/g, (digits) => {
      const body = digits.length === 14 ? digits.slice(0, 9) : digits;
      const tail = digits.length === 14 ? `${sep()}${digits.slice(9)}` : "";
      const s = sep();
      return body.replace(/\B(?=(\d{3})+(?!\d))/g, s) + tail;
    })
    .replace(/(?<![\d\s\u00a0\u202f])(\d{4,})(?=,\d{2}\b)/g, (int) =>
      int.replace(/\B(?=(\d{3})+(?!\d))/g, sep()),
    );
}

export function nbsp(t: string, rng: Rng): string {
  return t
    .replace(/ ([:;!?»])/g, (_, p: string) => `${rng.pick([NBSP, NNBSP])}${p}`)
    .replace(/« /g, () => `«${rng.pick([NBSP, NNBSP])}`)
    .replace(/(\S) (?=\S)/g, (m, c: string) => (rng.bool(0.3) ? `${c}${NBSP}` : m));
}

function spans(body: Element, rng: Rng): void {
  walk(body.children, (n, parent) => {
    if (n.type === "element") return !NO_TEXT_CHANGE.has(n.tag) && !isRawText(n.tag);
    if (n.type !== "text" || !rng.bool(0.6)) return undefined;
    const t = n.text;
    // Cut points: just before a space between two words (the space starts the next span).
    const cuts: number[] = [];
    for (const m of t.matchAll(/\S(?=[ \u00a0\u202f]\S)/g)) cuts.push((m.index ?? 0) + 1);
    if (cuts.length === 0) return undefined;
    const chosen = [...new Set([rng.pick(cuts), rng.pick(cuts)])].sort((a, b) => a - b);
    const pieces: Node[] = [];
    let from = 0;
    for (const at of [...chosen, t.length]) {
      const piece = t.slice(from, at);
      if (piece !== "")
        pieces.push(from === 0 && rng.bool(0.5) ? text(piece) : el("span", [], [text(piece)]));
      from = at;
    }
    parent.splice(parent.indexOf(n), 1, ...pieces);
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// wrap: extra <div>s and custom elements

const CUSTOM = [
  "app-root",
  "ux-box",
  "app-field",
  "ng-container-x",
  "mdc-layout",
  "fr-cell",
  "app-view",
  "x-slot",
];
/** Elements that are never wrapped (their parent needs them as direct children). */
const UNWRAPPABLE = new Set([
  "html",
  "head",
  "body",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
  "caption",
  "colgroup",
  "col",
  "option",
  "optgroup",
  "legend",
  "summary",
  "script",
  "style",
  "template",
  "title",
  "meta",
]);
/** Parents whose direct children must stay as they are. */
const STRUCTURAL_PARENTS = new Set([
  "ul",
  "ol",
  "dl",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "select",
  "head",
  "html",
  "details",
]);
const PHRASING_PARENTS = new Set([
  "p",
  "span",
  "a",
  "button",
  "label",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "caption",
  "legend",
  "summary",
  "dt",
  "small",
  "b",
  "i",
]);
const BLOCKS = new Set([
  "div",
  "table",
  "ul",
  "ol",
  "dl",
  "form",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "main",
  "fieldset",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "hr",
]);

function wrap(body: Element, rng: Rng): void {
  walk(body.children, (n, parent, ancestors) => {
    if (n.type !== "element" || UNWRAPPABLE.has(n.tag)) return undefined;
    const host = ancestors[ancestors.length - 1];
    if (host && STRUCTURAL_PARENTS.has(host.tag)) return undefined;
    if (!rng.bool(0.3)) return undefined;
    const inPhrasing = ancestors.some((a) => PHRASING_PARENTS.has(a.tag));
    if (inPhrasing && BLOCKS.has(n.tag)) return undefined;
    const tag = inPhrasing || !BLOCKS.has(n.tag) || rng.bool(0.5) ? rng.pick(CUSTOM) : "div";
    let wrapper = el(tag, tag === "div" ? [["class", cls(rng)]] : [], [n]);
    if (!inPhrasing && rng.bool(0.25)) wrapper = el("div", [["class", cls(rng)]], [wrapper]);
    parent[parent.indexOf(n)] = wrapper;
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// consent: the cookie banner (marked data-mut-consent: the invariants leave it out)

const CONSENT_TITLE = "Gestion des cookies";
const CONSENT_TEXT =
  "Ce site utilise des cookies pour mesurer son audience et améliorer votre navigation. " +
  "Vous pouvez les accepter, les refuser ou choisir finalité par finalité.";
const CONSENT_ACTIONS = ["Tout accepter", "Tout refuser", "Personnaliser"];

function consentBox(): Element {
  return el(
    "div",
    [
      ["role", "dialog"],
      ["aria-modal", "false"],
      ["aria-labelledby", "mut-consent-title"],
      ["data-mut-consent", null],
    ],
    [
      el("h2", [["id", "mut-consent-title"]], [text(CONSENT_TITLE)]),
      el("p", [], [text(CONSENT_TEXT)]),
      el(
        "p",
        [],
        CONSENT_ACTIONS.map((a) => el("button", [["type", "button"]], [text(a)])),
      ),
    ],
  );
}

function consent(body: Element, rng: Rng): void {
  const box = consentBox();
  if (rng.bool(0.5)) {
    body.children.unshift(box);
    return;
  }
  // A consent provider's frame: its document is the banner alone.
  const doc = serialize([el("html", [["lang", "fr"]], [el("body", [], [box])])]);
  const srcdoc = doc.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  body.children.unshift(
    el("iframe", [
      ["title", CONSENT_TITLE],
      ["srcdoc", srcdoc],
      ["data-mut-consent", null],
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// rename: every id and class replaced, references followed (for, form, aria-*, #hash, CSS, config)

const ID_REFS = ["for", "form", "aria-labelledby", "aria-describedby", "aria-controls", "data-mut-form"];

function rename(nodes: Node[], rng: Rng): void {
  const all = elements(nodes);
  const ids = new Map<string, string>();
  const classes = new Map<string, string>();
  const idShapes = [
    () => `:r${rng.int(0, 36 ** 3).toString(36)}:`,
    () => `mat-input-${rng.int(0, 99_999)}`,
    () => `ng-c${rng.int(0, 9_999_999)}`,
    () => `id-${rng.int(0, 36 ** 6).toString(36)}`,
  ];
  const fresh = (used: Map<string, string>, make: () => string) => {
    const taken = new Set(used.values());
    let v = make();
    while (taken.has(v)) v = make();
    return v;
  };
  for (const e of all) {
    const id = attr(e, "id");
    if (id && !ids.has(id)) ids.set(id, fresh(ids, rng.pick(idShapes)));
    for (const c of (attr(e, "class") ?? "").split(/\s+/).filter(Boolean))
      if (!classes.has(c))
        classes.set(
          c,
          fresh(classes, () => cls(rng)),
        );
  }
  const framework = `_ngcontent-${rng.int(0, 36 ** 3).toString(36)}-c${rng.int(1, 99)}`;
  for (const e of all) {
    const id = attr(e, "id");
    if (id) setAttr(e, "id", ids.get(id) ?? id);
    const c = attr(e, "class");
    if (c)
      setAttr(
        e,
        "class",
        c
          .split(/\s+/)
          .map((x) => classes.get(x) ?? x)
          .join(" "),
      );
    for (const ref of ID_REFS) {
      const v = attr(e, ref);
      if (v)
        setAttr(
          e,
          ref,
          v
            .split(/\s+/)
            .map((x) => ids.get(x) ?? x)
            .join(" "),
        );
    }
    const href = attr(e, "href");
    if (href?.startsWith("#") && ids.has(href.slice(1))) setAttr(e, "href", `#${ids.get(href.slice(1))}`);
    if (e.tag === "style" || (e.tag === "script" && attr(e, CONFIG_ATTR) !== undefined)) {
      e.children = e.children.map((n) =>
        n.type === "text" ? text(renameIn(n.text, e.tag === "style", ids, classes)) : n,
      );
    }
    if (!isRawText(e.tag) && e.tag !== "template" && rng.bool(0.4)) e.attrs.push([framework, ""]);
  }
}

function renameIn(
  source: string,
  css: boolean,
  ids: Map<string, string>,
  classes: Map<string, string>,
): string {
  if (css) {
    return source.replace(/\.([a-zA-Z_][\w-]*)/g, (m, name: string) => {
      const v = classes.get(name);
      return v ? `.${v.replace(/:/g, "\\:")}` : m;
    });
  }
  // The page script's JSON config: ids appear as JSON strings.
  return source.replace(/"([^"\\]+)"/g, (m, s: string) => (ids.has(s) ? JSON.stringify(ids.get(s)) : m));
}

// ---------------------------------------------------------------------------------------------
// fetch and late

function mainOf(body: Element): Element | undefined {
  return elements(body.children).find((e) => e.tag === "main" || attr(e, "role") === "main");
}

const LISTS = new Set(["ul", "ol", "table", "dl"]);

function fetchLists(
  body: Element,
  rng: Rng,
  fragments: Map<string, string>,
  url: (id: string) => string,
): void {
  const main = mainOf(body);
  if (!main) return;
  // The outermost lists and tables of the main content; at least one leaves the page.
  const found: Array<{ node: Element; parent: Node[] }> = [];
  walk(main.children, (node, parent) => {
    if (node.type !== "element" || node.tag === "template")
      return node.type === "element" ? false : undefined;
    if (!LISTS.has(node.tag)) return undefined;
    found.push({ node, parent });
    return false;
  });
  const chosen = found.filter(() => rng.bool(0.6));
  if (chosen.length === 0 && found.length > 0) chosen.push(rng.pick(found));
  chosen.forEach(({ node, parent }, n) => {
    const id = `${n}-${rng.int(0, 36 ** 5).toString(36)}`;
    fragments.set(id, serialize([node]));
    parent[parent.indexOf(node)] = el(
      "div",
      [
        ["data-mut-src", url(id)],
        ["data-mut-delay", String(rng.int(0, 500))],
        ["aria-busy", "true"],
      ],
      [text("Chargement…")],
    );
  });
}

function late(body: Element, rng: Rng): void {
  const main = mainOf(body);
  if (!main) return;
  const delay = () => String(rng.int(200, 2000));
  if (rng.bool(0.2)) {
    // The whole view rendered by the application shell after its start.
    main.children = [el("template", [["data-mut-late", delay()]], main.children)];
    return;
  }
  const blocks = main.children.filter((c): c is Element => c.type === "element");
  const chosen = blocks.filter(() => rng.bool(0.5));
  if (chosen.length === 0 && blocks.length > 0) chosen.push(rng.pick(blocks));
  for (const b of chosen)
    main.children[main.children.indexOf(b)] = el("template", [["data-mut-late", delay()]], [b]);
}
