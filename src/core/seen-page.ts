// The Urssaf page a content script recognised (or not), as it crosses the message channel and as the
// popup's "last page" keeps it in storage.
import { z } from "zod";
import { PAGE_KINDS } from "../pages/kinds.ts";

const pageKind = z.enum(PAGE_KINDS);

export const SeenPageSchema = z.union([
  z.object({ understood: z.literal(true), kind: pageKind }),
  z.object({ understood: z.literal(false), kind: pageKind.nullable(), missing: z.array(z.string()) }),
]);
export type SeenPage = z.infer<typeof SeenPageSchema>;

export const LastPageSchema = z.object({
  kind: pageKind.nullable(),
  understood: z.boolean(),
  missing: z.array(z.string()),
  host: z.string(),
  at: z.string(),
});
export type LastPage = z.infer<typeof LastPageSchema>;
