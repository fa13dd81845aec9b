// Every runtime message between the parts of the extension, as a zod schema. The background parses
// each incoming message here and answers unknown or malformed ones with an error; senders get typed
// helpers. zod/mini keeps the pieces the content script may import small.
import * as z from "zod/mini";
import { PAGE_KINDS } from "./pages/kinds.ts";

const pageKind = z.enum(PAGE_KINDS);

export const DashboardIndicatorsSchema = z.object({
  derniereMiseAJour: z.nullable(z.string()),
  incidents: z.number(),
  anomaliesDsn: z.number(),
  anneeAnomalies: z.number(),
  messagesNonLus: z.number(),
});
export type DashboardIndicators = z.infer<typeof DashboardIndicatorsSchema>;

/** A content script tells the background which page it recognised (or not) on load. */
export const PageSeenSchema = z.object({
  type: z.literal("page/seen"),
  page: z.union([
    z.object({ understood: z.literal(true), kind: pageKind }),
    z.object({ understood: z.literal(false), kind: z.nullable(pageKind), missing: z.array(z.string()) }),
  ]),
});

/** The popup and options pages ask for the extension's status. */
export const StatusGetSchema = z.object({ type: z.literal("status/get") });

export const MessageSchema = z.discriminatedUnion("type", [PageSeenSchema, StatusGetSchema]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message["type"];

export const LastPageSchema = z.object({
  kind: z.nullable(pageKind),
  understood: z.boolean(),
  missing: z.array(z.string()),
  host: z.string(),
  at: z.string(),
});
export type LastPage = z.infer<typeof LastPageSchema>;

export const StatusSchema = z.object({
  schemaVersion: z.number(),
  installedAt: z.string(),
  lastPage: z.nullable(LastPageSchema),
  pagesSeen: z.number(),
});
export type Status = z.infer<typeof StatusSchema>;

/** What each message answers when it succeeds. */
export interface Responses {
  "page/seen": { recorded: true };
  "status/get": Status;
}

export type Reply<T extends MessageType> = { ok: true; data: Responses[T] } | { ok: false; error: string };

export function parseMessage(raw: unknown): { ok: true; message: Message } | { ok: false; error: string } {
  const result = MessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const type =
    typeof raw === "object" && raw !== null && "type" in raw ? String((raw as { type: unknown }).type) : "?";
  return { ok: false, error: `Message refusé (${type}) : ${z.prettifyError(result.error).split("\n")[0]}` };
}
