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
import { calendarDate } from "./read.ts";
import type { ReadError, RubricEvent } from "./types.ts";

export class DsnBlock {
  readonly rubrics: RubricEvent[] = [];
  readonly children: DsnBlock[] = [];
  lastNum = "";
  /** Position in the norm's tree (see {@link TREE_ORDER}) of the last child block opened, -1 before. */
  lastChildOrder = -1;
  lastChildLine = 0;
  /** The file ends inside this block (its data is incomplete). */
  truncated = false;
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
  /** An extract without S10 (and maybe S20): the header is made up, its checks do not apply. */
  extract: boolean;
  /** The file ends inside this send, before its S90.G00.90. */
  truncated: boolean;
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
  /** The file ends inside this declaration: its totals cannot match its (missing) individuals. */
  truncated: boolean;
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
/**
 * Sends read from one file at most: a platform lot holds a few hundred; a file with more (1 M S10 lines)
 * is not a DSN lot, and each send costs its summary and findings.
 */
export const MAX_SENDS = 10_000;
const DECLARATION = "S20.G00.05";
const INDIVIDUAL = "S21.G00.30";

/** "01032026" → "2026-03-01"; null when not a date JJMMAAAA of the calendar. */
export function isoDate(value: string | undefined): string | null {
  if (!value || !/^\d{8}$/.test(value)) return null;
  const d = value.slice(0, 2);
  const m = value.slice(2, 4);
  const y = value.slice(4);
  if (!calendarDate(Number(d), Number(m), Number(y))) return null;
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
  /** The first out-of-order attachment of each block type in the send, and how many followed it. */
  private reattached = new Map<string, { error: ReadError; count: number }>();
  /** Set once {@link MAX_SENDS} is reached: everything after is ignored, the reader should stop. */
  stopped = false;

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
    if (this.stopped) return;
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
        if (this.sends >= MAX_SENDS) {
          this.stop(e);
          return;
        }
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
    if (parent && this.reattach(e, parent)) return;
    if (parent && (!this.send || this.send.extract) && this.synthesize(e)) return;
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

  /**
   * A child written after its parent's later siblings (S21.G00.62 after S21.G00.50): attached to the
   * last instance of its parent type under the nearest open ancestor, with one warning per block type
   * and send (counting the others). False when no open block has such a child.
   */
  private reattach(e: RubricEvent, parent: string): boolean {
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const s = stack[i] as DsnBlock;
      let target: DsnBlock | undefined;
      for (const c of s.children) if (c.block === parent) target = c;
      if (!target) continue;
      const after = stack[i + 1];
      this.popTo(i + 1);
      stack.push(target);
      // One warning for this block: not a second one for its order among the target's children.
      target.lastChildOrder = -1;
      this.open(e, target);
      const known = this.reattached.get(e.block);
      if (known) {
        known.count += 1;
        return true;
      }
      const name = (b: string) => `${b} (${DSN_BLOCKS[b]?.name ?? "?"})`;
      const error: ReadError = {
        kind: "out-of-order",
        severity: "warning",
        line: e.line,
        rubric: e.code,
        message: `Ligne ${e.line} : le bloc ${name(e.block)} est écrit après ${after ? `le bloc ${name(after.block)}` : "d'autres blocs"} ; la norme le place dans le bloc ${name(parent)}, avant les blocs qui suivent celui-ci dans ${name(s.block)}. Il est rattaché au bloc ${parent} de la ligne ${target.line} (le dernier ouvert) et contrôlé avec lui ; corrigez l'ordre des blocs dans le logiciel de paie.`,
      };
      this.reattached.set(e.block, { error, count: 0 });
      this.error(error);
      return true;
    }
    return false;
  }

  /**
   * An extract without its S10 (or S20) header: the missing ancestors of the block are made up (blocks
   * without rubrics) so that every check that needs only the data present still runs. Reported once.
   */
  private synthesize(e: RubricEvent): boolean {
    const chain: string[] = [];
    for (let p = PARENT.get(e.block); p !== undefined; p = PARENT.get(p)) chain.push(p);
    if (chain[chain.length - 1] !== ROOT) chain.push(ROOT);
    if (!this.send) {
      if (this.sends >= MAX_SENDS) {
        this.stop(e);
        return true;
      }
      this.openSend(e, true);
      this.error({
        kind: "extract",
        severity: "warning",
        line: e.line,
        rubric: null,
        message: `Ligne ${e.line} : le fichier commence par le bloc ${e.block} (${DSN_BLOCKS[e.block]?.name ?? "?"}), sans l'en-tête d'envoi S10 ni la déclaration S20 : c'est un extrait de DSN. Les contrôles qui demandent ces blocs (émetteur, mois déclaré, totaux S90) ne sont pas faits ; les autres le sont.`,
      });
    }
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = chain.indexOf((stack[i] as DsnBlock).block);
      if (k < 0) continue;
      this.popTo(i + 1);
      let parent = stack[i] as DsnBlock;
      for (let j = k - 1; j >= 0; j--) parent = this.open(null, parent, chain[j] as string, e.line);
      this.open(e, parent);
      return true;
    }
    return false;
  }

  private stop(e: RubricEvent) {
    this.stopped = true;
    this.error({
      kind: "too-many-sends",
      severity: "error",
      line: e.line,
      rubric: e.code,
      message: `Ligne ${e.line} : le fichier contient plus de ${MAX_SENDS.toLocaleString("fr-FR").replace(/\s/g, " ")} envois (rubriques S10.G00.00.001) ; un lot de plateforme en compte quelques centaines. La lecture s'arrête là : seuls les ${MAX_SENDS.toLocaleString("fr-FR").replace(/\s/g, " ")} premiers envois sont contrôlés. Vérifiez que c'est bien le fichier attendu, ou découpez-le.`,
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
      severity: "warning",
      line: e.line,
      rubric: e.code,
      message: `Ligne ${e.line} : le bloc ${name(e.block)} vient après le bloc ${name(after)} ouvert ligne ${parent.lastChildLine}, alors que la norme le place avant (ordre des blocs dans ${name(parent.block)}, ligne ${parent.line}). Il est lu et contrôlé à sa place. Les blocs suivent l'arborescence de la norme, pas leurs numéros : corrigez l'ordre dans le logiciel de paie.`,
    });
  }

  private openSend(e: RubricEvent, extract = false) {
    const header = new DsnBlock(ROOT, e.line, null);
    if (!extract) {
      header.rubrics.push(e);
      header.lastNum = e.num;
    }
    this.stack = [header];
    this.send = {
      index: this.sends,
      header,
      startLine: e.line,
      endLine: e.line,
      total: null,
      declarations: 0,
      sirens: new Set(),
      extract,
      truncated: false,
    };
    this.sends += 1;
    this.reattached.clear();
    this.lastLine = e.line;
  }

  /** Opens a block with its first rubric `e`, or an empty one (`e` null: an extract's missing ancestor). */
  private open(e: RubricEvent | null, parent: DsnBlock | null, block = e?.block ?? "", line = e?.line ?? 0) {
    if (parent) {
      const order = TREE_ORDER.get(block);
      if (order !== undefined) {
        // Reported once, then the order goes on from this block (its next instances are not errors).
        if (e && order < parent.lastChildOrder) this.siblingOrder(e, parent);
        parent.lastChildOrder = order;
        parent.lastChildLine = line;
      }
    }
    const b = new DsnBlock(block, line, parent);
    if (e) {
      b.rubrics.push(e);
      b.lastNum = e.num;
    }
    this.lastLine = line;
    if (parent && block !== INDIVIDUAL) parent.children.push(b);
    this.stack.push(b);
    if (block === DECLARATION && this.send) {
      this.send.declarations += 1;
      const decl: DeclarationInfo = {
        index: this.declarations++,
        send: this.send,
        block: b,
        individuals: 0,
        nature: "",
        period: null,
        truncated: false,
        enterprise: () => b.child("S21.G00.06"),
        // The last one: after a second S21.G00.11 (a cardinality error) the data follow it.
        establishment: () => b.child("S21.G00.06")?.all("S21.G00.11").at(-1),
      };
      this.declaration = decl;
    } else if (block === "S90.G00.90" && this.send) {
      this.send.total = b;
    }
    return b;
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
    if (!send.total && !send.extract && atEnd) {
      // Cut by the end of the file: what is open is incomplete (its findings are consequences).
      send.truncated = true;
      for (const b of this.stack) b.truncated = true;
      if (this.declaration) this.declaration.truncated = true;
    }
    this.popTo(0);
    send.endLine = this.lastLine;
    for (const { error, count } of this.reattached.values())
      if (count > 0)
        error.message += ` Même ordre pour ${count} autre(s) bloc(s) ${error.rubric?.slice(0, 10) ?? ""} de l'envoi, rattachés de la même façon.`;
    this.reattached.clear();
    if (!send.total && !send.extract) {
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
