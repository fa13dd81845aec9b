// The page detector with its claims (src/pages/claims.ts), for the tests. The content script
// builds the same one from main.js's claims (src/content/start-page.ts).
import { claimableKinds } from "./claims.ts";
import { pageDetector } from "./index.ts";

export const detectPage = pageDetector(claimableKinds);
