import type { Handlers } from "./router.ts";
import { META_KEY, MetaSchema, PAGES_KEY, PagesSchema } from "./schema.ts";
import { isUrssafUrl } from "./senders.ts";
import type { Store } from "./store.ts";

export function createHandlers(store: Store, now: () => Date): Handlers {
  return {
    async "page/seen"(message, sender) {
      const url = sender.url ?? sender.tab?.url;
      const host = url && isUrssafUrl(url) ? new URL(url).hostname : "";
      await store.update(PAGES_KEY, PagesSchema, (pages) => ({
        count: pages.count + 1,
        last: {
          kind: message.page.kind,
          understood: message.page.understood,
          missing: message.page.understood ? [] : message.page.missing,
          host,
          at: now().toISOString(),
        },
      }));
      return { recorded: true };
    },
    async "status/get"() {
      const meta = await store.get(META_KEY, MetaSchema);
      const pages = await store.get(PAGES_KEY, PagesSchema);
      return {
        schemaVersion: meta.schemaVersion,
        installedAt: meta.installedAt,
        lastPage: pages.last,
        pagesSeen: pages.count,
      };
    },
  };
}
