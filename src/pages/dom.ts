// Finders by visible label and text, never by id or class: the Urssaf pages' ids and classes are
// generated and change, their labels are what the help pages document.
//
// How a text is compared (one rule for every finder, see `fold`):
// - the text is what a reader sees: text split across inline elements (spans, custom elements) is one
//   text, block elements (paragraphs, cells, list items) are separated;
// - every Unicode space (NBSP, narrow NBSP U+202F, thin space U+2009, …) is a space, zero-width
//   characters and soft hyphens are nothing, typographic apostrophes (’ ‘ ʼ) are `'`;
// - decorations around a label do not count: leading/trailing arrows and chevrons (→ ➜ › » > ‹ « <),
//   trailing colons, ellipses (… ...) and the asterisks of required fields;
// - case does not count, and neither do accents: a site may print « RESILIER » in capitals without
//   its accent, or an « é » as « e » + combining accent; no two labels we look for differ only by an
//   accent, so folding them removes a way to fail without adding a way to confuse.
//
// Case folding is plain toLowerCase(): French has no locale-specific lower-casing (only Turkish,
// Azeri and Lithuanian do), and the locale-aware call costs a locale lookup on every text of a page.

import { inStage } from "../core/stage.ts";
import { READ_ATTRIBUTES, relevantChange } from "./changes.ts";

export { READ_ATTRIBUTES, relevantChange };

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc\u02b9\u2032\u00b4`]/g;

/** Collapse white space (every Unicode space) the way a reader sees the text; apostrophes as `'`. */
export function norm(text: string | null | undefined): string {
  const t = text ?? "";
  // Most texts are plain: the two rarely needed replacements are skipped by one test.
  const cleaned = /[\u00ad\u200b-\u200d\u2060\ufeff\u2018\u2019\u02bc\u02b9\u2032\u00b4`]/.test(t)
    ? t.replace(INVISIBLE, "").replace(APOSTROPHES, "'")
    : t;
  return cleaned.replace(/\s+/g, " ").trim();
}

const LEADING_MARKS = /^(?:[←⇐⬅‹«<]|\.{3}|…|\s)+/;
const TRAILING_MARKS = /(?:[→⇒➜➔➡›»>:*…]|\.{3}|\s)+$/;

/** The key two visible texts are compared by: normalised, decorations dropped, case and accents folded. */
export function fold(text: string | null | undefined): string {
  return stripAccents(foldCase(text));
}

/** `fold` keeping the accents. */
function foldCase(text: string | null | undefined): string {
  return norm(text).replace(LEADING_MARKS, "").replace(TRAILING_MARKS, "").toLowerCase();
}

const accentFree = new Map<string, string>();

/** Each accented letter as its base letter, one character for one: positions stay the same. */
function stripAccents(lower: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the fast path
  if (!/[^\u0000-\u007f]/.test(lower)) return lower;
  return lower.replace(/[\u00c0-\u024f]/g, (c) => {
    let base = accentFree.get(c);
    if (base === undefined) {
      base = c.normalize("NFD")[0] ?? c;
      accentFree.set(c, base);
    }
    return base;
  });
}

/**
 * `text` lower-cased and without accents, at the same positions as `text` (already normalised): a
 * pattern written in folded form finds its match there, and the values are cut from `text`.
 */
export function foldSameLength(text: string): string {
  const lower = text.toLowerCase();
  // A few letters (İ) lower-case into two characters: such a text keeps its case.
  return stripAccents(lower.length === text.length ? lower : text);
}

const withIndices = new Map<RegExp, RegExp>();

/**
 * Match a pattern written in folded form (lower case, no accents: /derniere mise a jour/) against a
 * page's text, whatever its case and accents; the groups are returned as the page writes them.
 */
export function matchText(text: string, pattern: RegExp): (string | undefined)[] | null {
  let re = withIndices.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes("d") ? pattern.flags : `${pattern.flags}d`);
    withIndices.set(pattern, re);
  }
  re.lastIndex = 0;
  const m = re.exec(foldSameLength(text));
  if (!m?.indices) return null;
  return m.indices.map((range) => (range ? text.slice(range[0], range[1]) : undefined));
}

/**
 * A number as the site prints it: digits grouped by spaces (any Unicode space, normalised to " "
 * first) or dots, a comma before the decimals: "1 234", "1.234", "12 345,67". As a pattern source
 * to put in a group of a larger pattern.
 */
export const NUMBER = "\\d{1,3}(?:[ .]\\d{3})+(?:,\\d+)?(?![\\d])|\\d+(?:,\\d+)?";

/** The value of a number matched by NUMBER (or with any Unicode spaces), or NaN. */
export function parseNumber(text: string): number {
  const t = norm(text).replace(/[ .]/g, "").replace(",", ".");
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * A word in the singular or the plural, as a pattern source: "messages?" also takes « message(s) »
 * (a page that does not count prints both).
 */
export function plural(word: string): string {
  return `${word}(?:s|\\(s\\))?`;
}

export function sameText(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

// --- Rendered text ------------------------------------------------------------------------------

/**
 * Elements that flow inside a line: their text joins their neighbours' (« Rési<span>lier</span> » is
 * one word). Custom elements are inline until a style says otherwise, as in the browser; an element
 * with a role (cell, row, button…) is a part of its own whatever its tag. Every other
 * element (paragraph, cell, item, button, heading…) starts a new block: its text is kept apart from
 * its neighbours' ("2026" of one block never glues to "2 messages non lus" of the next). The tag
 * decides, not the computed style: reading styles would force a layout of the page.
 */
const INLINE_TAGS = new Set([
  "A",
  "ABBR",
  "B",
  "BDI",
  "BDO",
  "CITE",
  "CODE",
  "DATA",
  "DFN",
  "EM",
  "FONT",
  "I",
  "IMG",
  "KBD",
  "LABEL",
  "MARK",
  "Q",
  "S",
  "SAMP",
  "SMALL",
  "SPAN",
  "STRONG",
  "SUB",
  "SUP",
  "TIME",
  "U",
  "VAR",
  "WBR",
]);

/** Roles of the parts of a grid, list or widget: a `<span role="cell">` is a cell, not a run of text. */
const isInline = (el: Element): boolean =>
  (INLINE_TAGS.has(el.tagName) || el.tagName.includes("-")) && !el.hasAttribute("role");

/** Between two blocks in a raw rendered text; a line break once normalised. */
const BLOCK = "\u001e";

/** Subtrees never read: scripts, styles, templates, hidden parts and our own feature hosts. */
const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

const skipped = (el: Element): boolean =>
  SKIPPED_TAGS.has(el.tagName) || el.hasAttribute("data-tiers-feature") || el.hasAttribute("hidden");

/** The raw text of `el`'s content as rendered: block boundaries marked, spaces not yet collapsed. */
function rawText(el: Element): string {
  let raw = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) raw += n.nodeValue ?? "";
    else if (n.nodeType === Node.ELEMENT_NODE) {
      const child = n as Element;
      if (skipped(child)) continue;
      if (child.tagName === "BR") raw += BLOCK;
      else raw += isInline(child) ? rawText(child) : BLOCK + rawText(child) + BLOCK;
    }
  }
  return raw;
}

/** A raw rendered text as one line: blocks separated by a space. */
const asLine = (raw: string): string => norm(raw.includes(BLOCK) ? raw.replaceAll(BLOCK, " ") : raw);

/** A raw rendered text as lines: one a block, each normalised, no empty line. */
function asLines(raw: string): string {
  return raw
    .split(BLOCK)
    .map((line) => norm(line))
    .filter(Boolean)
    .join("\n");
}

/** What a reader sees of a node, on one line. */
export function textOf(node: Node | null | undefined): string {
  if (!node) return "";
  if (node.nodeType !== Node.ELEMENT_NODE) return norm(node.textContent);
  return asLine(rawText(node as Element));
}

/** What a reader sees of an element, one line per block (cells, items, paragraphs). */
export function linesOf(el: Element): string {
  return asLines(rawText(el));
}

// --- Actions ------------------------------------------------------------------------------------

/** What a user can press: the finders' notion of an action. */
export const ACTION_SELECTOR =
  'button, a[href], input[type="submit"], input[type="button"], input[type="image"], [role="button"], [role="link"]';

/** The text a user reads on an action: its content, or its value for an input, or an image's title/alt. */
export function actionLabel(el: Element): string {
  return actionNames(el)[0] ?? "";
}

/**
 * Every name an action goes by, most visible first: its text (an input's value), its aria-label,
 * what aria-labelledby points to, its title, and the alt or title of an icon inside it.
 */
export function actionNames(el: Element): string[] {
  const names: string[] = [];
  const add = (s: string | null | undefined) => {
    const t = norm(s);
    if (t && !names.includes(t)) names.push(t);
  };
  if (el instanceof HTMLInputElement) add(el.type === "image" ? el.alt : el.value);
  else add(textOf(el));
  add(el.getAttribute("aria-label"));
  add(referencedText(el, "aria-labelledby"));
  add(el.getAttribute("title"));
  // Most links hold text only: the icons are looked for only under an element child.
  if (el.firstElementChild)
    for (const icon of el.querySelectorAll("img, svg, [role=img]")) {
      add(icon.getAttribute("alt"));
      add(icon.getAttribute("aria-label"));
      add(icon.getAttribute("title") ?? icon.querySelector("title")?.textContent);
    }
  return names;
}

/** The text of the elements an attribute names by id (aria-labelledby, aria-describedby). */
function referencedText(el: Element, attribute: string): string {
  const ids = el.getAttribute(attribute);
  if (!ids) return "";
  const doc = el.ownerDocument;
  return ids
    .split(/\s+/)
    .map((id) => textOf(doc.getElementById(id)))
    .join(" ");
}

/** A disabled action does nothing when pressed: a pager's « Suivant » on its last page. */
export function isDisabled(el: Element): boolean {
  return (
    (el as HTMLButtonElement).disabled === true ||
    el.getAttribute("aria-disabled") === "true" ||
    el.closest("fieldset[disabled]") !== null
  );
}

/** Buttons, links and submit inputs one of whose names is `label` (compared folded). */
export function findActions(root: ParentNode, label: string): HTMLElement[] {
  const wanted = fold(label);
  // A page's actions are listed once with their names (a job's page asks for several of them).
  if (root instanceof Document) {
    // An input's label is its value, which a page script can change without a DOM mutation: a hit is
    // read again before it is trusted.
    return pageIndex(root)
      .actions()
      .filter((a) => a.names.includes(wanted) && actionNames(a.el).some((n) => fold(n) === wanted))
      .map((a) => a.el);
  }
  return [...root.querySelectorAll<HTMLElement>(ACTION_SELECTOR)].filter(
    (el) => !el.closest("[data-tiers-feature]") && actionNames(el).some((n) => fold(n) === wanted),
  );
}

export function findAction(root: ParentNode, label: string): HTMLElement | null {
  return findActions(root, label)[0] ?? null;
}

function readActions(doc: Document): ActionEntry[] {
  const found: ActionEntry[] = [];
  for (const el of doc.querySelectorAll<HTMLElement>(ACTION_SELECTOR)) {
    if (el.closest("[data-tiers-feature]")) continue;
    found.push({ el, names: actionNames(el).map(fold) });
  }
  return found;
}

// --- Form fields --------------------------------------------------------------------------------

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isControl = (el: unknown): el is Control =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

/** Inputs a person fills or ticks (not hidden fields, not buttons). */
const FIELD_SELECTOR =
  'input:not([type="hidden"]):not([type="submit"]):not([type="button"]):not([type="image"]):not([type="reset"]), select, textarea';

/**
 * What a label may hold besides its name: a unit, a hint in brackets, a required/optional mark
 * (« Montant … € », « Siren (9 chiffres) », « Téléphone (facultatif) », « Identifiant * : »). Dropped
 * from its end, in any number, before the name is compared.
 */
const LABEL_EXTRAS =
  /(?:\s+(?:eur|euros|en euros|en €|facultatif|optionnel|obligatoire|requis)|\s*(?:\([^()]*\)|\[[^[\]]*\]|€|%|[:*]))+$/;

/** The key a field's name is compared by: folded, without its unit, hint or marks. */
export function labelKey(text: string): string {
  return stripAccents(labelCase(text));
}

/** `labelKey` keeping the accents. */
function labelCase(text: string): string {
  return foldCase(foldCase(text).replace(LABEL_EXTRAS, ""));
}

/**
 * The form control a visible label designates. Its names, strongest first: a `<label>` pointing to it
 * with `for=` or wrapping it (compared without the control's own text, its unit, hint and marks),
 * `aria-labelledby`, `aria-label`; then, when no control has that strong name, its placeholder, its
 * title, or the text just before it (just after it for a check box or a radio button).
 */
export function findControlByLabel(root: ParentNode, label: string): Control | null {
  return controlsNamed(root, label)[0] ?? null;
}

/**
 * A label's own text (without its control's), lower-cased, without its unit, hint and marks, accents
 * kept: equal to `name.toLowerCase()` for the label `name`. (To compare as the finders do, use
 * `labelKey` on both sides.)
 */
export function labelText(label: HTMLLabelElement): string {
  return labelCase(ownText(label));
}

const CONTROL_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON"]);

/** The text of an element without the text of the controls inside it (a label wrapping its field). */
function ownText(el: Element): string {
  let text = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) text += n.nodeValue ?? "";
    else if (n.nodeType === Node.ELEMENT_NODE) {
      const child = n as Element;
      if (CONTROL_TAGS.has(child.tagName) || skipped(child)) continue;
      text += isInline(child) ? ownText(child) : ` ${ownText(child)} `;
    }
  }
  return text;
}

interface LabelledControl {
  control: Control;
  /** Names given by a label or an ARIA attribute, as label keys. */
  strong: string[];
  /** Names read from the placeholder, title or the text beside it, as label keys (built on first use). */
  weak(): string[];
}

/** Every field of `root` with its names, in document order. */
function labelled(root: ParentNode): LabelledControl[] {
  if (root instanceof Document) return pageIndex(root).labels();
  return readLabels(root);
}

/** The fields named `label`: those with a strong name first, else those with a weak one. */
function controlsNamed(root: ParentNode, label: string): Control[] {
  const wanted = labelKey(label);
  const fields = labelled(root);
  const strong = fields.filter((f) => f.strong.includes(wanted)).map((f) => f.control);
  return strong.length > 0 ? strong : fields.filter((f) => f.weak().includes(wanted)).map((f) => f.control);
}

function readLabels(root: ParentNode): LabelledControl[] {
  // The labels are read once: which control each one names (for= first, else the one it wraps).
  const byControl = new Map<Control, string[]>();
  for (const label of root.querySelectorAll("label")) {
    if (label.closest("[data-tiers-feature]")) continue;
    const forId = label.getAttribute("for");
    const target = forId ? label.ownerDocument.getElementById(forId) : label.querySelector(FIELD_SELECTOR);
    if (!isControl(target)) continue;
    const names = byControl.get(target) ?? [];
    names.push(labelKey(ownText(label)));
    byControl.set(target, names);
  }
  const found: LabelledControl[] = [];
  for (const control of root.querySelectorAll<Control>(FIELD_SELECTOR)) {
    if (control.closest("[data-tiers-feature]")) continue;
    const strong = [...(byControl.get(control) ?? [])];
    for (const s of [referencedText(control, "aria-labelledby"), control.getAttribute("aria-label")])
      if (s) strong.push(labelKey(s));
    let weak: string[] | null = null;
    found.push({
      control,
      strong: strong.filter(Boolean),
      weak: () => {
        weak ??= weakNames(control);
        return weak;
      },
    });
  }
  return found;
}

function weakNames(control: Control): string[] {
  const names = [
    control.getAttribute("placeholder"),
    control.getAttribute("title"),
    besideText(control, control instanceof HTMLInputElement && /^(checkbox|radio)$/.test(control.type)),
  ];
  return names.filter((n): n is string => Boolean(n)).map(labelKey);
}

/**
 * The short text just before a field (after it for a box), within its row: a sibling, or a sibling of
 * an ancestor up to three levels (« <td>Siren</td><td><input></td> »). Another field on the way stops
 * the search: that text is its own.
 */
function besideText(control: Element, after: boolean): string | null {
  let el: Element | null = control;
  for (let depth = 0; el && depth < 4; depth++, el = el.parentElement) {
    for (
      let n = after ? el.nextSibling : el.previousSibling;
      n;
      n = after ? n.nextSibling : n.previousSibling
    ) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const sib = n as Element;
        if (skipped(sib)) continue;
        if (CONTROL_TAGS.has(sib.tagName) || sib.querySelector("input, select, textarea, button"))
          return null;
        // A label bound by `for=` names what it points to (or nothing, if that is gone), never its neighbour.
        if (sib.tagName === "LABEL" && sib.hasAttribute("for")) return null;
      }
      const text = textOf(n);
      if (text) return text.length <= 120 ? text : null;
    }
    if (el.parentElement?.tagName === "FORM" || el.parentElement?.tagName === "BODY") return null;
  }
  return null;
}

// --- Texts of the page --------------------------------------------------------------------------

/**
 * The innermost elements whose visible text is `text` (compared folded), or whose folded text
 * matches the pattern (write it in folded form: lower case, no accents, no trailing colon). Used for
 * headings and labels of the page, whatever tag the site uses for them.
 */
export function findByText(root: ParentNode, text: string | RegExp): HTMLElement[] {
  if (root instanceof Document) {
    // The page-wide lookups (every adapter asks several) share one index of the short texts: a lookup
    // of a text is one map access, a pattern is tested once per distinct short text.
    const index = pageIndex(root).texts();
    if (typeof text === "string") {
      const found = index.byKey.get(fold(text)) ?? [];
      if (found.length < 2) return [...found];
      // An element whose child has the same text is not the innermost one.
      const same = new Set<Element>(found);
      return found.filter((el) => ![...el.children].some((child) => same.has(child)));
    }
    const tested = new Map<string, boolean>();
    const test = (key: string) => {
      let hit = tested.get(key);
      if (hit === undefined) {
        text.lastIndex = 0;
        hit = text.test(key);
        tested.set(key, hit);
      }
      return hit;
    };
    const hit = (el: Element) => {
      const key = index.keys.get(el as HTMLElement);
      return key !== undefined && test(key);
    };
    return index.entries.filter((el) => test(index.keys.get(el) as string) && ![...el.children].some(hit));
  }
  const test =
    typeof text === "string"
      ? (s: string) => s === fold(text)
      : (s: string) => {
          text.lastIndex = 0;
          return text.test(s);
        };
  const found: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (el.closest("[data-tiers-feature], script, style, template, noscript, [hidden]")) continue;
    if (!test(fold(textOf(el)))) continue;
    // keep the innermost match only
    if ([...el.children].some((child) => test(fold(textOf(child))))) continue;
    found.push(el);
  }
  return found;
}

export function hasText(root: ParentNode, text: string | RegExp): boolean {
  return findByText(root, text).length > 0;
}

/** Labels, headings, buttons and rows are short: longer texts are containers, never looked up. */
const SHORT_TEXT = 400;

interface TextIndex {
  /** The elements with a short, non-empty text, in document order. */
  entries: HTMLElement[];
  /** Their texts, normalised, on one line. */
  texts: Map<HTMLElement, string>;
  /** Their texts, folded (the key finders compare). */
  keys: Map<HTMLElement, string>;
  /** The same elements by their folded text, in document order. */
  byKey: Map<string, HTMLElement[]>;
  /** The text of the whole body, one line a block. */
  page: string;
}

interface ActionEntry {
  el: HTMLElement;
  /** Its names, folded. */
  names: string[];
}

/**
 * What the finders read of a page, each part built on its first use and kept while the page does not
 * change: an adapter recognising the page, then a job step acting on it, ask for the same texts,
 * labels and buttons many times, and every page load runs our code cold.
 */
interface PageIndex {
  texts(): TextIndex;
  actions(): ActionEntry[];
  labels(): LabelledControl[];
  /** Anything else an adapter derives from the page, kept as long as the rest. */
  memo: Map<string, unknown>;
}

interface CachedIndex {
  index: PageIndex;
  observer: MutationObserver;
  /** Set by the observer's callback: records delivered to it are no longer in its queue. */
  stale: boolean;
}

const indexes = new WeakMap<Document, CachedIndex>();

/**
 * The page's index, rebuilt when the document changed since: within the task that changed it the
 * observer's pending records say so, after it the records were handed to its callback.
 */
function pageIndex(doc: Document): PageIndex {
  const cached = indexes.get(doc);
  if (cached && !cached.stale && !relevantChange(cached.observer.takeRecords())) return cached.index;
  cached?.observer.disconnect();
  const index: PageIndex = {
    texts: once(() => inStage("page-texts", () => shortTexts(doc))),
    actions: once(() => inStage("page-actions", () => readActions(doc))),
    labels: once(() => inStage("page-labels", () => readLabels(doc))),
    memo: new Map(),
  };
  const entry: CachedIndex = {
    index,
    observer: new MutationObserver((records) => {
      if (!relevantChange(records)) return;
      entry.stale = true;
      // Nothing more to learn from this page's changes until the index is built again.
      entry.observer.disconnect();
    }),
    stale: false,
  };
  entry.observer.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    attributeFilter: READ_ATTRIBUTES,
  });
  indexes.set(doc, entry);
  return index;
}

/**
 * The page's short texts as the index holds them (one line, normalised; undefined for an element
 * whose text is empty or long): for an adapter reading many elements, one map access instead of a
 * walk of each one's subtree.
 */
export function indexedTexts(doc: Document): (el: Element) => string | undefined {
  const texts = pageIndex(doc).texts().texts;
  return (el) => texts.get(el as HTMLElement);
}

/**
 * A value derived from the page (e.g. the anomaly rows an adapter found), computed once per state of
 * the page: the adapters' `claims` and `read` and the features ask for the same things.
 */
export function pageMemo<T>(doc: Document, key: string, build: () => T): T {
  const memo = pageIndex(doc).memo;
  if (memo.has(key)) return memo.get(key) as T;
  const value = build();
  memo.set(key, value);
  return value;
}

function once<T>(build: () => T): () => T {
  let value: { built: T } | null = null;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}

/** Every element of the body whose visible text is short and not empty, with that text. */
function shortTexts(doc: Document): TextIndex {
  const order: (HTMLElement | null)[] = [];
  const texts = new Map<HTMLElement, string>();
  const keys = new Map<HTMLElement, string>();
  const byKey = new Map<string, HTMLElement[]>();
  // Nested wrappers share their text: each distinct text is normalised and folded once.
  const normalised = new Map<string, { text: string; key: string }>();
  // One walk, children before their parent's text is known: each element's rendered text is built
  // from its children's (no textContent per element, which would walk each subtree again).
  const visit = (parent: Element): string => {
    let raw = "";
    // Each DOM property read crosses into the browser (dearer still from the content script's
    // isolated world): each is read once per node.
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      const type = n.nodeType;
      if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) {
        raw += n.nodeValue ?? "";
        continue;
      }
      if (type !== Node.ELEMENT_NODE) continue;
      const el = n as HTMLElement;
      const tag = el.tagName;
      if (SKIPPED_TAGS.has(tag) || el.hasAttribute("data-tiers-feature") || el.hasAttribute("hidden"))
        continue;
      if (tag === "BR") {
        raw += BLOCK;
        continue;
      }
      const slot = order.length;
      order.push(null);
      const own = el.firstChild ? visit(el) : "";
      if (own.length <= SHORT_TEXT * 4) {
        let t = normalised.get(own);
        if (t === undefined) {
          const text = asLine(own);
          t = { text, key: fold(text) };
          normalised.set(own, t);
        }
        if (t.text !== "" && t.text.length <= SHORT_TEXT) {
          order[slot] = el;
          texts.set(el, t.text);
          keys.set(el, t.key);
        }
      }
      const inline = (INLINE_TAGS.has(tag) || tag.includes("-")) && !el.hasAttribute("role");
      raw += inline ? own : BLOCK + own + BLOCK;
    }
    return raw;
  };
  const page = doc.body ? asLines(visit(doc.body)) : "";
  const entries = order.filter((el): el is HTMLElement => el !== null);
  for (const el of entries) {
    const key = keys.get(el) as string;
    const same = byKey.get(key);
    if (same) same.push(el);
    else byKey.set(key, [el]);
  }
  return { entries, texts, keys, byKey, page };
}

/**
 * The page's text in one string (our own injected UI excluded), one line a block: a paragraph, cell or
 * item never glues to the next ("2026" of one block and "2 messages non lus" of the next), text split
 * across inline elements stays one text.
 */
export function pageText(doc: Document): string {
  return pageIndex(doc).texts().page;
}

// --- Acting -------------------------------------------------------------------------------------

/**
 * Set a field's value the way a person typing would, so the page's own listeners see it: focus, input,
 * change, blur. A field that already holds the value is left alone, as a person would.
 */
export function fillField(control: HTMLInputElement | HTMLTextAreaElement, value: string): boolean {
  if (control.value === value) return true;
  // The focus events are dispatched, the keyboard focus is not moved: a real focus() recomputes the
  // page's style to check the field can take it (about a millisecond a field on every step of a job),
  // and it would take the focus away from wherever the user is typing.
  focusEvents(control, "focus", "focusin");
  const proto =
    control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(control, value);
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
  focusEvents(control, "blur", "focusout");
  // Some Urssaf forms clear a field right after it is filled: the caller checks this result.
  return control.value === value;
}

/** `focus`/`blur` stay on the field, `focusin`/`focusout` bubble, as the browser sends them. */
function focusEvents(control: HTMLElement, own: "focus" | "blur", bubbling: "focusin" | "focusout"): void {
  control.dispatchEvent(new FocusEvent(own));
  control.dispatchEvent(new FocusEvent(bubbling, { bubbles: true }));
}

/** Whether `b` comes after `a` in document order. */
export function isAfter(a: Node, b: Node): boolean {
  return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/**
 * The first control labelled `label` after `anchor` in document order: pages repeat labels
 * ("Numéro de compte" in the search form and under "Inscrire un compte gérant…"), the heading above
 * says which one is meant.
 */
export function findControlAfter(
  root: ParentNode,
  anchor: Node,
  label: string,
): HTMLInputElement | HTMLTextAreaElement | null {
  const wanted = labelKey(label);
  const after = labelled(root).filter(
    (f) =>
      (f.control instanceof HTMLInputElement || f.control instanceof HTMLTextAreaElement) &&
      isAfter(anchor, f.control),
  );
  const hit = after.find((f) => f.strong.includes(wanted)) ?? after.find((f) => f.weak().includes(wanted));
  return (hit?.control as HTMLInputElement | HTMLTextAreaElement | undefined) ?? null;
}

export function findActionAfter(root: ParentNode, anchor: Node, label: string): HTMLElement | null {
  return findActions(root, label).find((el) => isAfter(anchor, el)) ?? null;
}

/** Texts the page announces as alerts (its own error messages), or as alerts and status with `all`. */
export function announcedMessages(root: ParentNode, all = false): string[] {
  return [...root.querySelectorAll<HTMLElement>(all ? '[role="alert"], [role="status"]' : '[role="alert"]')]
    .filter((el) => !el.closest("[data-tiers-feature]"))
    .map((el) => textOf(el))
    .filter(Boolean);
}

/** The check box whose visible label is `label`. */
export function findCheckbox(root: ParentNode, label: string): HTMLInputElement | null {
  const box = controlsNamed(root, label).find((c) => c instanceof HTMLInputElement && c.type === "checkbox");
  return (box as HTMLInputElement | undefined) ?? null;
}

/**
 * Clicks like a person: the page's own listeners run, and a link or submit button navigates. No
 * scrolling first: it would force a layout of the page for nothing the click needs.
 */
export function press(el: HTMLElement): void {
  el.click();
}

// --- Labelled values ----------------------------------------------------------------------------

/**
 * The values a page shows next to its labels, read from its lines (see `pageText`/`linesOf`) so the
 * markup does not matter: « Label : value » on one line; a label line then its value (a `th`/`td`
 * pair, `dt`/`dd`, two divs of a card); or a header row of several of these labels (`th`, `td` or
 * `role=columnheader` cells, one line each) followed by a row of values in the same order. A label
 * not on the page, or without a value, is absent from the result.
 */
export function readLabelledValues(lines: string, labels: readonly string[]): Map<string, string> {
  const rows = lines.split("\n");
  const keys = rows.map((r) => labelKey(r));
  const wanted = new Map(labels.map((l) => [labelKey(l), l]));
  const found = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    const label = wanted.get(keys[i] as string);
    if (label !== undefined) {
      if (found.has(label)) continue;
      // A run of label lines is a header row: its values follow in the same order.
      let end = i;
      while (end + 1 < rows.length && wanted.has(keys[end + 1] as string)) end++;
      for (let k = i; k <= end; k++) {
        const value = rows[end + 1 + (k - i)];
        const name = wanted.get(keys[k] as string) as string;
        if (value !== undefined && !found.has(name)) found.set(name, value);
      }
      i = end;
      continue;
    }
    // « Label : value » on one line.
    const colon = (rows[i] as string).indexOf(":");
    if (colon > 0) {
      const name = wanted.get(labelKey((rows[i] as string).slice(0, colon)));
      const value = norm((rows[i] as string).slice(colon + 1));
      if (name !== undefined && value && !found.has(name)) found.set(name, value);
    }
  }
  return found;
}
