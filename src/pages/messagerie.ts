// The messaging service (dcl.urssaf.fr): recognised so features can run there later.
import { hasText } from "./dom.ts";
import type { PageAdapter } from "./types.ts";

export const messageriePage: PageAdapter<"messagerie", Record<string, never>> = {
  kind: "messagerie",
  label: "Messagerie",
  claims: (doc, url) => url.hostname.startsWith("dcl.") && hasText(doc, "Messagerie"),
  read: () => ({ understood: true, kind: "messagerie", view: {} }),
};
