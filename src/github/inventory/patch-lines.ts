// Where an old line of a file is after a change, from the change's unified diff (the `patch` GitHub lists for a
// pushed file): its new line number, or null when the change deleted it. Pure.
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function mapOldLine(patch: string, oldLine: number): number | null {
  let offset = 0;
  let o = 0;
  let n = 0;
  let inHunk = false;
  for (const line of patch.split("\n")) {
    const h = HUNK.exec(line);
    if (h) {
      if (inHunk) offset = n - o;
      // a count of 0 means the hunk sits after line `start`: the next line is start + 1
      o = Number(h[1]) + (h[2] === "0" ? 1 : 0);
      n = Number(h[3]) + (h[4] === "0" ? 1 : 0);
      if (oldLine < o) return oldLine + offset;
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith("+")) n++;
    else if (line.startsWith("-")) {
      if (o === oldLine) return null;
      o++;
    } else if (line.startsWith(" ") || line === "") {
      if (o === oldLine) return n;
      o++;
      n++;
    }
  }
  return oldLine + (inHunk ? n - o : offset);
}
