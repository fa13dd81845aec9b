// Message router: sender check, schema check, then one handler per message type.
import { ZodError } from "zod";
import type { Runtime } from "./browser.ts";
import { type Message, type MessageType, parseMessage, type Reply, type Responses } from "./messages.ts";
import { senderAllowed } from "./senders.ts";

export type Handlers = {
  [T in MessageType]: (
    message: Extract<Message, { type: T }>,
    sender: Runtime.MessageSender,
  ) => Promise<Responses[T]>;
};

export interface RouterContext {
  ownId: string;
  ownOrigin: string;
  handlers: Handlers;
}

export async function route(
  raw: unknown,
  sender: Runtime.MessageSender,
  ctx: RouterContext,
): Promise<Reply<MessageType>> {
  if (!senderAllowed(sender, ctx.ownId, ctx.ownOrigin)) {
    return { ok: false, error: "Expéditeur non autorisé." };
  }
  const parsed = parseMessage(raw);
  if (!parsed.ok) return parsed;
  const message = parsed.message;
  try {
    const handler = ctx.handlers[message.type] as (m: Message, s: Runtime.MessageSender) => Promise<unknown>;
    return { ok: true, data: (await handler(message, sender)) as Responses[MessageType] };
  } catch (error) {
    if (error instanceof ZodError) {
      // Validation of what the user typed: one French message per field, for the form to show.
      const fields: Record<string, string> = {};
      for (const issue of error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
      return { ok: false, error: Object.values(fields).join(" "), fields };
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
