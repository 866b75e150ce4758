// Finds `sas-guard:ignore reason="…"` comments and decides which finding each one covers. One comment covers
// exactly one finding, the token it is next to (README "Inline ignores: which token a comment covers"):
//   * a comment after a token on its line covers the nearest token before it, if that token ends within
//     NEAR characters of the comment;
//   * otherwise a comment before a token on its line (`/* sas-guard:ignore … */ token`) covers the first token
//     after it, within NEAR characters;
//   * a comment alone on its line (nothing before it but whitespace, and no token of its own) covers the first
//     token of the next line.
// A security gate must not let one comment on a minified line hide every token on that line (issue 15.5).
// Each line is read once, whatever the number of findings on it, so the check is linear (issue 15.6).
// Any common comment syntax: # // /* */ <!-- --> -- ; and a leading * inside block comments.
import { LineIndex } from "./line-index.js";
import { redactSecretsInText } from "./redact-text.js";

/** How far (characters) a comment may be from the token it covers on the same line. */
export const NEAR = 120;
/** Where the reason may be written, after the keyword: a bounded look, so many comments on a line stay linear. */
const REASON_WINDOW = 1024;

const KEYWORD = /sas-guard:ignore\b/gi;
const OPENERS = ["<!--", "//", "/*", "--", "#", ";", "*"];
const REASON = /^[^\n]*?\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|\u201c([^\u201d]*)\u201d)/i;

export interface InlineIgnore {
  /** 1-based line of the comment. */
  line: number;
  /** The non-empty reason, or undefined when the comment has none (and so does not suppress). */
  reason?: string;
}

export interface IgnoreComment extends InlineIgnore {
  /** 0-based offsets in the line: where the comment opener starts, and where its reason (or keyword) ends. */
  start: number;
  end: number;
  /** Nothing but whitespace before it on its line. */
  alone: boolean;
}

/** Where a finding sits (1-based line and columns, endColumn exclusive), as the engine reports it. */
export interface Placed {
  line: number;
  column: number;
  endColumn: number;
}

/** Cheap pre-check so that files without any ignore comment are never split into lines. */
export const mentionsInlineIgnore = (text: string): boolean => /sas-guard:ignore/i.test(text);

function openerBefore(line: string, keywordAt: number): number | undefined {
  let i = keywordAt;
  while (i > 0 && keywordAt - i < 64 && (line[i - 1] === " " || line[i - 1] === "\t")) i--;
  for (const o of OPENERS) if (line.startsWith(o, i - o.length)) return i - o.length;
  return undefined;
}

/** Every ignore comment on one line (without its line break), left to right. */
export function ignoreCommentsOn(lineText: string, line: number): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  let firstNonSpace = 0;
  while (firstNonSpace < lineText.length && /\s/.test(lineText[firstNonSpace]!)) firstNonSpace++;
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(lineText); m; m = KEYWORD.exec(lineText)) {
    const start = openerBefore(lineText, m.index);
    if (start === undefined) continue;
    const keywordEnd = m.index + m[0].length;
    const rest = lineText.slice(keywordEnd, keywordEnd + REASON_WINDOW);
    const next = rest.search(/sas-guard:ignore/i);
    const reason = REASON.exec(next === -1 ? rest : rest.slice(0, next));
    // A reason is shown in every output: a token quoted in it (reason="tested with https://…&sig=…") is redacted.
    const text = redactSecretsInText((reason?.[1] ?? reason?.[2] ?? reason?.[3] ?? "").trim());
    const end = keywordEnd + (reason ? reason[0].length : 0);
    out.push({ line, start, end, alone: start === firstNonSpace, ...(text ? { reason: text } : {}) });
  }
  return out;
}

/**
 * For each finding (by index in `findings`) the comment that covers it, and for each finding left uncovered on
 * a line that has a comment, that comment (so the report can say the comment covers another token).
 */
export function assignInlineIgnores(text: string, findings: readonly Placed[]): { covered: Map<number, InlineIgnore>; nearby: Map<number, InlineIgnore> } {
  const covered = new Map<number, InlineIgnore>();
  const nearby = new Map<number, InlineIgnore>();
  if (findings.length === 0 || !mentionsInlineIgnore(text)) return { covered, nearby };
  const lines = new LineIndex(text);
  const lineText = (n: number): string => (n < 1 || n > lines.lineCount ? "" : lines.lineText(n - 1).replace(/\r$/, ""));
  const byLine = new Map<number, number[]>();
  findings.forEach((f, i) => {
    const list = byLine.get(f.line);
    if (list) list.push(i);
    else byLine.set(f.line, [i]);
  });
  for (const [line, indexes] of byLine) {
    const onLine = indexes.sort((a, b) => findings[a]!.column - findings[b]!.column);
    const comments = ignoreCommentsOn(lineText(line), line);
    // Comments and findings left to right, in one pass: `open` holds the uncovered findings that start before
    // the current comment, nearest last.
    const open: number[] = [];
    let p = 0;
    for (const c of comments) {
      while (p < onLine.length && findings[onLine[p]!]!.column - 1 < c.start) {
        if (!covered.has(onLine[p]!)) open.push(onLine[p]!);
        p++;
      }
      const before = open[open.length - 1];
      if (before !== undefined && c.start - (findings[before]!.endColumn - 1) <= NEAR) {
        covered.set(open.pop()!, c);
        continue;
      }
      let q = p;
      while (q < onLine.length && findings[onLine[q]!]!.column - 1 < c.end) q++;
      const after = onLine[q];
      if (after !== undefined && !covered.has(after) && findings[after]!.column - 1 - c.end <= NEAR) covered.set(after, c);
    }
    const above = byLine.has(line - 1) ? undefined : ignoreCommentsOn(lineText(line - 1), line - 1)[0];
    if (above?.alone && !covered.has(onLine[0]!)) covered.set(onLine[0]!, above);
    const near = comments[0] ?? (above?.alone ? above : undefined);
    if (near) for (const i of onLine) if (!covered.has(i)) nearby.set(i, near);
  }
  return { covered, nearby };
}
