// Reads a unified diff `patch` as GitHub returns it for one file (PR files, compare): which new-file lines were
// added, the text of every new-file line the patch shows, and which lines a review comment may target.
export interface PatchLines {
  /** New-file line number → text, for added and context lines. */
  lines: Map<number, string>;
  /** New-file line numbers added by the change. */
  added: Set<number>;
  /** Highest new-file line number the patch mentions. */
  lastLine: number;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parsePatch(patch: string): PatchLines {
  const lines = new Map<number, string>();
  const added = new Set<number>();
  let next = 0;
  let lastLine = 0;
  for (const raw of patch.split("\n")) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (next === 0) continue; // before the first hunk header
    const tag = raw[0];
    if (tag === "+" || tag === " ") {
      lines.set(next, raw.slice(1));
      if (tag === "+") added.add(next);
      lastLine = next;
      next++;
    }
    // "-" lines belong to the old file; "\ No newline at end of file" is not a line
  }
  return { lines, added, lastLine };
}

/** The new-file text the patch shows, each line at its own line number (gaps left empty), so findings keep real line numbers. */
export function patchText(p: PatchLines): string {
  const out: string[] = new Array(p.lastLine).fill("");
  for (const [n, text] of p.lines) out[n - 1] = text;
  return out.join("\n");
}
