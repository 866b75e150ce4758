// Finds the `sas-guard:ignore reason="…"` comment that applies to a line: on the line itself, or on the line
// above when that line is only a comment (a trailing comment belongs to its own line's token, not the next one).
// Any common comment syntax: # // /* */ <!-- --> -- ; and a leading * inside block comments.

const OPENER = String.raw`(?:#|\/\/|\/\*|<!--|--|;|\*)`;
const ON_LINE = new RegExp(`${OPENER}\\s*sas-guard:ignore\\b(.*)`, "i");
const ALONE_ON_LINE = new RegExp(`^\\s*${OPENER}\\s*sas-guard:ignore\\b(.*)`, "i");
const REASON = /\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|\u201c([^\u201d]*)\u201d)/i;

export interface InlineIgnore {
  /** 1-based line of the comment. */
  line: number;
  /** The non-empty reason, or undefined when the comment has none (and so does not suppress). */
  reason?: string;
}

/** Cheap pre-check so that files without any ignore comment are never split into lines. */
export const mentionsInlineIgnore = (text: string): boolean => /sas-guard:ignore/i.test(text);

function parse(lineText: string | undefined, pattern: RegExp, line: number): InlineIgnore | undefined {
  const match = lineText === undefined ? null : pattern.exec(lineText);
  if (!match) return undefined;
  const reason = REASON.exec(match[1]);
  const text = (reason?.[1] ?? reason?.[2] ?? reason?.[3] ?? "").trim();
  return text ? { line, reason: text } : { line };
}

/** `lines` are the file's lines (0-based array); `line` is the finding's 1-based line. */
export function findInlineIgnore(lines: readonly string[], line: number): InlineIgnore | undefined {
  return parse(lines[line - 1], ON_LINE, line) ?? parse(lines[line - 2], ALONE_ON_LINE, line - 1);
}
