/**
 * Shared types of the DSN reader, tree, checks and report. Pure TypeScript: runs in a browser Worker and
 * in Node.
 */

/** One rubric line of the file: `S21.G00.06.001,'123456789'` at line 42. */
export interface RubricEvent {
  /** 1-based line number in the file (wrapper lines included). */
  line: number;
  /** Full rubric code, e.g. "S21.G00.06.001". */
  code: string;
  /** Block, e.g. "S21.G00.06". */
  block: string;
  /** Rubric number inside the block, e.g. "001". */
  num: string;
  /** Value without its apostrophes, decoded (Latin-1 or UTF-8). */
  value: string;
}

export type ReadErrorKind =
  | "empty-file"
  | "not-dsn"
  | "binary"
  | "pdf"
  | "syntax"
  | "missing-quotes"
  | "empty-value"
  | "unknown-block"
  | "unknown-rubric"
  | "technical"
  | "orphan-block"
  | "out-of-order"
  | "extract"
  | "too-many-sends"
  | "truncated"
  | "line-too-long"
  | "encoding"
  | "too-many-errors";

export type Severity = "error" | "warning" | "info";

/** A problem met while reading the file itself (before any business check). Message in French. */
export interface ReadError {
  kind: ReadErrorKind;
  severity: Severity;
  /** 1-based line, or null when the problem concerns the whole file. */
  line: number | null;
  rubric: string | null;
  message: string;
}

/** One result of a business check. */
export interface Finding {
  /** Stable id, `family.rule`, e.g. "emitter.client-siret". */
  check: string;
  severity: Severity;
  /** Rubric (or block) the finding is about, e.g. "S10.G00.01.002". */
  rubric: string;
  line: number | null;
  /** French: what is wrong (amounts and difference where relevant) and what to fix. */
  message: string;
  /** Where the rule comes from (DSN-Val control code, Urssaf anomaly, seed, facts file). */
  source: string;
}

export type FileEncoding = "ascii" | "utf-8" | "latin-1";
