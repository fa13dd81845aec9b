// What the welcome keeps in storage.local, and its messages (src/core/welcome.ts).
import { z } from "zod";
import { WELCOME_STEPS, type WelcomeState } from "./welcome.ts";

/** storage.local key, read with its default: no migration needed before the first install or update. */
export const WELCOME_KEY = "welcome";
export const WelcomeSchema = z
  .object({
    skipped: z.array(z.enum(WELCOME_STEPS)),
    news: z.object({ from: z.string(), to: z.string() }).nullable(),
  })
  .default({ skipped: [], news: null }) satisfies z.ZodType<WelcomeState>;

const WelcomeGet = z.object({ type: z.literal("welcome/get") });
const WelcomeSkip = z.object({
  type: z.literal("welcome/skip"),
  step: z.enum(WELCOME_STEPS),
  skipped: z.boolean(),
});
/** The note was shown: it will not be again. */
const WelcomeNewsSeen = z.object({ type: z.literal("welcome/news-seen") });
export const WELCOME_MESSAGES = [WelcomeGet, WelcomeSkip, WelcomeNewsSeen] as const;
export type WelcomeMessageType = z.infer<(typeof WELCOME_MESSAGES)[number]>["type"];
