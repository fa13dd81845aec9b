// The Urssaf pages our content script recognised: the last one and how many (the popup's status).
// Kept in memory and written a moment later, once per burst: a running job loads a page every few
// seconds, and its own writes must not queue behind this statistic's.
import type { z } from "zod";
import { PAGES_KEY, PagesSchema } from "./schema.ts";
import type { Store } from "./store.ts";

type Pages = z.infer<typeof PagesSchema>;

export function createPagesSeen(store: Store, delayMs = 1_000) {
  let pages: Pages | undefined;
  let loading: Promise<Pages> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = (): Promise<Pages> => {
    loading ??= store.get(PAGES_KEY, PagesSchema).then((stored) => {
      pages ??= stored;
      return pages;
    });
    return loading.then(() => pages as Pages);
  };
  return {
    get: load,
    async record(last: Pages["last"]): Promise<void> {
      const current = await load();
      pages = { count: current.count + 1, last };
      clearTimeout(timer);
      timer = setTimeout(() => {
        store.set(PAGES_KEY, pages).catch((e: unknown) => console.warn("Tiers Assistant :", e));
      }, delayMs);
    },
  };
}

export type PagesSeen = ReturnType<typeof createPagesSeen>;
