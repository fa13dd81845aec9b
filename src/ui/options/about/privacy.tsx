// The privacy statement, shipped in the extension: the repository's PRIVACY.md (French) or
// PRIVACY.en.md, chosen by the browser's language, rendered in the options page's « À propos ».

import english from "../../../../PRIVACY.en.md?raw";
import french from "../../../../PRIVACY.md?raw";
import { browser } from "../../../core/browser.ts";
import { Markdown } from "./markdown.tsx";

export function PrivacyStatement() {
  const fr = browser.i18n.getUILanguage().toLowerCase().startsWith("fr");
  return (
    <article data-testid="privacy" lang={fr ? "fr" : "en"}>
      <Markdown source={fr ? french : english} />
    </article>
  );
}
