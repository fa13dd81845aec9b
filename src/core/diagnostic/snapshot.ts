// « Exporter l'instantané de la page »: the page's skeleton as a complete HTML document that, served
// as is, reproduces it for the page adapters (test/fixtures/snapshots loads such files as fixtures).
// Kept: tags, roles and the other attributes' NAMES, the links between labels and fields (ids renamed),
// the wording of headings, labels, buttons and column headers. Masked: every digit, every name, every
// free text (see mask.ts), every value typed in a field. Pure: a function of the Document.
import { maskDigits, maskLabel, maskText } from "./mask.ts";

/** Elements never exported: code, our own UI, embedded documents. */
const SKIPPED = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "LINK",
  "META",
]);
const VOID = new Set(["AREA", "BASE", "BR", "COL", "HR", "IMG", "INPUT", "SOURCE", "TRACK", "WBR"]);
/** Elements whose text is the page's wording (kept, names and digits masked). */
export const WORDING =
  "h1, h2, h3, h4, h5, h6, [role=heading], label, legend, button, a, [role=button], [role=link], th, [role=columnheader], summary, caption, dt, option";
/** Attributes whose values are structure, not content. */
const KEPT_VALUES = new Set([
  "role",
  "type",
  "colspan",
  "rowspan",
  "scope",
  "lang",
  "dir",
  "hidden",
  "disabled",
  "checked",
  "selected",
  "readonly",
  "required",
  "multiple",
  "open",
  "aria-hidden",
  "aria-expanded",
  "aria-current",
  "aria-disabled",
  "aria-level",
]);
/** Attributes that name other elements: renamed consistently (i1, i2…). */
const REFERENCES = new Set([
  "id",
  "for",
  "aria-labelledby",
  "aria-describedby",
  "aria-controls",
  "list",
  "form",
  "headers",
]);
/** Attributes that carry text for the user. */
const TEXTS = new Set(["aria-label", "title", "alt", "placeholder"]);
const BUTTON_INPUTS = new Set(["submit", "button", "reset", "image"]);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

export interface SnapshotInfo {
  url: string;
  kind: string | null;
  understood: boolean | null;
  version: string;
}

/** The URL as exported: origin and path, digits masked, no query or fragment. */
export function maskedUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${maskDigits(u.pathname)}`;
}

export function buildSnapshot(doc: Document, info: SnapshotInfo): string {
  const ids = new Map<string, string>();
  const renamed = (value: string) =>
    value
      .split(/\s+/)
      .filter(Boolean)
      .map((token) => {
        let id = ids.get(token);
        if (!id) {
          id = `i${ids.size + 1}`;
          ids.set(token, id);
        }
        return id;
      })
      .join(" ");

  const attribute = (el: Element, name: string, value: string): string => {
    if (KEPT_VALUES.has(name)) return maskDigits(value);
    if (REFERENCES.has(name)) return renamed(value);
    if (TEXTS.has(name)) return maskLabel(value);
    if (name === "href") return value ? "#" : "";
    if (name === "style")
      return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(value) ? "display:none" : "";
    if (name === "value") {
      const type = (el.getAttribute("type") ?? "").toLowerCase();
      const wording = (el.tagName === "INPUT" && BUTTON_INPUTS.has(type)) || el.tagName === "BUTTON";
      return wording ? maskLabel(value) : "";
    }
    return "";
  };

  const out: string[] = [];
  const visit = (node: Node, wording: boolean) => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? "";
      out.push(escapeText(wording ? maskLabel(text) : maskText(text)));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIPPED.has(el.tagName) || el.hasAttribute("data-tiers-feature")) return;
    const tag = el.localName;
    const attrs = [...el.attributes]
      .map((a) => {
        const value = attribute(el, a.name, a.value);
        return value === "" ? ` ${a.name}` : ` ${a.name}="${escapeAttr(value)}"`;
      })
      .join("");
    out.push(`<${tag}${attrs}>`);
    if (VOID.has(el.tagName)) return;
    const inner = wording || el.matches(WORDING);
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child, inner);
    out.push(`</${tag}>`);
  };
  if (doc.body) visit(doc.body, false);

  const meta = (name: string, content: string) =>
    `<meta name="tiers-assistant-${name}" content="${escapeAttr(content)}">`;
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeAttr(doc.documentElement.lang || "fr")}"><head><meta charset="utf-8">`,
    `<title>${escapeText(maskLabel(doc.title))}</title>`,
    meta("url", maskedUrl(info.url)),
    meta("kind", info.kind ?? ""),
    meta("understood", info.understood === null ? "" : String(info.understood)),
    meta("version", info.version),
    "</head>",
    out.join(""),
    "</html>",
    "",
  ].join("\n");
}
