// Reading a stored value that today's schema rejects (a 21-character phone number saved by an older
// version, a 121-character firm name): rather than make every reader throw, the value is repaired
// where the repair is obvious (a text or a list cut to its bound, a field back to its default), and
// the original is kept aside for the user (see the register store). Pure: no browser API.
import type { z } from "zod";

/** A stored value today's schema rejected: which key, why, and whether a repaired copy is in use. */
export interface SetAside {
  key: string;
  problems: string[];
  /** A repaired copy is in use (true) or the value is left out (false); the original is kept aside. */
  repaired: boolean;
}

export { asideKey } from "./keys.ts";

export type Salvaged<T> = { ok: true; value: T; problems: string[] } | { ok: false; problems: string[] };

/** One line per problem: where, and what the schema says. */
function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${i.path.length > 0 ? i.path.map(String).join(".") : "valeur"} : ${i.message}`);
}

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function put(root: unknown, path: readonly PropertyKey[], value: unknown): void {
  const parent = at(root, path.slice(0, -1));
  const key = path.at(-1);
  if (typeof parent === "object" && parent !== null && key !== undefined)
    (parent as Record<PropertyKey, unknown>)[key] = value;
}

/**
 * The value if the schema accepts it; else a repaired copy when every problem has an obvious repair:
 * a text or a list over its maximum is cut to it, and a top-level field with a default in `defaults`
 * takes it. `ok: false` when something is left that only the user can repair.
 */
export function salvage<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  defaults: Record<string, unknown> = {},
): Salvaged<z.output<S>> {
  const first = schema.safeParse(raw);
  if (first.success) return { ok: true, value: first.data, problems: [] };
  const problems = describe(first.error.issues);
  if (typeof raw !== "object" || raw === null) return { ok: false, problems };
  const copy = structuredClone(raw);
  for (const issue of first.error.issues) {
    const current = at(copy, issue.path);
    const top = issue.path[0];
    if (issue.code === "too_big" && (typeof current === "string" || Array.isArray(current))) {
      put(copy, issue.path, current.slice(0, Number(issue.maximum)));
    } else if (typeof top === "string" && Object.hasOwn(defaults, top)) {
      put(copy, [top], structuredClone(defaults[top]));
    }
  }
  const second = schema.safeParse(copy);
  return second.success ? { ok: true, value: second.data, problems } : { ok: false, problems };
}
