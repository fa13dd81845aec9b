// Finders by visible label and text, never by id or class: the Urssaf pages' ids and classes are
// generated and change, their labels are what the help pages document.

// Case folding is plain toLowerCase(): French has no locale-specific lower-casing (only Turkish,
// Azeri and Lithuanian do), and the locale-aware call costs a locale lookup on every text of a page.

/** Collapse white space (including non-breaking spaces) the way a reader sees the text. */
export function norm(text: string | null | undefined): string {
  return (text ?? "").replace(/[\s\u00a0\u202f]+/g, " ").trim();
}

export function textOf(node: Node | null | undefined): string {
  return norm(node?.textContent);
}

/** What a user can press: the finders' notion of an action. */
export const ACTION_SELECTOR = 'button, a[href], input[type="submit"], input[type="button"], [role="button"]';

/** The text a user reads on an action: its content, or its value for an input, or an image's title/alt. */
export function actionLabel(el: Element): string {
  if (el instanceof HTMLInputElement) return norm(el.value);
  const own = textOf(el);
  if (own) return own;
  const labelled = el.getAttribute("aria-label") ?? el.getAttribute("title");
  if (labelled) return norm(labelled);
  const img = el.querySelector("img[alt], img[title]");
  return norm(img?.getAttribute("alt") || img?.getAttribute("title"));
}

export function sameText(a: string, b: string): boolean {
  return norm(a).toLowerCase() === norm(b).toLowerCase();
}

/** Buttons, links and submit inputs whose visible label is exactly `label` (case-insensitive). */
export function findActions(root: ParentNode, label: string): HTMLElement[] {
  const folded = norm(label).toLowerCase();
  // A page's actions are listed once with their labels (a job's page asks for several of them).
  if (root instanceof Document) {
    // An input's label is its value, which a page script can change without a DOM mutation: a hit is
    // read again before it is trusted.
    return pageIndex(root)
      .actions()
      .filter((a) => a.label === folded && norm(actionLabel(a.el)).toLowerCase() === folded)
      .map((a) => a.el);
  }
  return [...root.querySelectorAll<HTMLElement>(ACTION_SELECTOR)].filter(
    (el) => norm(actionLabel(el)).toLowerCase() === folded,
  );
}

export function findAction(root: ParentNode, label: string): HTMLElement | null {
  return findActions(root, label)[0] ?? null;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isControl = (el: unknown): el is Control =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

/**
 * The form control a visible label designates, whether the label points to it with `for=` or wraps it.
 * The label text is compared without the text of the control itself and without a trailing colon or
 * asterisk ("Identifiant :", "Siren *").
 */
export function findControlByLabel(root: ParentNode, label: string): Control | null {
  const wanted = cleanLabel(label);
  return labelled(root).find((l) => l.text === wanted)?.control ?? null;
}

/** A label's own text (without its control's), as compared by the finders. */
export function labelText(label: HTMLLabelElement): string {
  return cleanLabel(ownText(label));
}

const CONTROL_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON"]);

/** The text of an element without the text of the controls inside it (a label wrapping its field). */
function ownText(el: Element): string {
  let text = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) text += n.nodeValue ?? "";
    else if (n.nodeType === Node.ELEMENT_NODE && !CONTROL_TAGS.has((n as Element).tagName))
      text += ownText(n as Element);
  }
  return text;
}

function cleanLabel(text: string): string {
  return norm(text)
    .replace(/\s*[:*]+\s*$/, "")
    .toLowerCase();
}

interface LabelledControl {
  /** The label's own text, cleaned as the finders compare it. */
  text: string;
  control: Control;
}

/** Every label of `root` that designates a form control, in document order, with its text. */
function labelled(root: ParentNode): LabelledControl[] {
  if (root instanceof Document) return pageIndex(root).labels();
  return readLabels(root);
}

function readLabels(root: ParentNode): LabelledControl[] {
  const found: LabelledControl[] = [];
  for (const el of root.querySelectorAll("label")) {
    const control = el.control;
    if (isControl(control)) found.push({ text: labelText(el), control });
  }
  return found;
}

/**
 * The innermost elements whose own visible text is exactly `text` (or matches the pattern). Used for
 * headings and labels of the page, whatever tag the site uses for them.
 */
export function findByText(root: ParentNode, text: string | RegExp): HTMLElement[] {
  const test = typeof text === "string" ? (s: string) => sameText(s, text) : (s: string) => text.test(s);
  if (root instanceof Document) {
    // The page-wide lookups (every adapter asks several) share one index of the short texts: a lookup
    // of a text is one map access, a pattern is tested once per short text.
    const index = pageIndex(root).texts();
    if (typeof text === "string") {
      const found = index.byLower.get(norm(text).toLowerCase()) ?? [];
      if (found.length < 2) return [...found];
      // An element whose child has the same text is not the innermost one.
      const same = new Set<Element>(found);
      return found.filter((el) => ![...el.children].some((child) => same.has(child)));
    }
    const hit = (el: Element) => test(index.texts.get(el as HTMLElement) ?? textOf(el));
    return index.entries.filter((el) => test(index.texts.get(el) as string) && ![...el.children].some(hit));
  }
  const found: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (el.closest("[data-tiers-feature], script, style, template")) continue;
    if (!test(textOf(el))) continue;
    // keep the innermost match only
    if ([...el.children].some((child) => test(textOf(child)))) continue;
    found.push(el);
  }
  return found;
}

/** Labels, headings, buttons and rows are short: longer texts are containers, never looked up. */
const SHORT_TEXT = 400;

interface TextIndex {
  /** The elements with a short, non-empty text, in document order. */
  entries: HTMLElement[];
  /** Their texts, normalised. */
  texts: Map<HTMLElement, string>;
  /** The same elements by their text lower-cased, in document order. */
  byLower: Map<string, HTMLElement[]>;
}

/** Subtrees never read: scripts, styles, templates and our own feature hosts. */
const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

interface ActionEntry {
  el: HTMLElement;
  /** Its visible label, normalised and lower-cased. */
  label: string;
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
}

interface CachedIndex {
  index: PageIndex;
  observer: MutationObserver;
  /** Set by the observer's callback: records delivered to it are no longer in its queue. */
  stale: boolean;
}

const indexes = new WeakMap<Document, CachedIndex>();

/**
 * The attributes a finder reads (labels of actions, what a label points to, what counts as an action):
 * a change of any other attribute (classes, styles, states) leaves the index valid.
 */
const READ_ATTRIBUTES = ["value", "for", "id", "aria-label", "title", "alt", "href", "role", "type"];

/**
 * The page's index, rebuilt when the document changed since: within the task that changed it the
 * observer's pending records say so, after it the records were handed to its callback.
 */
function pageIndex(doc: Document): PageIndex {
  const cached = indexes.get(doc);
  if (cached && !cached.stale && cached.observer.takeRecords().every(ownHostOnly)) return cached.index;
  cached?.observer.disconnect();
  const index: PageIndex = {
    texts: once(() => shortTexts(doc)),
    actions: once(() =>
      [...doc.querySelectorAll<HTMLElement>(ACTION_SELECTOR)].map((el) => ({
        el,
        label: norm(actionLabel(el)).toLowerCase(),
      })),
    ),
    labels: once(() => readLabels(doc)),
  };
  const entry: CachedIndex = {
    index,
    observer: new MutationObserver((records) => {
      if (records.every(ownHostOnly)) return;
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

function once<T>(build: () => T): () => T {
  let value: { built: T } | null = null;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}

/** Every element of the body whose visible text is short and not empty, with that text. */
function shortTexts(doc: Document): TextIndex {
  const entries: HTMLElement[] = [];
  const texts = new Map<HTMLElement, string>();
  const byLower = new Map<string, HTMLElement[]>();
  // Nested wrappers share their text: each distinct text is normalised once.
  const normalised = new Map<string, string>();
  // Children first-to-last, depth first: document order, as a tree walker would give, without a
  // filter callback per element.
  const visit = (parent: Element) => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      if (SKIPPED_TAGS.has(el.tagName) || el.hasAttribute("data-tiers-feature")) continue;
      const raw = el.textContent ?? "";
      if (raw.length <= SHORT_TEXT * 4) {
        let t = normalised.get(raw);
        if (t === undefined) {
          t = norm(raw);
          normalised.set(raw, t);
        }
        if (t !== "" && t.length <= SHORT_TEXT) {
          entries.push(el as HTMLElement);
          texts.set(el as HTMLElement, t);
          const lower = t.toLowerCase();
          const same = byLower.get(lower);
          if (same) same.push(el as HTMLElement);
          else byLower.set(lower, [el as HTMLElement]);
        }
      }
      if (el.firstElementChild) visit(el);
    }
  };
  if (doc.body) visit(doc.body);
  return { entries, texts, byLower };
}

/** Our own feature hosts coming and going change no text of the page: the index stays valid. */
function ownHostOnly(record: MutationRecord): boolean {
  if (record.type !== "childList") return false;
  for (const nodes of [record.addedNodes, record.removedNodes])
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Node;
      if (node.nodeType !== Node.ELEMENT_NODE || !(node as Element).hasAttribute("data-tiers-feature"))
        return false;
    }
  return true;
}

export function hasText(root: ParentNode, text: string | RegExp): boolean {
  return findByText(root, text).length > 0;
}

/**
 * The page's text in one string (our own injected UI excluded), with a space between text nodes:
 * textContent would glue "2026" of one block to "2 messages non lus" of the next.
 */
export function pageText(doc: Document): string {
  const body = doc.body;
  if (!body) return "";
  const parts: string[] = [];
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("[data-tiers-feature], script, style, template, noscript")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? "");
  return norm(parts.join(" "));
}

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
  const wanted = cleanLabel(label);
  for (const { text, control } of labelled(root)) {
    if (text !== wanted || !isAfter(anchor, control)) continue;
    if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) return control;
  }
  return null;
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

/** The check box whose visible label is exactly `label`. */
export function findCheckbox(root: ParentNode, label: string): HTMLInputElement | null {
  const control = findControlByLabel(root, label);
  return control instanceof HTMLInputElement && control.type === "checkbox" ? control : null;
}

/**
 * Clicks like a person: the page's own listeners run, and a link or submit button navigates. No
 * scrolling first: it would force a layout of the page for nothing the click needs.
 */
export function press(el: HTMLElement): void {
  el.click();
}
