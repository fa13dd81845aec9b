// A small HTML tree for the demo's own markup (what pages.ts and layout.ts print, and the snapshots
// of test/fixtures/snapshots): parse → change → serialize, byte for byte the same when nothing changed.
// Not a general HTML parser: it knows void elements, raw-text elements and explicit end tags, which is
// all our pages use (an end tag that does not match closes up to its opening tag).

export interface Element {
  type: "element";
  tag: string;
  /** In source order; a null value is a bare attribute (`checked`). */
  attrs: Array<[string, string | null]>;
  children: Node[];
}

export interface Text {
  type: "text";
  /** Source text, entities kept escaped. */
  text: string;
}

/** Doctype and comments, kept as they are. */
export interface Other {
  type: "other";
  text: string;
}

export type Node = Element | Text | Other;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "wbr",
]);
const RAW_TEXT = new Set(["script", "style", "title", "textarea"]);

const TAG = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function parseAttrs(source: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const m of source.matchAll(ATTR)) {
    const value = m[2] ?? m[3] ?? m[4];
    out.push([m[1] ?? "", value === undefined ? null : value]);
  }
  return out;
}

export function parse(html: string): Node[] {
  const root: Element = { type: "element", tag: "#root", attrs: [], children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1] as Element;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      top().children.push({ type: "text", text: html.slice(i) });
      break;
    }
    if (lt > i) top().children.push({ type: "text", text: html.slice(i, lt) });
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      const stop = end < 0 ? html.length : end + 3;
      top().children.push({ type: "other", text: html.slice(lt, stop) });
      i = stop;
      continue;
    }
    if (html.startsWith("<!", lt)) {
      const end = html.indexOf(">", lt);
      const stop = end < 0 ? html.length : end + 1;
      top().children.push({ type: "other", text: html.slice(lt, stop) });
      i = stop;
      continue;
    }
    const close = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/.exec(html.slice(lt, lt + 200));
    if (close) {
      const tag = (close[1] ?? "").toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      i = lt + close[0].length;
      continue;
    }
    const open = TAG.exec(html.slice(lt));
    if (!open) {
      top().children.push({ type: "text", text: "<" });
      i = lt + 1;
      continue;
    }
    const tag = (open[1] ?? "").toLowerCase();
    const el: Element = { type: "element", tag, attrs: parseAttrs(open[2] ?? ""), children: [] };
    top().children.push(el);
    i = lt + open[0].length;
    if (VOID.has(tag)) continue;
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, i);
      const stop = end < 0 ? html.length : end;
      if (stop > i) el.children.push({ type: "text", text: html.slice(i, stop) });
      const gt = html.indexOf(">", stop);
      i = gt < 0 ? html.length : gt + 1;
      continue;
    }
    stack.push(el);
  }
  return root.children;
}

function serializeAttrs(attrs: Array<[string, string | null]>): string {
  return attrs.map(([k, v]) => (v === null ? ` ${k}` : ` ${k}="${v}"`)).join("");
}

export function serialize(nodes: readonly Node[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.type !== "element") out += n.text;
    else if (VOID.has(n.tag)) out += `<${n.tag}${serializeAttrs(n.attrs)}>`;
    else out += `<${n.tag}${serializeAttrs(n.attrs)}>${serialize(n.children)}</${n.tag}>`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the transforms

export function el(tag: string, attrs: Array<[string, string | null]> = [], children: Node[] = []): Element {
  return { type: "element", tag, attrs, children };
}

export function text(t: string): Text {
  return { type: "text", text: t };
}

export function attr(e: Element, name: string): string | null | undefined {
  const found = e.attrs.find(([k]) => k === name);
  return found ? found[1] : undefined;
}

export function setAttr(e: Element, name: string, value: string | null): void {
  const found = e.attrs.find(([k]) => k === name);
  if (found) found[1] = value;
  else e.attrs.push([name, value]);
}

export function removeAttr(e: Element, name: string): void {
  e.attrs = e.attrs.filter(([k]) => k !== name);
}

/** Depth-first, parents before children; `visit` may return false to skip an element's children. */
export function walk(
  nodes: Node[],
  visit: (n: Node, parent: Node[], ancestors: readonly Element[]) => boolean | undefined,
  ancestors: Element[] = [],
): void {
  for (const n of [...nodes]) {
    if (visit(n, nodes, ancestors) === false) continue;
    if (n.type === "element") {
      ancestors.push(n);
      walk(n.children, visit, ancestors);
      ancestors.pop();
    }
  }
}

export function elements(nodes: Node[]): Element[] {
  const out: Element[] = [];
  walk(nodes, (n) => {
    if (n.type === "element") out.push(n);
    return undefined;
  });
  return out;
}

/** Text content as the source has it (entities escaped), scripts and styles included. */
export function sourceText(n: Node): string {
  if (n.type === "text") return n.text;
  if (n.type === "other") return "";
  return n.children.map(sourceText).join("");
}

export function isRawText(tag: string): boolean {
  return RAW_TEXT.has(tag);
}
