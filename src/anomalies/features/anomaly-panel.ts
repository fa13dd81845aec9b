// On the "Suivi DSN" pages (period of an establishment, by individual, by type, the anomaly detail, and
// the month grids): next to each anomaly a collapsible panel — what it means, the DSN rubrics to look
// at, how and by when to correct it (computed for today and the anomaly's period), the 30-day rule,
// the diagnostic questions answered here, the seed's checklist — and its tracking status.
// The catalogue stays in the background: one batched message per page brings every panel's data; this
// file only renders (and imports nothing but types from the modules that hold data).
import { t } from "../../core/ext.ts";
import { applyStyle, type Feature, onTrustedClick, type Placement } from "../../core/features.ts";
import { send } from "../../core/send.ts";
import { inStage } from "../../core/stage.ts";
import { UI_TAGS } from "../../core/ui-node.ts";
import type { DetectedPage } from "../../pages/index.ts";
import { type MonthGrid, readMonthGrids } from "../../pages/suivi-dsn-anomalies.ts";
import type { AnomalyPanelsView, PanelItem, PathPanel, ReferencePanel, UiNode } from "../model/panel.ts";
import type { TrackStatus } from "../model/tracking.ts";

const STYLE = `
:host { all: initial; display: block; margin: 2px 0 6px; }
* { box-sizing: border-box; }
details, .grid { font: 12.5px/1.45 system-ui, sans-serif; color: #1a1a1a; border: 1px solid #c8d3e0;
  border-left: 4px solid #00539b; border-radius: 4px; background: #f7f9fc; max-width: 60rem; }
summary { cursor: pointer; padding: 2px 8px; }
summary:focus-visible, button:focus-visible { outline: 2px solid #00539b; outline-offset: 2px; }
.badge { font-weight: 700; color: #00539b; margin-right: 4px; }
.status { font-weight: 600; }
.status.a-traiter { color: #b34700; } .status.corrigee { color: #1e7d32; } .status.contestee { color: #5c3c92; }
.body { padding: 4px 10px 8px; }
h3 { font-size: 13px; margin: 8px 0 2px; }
p, ul, ol { margin: 2px 0 4px; }
ul, ol { padding-left: 18px; }
.path { font-weight: 600; }
.muted { color: #555; }
.warn { color: #b34700; }
.error { color: #b00020; }
table { border-collapse: collapse; margin: 2px 0 4px; }
td { border: 1px solid #d6dde6; padding: 1px 4px; vertical-align: top; }
tr.hl td { background: #fff4cc; font-weight: 600; }
button { font: inherit; margin: 2px 4px 2px 0; padding: 1px 8px; border: 1px solid #00539b; color: #00539b;
  background: #fff; border-radius: 3px; cursor: pointer; }
button[aria-pressed="true"] { background: #00539b; color: #fff; }
.answer { border-left: 3px solid #1e7d32; padding-left: 6px; margin: 4px 0; }
.grid { padding: 4px 8px; margin-top: 4px; }
`;

type Entry = {
  reference: string;
  libelle: string;
  period: string;
  siret: string | null;
  id: string | null;
  /** The element the panel belongs to: one panel per anchor, gone with it. */
  anchor: Element;
  placement: Placement;
  open: boolean;
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; testid?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.testid) e.dataset.testid = props.testid;
  e.append(...children);
  return e;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", { text: label });
  b.type = "button";
  onTrustedClick(b, onClick);
  return b;
}

function statusText(status: TrackStatus | null, correctedInLabel: string | null): string {
  if (status === "corrigee") return t("trackStatusCorrigee", correctedInLabel ?? "");
  if (status === "contestee") return t("trackStatusContestee");
  if (status === "a-traiter") return t("trackStatusOpen");
  return t("trackStatusUnknown");
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function entriesOf(page: DetectedPage | null): Entry[] {
  if (page?.understood && page.kind === "suivi-dsn-liste") {
    return page.view.anomalies.map((a) => ({
      reference: a.reference,
      libelle: a.libelle,
      period: a.period,
      siret: a.siret,
      id: a.id,
      open: false,
      anchor: a.anchor,
      // In the anomaly's row; in a table row, in its last cell (a row holds only cells).
      placement: {
        inside:
          a.anchor instanceof HTMLTableRowElement
            ? (a.anchor.cells[a.anchor.cells.length - 1] ?? a.anchor)
            : a.anchor,
      },
    }));
  }
  if (page?.understood && page.kind === "suivi-dsn-anomalie") {
    const v = page.view;
    return [
      {
        reference: v.reference,
        libelle: v.libelle,
        period: v.period,
        siret: v.siret,
        id: v.id,
        open: true,
        anchor: v.panelBefore,
        placement: { before: v.panelBefore },
      },
    ];
  }
  return [];
}

/** Timings of the last run, for the e2e tests and the benchmark (isolated world only). */
export interface AnomalyPanelTimings {
  count: number;
  /** Recognising and reading the page (all adapters). */
  detectMs: number;
  /** From the feature's start to every panel attached (collapsed, with its reference). */
  attachMs: number;
  /** From the end of HTML parsing (the list is in the page) to every panel attached. */
  sinceDomInteractiveMs: number;
  /** From the end of HTML parsing to every panel filled with the background's answer. */
  filledSinceDomInteractiveMs: number | null;
}

export const anomalyPanel: Feature = {
  id: "anomaly-panel",
  runsOn: (page) =>
    Boolean(
      page?.understood &&
        (page.kind === "suivi-dsn-liste" || page.kind === "suivi-dsn-anomalie" || page.kind === "suivi-dsn"),
    ),
  async run(ctx) {
    const start = performance.now();
    const grids: MonthGrid[] =
      ctx.page?.understood && ctx.page.kind === "suivi-dsn-liste"
        ? ctx.page.view.grids
        : ctx.page?.kind === "suivi-dsn"
          ? readMonthGrids(document)
          : [];
    // Attach a panel to every anomaly not yet served, collapsed, before asking the background anything;
    // the ones already there (from an earlier run on this page) are left as they are.
    // One prototype cloned per anomaly (cheaper than building each): the summary says what is coming.
    const proto = el("details");
    const protoLine = el("span", { text: t("anomalyLoading"), testid: "summary" });
    proto.append(
      el("summary", {}, el("span", { class: "badge", text: "TA" }), protoLine),
      el("div", { class: "body", testid: "body" }),
    );
    const entries: Entry[] = [];
    const attached: HTMLDetailsElement[] = [];
    for (const entry of entriesOf(ctx.page)) {
      ctx.item(entry.anchor, entry.placement, (root) => {
        applyStyle(root, STYLE);
        const details = proto.cloneNode(true) as HTMLDetailsElement;
        if (entry.open) details.open = true;
        details.setAttribute("data-reference", entry.reference);
        root.append(details);
        entries.push(entry);
        attached.push(details);
      });
    }
    const gridHosts: { grid: MonthGrid; box: HTMLElement }[] = [];
    for (const grid of grids) {
      ctx.item(grid.container, { after: grid.container }, (root) => {
        applyStyle(root, STYLE);
        const box = el("div", { class: "grid", testid: "grid" });
        box.dataset.siret = grid.siret;
        root.append(box);
        gridHosts.push({ grid, box });
      });
    }
    if (entries.length === 0 && gridHosts.length === 0) return;
    const attachedAt = performance.now();
    // Bookkeeping for the fill below (every panel is already in the page).
    const panels = attached.map((details, i) => ({
      entry: entries[i] as Entry,
      details,
      line: details.firstElementChild?.lastElementChild as HTMLElement,
      body: details.lastElementChild as HTMLElement,
      rendered: false,
    }));
    performance.mark("tiers-anomalies-attached");
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const timings: AnomalyPanelTimings = {
      count: panels.length,
      detectMs: ctx.detectMs,
      attachMs: ctx.detectMs + (attachedAt - start),
      sinceDomInteractiveMs: attachedAt - (nav?.domInteractive ?? 0),
      filledSinceDomInteractiveMs: null,
    };
    Object.assign(globalThis, { tiersAssistantAnomalyTimings: timings });

    let view: AnomalyPanelsView;
    try {
      view = await send({
        type: "anomaly/panels",
        items: entries.map((e) => ({
          reference: e.reference,
          libelle: e.libelle.slice(0, 500),
          period: e.period,
          siret: e.siret,
          id: e.id,
        })),
        months: gridHosts.flatMap(({ grid: g }) =>
          g.cells.map((c) => ({ siret: g.siret, period: c.period })),
        ),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const p of panels) {
        p.line.textContent = t("anomalyError", message);
        p.line.className = "error";
      }
      return;
    }
    if (ctx.signal.aborted) return;

    const items = view.items;
    // i18n lookups are not free: one per distinct text, not one per panel.
    const texts = new Map<string, string>();
    const cached = (key: string, make: () => string) => {
      const known = texts.get(key);
      if (known !== undefined) return known;
      const text = make();
      texts.set(key, text);
      return text;
    };
    const byKey = new Map<string, typeof panels>();
    const refresh = (p: (typeof panels)[number], item: PanelItem) => {
      const ref = view.refs[item.reference];
      const path = view.paths[item.path];
      if (!ref || !path) return;
      const status = el("span", {
        class: `status ${item.status ?? ""}`,
        text: cached(`${item.status}|${item.correctedInLabel}`, () =>
          statusText(item.status, item.correctedInLabel),
        ),
        testid: "status",
      });
      const parts: (Node | string)[] = [`${item.reference} · `];
      parts.push(`${ref.short} · `);
      parts.push(status, ` · ${capitalize(path.summary)}`);
      p.line.replaceChildren(...parts);
      p.details.dataset.status = item.status ?? "";
      p.details.dataset.known = String(ref.known);
    };
    const setStatus = async (item: PanelItem, status: TrackStatus, correctedIn: string | null) => {
      if (!item.key) return;
      const tracked = await send({ type: "anomaly/track", key: item.key, status, correctedIn });
      const peers = byKey.get(item.key) ?? [];
      for (const peer of peers) {
        const i = panels.indexOf(peer);
        const peerItem = items[i];
        if (!peerItem) continue;
        peerItem.status = tracked.status;
        peerItem.correctedIn = tracked.correctedIn;
        peerItem.correctedInLabel = tracked.correctedIn
          ? (view.paths[peerItem.path]?.correctInLabel ?? tracked.correctedIn)
          : null;
        refresh(peer, peerItem);
        if (peer.rendered) render(peer, peerItem);
      }
    };
    const render = (p: (typeof panels)[number], item: PanelItem) => {
      const ref = view.refs[item.reference];
      const path = view.paths[item.path];
      if (!ref || !path) return;
      p.rendered = true;
      p.body.replaceChildren(...renderBody(ref, path, item, view, setStatus));
    };

    inStage("anomaly-panel/fill", () => {
      panels.forEach((p, i) => {
        const item = items[i];
        if (!item) return;
        if (item.key) byKey.set(item.key, [...(byKey.get(item.key) ?? []), p]);
        refresh(p, item);
        // The body is built when first opened: 500 panels cost only their summary line.
        if (p.details.open) render(p, item);
        else
          p.details.addEventListener(
            "toggle",
            () => {
              if (!p.rendered) render(p, item);
            },
            { once: true },
          );
      });
      for (const { grid, box } of gridHosts) renderGrid(box, grid, view);
    });
    timings.filledSinceDomInteractiveMs = performance.now() - (nav?.domInteractive ?? 0);
    performance.mark("tiers-anomalies-filled");
  },
};

function renderGrid(box: HTMLElement, grid: MonthGrid, view: AnomalyPanelsView): void {
  const lines: HTMLElement[] = [];
  for (const cell of grid.cells) {
    const m = view.months.find((x) => x.siret === grid.siret && x.period === cell.period);
    if (!m || (m.count === 0 && !cell.flagged)) continue;
    const text =
      m.count === 0
        ? t("anomalyGridNotSeen", m.label)
        : t("anomalyGridMonth", [
            m.label,
            String(m.count),
            String(m.byStatus["a-traiter"]),
            String(m.byStatus.corrigee),
            String(m.byStatus.contestee),
          ]);
    const li = el("li", { text });
    li.dataset.period = m.period;
    lines.push(li);
  }
  box.replaceChildren(
    el("strong", { text: t("anomalyGridTitle") }),
    lines.length > 0 ? el("ul", {}, ...lines) : el("p", { class: "muted", text: t("anomalyGridNone") }),
  );
}

const TAGS = new Set<string>(UI_TAGS);

/** Builds the background's nodes (text only: never HTML; unexpected tags become spans). */
function build(node: UiNode): Node {
  if (typeof node === "string") return document.createTextNode(node);
  const e = document.createElement(TAGS.has(node.t) ? node.t : "span");
  if (node.c) e.className = node.c;
  if (node.id) e.dataset.testid = node.id;
  if (node.open && e instanceof HTMLDetailsElement) e.open = true;
  e.append(...(node.k ?? []).map(build));
  return e;
}

function renderBody(
  ref: ReferencePanel,
  path: PathPanel,
  item: PanelItem,
  view: AnomalyPanelsView,
  setStatus: (item: PanelItem, status: TrackStatus, correctedIn: string | null) => Promise<void>,
): Node[] {
  const out: Node[] = [...ref.head.map(build), ...path.nodes.map(build)];
  if (item.dueDayAssumed) out.push(el("p", { class: "warn", text: t("anomalyDueDayAssumed") }));
  out.push(...ref.mid.map(build));

  const track = el("div", { testid: "track" });
  track.append(el("h3", { text: t("trackTitle") }));
  track.append(
    el(
      "p",
      {},
      `${t("trackCurrent")} : `,
      el("span", {
        class: `status ${item.status ?? ""}`,
        text: statusText(item.status, item.correctedInLabel),
        testid: "track-status",
      }),
    ),
  );
  if (item.key) {
    const feedback = el("p", { class: "error" });
    feedback.setAttribute("role", "alert");
    const act = (label: string, status: TrackStatus, correctedIn: string | null) => {
      const b = button(
        label,
        () =>
          void setStatus(item, status, correctedIn).catch((e: unknown) => {
            feedback.textContent = e instanceof Error ? e.message : String(e);
          }),
      );
      b.setAttribute("aria-pressed", String(item.status === status));
      return b;
    };
    track.append(
      el(
        "p",
        {},
        act(t("trackMarkCorrected", path.correctInLabel), "corrigee", path.correctIn),
        act(t("trackMarkContested"), "contestee", null),
        act(t("trackMarkOpen"), "a-traiter", null),
      ),
      feedback,
    );
  } else track.append(el("p", { class: "muted", text: t("trackNoSiret") }));

  if (ref.questions.length > 0) {
    out.push(el("h3", { text: t("anomalyQuestions") }));
    for (const q of ref.questions) out.push(renderQuestion(q, path, track));
  }
  out.push(track, ...ref.tail.map(build), ...view.common.map(build));
  return out;
}

/** A diagnostic question answered here: the answer's advice, then the next step (the correction path). */
function renderQuestion(
  q: ReferencePanel["questions"][number],
  path: PathPanel,
  track: HTMLElement,
): HTMLElement {
  const box = el("div", { testid: "question" }, ...q.nodes.map(build));
  box.dataset.question = q.id;
  const result = el("div", { class: "answer", testid: "answer" });
  result.hidden = true;
  const buttons = q.answers.map((a) => {
    const b = button(a.answer, () => {
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === b));
      result.hidden = false;
      result.replaceChildren(
        el("p", {}, el("strong", { text: t("anomalyYourAnswer", a.answer) })),
        el("p", { text: a.advice }),
        el("p", { text: t("anomalyNextStep", `${capitalize(path.summary)}.`), testid: "next-step" }),
      );
      track.scrollIntoView?.({ block: "nearest" });
    });
    b.setAttribute("aria-pressed", "false");
    return b;
  });
  box.append(el("p", {}, ...buttons), result);
  return box;
}
