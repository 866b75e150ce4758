// Where a working-tree scan is rooted, whatever paths it is given: the git repository that holds the first path
// (so `scan notebooks` from the repository root, or from anywhere, reads the repository's .github/sas-guard.yml,
// matches paths.ignore against repository-relative paths and writes repository-relative SARIF URIs). Outside git:
// the current directory when the paths are under it, else the one directory given (its own root, as before).
import { spawnSync } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";

export interface ScanRoot {
  /** Absolute, symbolic links resolved (git prints it that way). */
  root: string;
  /** How the root was found, for the report's "config" line and for tests. */
  how: "git" | "cwd" | "directory";
  /** The given paths, absolute and resolved the same way, so that relative(root, path) has no "../" detour. */
  paths: string[];
}

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p; // missing: the walk reports it as "cannot read"
  }
};

/** The top level of the git work tree holding `dir`, or undefined (not in git, or git not installed). */
export function gitWorkTree(dir: string): string | undefined {
  const r = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() !== "" ? real(r.stdout.trim()) : undefined;
}

const isUnder = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

export function findScanRoot(paths: string[], cwd = process.cwd()): ScanRoot {
  const abs = paths.map((p) => real(resolve(cwd, p)));
  const first = abs[0] ?? real(cwd);
  let start = first;
  try {
    if (!statSync(first).isDirectory()) start = dirname(first);
  } catch {
    start = real(cwd);
  }
  const top = gitWorkTree(start);
  if (top && abs.every((p) => isUnder(top, p))) return { root: top, how: "git", paths: abs };
  const here = real(cwd);
  if (abs.every((p) => isUnder(here, p))) return { root: here, how: "cwd", paths: abs };
  if (abs.length === 1 && start === first) return { root: first, how: "directory", paths: abs };
  return { root: here, how: "cwd", paths: abs };
}
