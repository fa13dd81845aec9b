// Tiny HTML toolkit: an escaping tagged template and per-start random ids and class names.

import { randomBytes } from "node:crypto";

export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  // Attributes are always double-quoted, so the apostrophe (frequent in French) is left as is.
}

export type HtmlValue = Raw | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return "";
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map((x) => render(x as HtmlValue)).join("");
  return escapeHtml(String(v));
}

/** Tagged template: every interpolated value is escaped unless it is a Raw (or a list of them). */
export function h(strings: TemplateStringsArray, ...values: HtmlValue[]): Raw {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new Raw(out);
}

export function raw(s: string): Raw {
  return new Raw(s);
}

/** JSON safe to embed inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const PREFIXES = ["ux", "gx", "cmp", "w", "blk", "ng", "el", "mdc", "fr", "js"] as const;

/**
 * Random names for ids and classes, drawn once per server start: `names.cls("header")` is stable
 * during a run and different on the next start. Per-element ids use `names.uid()`.
 */
export class Names {
  private readonly map = new Map<string, string>();
  private counter = 0;
  private readonly salt = randomBytes(3).toString("hex");

  private fresh(): string {
    const b = randomBytes(4);
    const prefix = PREFIXES[(b[0] ?? 0) % PREFIXES.length] ?? "x";
    return `${prefix}-${b.toString("hex").slice(0, 6)}`;
  }

  cls(key: string): string {
    let v = this.map.get(key);
    if (v === undefined) {
      do v = this.fresh();
      while ([...this.map.values()].includes(v));
      this.map.set(key, v);
    }
    return v;
  }

  /** A unique id for one element of one response. */
  uid(): string {
    this.counter = (this.counter + 1) % 1_000_000;
    const b = randomBytes(3);
    const prefix = PREFIXES[(b[0] ?? 0) % PREFIXES.length] ?? "x";
    return `${prefix}${this.salt}${this.counter.toString(36)}${b.toString("hex").slice(2)}`;
  }
}
