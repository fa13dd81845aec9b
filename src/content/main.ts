// Content script (isolated world), injected at document_start on https://*.urssaf.fr/*.
// First, synchronously, it hands the MAIN-world dialog bridge its private port (before any page script
// runs); then, once the DOM is parsed, it recognises the page and runs the features registered for it.

import { runFeatures } from "../core/features.ts";
import { fillField, findControlByLabel } from "../pages/dom.ts";
import { detectPage } from "../pages/index.ts";
import { leavesByItself, takeAnswerPage } from "../portfolio/features/bulk-job/answer-page.ts";
import { connectDialogBridge } from "./bridge-client.ts";
import { FEATURES } from "./features.ts";

const bridge = connectDialogBridge();
const lifetime = new AbortController();
addEventListener("pagehide", () => lifetime.abort(), { once: true });

async function start(): Promise<void> {
  // The site's answer page of a job's « Enregistrer »: it leaves by itself for the list (see answer-page.ts).
  if (takeAnswerPage(Date.now()) && (await leavesByItself())) return;
  const detectStart = performance.now();
  const page = detectPage(document, new URL(location.href));
  const detectMs = performance.now() - detectStart;
  // Debugging handle in the isolated world only: page scripts cannot see it.
  Object.assign(globalThis, {
    tiersAssistant: {
      page,
      bridge,
      detect: () => detectPage(document, new URL(location.href)),
      dom: { findControlByLabel, fillField },
    },
  });
  // The page recognised reaches the background with the bulk-job feature's first report (one message
  // per page load).
  await runFeatures(FEATURES, page, { doc: document, bridge, signal: lifetime.signal, detectMs });
}

if (document.readyState === "loading")
  document.addEventListener("DOMContentLoaded", () => void start(), { once: true });
else void start();
