// How a message is declared: who may send it, its fields (a zod shape) and what it answers. Each
// capability declares its messages in its own messages.ts (pure: zod only, importable by the UI); its
// handlers live in its background part, typed from the same declaration; src/core/messages.ts merges
// them all into the one schema the router parses.
import { z } from "zod";
import type { Runtime } from "./browser.ts";

/**
 * Who may send a message. "pages": our own extension pages (popup, options). "content": our content
 * script in a tab on an Urssaf host. A compromised urssaf.fr renderer can pose as our content script, so
 * a message is open to it only when a page feature needs it.
 */
export type Audience = "pages" | "content" | "both";
/** What kind of sender a message came from (see senderKind in senders.ts). */
export type SenderKind = "page" | "content";

export interface MessageSpec<S extends z.ZodRawShape = z.ZodRawShape, R = unknown> {
  readonly from: Audience;
  readonly shape: S;
  /** Never set: carries the reply's type. */
  readonly reply?: R;
}

export type MessageSpecs = Record<string, MessageSpec>;

/** `message("pages", { id: z.string() }).answers<Client>()`: one entry of a capability's messages. */
export function message<S extends z.ZodRawShape>(from: Audience, shape: S) {
  return { answers: <R>(): MessageSpec<S, R> => ({ from, shape }) };
}

export function accepts(from: Audience, kind: SenderKind): boolean {
  return from === "both" || (from === "pages" ? kind === "page" : kind === "content");
}

/** The parsed message of each type of a declaration. */
export type MessageOf<M extends MessageSpecs> = {
  [K in keyof M & string]: keyof M[K]["shape"] extends never
    ? { type: K }
    : { type: K } & z.output<z.ZodObject<M[K]["shape"]>>;
}[keyof M & string];

/** What each message of a declaration answers when it succeeds. */
export type RepliesOf<M extends MessageSpecs> = {
  [K in keyof M]: M[K] extends MessageSpec<z.ZodRawShape, infer R> ? R : never;
};

/** The background's handlers of a declaration: one per message type, typed from it. */
export type HandlersOf<M extends MessageSpecs> = {
  [K in keyof M & string]: (
    message: Extract<MessageOf<M>, { type: K }>,
    sender: Runtime.MessageSender,
  ) => Promise<RepliesOf<M>[K]>;
};

/** The zod schema of every message of a declaration, discriminated by `type`. */
export function schemaOf(specs: MessageSpecs) {
  const objects = Object.entries(specs).map(([type, spec]) =>
    z.object({ type: z.literal(type), ...spec.shape }),
  );
  const [first, ...rest] = objects;
  if (!first) throw new Error("Aucun message déclaré.");
  return z.discriminatedUnion("type", [first, ...rest]);
}
