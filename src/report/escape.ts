// One escaping helper per output format that is not Markdown (Markdown is in markdown.ts). Every renderer passes
// untrusted text — paths, branch names, reasons, config values, summaries — through the helper of its format.
import type { Text } from "../detect/types.js";

// C0 and C1 controls (ESC included), DEL, and the bidirectional overrides of "Trojan Source" (CVE-2021-42574).
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const visible = (ch: string): string =>
  NAMED[ch] ?? (ch.charCodeAt(0) < 0x100 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}` : `\\u${ch.charCodeAt(0).toString(16)}`);

/**
 * Text for a terminal line: every control character is shown as an escape (`\x1b`, `\n`) instead of acting, so a
 * file name cannot recolour the screen, move the cursor or start a new line that looks like another finding.
 */
export const terminal = (text: string): string => text.replace(UNSAFE_FOR_TERMINAL, visible);

/** A structured explanation for the terminal: values highlighted by `code` (or quoted with backticks when plain). */
export const terminalText = (text: Text, code: (value: string) => string = (v) => `\`${v}\``): string =>
  text.map((p) => (typeof p === "string" ? terminal(p) : code(terminal(p.code)))).join("");

// GitHub Actions workflow commands, as the toolkit escapes them (actions/toolkit packages/core/src/command.ts):
// the message after `::` and each `key=value` property of `::error file=…,title=…::`.
// Other control characters (but tabs) are dropped: the Actions log renders ANSI escapes, so an ESC in a file name would
// recolour or hide lines of the log.
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export const workflowData = (text: string): string =>
  text.replace(CONTROLS_BUT_LINE_BREAKS, "").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const workflowProperty = (text: string): string => workflowData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One line of plain text for a field GitHub shows as is (check-run and annotation titles, issue titles). */
export const plainLine = (text: string): string => text.replace(/[\r\n]+/g, " ").replace(CONTROLS_BUT_LINE_BREAKS, "");

/** Text for HTML element content or a quoted attribute value. */
export const html = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
