// The adapters, the features and the page lifecycle of the content script, a file of their own: the
// worker injects it into a page only once main.ts finds that the page may be one of ours
// (src/pages/claims.ts, src/core/on-demand.ts), so the many Urssaf pages where nothing applies never
// parse it.
import { provide } from "../core/on-demand.ts";
import { startPage } from "./start-page.ts";

const code = { startPage };
export type PageFeaturesCode = typeof code;
provide("features", code);
