// Reads a unified diff `patch` as GitHub returns it for one file (PR files, compare): which new-file lines were
// added, the text of every new-file line the patch shows, and which lines a review comment may target. Memory
// follows the patch, never the line numbers it claims: a hunk header saying `+50000000` costs nothing here, and a
// patch whose hunks contradict themselves is flagged (`problem`) instead of trusted.
export interface PatchLines {
  /** New-file line number → text, for added and context lines. */
  lines: Map<number, string>;
  /** New-file line numbers added by the change. */
  added: Set<number>;
  /** Highest new-file line number the patch mentions. */
  lastLine: number;
  /** Why the patch cannot be trusted (hunk counts that do not match its lines, hunks out of order), if so. */
  problem?: string;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Beyond this many lines, the gap-filled text of a patch (patchText) is not built: the file is read instead. */
export const MAX_PATCH_TEXT_LINES = 200_000;

export function parsePatch(patch: string): PatchLines {
  const lines = new Map<number, string>();
  const added = new Set<number>();
  let next = 0;
  let lastLine = 0;
  let problem: string | undefined;
  // What the current hunk header promised, counted down as its lines arrive.
  let oldLeft = 0;
  let newLeft = 0;
  let header = "";
  const closeHunk = () => {
    if (header && (oldLeft !== 0 || newLeft !== 0)) problem ??= `hunk "${header.slice(0, 60)}" does not have the lines its header counts`;
  };
  for (const raw of patch.split("\n")) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      closeHunk();
      const start = Number(hunk[3]);
      if (!Number.isSafeInteger(start) || (start < next && start !== 0)) problem ??= `hunk "${raw.slice(0, 60)}" starts before the previous hunk ends`;
      next = start;
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      header = raw;
      continue;
    }
    if (!header) continue; // before the first hunk header
    const tag = raw[0];
    if (tag === "+" || tag === " ") {
      lines.set(next, raw.slice(1));
      if (tag === "+") added.add(next);
      lastLine = next;
      next++;
      newLeft--;
      if (tag === " ") oldLeft--;
    } else if (tag === "-") oldLeft--;
    // "\ No newline at end of file" is not a line; an empty last element comes from a trailing newline
  }
  closeHunk();
  return { lines, added, lastLine, ...(problem ? { problem } : {}) };
}

/** The new-file text the patch shows, each line at its own line number (gaps left empty), so findings keep real line
 * numbers. Only for patches up to MAX_PATCH_TEXT_LINES (callers read the file itself beyond that). */
export function patchText(p: PatchLines): string {
  if (p.lastLine > MAX_PATCH_TEXT_LINES) throw new RangeError(`patchText: line ${p.lastLine} is beyond ${MAX_PATCH_TEXT_LINES}`);
  const out: string[] = new Array(p.lastLine).fill("");
  for (const [n, text] of p.lines) out[n - 1] = text;
  return out.join("\n");
}

/** Does the file (its text) have the lines the patch shows, with the same text? Validates a patch against the file. */
export function patchMatchesFile(p: PatchLines, text: string): string | undefined {
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1 && starts.length <= p.lastLine; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  if (p.lastLine > starts.length)
    return `the patch names line ${p.lastLine.toLocaleString("en-US")} but the file has ${starts.length.toLocaleString("en-US")} lines`;
  for (const n of p.added) {
    const from = starts[n - 1];
    const to = n < starts.length ? starts[n] - 1 : text.length;
    if (text.slice(from, to).replace(/\r$/, "") !== p.lines.get(n)!.replace(/\r$/, "")) return `line ${n} of the file is not the line the patch adds there`;
  }
  return undefined;
}
