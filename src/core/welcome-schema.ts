// What the welcome keeps in storage.local, and its messages (src/core/welcome.ts).
import { z } from "zod";
import { message } from "./message-spec.ts";
import { LOCAL_KEYS } from "./storage/keys.ts";
import { WELCOME_STEPS, type WelcomeState } from "./welcome.ts";

/** storage.local key, read with its default: no migration needed before the first install or update. */
export const WELCOME_KEY = LOCAL_KEYS.welcome;
export const WelcomeSchema = z
  .object({
    skipped: z.array(z.enum(WELCOME_STEPS)),
    news: z.object({ from: z.string(), to: z.string() }).nullable(),
  })
  .default({ skipped: [], news: null }) satisfies z.ZodType<WelcomeState>;

/** From our pages only (the options page's welcome, the popup's « Nouveautés » note). */
export const WELCOME_MESSAGES = {
  "welcome/get": message("pages", {}).answers<WelcomeState>(),
  "welcome/skip": message("pages", {
    step: z.enum(WELCOME_STEPS),
    skipped: z.boolean(),
  }).answers<WelcomeState>(),
  /** The note was shown: it will not be again. */
  "welcome/news-seen": message("pages", {}).answers<WelcomeState>(),
};
export type WelcomeMessageType = keyof typeof WELCOME_MESSAGES;
