// Which rows of a long list to render: only those in view (plus a margin), with the heights of the
// skipped parts as padding, so 10,000 clients cost the DOM about forty rows.
export interface Window {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

export function visibleWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan = 8,
): Window {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start: first, end: last, padTop: first * rowHeight, padBottom: (count - last) * rowHeight };
}
