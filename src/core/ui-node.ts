// The plain node tree a panel is sent as (background → content script): text and a few tags, built
// by the page with textContent only. Its own module, so the content script can import the tag list
// without the catalogue that fills the tree.

/**
 * A node of a panel: a text, or an element (tag among UI_TAGS, optional class, test id, children).
 * Built with textContent only: never HTML.
 */
export type UiNode = string | { t: UiTag; c?: string; id?: string; k?: UiNode[]; open?: boolean };
export const UI_TAGS = [
  "p",
  "h3",
  "strong",
  "ul",
  "li",
  "table",
  "tr",
  "td",
  "details",
  "summary",
  "span",
] as const;
export type UiTag = (typeof UI_TAGS)[number];
