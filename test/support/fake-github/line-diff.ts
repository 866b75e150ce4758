// A unified diff of two texts, the way GitHub shows one file's `patch` (hunks with 3 lines of context, no file
// header). Plain LCS on lines: fine for the small files tests use; above MAX_CELLS lines², a whole-file replace.
export interface FileDiff {
  patch: string;
  additions: number;
  deletions: number;
}

type Op = { tag: " " | "-" | "+"; text: string };

const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

const splitLines = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));

function ops(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ tag: "-" as const, text })), ...b.map((text) => ({ tag: "+" as const, text }))];
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ tag: " ", text: a[i] });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push({ tag: "+", text: b[j++] });
    else out.push({ tag: "-", text: a[i++] });
  }
  return out;
}

export function lineDiff(before: string, after: string): FileDiff {
  const all = ops(splitLines(before), splitLines(after));
  const changed = all.map((o, k) => (o.tag !== " " ? k : -1)).filter((k) => k >= 0);
  const hunks: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - CONTEXT);
    let end = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - end <= 2 * CONTEXT) end = changed[++k];
    k++;
    const stop = Math.min(all.length, end + CONTEXT + 1);
    // line numbers where the hunk starts in each file
    let oldLine = 1;
    let newLine = 1;
    for (const o of all.slice(0, start)) {
      if (o.tag !== "+") oldLine++;
      if (o.tag !== "-") newLine++;
    }
    const body = all.slice(start, stop);
    const oldCount = body.filter((o) => o.tag !== "+").length;
    const newCount = body.filter((o) => o.tag !== "-").length;
    hunks.push(
      [
        `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`,
        ...body.map((o) => o.tag + o.text),
      ].join("\n"),
    );
  }
  return { patch: hunks.join("\n"), additions: all.filter((o) => o.tag === "+").length, deletions: all.filter((o) => o.tag === "-").length };
}

/** New-file line numbers a review comment on the RIGHT side may target: added and context lines of the hunks. */
export function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  for (const raw of patch.split("\n")) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (h) {
      next = Number(h[1]);
      continue;
    }
    if (next === 0) continue;
    if (raw[0] === "+" || raw[0] === " ") lines.add(next++);
  }
  return lines;
}
