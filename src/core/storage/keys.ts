// Every storage key of the extension, in one list: what the background keeps in storage.local and
// storage.session, and what the content script leaves in the page's sessionStorage across a
// navigation. A new key is added here (with its migration if it needs one: see schema.ts), never
// spelt elsewhere. Pure constants: the content script imports them too.

/** storage.local, written by the background only (see store.ts). */
export const LOCAL_KEYS = {
  /** Schema version and install date. */
  meta: "meta",
  /** The last Urssaf page recognised and how many (the popup's status). */
  pages: "pages",
  settings: "settings",
  collaborators: "collaborators",
  /** Which generation of client keys is current; a restore writes a new generation and flips this. */
  register: "register",
  /** The bulk job in progress (or the last one), its items under jobItem keys. */
  job: "job",
  /** The last portfolio read on the Urssaf list (a dated snapshot). */
  portfolio: "portfolio",
  anomalyTracking: "anomalies/tracked",
  anomalyUnknown: "anomalies/unknown",
  dsnHistory: "dsnHistory",
  reminderSettings: "reminders/settings",
  reminderRecords: "reminders/records",
  reminderState: "reminders/state",
  reminderDelivery: "reminders/delivery",
  indicatorHistory: "indicators/history",
} as const;

/** storage.local families: one key per client of a register generation, per job item, per value set aside. */
export const clientKeyPrefix = (generation: number) => `client/${generation}/`;
/** A client's key, of any generation. */
export const isClientKey = (key: string) => key.startsWith("client/");
export const jobItemKey = (index: number) => `job-item/${index}`;
/** Where the original of a stored value today's schema rejected is kept (see salvage.ts). */
export const asideKey = (key: string) => `aside/${key}`;
export const KEY_FAMILIES = ["client/", "job-item/", "aside/"] as const;

/** storage.session (the background's; gone when the browser closes). */
export const SESSION_KEYS = {
  /** The test clock's offset in ms ("clock/set"). */
  clockOffset: "clock/offsetMs",
} as const;

/**
 * The page's sessionStorage, written by our content script to carry something over a navigation.
 * The page can read and write it too: whatever is read back is validated, and never trusted more
 * than the page itself.
 */
export const PAGE_SESSION_KEYS = {
  /** The alert the next page should show, for the MAIN-world dialog bridge (bridge-protocol.ts). */
  pendingAlert: "tiers-assistant:pending-alert",
  /** The site's answer page of a job's « Enregistrer » (bulk-job/answer-page.ts). */
  answerPage: "tiers-assistant:answer-page",
  /** The previous page's job figures, for the benchmark (bulk-job/metrics.ts). */
  jobMetrics: "tiers-assistant:job-ms",
} as const;
// One constant each as well: a content script takes only the one it uses (no object in its bundle).
export const PENDING_ALERT_KEY =
  "tiers-assistant:pending-alert" satisfies typeof PAGE_SESSION_KEYS.pendingAlert;
export const ANSWER_PAGE_KEY = "tiers-assistant:answer-page" satisfies typeof PAGE_SESSION_KEYS.answerPage;
export const JOB_METRICS_KEY = "tiers-assistant:job-ms" satisfies typeof PAGE_SESSION_KEYS.jobMetrics;
