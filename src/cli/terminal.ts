// What the command line prints comes partly from the file it reads (client names, DSN values, file
// names): control characters there could move the cursor, rewrite the screen or change the terminal's
// title (ANSI escapes), and bidirectional overrides could reorder what the user reads. Each such
// character is printed as U+FFFD « � » instead; line breaks of our own text are kept.

// C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates, line and
// paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character replaced by « � ». */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, "\ufffd");
}

/** JSON text with the same characters written as \u escapes: still the same JSON value, safe to print. */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
