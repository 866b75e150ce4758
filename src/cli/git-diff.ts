// What a range of commits adds, from the local clone: `git diff base...head` per file, read with the same patch
// reader the App uses, so only added lines count. Used by the GitHub Action on pull requests and pushes.
import { spawnSync } from "node:child_process";
import type { PathFilter } from "../config/path-filter.js";
import { parsePatch, patchText } from "../github/parse-patch.js";
import type { SourceItem } from "../scan/collect-report.js";
import { GitError } from "./git.js";

export function diffSource(repo: string, base: string, head: string, filter: PathFilter): { items: SourceItem[]; diffLines: Map<string, Set<number>> } {
  const r = spawnSync("git", ["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--unified=3", "--no-renames", "--diff-filter=AM", `${base}...${head}`], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    throw new GitError(`git diff ${base}...${head} failed (${r.stderr.trim().split("\n")[0]}). The Action needs both commits: use actions/checkout with fetch-depth: 0.`);
  }
  const items: SourceItem[] = [];
  const diffLines = new Map<string, Set<number>>();
  for (const section of r.stdout.split(/^diff --git /m).slice(1)) {
    const path = /^\+\+\+ b\/(.*)$/m.exec(section)?.[1];
    if (!path) {
      const name = /^a\/(.*?) b\//.exec(section)?.[1] ?? "unknown";
      if (/^Binary files /m.test(section)) items.push({ path: name, skipped: "binary file" });
      continue;
    }
    const decision = filter(path);
    if (!decision.included) {
      items.push({ path, skipped: decision.reason ?? "excluded by config" });
      continue;
    }
    const patch = section.slice(section.indexOf("\n@@") + 1);
    const p = parsePatch(patch);
    diffLines.set(path, new Set(p.lines.keys()));
    items.push({ path, text: patchText(p), bytes: patch.length, lines: p.added });
  }
  return { items, diffLines };
}
