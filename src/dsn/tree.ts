/**
 * Rubric events → block tree, driven by the norm's block hierarchy (src/dsn/data/blocks.ts), not by
 * hard-coded nesting. Rules (facts/dsn.md, "File format"): the rubrics of a block are consecutive; a child
 * block belongs to the nearest open instance of its parent; a new instance starts when the rubric number
 * does not increase.
 *
 * Streaming: each individual (S21.G00.30 with its contracts, payments, bases, contributions) is handed to
 * the visitor when it closes and then dropped; declarations keep only their aggregate blocks (entreprise,
 * établissement, versements, bordereaux…). Memory is bounded by the largest individual.
 */
import { DSN_BLOCKS } from "./data/blocks.ts";
import type { ReadError, RubricEvent } from "./types.ts";

export class DsnBlock {
  readonly rubrics: RubricEvent[] = [];
  readonly children: DsnBlock[] = [];
  lastNum = "";
  /** Position in the norm's tree (see {@link TREE_ORDER}) of the last child block opened, -1 before. */
  lastChildOrder = -1;
  lastChildLine = 0;
  constructor(
    readonly block: string,
    readonly line: number,
    readonly parent: DsnBlock | null,
  ) {}

  /** Value of rubric `num` ("001"), or undefined. */
  get(num: string): string | undefined {
    const r = this.rubrics;
    for (let i = 0; i < r.length; i++) {
      const e = r[i] as RubricEvent;
      if (e.num === num) return e.value;
    }
    return undefined;
  }

  /** Line of rubric `num`, or the block's first line when the rubric is absent. */
  lineOf(num: string): number {
    for (const e of this.rubrics) if (e.num === num) return e.line;
    return this.line;
  }

  child(block: string): DsnBlock | undefined {
    for (const c of this.children) if (c.block === block) return c;
    return undefined;
  }

  all(block: string): DsnBlock[] {
    return this.children.filter((c) => c.block === block);
  }
}

/** One send (S10.G00.00 … S90.G00.90). */
export interface SendInfo {
  index: number;
  /** The S10.G00.00 block with its S10.G00.01/02 children. */
  header: DsnBlock;
  startLine: number;
  /** Last non-blank line of the send (S90 included). */
  endLine: number;
  /** The S90.G00.90 block, or null when missing. */
  total: DsnBlock | null;
  declarations: number;
  /** SIRENs (S21.G00.06.001) of the send's declarations. */
  sirens: Set<string>;
}

/** One declaration (S20.G00.05) while it is being read, then when complete. */
export interface DeclarationInfo {
  index: number;
  send: SendInfo;
  /** The S20.G00.05 block; individuals are not attached to it. */
  block: DsnBlock;
  individuals: number;
  /** Nature S20.G00.05.001. */
  nature: string;
  /** Month declared, YYYY-MM-DD (first day), or null when S20.G00.05.005 is missing or malformed. */
  period: string | null;
  enterprise(): DsnBlock | undefined;
  establishment(): DsnBlock | undefined;
}

export interface TreeVisitor {
  individual?(individual: DsnBlock, declaration: DeclarationInfo): void;
  declaration?(declaration: DeclarationInfo): void;
  send?(send: SendInfo): void;
  wrapper?(event: RubricEvent): void;
}

/**
 * Position of each block in the norm's tree, parents before their children and siblings in the order of
 * the message trees of the cahier technique (ct2025 § 5.5; the Blocks sheet lists them in that order):
 * "block order follows the tree, not the numbers" (facts/dsn.md).
 */
const TREE_ORDER = new Map<string, number>();
/** Parent of each block (a Map: faster than the big object literal on the hot path). */
const PARENT = new Map<string, string>();
for (const [block, def] of Object.entries(DSN_BLOCKS)) {
  if (def.parent === null) continue;
  TREE_ORDER.set(block, TREE_ORDER.size);
  PARENT.set(block, def.parent);
}

const ROOT = "S10.G00.00";
const DECLARATION = "S20.G00.05";
const INDIVIDUAL = "S21.G00.30";

/** "01032026" → "2026-03-01"; null when not a date JJMMAAAA. */
export function isoDate(value: string | undefined): string | null {
  if (!value || !/^\d{8}$/.test(value)) return null;
  const d = value.slice(0, 2);
  const m = value.slice(2, 4);
  const y = value.slice(4);
  if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y}-${m}-${d}`;
}

export class TreeBuilder {
  private stack: DsnBlock[] = [];
  private send: SendInfo | null = null;
  private declaration: DeclarationInfo | null = null;
  private sends = 0;
  private declarations = 0;
  private orphan: { block: string; lastNum: string } | null = null;
  private lastLine = 0;

  constructor(
    private readonly visitor: TreeVisitor,
    private readonly error: (e: ReadError) => void,
  ) {}

  /** Number of sends seen so far. */
  get sendCount(): number {
    return this.sends;
  }

  skipped(line: number): void {
    if (this.send) this.lastLine = line;
  }

  wrapper(e: RubricEvent): void {
    this.closeSend(false);
    this.visitor.wrapper?.(e);
  }

  rubric(e: RubricEvent): void {
    const stack = this.stack;
    const top = stack[stack.length - 1];
    // Fast path: next rubric of the current block.
    if (top !== undefined && top.block === e.block && e.num > top.lastNum) {
      top.rubrics.push(e);
      top.lastNum = e.num;
      this.lastLine = e.line;
      return;
    }
    if (e.block === ROOT) {
      const root = stack[0];
      if (root === undefined || e.num <= root.lastNum || root !== top) {
        if (root !== undefined && root !== top && e.num > root.lastNum) {
          this.outOfOrder(e, root);
          return;
        }
        this.closeSend(false);
        this.openSend(e);
        return;
      }
    }
    if (this.orphan && this.orphan.block === e.block && e.num > this.orphan.lastNum) {
      this.orphan.lastNum = e.num;
      return;
    }
    this.orphan = null;
    const parent = PARENT.get(e.block) ?? null;
    for (let i = stack.length - 1; i >= 0; i--) {
      const s = stack[i] as DsnBlock;
      if (s.block === e.block) {
        if (e.num > s.lastNum) {
          this.outOfOrder(e, s);
          return;
        }
        this.popTo(i);
        this.open(e, stack[i - 1] ?? null);
        return;
      }
      if (s.block === parent) {
        this.popTo(i + 1);
        this.open(e, s);
        return;
      }
    }
    this.orphan = { block: e.block, lastNum: e.num };
    this.lastLine = e.line;
    this.error({
      kind: "orphan-block",
      severity: "error",
      line: e.line,
      rubric: e.code,
      message: parent
        ? `Ligne ${e.line} : le bloc ${e.block} (${DSN_BLOCKS[e.block]?.name ?? "?"}) apparaît sans son bloc parent ${parent} (${DSN_BLOCKS[parent]?.name ?? "?"}) ouvert avant lui. Il est ignoré : vérifiez l'ordre des blocs ou le bloc parent manquant.`
        : `Ligne ${e.line} : le bloc ${e.block} apparaît hors d'un envoi (avant toute rubrique S10.G00.00). Il est ignoré.`,
    });
  }

  private outOfOrder(e: RubricEvent, s: DsnBlock) {
    this.lastLine = e.line;
    this.error({
      kind: "out-of-order",
      severity: "error",
      line: e.line,
      rubric: e.code,
      message: `Ligne ${e.line} : la rubrique ${e.code} est hors de son bloc : le bloc ${s.block} ouvert ligne ${s.line} a déjà été suivi d'autres blocs (les rubriques d'un bloc doivent se suivre). Elle est rattachée à ce bloc ; corrigez l'ordre des lignes.`,
    });
    s.rubrics.push(e);
    s.lastNum = e.num;
  }

  /** A block opened after a sibling that the norm places after it (S21.G00.40 after S21.G00.50…). */
  private siblingOrder(e: RubricEvent, parent: DsnBlock) {
    let after = "";
    for (const [block, order] of TREE_ORDER)
      if (order === parent.lastChildOrder) {
        after = block;
        break;
      }
    const name = (b: string) => `${b} (${DSN_BLOCKS[b]?.name ?? "?"})`;
    this.error({
      kind: "out-of-order",
      severity: "error",
      line: e.line,
      rubric: e.code,
      message: `Ligne ${e.line} : le bloc ${name(e.block)} vient après le bloc ${name(after)} ouvert ligne ${parent.lastChildLine}, alors que la norme le place avant (ordre des blocs dans ${name(parent.block)}, ligne ${parent.line}). Les blocs suivent l'arborescence de la norme, pas leurs numéros : corrigez l'ordre dans le logiciel de paie.`,
    });
  }

  private openSend(e: RubricEvent) {
    const header = new DsnBlock(ROOT, e.line, null);
    header.rubrics.push(e);
    header.lastNum = e.num;
    this.stack = [header];
    this.send = {
      index: this.sends,
      header,
      startLine: e.line,
      endLine: e.line,
      total: null,
      declarations: 0,
      sirens: new Set(),
    };
    this.sends += 1;
    this.lastLine = e.line;
  }

  private open(e: RubricEvent, parent: DsnBlock | null) {
    if (parent) {
      const order = TREE_ORDER.get(e.block);
      if (order !== undefined) {
        // Reported once, then the order goes on from this block (its next instances are not errors).
        if (order < parent.lastChildOrder) this.siblingOrder(e, parent);
        parent.lastChildOrder = order;
        parent.lastChildLine = e.line;
      }
    }
    const b = new DsnBlock(e.block, e.line, parent);
    b.rubrics.push(e);
    b.lastNum = e.num;
    this.lastLine = e.line;
    if (parent && e.block !== INDIVIDUAL) parent.children.push(b);
    this.stack.push(b);
    if (e.block === DECLARATION && this.send) {
      this.send.declarations += 1;
      const decl: DeclarationInfo = {
        index: this.declarations++,
        send: this.send,
        block: b,
        individuals: 0,
        nature: "",
        period: null,
        enterprise: () => b.child("S21.G00.06"),
        establishment: () => b.child("S21.G00.06")?.child("S21.G00.11"),
      };
      this.declaration = decl;
    } else if (e.block === "S90.G00.90" && this.send) {
      this.send.total = b;
    }
  }

  /** Closes the stack down to (excluding) index `i`. */
  private popTo(i: number) {
    while (this.stack.length > i) this.close(this.stack.pop() as DsnBlock);
  }

  private close(b: DsnBlock) {
    if (b.block === INDIVIDUAL) {
      const d = this.declaration;
      if (d && b.parent) {
        if (d.individuals === 0) this.fillDeclaration(d);
        d.individuals += 1;
        this.visitor.individual?.(b, d);
      }
    } else if (b.block === DECLARATION) {
      const d = this.declaration;
      if (d && d.block === b) {
        this.fillDeclaration(d);
        const siren = d.enterprise()?.get("001");
        if (siren) d.send.sirens.add(siren);
        this.visitor.declaration?.(d);
        this.declaration = null;
      }
    }
  }

  private fillDeclaration(d: DeclarationInfo) {
    d.nature = d.block.get("001") ?? "";
    d.period = isoDate(d.block.get("005"));
  }

  /** Closes the current send (at a new S10, a wrapper line or the end of the file). */
  private closeSend(atEnd: boolean) {
    const send = this.send;
    if (!send) return;
    this.popTo(0);
    send.endLine = this.lastLine;
    if (!send.total) {
      this.error({
        kind: "truncated",
        severity: "error",
        line: this.lastLine,
        rubric: "S90.G00.90",
        message: atEnd
          ? `Le fichier s'arrête ligne ${this.lastLine} sans le bloc de fin d'envoi S90.G00.90 : il est tronqué ou incomplet. Récupérez le fichier en entier.`
          : `L'envoi commencé ligne ${send.startLine} se termine ligne ${this.lastLine} sans son bloc de total S90.G00.90 : l'envoi est incomplet.`,
      });
    }
    this.visitor.send?.(send);
    this.send = null;
    this.stack = [];
  }

  end(): void {
    this.closeSend(true);
  }
}
