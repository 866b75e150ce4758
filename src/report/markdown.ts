// GitHub-flavoured Markdown building blocks: the one place untrusted text (file names, branch names, engine
// messages, config values) becomes Markdown. It must not open a link or an HTML tag, break a table, end a code
// span early, start a list or heading, or notify anyone (@mentions, #references).
import type { Text } from "../detect/types.js";

// Controls other than line breaks (those become spaces): ESC sequences and NULs have no business in a comment.
const CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The punctuation GFM gives an inline meaning (emphasis, code, links, tables, strikethrough, math, headings);
// CommonMark 2.4 lets any of it be backslash-escaped, and the backslash is then not shown. Untrusted text never
// starts a line here (it follows a list marker, a cell border or a label), so `-`, `+` and `1.` need nothing.
const PUNCTUATION = /[\\`*_[\]|~#$]/g;
const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Plain text for a paragraph, list item, heading or table cell: entities for `& < >` (no HTML), backslashes before
 * Markdown punctuation (no link, emphasis, code span or table break), line breaks as spaces, and a zero-width
 * space after `@` and `#` so GitHub links no user, team or issue (its mention filter runs on the rendered text, so
 * an entity would not stop it).
 */
export const escapeText = (text: string): string =>
  text
    .replace(CONTROLS, "")
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(PUNCTUATION, "\\$&")
    .replace(/([@#])(?=[\p{L}\p{N}_-])/gu, `$1${ZERO_WIDTH_SPACE}`);

/**
 * An inline code span that survives any content: the fence is one backtick longer than the longest run inside
 * (CommonMark 6.1). In a table cell pipes are escaped, because GFM splits cells on `|` even inside code spans
 * (GFM 4.10); elsewhere a backslash would show, so they stay.
 */
export function codeSpan(text: string, { inTable = false } = {}): string {
  const flat = text.replace(CONTROLS, "").replace(/[\r\n]+/g, " ");
  const cell = inTable ? flat.replace(/\|/g, "\\|") : flat;
  const longestRun = Math.max(0, ...(cell.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = cell.startsWith("`") || cell.endsWith("`") || /^ .* $/.test(cell) ? " " : "";
  return `${fence}${pad}${cell}${pad}${fence}`;
}

/** A structured explanation as Markdown: text escaped, values as code spans. */
export const markdownText = (text: Text, options: { inTable?: boolean } = {}): string =>
  text.map((p) => (typeof p === "string" ? escapeText(p) : codeSpan(p.code, options))).join("");

/** A link whose text is already Markdown (escapeText or codeSpan output) and whose URL we built (encodePath). */
export const link = (markdown: string, url: string): string => `[${markdown}](${url.replace(/[()<>\s]/g, encodeURIComponent)})`;

/** One table row from already-escaped cells. */
export const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;

/** Percent-encode each path segment for a URL, keeping the slashes. */
export const encodePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");
