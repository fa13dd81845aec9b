// Every runtime message between the parts of the extension, as a zod schema. The background parses
// each incoming message here and answers unknown or malformed ones with an error; senders use the
// typed `send` of send.ts. The content script imports only types from this module (no zod in it).
import { z } from "zod";
import type { AnomalyPanelsView } from "../anomalies/model/panel.ts";
import type { OpenAnomaly, TrackedAnomaly, UnknownReferences } from "../anomalies/model/tracking.ts";
import { type DsnHistoryEntry, DsnHistoryEntrySchema } from "../dsn/control-view.ts";
import type { EmitterStatus } from "../emitter-siret/model/emitter-siret.ts";
import { PAGE_KINDS } from "../pages/kinds.ts";
import type { Command, Job, JobBrief, JobProgress } from "../portfolio/model/jobs.ts";
import type { PortfolioSnapshot } from "../portfolio/model/portfolio.ts";
import {
  CLIENT_KINDS,
  CLIENT_STATUSES,
  type Client,
  type ClientRow,
  type ClientRowTuple,
  type Collaborator,
  CollaboratorSchema,
  type FirmSettings,
  ServicesProfileSchema,
} from "../register/model/register.ts";
import {
  ClientRecordSchema,
  type IndicatorValues,
  IndicatorValuesSchema,
  ReminderSettingsSchema,
} from "../reminders/model/reminder-schema.ts";
import type { ClientRecord, Reminder, ReminderSettings } from "../reminders/model/rules.ts";
import type { WelcomeState } from "./welcome.ts";
import { WELCOME_MESSAGES } from "./welcome-schema.ts";

const pageKind = z.enum(PAGE_KINDS);

/** A content script tells the background which page it recognised (or not) on load. */
/** The Urssaf page the content script recognised (the popup's "last page"). */
const SeenPageSchema = z.union([
  z.object({ understood: z.literal(true), kind: pageKind }),
  z.object({ understood: z.literal(false), kind: pageKind.nullable(), missing: z.array(z.string()) }),
]);
const PageSeen = z.object({ type: z.literal("page/seen"), page: SeenPageSchema });
export type SeenPage = z.infer<typeof SeenPageSchema>;

const StatusGet = z.object({ type: z.literal("status/get") });

// --- The register (options page) ---------------------------------------------------------------

/** A client as typed in the options page form (identifiers are validated again by the background). */
export const ClientFormSchema = z.object({
  kind: z.enum(CLIENT_KINDS),
  siren: z.string().nullish(),
  siret: z.string().nullish(),
  raisonSociale: z.string(),
  numeroCompte: z.string().nullish(),
  nir: z.string().nullish(),
  montantDerniereDeclaration: z.number().nullish(),
  effectif: z.number().int().nullish(),
  paieDecalee: z.boolean().optional(),
  collaborateurId: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  profil: ServicesProfileSchema.nullish(),
});
export type ClientForm = z.infer<typeof ClientFormSchema>;

const RegisterGet = z.object({ type: z.literal("register/get") });
const RegisterList = z.object({ type: z.literal("register/list") });
const ClientGet = z.object({ type: z.literal("client/get"), id: z.string() });
const SettingsSave = z.object({ type: z.literal("settings/save"), settings: z.unknown() });
const ClientCreate = z.object({
  type: z.literal("client/create"),
  client: ClientFormSchema.extend({ statut: z.enum(CLIENT_STATUSES).optional() }),
});
const ClientEdit = z.object({
  type: z.literal("client/edit"),
  id: z.string(),
  edit: ClientFormSchema.partial(),
});
const ClientsStatus = z.object({
  type: z.literal("clients/status"),
  ids: z.array(z.string()).min(1),
  statut: z.enum(CLIENT_STATUSES),
  note: z.string().max(500).optional(),
});
const ClientsDelete = z.object({ type: z.literal("clients/delete"), ids: z.array(z.string()).min(1) });
const ClientsImport = z.object({ type: z.literal("clients/import"), clients: z.array(z.unknown()) });
const CollaboratorSave = z.object({
  type: z.literal("collaborator/save"),
  collaborator: CollaboratorSchema.omit({ id: true, acces: true }).extend({
    id: z.string().optional(),
    acces: z.string().optional(),
  }),
});
const CollaboratorDelete = z.object({ type: z.literal("collaborator/delete"), id: z.string() });
const BackupExport = z.object({ type: z.literal("backup/export") });

// --- Bulk jobs on "Gérer les établissements" ----------------------------------------------------

const RowSeenSchema = z.object({
  regime: z.string(),
  siren: z.string().nullable(),
  numeroCompte: z.string().nullable(),
});
export const ObservationSchema = z.discriminatedUnion("page", [
  z.object({
    page: z.literal("etablissements"),
    url: z.string(),
    rows: z.array(RowSeenSchema).max(200),
    searchSiret: z.string(),
    searchCompte: z.string(),
    message: z.string().nullable(),
    notice: z.string().nullable(),
    hasNext: z.boolean().optional(),
  }),
  z.object({
    page: z.literal("inscription-compte"),
    form: z.enum(["employeur", "independant"]).nullable(),
    message: z.string().nullable(),
  }),
  z.object({
    page: z.literal("etablissement-detail"),
    siret: z.string().nullable(),
    raisonSociale: z.string().nullable(),
    radie: z.boolean(),
  }),
  z.object({ page: z.literal("connexion") }),
  z.object({ page: z.literal("erreur"), message: z.string() }),
  z.object({ page: z.literal("not-understood"), kind: z.string(), missing: z.array(z.string()) }),
  z.object({ page: z.literal("elsewhere") }),
]);
const JobEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("dialog-refused"), text: z.string() }),
  z.object({ type: z.literal("dialog-missing") }),
  z.object({ type: z.literal("action-failed"), reason: z.string() }),
]);
const JobCreate = z.object({
  type: z.literal("job/create"),
  /** "read": walk the whole account list into a dated snapshot of the portfolio. */
  /** "resend-code": résilier then add again a self-employed client whose security-code letter was lost. */
  action: z.enum(["add", "resign", "read", "resend-code"]),
  /** Register clients to add or resign. */
  clientIds: z.array(z.string()).optional(),
  /** Accounts seen on the Urssaf list to resign (they may be absent from the register). */
  accounts: z.array(RowSeenSchema).max(10_000).optional(),
  paceMs: z.number().int().min(0).max(60_000).optional(),
  /** How long a page may take to load before it counts as not loading (slow connections: longer). */
  pageTimeoutMs: z.number().int().min(5_000).max(300_000).optional(),
});
const PortfolioGet = z.object({ type: z.literal("portfolio/get") });
/** The comparison in short, for the panel on the Urssaf list. */
const PortfolioSummary = z.object({ type: z.literal("portfolio/summary") });
/** Opens a tab of the options page (content scripts cannot). */
const OptionsOpen = z.object({ type: z.literal("options/open"), tab: z.enum(["clients", "portefeuille"]) });
const JobReport = z.object({
  type: z.literal("job/report"),
  observation: ObservationSchema,
  /** This page's own load time (Navigation Timing), for the job's metrics. */
  loadMs: z.number().min(0).max(600_000).optional(),
  /** Time our code ran on the previous page of this tab (recognise, observe, render, execute). */
  scriptMs: z.number().min(0).max(600_000).optional(),
  /** Time that page waited for the background's answers. */
  waitMs: z.number().min(0).max(600_000).optional(),
  /** The page recognised, on its first report: one message per page load instead of two. */
  page: SeenPageSchema.optional(),
});
const JobEvent = z.object({ type: z.literal("job/event"), jobId: z.string(), event: JobEventSchema });
const JobControl = z.object({
  type: z.literal("job/control"),
  what: z.enum(["pause", "resume", "cancel", "resume-here"]),
});
const JobGet = z.object({ type: z.literal("job/get") });
const BackupRestore = z.object({ type: z.literal("backup/restore"), backup: z.unknown() });

// --- Contrôle DSN (options page): the history of controls per client, kept by the background ---------

const DsnHistoryGet = z.object({ type: z.literal("dsn-history/get") });
/** The compact summaries of one controlled file (one per SIREN and month declared in it). */
const DsnHistoryRecord = z.object({
  type: z.literal("dsn-history/record"),
  entries: z.array(DsnHistoryEntrySchema).min(1).max(500),
});
/** Forgets the history of one client, or all of it without a SIREN. */
const DsnHistoryClear = z.object({
  type: z.literal("dsn-history/clear"),
  siren: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});
const DSN_CONTROL_MESSAGES = [DsnHistoryGet, DsnHistoryRecord, DsnHistoryClear] as const;
// --- DSN anomaly panel on "Suivi DSN" (issue 5) ----------------------------------------------------

const anomalyPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const anomalySiret = z.string().regex(/^\d{14}$/);
/** One anomaly as a Suivi DSN page shows it. */
export const AnomalySeenSchema = z.object({
  reference: z.string().min(1).max(80),
  libelle: z.string().max(500),
  period: anomalyPeriod,
  siret: anomalySiret.nullable(),
  id: z.string().max(40).nullable(),
  /** The notification date, when the page shows one (the deadline counts 30 days from it). */
  notifiedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});
/**
 * The content script's one batched request for a Suivi DSN page: its anomalies (and month-grid cells);
 * the background answers with everything the panels show (it holds the catalogue: the content script
 * never loads it) and records what was seen (tracking, unknown references).
 */
const AnomalyPanels = z.object({
  type: z.literal("anomaly/panels"),
  items: z.array(AnomalySeenSchema).max(5_000),
  months: z
    .array(z.object({ siret: anomalySiret, period: anomalyPeriod }))
    .max(1_200)
    .optional(),
});
const AnomalyTrack = z.object({
  type: z.literal("anomaly/track"),
  key: z.string().max(120),
  status: z.enum(["a-traiter", "corrigee", "contestee"]),
  correctedIn: anomalyPeriod.nullable().optional(),
});
/** Open anomalies of every client with their correction deadline (popup). */
const AnomalyOpen = z.object({ type: z.literal("anomaly/open") });
/** References met on Suivi DSN that the catalogue does not know (options page). */
const AnomalyUnknown = z.object({ type: z.literal("anomaly/unknown") });
// --- Emitter-SIRET badge on the login form (issue 6) -----------------------------------------------
/** The SIRET typed in the login form's "Identifiant" (never the password), for the background to classify. */
const SiretClassify = z.object({
  type: z.literal("siret/classify"),
  siret: z.string().regex(/^[0-9A-Z]{14}$/),
});

// --- Identifier hints on the Urssaf forms (issue 4) --------------------------------------------------
/** A value typed in an identifier field, checked by the background (the checks stay out of the page). */
const IdCheck = z.object({
  type: z.literal("id/check"),
  check: z.enum(["siren", "siren-or-siret", "account", "nir"]),
  value: z.string().max(64),
});

export type IdCheckKind = z.infer<typeof IdCheck>["check"];

// --- Reminders, notifications, badge, dashboard indicators (issue 7) -----------------------------

/** The popup's lists: overdue, today, next 7 days. */
const RemindersGet = z.object({ type: z.literal("reminders/get") });
const RemindersMark = z.object({
  type: z.literal("reminders/mark"),
  id: z.string().min(1).max(400),
  action: z.enum(["done", "snooze-1j", "snooze-1s", "undo"]),
});
/** Upcoming deadlines for a calendar export, for one collaborator or the whole firm (null). */
const RemindersExport = z.object({
  type: z.literal("reminders/export"),
  collaborateurId: z.string().nullable(),
  days: z.number().int().min(1).max(400),
});
/** Reads (no `settings`) or saves the reminder settings. */
const RemindersSettings = z.object({
  type: z.literal("reminders/settings"),
  settings: ReminderSettingsSchema.optional(),
});
const ClientRecordGet = z.object({ type: z.literal("client-record/get"), id: z.string().min(1) });
const ClientRecordSave = z.object({
  type: z.literal("client-record/save"),
  id: z.string().min(1),
  record: ClientRecordSchema,
});
/** The content script on the dashboard reports the key indicators it read (or that it could not). */
const IndicatorsRecord = z.object({
  type: z.literal("indicators/record"),
  reading: z.union([
    IndicatorValuesSchema.extend({ understood: z.literal(true) }),
    z.object({ understood: z.literal(false), missing: z.array(z.string().max(100)).max(10) }),
  ]),
});
const IndicatorsGet = z.object({ type: z.literal("indicators/get") });
/** Test hook: shifts the background's clock (accepted from the extension's own pages only). */
const ClockSet = z.object({ type: z.literal("clock/set"), at: z.iso.datetime({ offset: true }).nullable() });

export const REMINDER_MESSAGES = [
  "reminders/get",
  "reminders/mark",
  "reminders/export",
  "reminders/settings",
  "client-record/get",
  "client-record/save",
  "indicators/record",
  "indicators/get",
  "clock/set",
] as const;
export type ReminderMessageType = (typeof REMINDER_MESSAGES)[number];

export interface AgendaView {
  today: string;
  now: string;
  overdue: Reminder[];
  dueToday: Reminder[];
  upcoming: Reminder[];
  /** Counts before the lists were cut to what the popup shows. */
  counts: { overdue: number; dueToday: number; upcoming: number };
  /** For the calendar export's choice (per collaborator or the whole firm). */
  collaborators: { id: string; name: string }[];
}

export interface IndicatorsView {
  latest: (IndicatorValues & { at: string }) | null;
  previous: (IndicatorValues & { at: string }) | null;
  /** The last visit could not read the dashboard: nothing is shown. */
  notUnderstood: { at: string; missing: string[] } | null;
  history: (IndicatorValues & { at: string })[];
}

export const MessageSchema = z.discriminatedUnion("type", [
  RemindersGet,
  RemindersMark,
  RemindersExport,
  RemindersSettings,
  ClientRecordGet,
  ClientRecordSave,
  IndicatorsRecord,
  IndicatorsGet,
  ClockSet,
  ...DSN_CONTROL_MESSAGES,
  PageSeen,
  StatusGet,
  RegisterGet,
  RegisterList,
  ClientGet,
  SettingsSave,
  ClientCreate,
  ClientEdit,
  ClientsStatus,
  ClientsDelete,
  ClientsImport,
  CollaboratorSave,
  CollaboratorDelete,
  BackupExport,
  BackupRestore,
  JobCreate,
  JobReport,
  JobEvent,
  JobControl,
  JobGet,
  PortfolioGet,
  PortfolioSummary,
  OptionsOpen,
  // DSN anomaly panel (issue 5)
  AnomalyPanels,
  AnomalyTrack,
  AnomalyOpen,
  AnomalyUnknown,
  SiretClassify,
  IdCheck,
  ...WELCOME_MESSAGES,
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message["type"];

export const LastPageSchema = z.object({
  kind: pageKind.nullable(),
  understood: z.boolean(),
  missing: z.array(z.string()),
  host: z.string(),
  at: z.string(),
});
export type LastPage = z.infer<typeof LastPageSchema>;

export interface Status {
  schemaVersion: number;
  installedAt: string;
  lastPage: LastPage | null;
  pagesSeen: number;
}

export interface RegisterSnapshot {
  settings: FirmSettings;
  collaborators: Collaborator[];
  clients: Client[];
}

/** The register as the clients table needs it: rows, not full clients (see ClientRow). */
export interface RegisterListing {
  settings: FirmSettings;
  collaborators: Collaborator[];
  rows: ClientRow[];
}

/** What crosses the message channel for a listing: the rows packed as tuples (see ClientRowTuple). */
export interface PackedListing extends Omit<RegisterListing, "rows"> {
  rows: ClientRowTuple[];
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** What the page toolbar and the popup show of a job. */
export interface JobView {
  job: Job;
  progress: JobProgress;
  /** This tab runs the job (the toolbar shows it; other tabs only show it). */
  here: boolean;
  /** The job's tab is gone: the toolbar offers to resume in this tab. */
  orphan: boolean;
}

export interface PortfolioSummaryView {
  readAt: string;
  accounts: number;
  toRegister: string[];
  toResign: number;
  mismatches: number;
}

/** A JobView without the items, for the page that runs the job: its reply at every step stays small. */
export interface JobBriefView extends Omit<JobView, "job"> {
  job: JobBrief;
}

export interface JobReply {
  view: JobBriefView | null;
  command: Command | null;
}

/** The hint under an identifier field: its level and its text, in the browser's language. */
export interface IdHint {
  level: "ok" | "warn" | "bad";
  text: string;
}

/** What each message answers when it succeeds. */
export interface Responses {
  "page/seen": { recorded: true };
  "status/get": Status;
  "register/get": RegisterSnapshot;
  "register/list": PackedListing;
  "client/get": Client;
  "settings/save": FirmSettings;
  "client/create": Client;
  "client/edit": Client;
  "clients/status": { changed: number };
  "clients/delete": { deleted: number };
  "clients/import": ImportResult;
  "collaborator/save": Collaborator;
  "collaborator/delete": { unassigned: number };
  "backup/export": unknown;
  "backup/restore": { clients: number; collaborators: number };
  "job/create": JobView;
  "job/report": JobReply;
  "job/event": JobReply;
  "job/control": JobView | null;
  "job/get": JobView | null;
  "portfolio/get": PortfolioSnapshot | null;
  "portfolio/summary": PortfolioSummaryView | null;
  "options/open": { opened: true };
  "dsn-history/get": DsnHistoryEntry[];
  "dsn-history/record": { kept: number };
  "dsn-history/clear": { removed: number };
  // DSN anomaly panel (issue 5)
  "anomaly/panels": AnomalyPanelsView;
  "anomaly/track": TrackedAnomaly;
  "anomaly/open": OpenAnomaly[];
  "anomaly/unknown": UnknownReferences;
  "siret/classify": SiretBadgeVerdict;
  "id/check": IdHint;
  "reminders/get": AgendaView;
  "reminders/mark": AgendaView;
  "reminders/export": { reminders: Reminder[]; firm: string; today: string };
  "reminders/settings": ReminderSettings;
  "client-record/get": ClientRecord;
  "client-record/save": ClientRecord;
  "indicators/record": { recorded: boolean };
  "indicators/get": IndicatorsView;
  "clock/set": { now: string };
}

/** The badge's verdict: no client name, only what the typed SIRET is for the firm. */
export interface SiretBadgeVerdict {
  status: EmitterStatus;
  /** For "invalid": why (length, character, key), in French. */
  problem: string | null;
}

export type Reply<T extends MessageType> =
  | { ok: true; data: Responses[T] }
  | { ok: false; error: string; fields?: Record<string, string> };

export function parseMessage(raw: unknown): { ok: true; message: Message } | { ok: false; error: string } {
  const result = MessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const type =
    typeof raw === "object" && raw !== null && "type" in raw ? String((raw as { type: unknown }).type) : "?";
  return { ok: false, error: `Message refusé (${type}) : ${z.prettifyError(result.error).split("\n")[0]}` };
}

// --- Welcome and « Nouveautés » (src/core/welcome.ts) -------------------------------------------
export interface Responses {
  "welcome/get": WelcomeState;
  "welcome/skip": WelcomeState;
  "welcome/news-seen": WelcomeState;
}
