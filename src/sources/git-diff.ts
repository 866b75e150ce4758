// What a range of commits adds, from the local clone: `git diff base...head` per file, read with the same patch
// reader the App uses, so only added lines count. Used by the GitHub Action on pull requests and pushes.
import { spawnSync } from "node:child_process";
import type { PathFilter } from "../config/path-filter.js";
import { parsePatch, patchText } from "../github/parse-patch.js";
import type { SourceItem } from "../scan/source-item.js";
import { GitError } from "./git.js";

// Explicit prefixes and options override whatever the repository or user config says (diff.noprefix,
// diff.mnemonicPrefix, color.diff, diff.external, textconv drivers), so the output is always the one parsed below.
const DIFF_ARGS = [
  "-c",
  "core.quotePath=false",
  "diff",
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--unified=3",
  "--no-renames",
  "--diff-filter=AMT",
];

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** A path as git prints it in a diff header: C-quoted ("b/a \"b\".txt") when it holds a quote, backslash or control
 *  character, else bare, with a tab appended on `---`/`+++` lines when it contains a space. */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw.endsWith("\t") ? raw.slice(0, -1) : raw;
  const end = raw.lastIndexOf('"');
  const body = raw.slice(1, end > 0 ? end : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = body[++i];
    const octal = /^[0-7]{3}/.exec(body.slice(i));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 2;
    } else bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The new-side path of one `diff --git` section (its lines before the first hunk), or undefined for a deletion. */
function newPath(header: string): string | undefined {
  const plus = /^\+\+\+ (.*)$/m.exec(header)?.[1];
  const named = plus ?? /^Binary files .* and (.*) differ$/m.exec(header)?.[1] ?? headerPath(header);
  if (named === undefined || named === "/dev/null") return undefined;
  const path = unquoteGitPath(named);
  return path.startsWith("b/") ? path.slice(2) : path;
}

/** The `b/…` name of a header line `diff --git a/x b/x` (sections without ---/+++ lines: empty files, modes). */
function headerPath(section: string): string | undefined {
  const header = section.slice(0, section.indexOf("\n"));
  if (header.endsWith('"')) return /("b\/(?:[^"\\]|\\.)*")$/.exec(header)?.[1];
  // unquoted: both names are the same path (no renames), so the header is "a/P b/P"
  const half = (header.length - 1) / 2;
  return Number.isInteger(half) ? header.slice(half + 1) : undefined;
}

export function diffSource(repo: string, base: string, head: string, filter: PathFilter): { items: SourceItem[]; diffLines: Map<string, Set<number>> } {
  const r = spawnSync("git", [...DIFF_ARGS, `${base}...${head}`, "--"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`git is not available: ${r.error.message}`);
  if (r.status !== 0) {
    throw new GitError(
      `git diff ${base}...${head} failed (${r.stderr.trim().split("\n")[0]}). The Action needs both commits: use actions/checkout with fetch-depth: 0.`,
    );
  }
  const items: SourceItem[] = [];
  const diffLines = new Map<string, Set<number>>();
  for (const section of r.stdout.split(/^diff --git /m).slice(1)) {
    const hunk = section.indexOf("\n@@");
    const path = newPath(hunk === -1 ? section : section.slice(0, hunk));
    if (!path) continue; // deleted (the old side of a type change)
    if (hunk === -1) {
      if (/^Binary files /m.test(section)) items.push({ path, skipped: "binary file" });
      continue; // empty file, mode change
    }
    const decision = filter(path);
    if (!decision.included) {
      items.push({ path, skipped: decision.reason ?? "excluded by config" });
      continue;
    }
    const patch = section.slice(hunk + 1);
    const p = parsePatch(patch);
    diffLines.set(path, new Set(p.lines.keys()));
    items.push({ path, text: patchText(p), bytes: patch.length, lines: p.added });
  }
  return { items, diffLines };
}
