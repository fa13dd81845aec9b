// Which changes of the page matter to its readers: the page lifecycle's DOM watch asks this of every
// batch of records (src/content/main.ts), and the finders' index of src/pages/dom.ts too.

/**
 * The attributes a finder reads (names of actions and fields, what a label points to, what counts as
 * an action, what is hidden): a change of any other attribute (classes, styles, states) leaves the
 * index valid.
 */
export const READ_ATTRIBUTES = [
  "value",
  "for",
  "id",
  "aria-label",
  "aria-labelledby",
  "title",
  "alt",
  "href",
  "role",
  "type",
  "placeholder",
  "hidden",
];

/**
 * Whether mutation records change what a finder reads: our own feature hosts coming and going, and
 * attributes no finder reads, change nothing. Cheap (no tree walk): a page lifecycle can call it on
 * every batch of its observer.
 */
export function relevantChange(records: readonly MutationRecord[]): boolean {
  for (const record of records) {
    if (record.type === "attributes") {
      if (READ_ATTRIBUTES.includes(record.attributeName ?? "") && !insideOwnHost(record.target)) return true;
      continue;
    }
    if (record.type === "characterData") {
      if (!insideOwnHost(record.target)) return true;
      continue;
    }
    if (!ownHostOnly(record)) return true;
  }
  return false;
}

function insideOwnHost(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el?.closest("[data-tiers-feature]") != null;
}

/**
 * Our own feature hosts coming and going (or changing inside) change no text of the page. The nodes are
 * looked at first: mounting 500 panels makes 500 records whose only node is our host, and walking up
 * from each target (closest) cost more than the rest of the check.
 */
function ownHostOnly(record: MutationRecord): boolean {
  for (const nodes of [record.addedNodes, record.removedNodes])
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Node;
      if (node.nodeType !== Node.ELEMENT_NODE || !(node as Element).hasAttribute("data-tiers-feature"))
        return insideOwnHost(record.target);
    }
  return true;
}
