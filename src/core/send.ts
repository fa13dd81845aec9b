// Typed sending of runtime messages (content script, popup, options → background).
import { browser } from "./ext.ts";
import type { Message, MessageType, Reply, Responses } from "./messages.ts";

export class MessageError extends Error {
  /** Per-field French messages when the background refused what a form sent. */
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function send<T extends MessageType>(
  message: Extract<Message, { type: T }>,
): Promise<Responses[T]> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
  if (!reply) throw new MessageError("Le service de l'extension n'a pas répondu : rechargez la page.");
  if (!reply.ok) throw new MessageError(reply.error, reply.fields);
  return reply.data;
}
