// A "clean clone" of this repository for install tests: the files git would commit now (tracked and new, not
// ignored: no node_modules/, no dist/), copied into a fresh git repository with one commit. Install routes that
// start from a clone (pre-commit, `npm i -g git+file://…`) then see exactly what a user's clone holds, including
// changes not committed yet. Not a test file.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GIT_ENV } from "../action/action-harness.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const dirs: string[] = [];

export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with a fixed git identity and no user/system git config; never throws. */
export function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeout = 600_000): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout, env: { ...process.env, ...GIT_ENV, ...env } });
  return { status: r.status, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ? `\n${r.error.message}` : ""}` };
}

export function mustRun(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): string {
  const r = run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A fresh repository holding the working tree as it would be committed; returns its path and commit SHA. */
export function cleanClone(): { dir: string; sha: string } {
  const dir = tempDir("sas-guard-clone-");
  const files = mustRun("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).split("\0").filter(Boolean);
  for (const f of files) {
    const from = join(ROOT, f);
    if (!existsSync(from)) continue; // deleted in the working tree, not committed yet
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(from, join(dir, f));
  }
  mustRun("git", ["init", "-q", "-b", "main"], dir);
  mustRun("git", ["add", "-A"], dir);
  mustRun("git", ["commit", "-q", "-m", "snapshot"], dir);
  return { dir, sha: mustRun("git", ["rev-parse", "HEAD"], dir).trim() };
}
