// Every runtime message between the parts of the extension. Each capability declares its own in its
// messages.ts (fields as a zod shape, who may send it, what it answers: see message-spec.ts) and its
// handlers in its background part; this module merges the declarations into the one schema the router
// parses. The content script imports only types from here (no zod in it).
//
// To add a message: add an entry to the capability's *_MESSAGES (or to CORE_MESSAGES below for the
// core's own), then its handler next to the others of that capability: the type-check asks for it.
import { z } from "zod";
import { ANOMALY_MESSAGES } from "../anomalies/messages.ts";
import { DSN_MESSAGES } from "../dsn/messages.ts";
import { EMITTER_SIRET_MESSAGES } from "../emitter-siret/messages.ts";
import { PORTFOLIO_MESSAGES } from "../portfolio/messages.ts";
import { REGISTER_MESSAGES } from "../register/messages.ts";
import { REMINDER_MESSAGES } from "../reminders/messages.ts";
// Diagnostics of pages « non comprise » (lifecycle branch).
import { DIAGNOSTIC_MESSAGES } from "./diagnostic/messages.ts";
import type { Catalog } from "./i18n-catalog.ts";
import {
  type Audience,
  type HandlersOf,
  type MessageOf,
  message,
  type RepliesOf,
  schemaOf,
} from "./message-spec.ts";
import { type LastPage, SeenPageSchema } from "./seen-page.ts";
import { WELCOME_MESSAGES } from "./welcome-schema.ts";

export type { SiretBadgeVerdict } from "../emitter-siret/messages.ts";
export type { JobBriefView, JobReply, JobView, PortfolioSummaryView } from "../portfolio/messages.ts";
export type {
  ClientForm,
  IdCheckKind,
  IdHint,
  ImportResult,
  PackedListing,
  RegisterListing,
  RegisterSnapshot,
} from "../register/messages.ts";
export type { AgendaView, IndicatorsView, ReminderMessageType } from "../reminders/messages.ts";
export type { LastPage, SeenPage } from "./seen-page.ts";

export interface Status {
  schemaVersion: number;
  installedAt: string;
  lastPage: LastPage | null;
  pagesSeen: number;
}

/** The core's own messages (the extension's status, the options page). */
export const CORE_MESSAGES = {
  /** A content script tells the background which page it recognised (or not) on load. */
  "page/seen": message("content", { page: SeenPageSchema }).answers<{ recorded: true }>(),
  "status/get": message("pages", {}).answers<Status>(),
  /** Opens a tab of the options page (content scripts cannot). */
  "options/open": message("content", {
    tab: z.enum(["clients", "portefeuille"]),
  }).answers<{ opened: true }>(),
  /** Our _locales texts: the content script takes its texts from them (see src/core/ext.ts). */
  "i18n/catalog": message("content", {}).answers<Catalog>(),
  /**
   * The content script, once its page may be one of ours: the worker injects the adapters and the
   * features into the sender's frame (src/content/page-features.ts), which most pages never need.
   */
  "content/features": message("content", {}).answers<{ loaded: true }>(),
};

const ALL_MESSAGES = {
  ...CORE_MESSAGES,
  ...REGISTER_MESSAGES,
  ...PORTFOLIO_MESSAGES,
  ...ANOMALY_MESSAGES,
  ...DSN_MESSAGES,
  ...EMITTER_SIRET_MESSAGES,
  ...REMINDER_MESSAGES,
  ...WELCOME_MESSAGES,
  ...DIAGNOSTIC_MESSAGES,
};
type AllMessages = typeof ALL_MESSAGES;

/** How many messages each declaration brings: the merge must lose none (one type, one declaration). */
export const DECLARED_COUNT = [
  CORE_MESSAGES,
  REGISTER_MESSAGES,
  PORTFOLIO_MESSAGES,
  ANOMALY_MESSAGES,
  DSN_MESSAGES,
  EMITTER_SIRET_MESSAGES,
  REMINDER_MESSAGES,
  WELCOME_MESSAGES,
  DIAGNOSTIC_MESSAGES,
].reduce((n, specs) => n + Object.keys(specs).length, 0);

export const MessageSchema = schemaOf(ALL_MESSAGES);
export type MessageType = keyof AllMessages & string;
export type Message = MessageOf<AllMessages>;
/** What each message answers when it succeeds. */
export type Responses = RepliesOf<AllMessages>;
export type Handlers = HandlersOf<AllMessages>;

export const MESSAGE_TYPES = Object.keys(ALL_MESSAGES) as MessageType[];

/** Who may send a message of this type (undefined: no such message). */
export function audienceOf(type: unknown): Audience | undefined {
  return typeof type === "string" && Object.hasOwn(ALL_MESSAGES, type)
    ? ALL_MESSAGES[type as MessageType].from
    : undefined;
}

export type Reply<T extends MessageType> =
  | { ok: true; data: Responses[T] }
  | { ok: false; error: string; fields?: Record<string, string> };

export function parseMessage(raw: unknown): { ok: true; message: Message } | { ok: false; error: string } {
  const result = MessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data as Message };
  return {
    ok: false,
    error: `Message refusé (${typeOf(raw)}) : ${z.prettifyError(result.error).split("\n")[0]}`,
  };
}

export function typeOf(raw: unknown): string {
  return typeof raw === "object" && raw !== null && "type" in raw
    ? String((raw as { type: unknown }).type)
    : "?";
}
