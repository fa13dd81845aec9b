// Which Urssaf page is this? Adapters are asked in order, most specific first; the first that claims
// the page reads it. No claim means "not an Urssaf page we know": features do nothing there.
// The kinds that may apply come from claims.ts, given to pageDetector rather than imported: in the
// browser, page-features.js takes main.js's copy (src/content/start-page.ts) instead of carrying its
// own. The tests take src/pages/detect.ts.

import { inStage } from "../core/stage.ts";
import type { PageAddress } from "./claims.ts";
import { connexionPage } from "./connexion.ts";
import { erreurPage } from "./erreur.ts";
import { etablissementDetailPage } from "./etablissement-detail.ts";
import { etablissementsPage } from "./etablissements.ts";
import { inscriptionComptePage } from "./inscription-compte.ts";
import type { PageKind } from "./kinds.ts";
import { messageriePage } from "./messagerie.ts";
import { suiviDsnAnomaliePage, suiviDsnPage } from "./suivi-dsn.ts";
import { suiviDsnListePage } from "./suivi-dsn-anomalies.ts";
import { tableauDeBordPage } from "./tableau-de-bord.ts";
import type { PageAdapter, PageRead } from "./types.ts";

export const ADAPTERS = [
  erreurPage,
  connexionPage,
  tableauDeBordPage,
  etablissementDetailPage,
  inscriptionComptePage,
  etablissementsPage,
  suiviDsnAnomaliePage,
  suiviDsnListePage,
  suiviDsnPage,
  messageriePage,
] as const;

type AnyAdapter = (typeof ADAPTERS)[number];
export type DetectedPage = ReturnType<AnyAdapter["read"]>;

/** The kinds of page that may apply, before any reading (claimableKinds in claims.ts). */
export type Claimable = (doc: Document, url: PageAddress) => ReadonlySet<PageKind>;
export type PageDetector = (doc: Document, url: PageAddress) => DetectedPage | null;

export function pageDetector(claimable: Claimable): PageDetector {
  return (doc, url) => {
    const kinds = inStage("claimable", () => claimable(doc, url));
    if (kinds.size === 0) return null;
    for (const adapter of ADAPTERS as readonly PageAdapter<PageKind, unknown>[]) {
      if (kinds.has(adapter.kind) && inStage(`claims ${adapter.kind}`, () => adapter.claims(doc, url)))
        return inStage(`read ${adapter.kind}`, () => adapter.read(doc, url)) as DetectedPage;
    }
    return null;
  };
}

export function pageLabel(kind: PageKind): string {
  return (ADAPTERS as readonly PageAdapter<PageKind, unknown>[]).find((a) => a.kind === kind)?.label ?? kind;
}

export type { PageRead };
