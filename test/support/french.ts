// The extension's French messages outside the browser (unit tests): browser.i18n.getMessage's
// substitution of $1, $2… through the named placeholders, from public/_locales/fr/messages.json.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const messages = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../public/_locales/fr/messages.json"), "utf8"),
) as Messages;

export function frenchT(key: string, substitutions: string | string[] = []): string {
  const entry = messages[key];
  if (!entry) throw new Error(`message inconnu : ${key}`);
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? "";
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? "");
  });
}
