// Message router: who sent it, whether that sender may send this type, the schema check, then one
// handler per message type.
import { ZodError } from "zod";
import type { Runtime } from "./browser.ts";
import { accepts } from "./message-spec.ts";
import {
  audienceOf,
  type Handlers,
  type Message,
  type MessageType,
  parseMessage,
  type Reply,
  type Responses,
  typeOf,
} from "./messages.ts";
import { senderKind } from "./senders.ts";

export type { Handlers } from "./messages.ts";

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
  const kind = senderKind(sender, ctx.ownId, ctx.ownOrigin);
  if (kind === null) return { ok: false, error: "Expéditeur non autorisé." };
  // Least privilege: a type its sender may not send is refused before its content is even parsed.
  const audience = audienceOf(typeOf(raw));
  if (audience !== undefined && !accepts(audience, kind)) {
    return { ok: false, error: `Message refusé (${typeOf(raw)}) : expéditeur non autorisé pour ce message.` };
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
