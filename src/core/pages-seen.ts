// The Urssaf pages our content script recognised: the last one and how many (the popup's status).
// Kept in memory (read once per worker) and written through at once: no read before each write, and
// nothing lost when the worker is stopped right after.
import type { z } from "zod";
import { PAGES_KEY, PagesSchema } from "./storage/schema.ts";
import type { Store } from "./storage/store.ts";

type Pages = z.infer<typeof PagesSchema>;

export function createPagesSeen(store: Store) {
  let pages: Pages | undefined;
  let loading: Promise<Pages> | undefined;
  const load = (): Promise<Pages> => {
    loading ??= store.getOr(PAGES_KEY, PagesSchema, { last: null, count: 0 }).then((stored) => {
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
      await store.set(PAGES_KEY, pages);
    },
  };
}

export type PagesSeen = ReturnType<typeof createPagesSeen>;
