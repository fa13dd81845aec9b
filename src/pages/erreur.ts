// The site's technical error page ("Erreur technique, veuillez réessayer ultérieurement"): a bulk job
// retries with back-off when it lands here.
import { findByText, textOf } from "./dom.ts";
import type { PageAdapter } from "./types.ts";

/** Folded form (see dom.ts): matches « Erreur technique », « ERREUR TECHNIQUE : … ». */
const ERROR = /^erreur technique\b/;

export const erreurPage: PageAdapter<"erreur", { message: string }> = {
  kind: "erreur",
  label: "Erreur technique du site",
  claims: (doc) => findByText(doc, ERROR).length > 0,
  read: (doc) => ({
    understood: true,
    kind: "erreur",
    view: { message: textOf(findByText(doc, ERROR)[0]) || "Erreur technique" },
  }),
};
