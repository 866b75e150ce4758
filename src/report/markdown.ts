// GitHub-flavoured Markdown building blocks. File names and engine messages are untrusted text:
// they must not break a table, open an HTML tag or close a code span early.

/** Plain text for a paragraph or table cell: no HTML, no table break, no line break. */
export const escapeText = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\s*[\r\n]+\s*/g, " ");

/**
 * An inline code span that survives any content: the fence is one backtick longer than the longest run inside
 * (CommonMark 6.1). Pipes are escaped because GFM splits table cells on `|` even inside code spans.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `text` is already escaped (escapeText); only brackets could still end the link text early. */
export const link = (text: string, url: string): string => `[${text.replace(/([[\]])/g, "\\$1")}](${url})`;

/** One table row from already-escaped cells. */
export const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;

/** Percent-encode each path segment for a URL, keeping the slashes. */
export const encodePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");
