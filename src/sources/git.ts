// Git plumbing for `--history` and `--staged`: list blobs, read them through one `git cat-file --batch` process,
// and find the commit that first introduced each blob. Streams everything: memory stays bounded on huge histories.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`git is not available: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed in ${cwd}: ${r.stderr.trim() || `exit ${r.status}`}`);
  return r.stdout;
}

export function gitTopLevel(cwd: string): string {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  } catch (error) {
    throw new GitError(`${cwd} is not inside a git repository (${(error as Error).message.split("\n")[0]}); --history and --staged need one.`);
  }
}

export interface BlobRef {
  sha: string;
  path: string;
}

async function* lines(cwd: string, args: string[]): AsyncGenerator<string> {
  const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  for await (const line of createInterface({ input: child.stdout })) yield line;
  const code = await done;
  if (code !== 0) throw new GitError(`git ${args[0]} failed: ${stderr.trim() || `exit ${code}`}`);
}

/** Every blob reachable from any ref, each once, with the first path git reports for it. */
export async function* allBlobs(cwd: string): AsyncGenerator<BlobRef> {
  // Commits come without a path; trees come with one and are filtered out by the reader (object type).
  for await (const line of lines(cwd, ["rev-list", "--objects", "--all"])) {
    const space = line.indexOf(" ");
    if (space !== -1) yield { sha: line.slice(0, space), path: line.slice(space + 1) };
  }
}

/** Blobs staged in the index (what the next commit will contain). */
export function stagedBlobs(cwd: string): BlobRef[] {
  const out: BlobRef[] = [];
  // Only files added, copied, modified or renamed in the index relative to HEAD (or everything on an unborn branch).
  const hasHead = spawnSync("git", ["rev-parse", "--verify", "-q", "HEAD"], { cwd }).status === 0;
  const names = hasHead
    ? git(cwd, ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"]).split("\0").filter(Boolean)
    : git(cwd, ["ls-files", "-z", "--cached"]).split("\0").filter(Boolean);
  if (names.length === 0) return out;
  const wanted = new Set(names);
  for (const entry of git(cwd, ["ls-files", "-z", "--stage"]).split("\0")) {
    const m = /^\d+ ([0-9a-f]{40,64}) \d\t(.*)$/s.exec(entry);
    if (m && wanted.has(m[2])) out.push({ sha: m[1], path: m[2] });
  }
  return out;
}

export interface Blob {
  sha: string;
  type: string;
  size: number;
  /** Undefined when the blob is larger than the limit (its bytes were skipped, not held in memory). */
  content?: Buffer;
}

/** Reads objects through one `git cat-file --batch`, one at a time, skipping the bytes of those over `maxBytes`. */
export async function* readBlobs(cwd: string, shas: AsyncIterable<string> | Iterable<string>, maxBytes: number): AsyncGenerator<Blob> {
  const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const writer = (async () => {
    for await (const sha of shas) {
      if (!child.stdin.write(`${sha}\n`)) await new Promise((r) => child.stdin.once("drain", r));
    }
    child.stdin.end();
  })();

  let buf: Buffer = Buffer.alloc(0);
  let pending: { sha: string; type: string; size: number; chunks: Buffer[]; got: number } | undefined;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (!pending) {
        const nl = buf.indexOf(10);
        if (nl === -1) break;
        const header = buf.subarray(0, nl).toString();
        buf = buf.subarray(nl + 1);
        const [sha, type, size] = header.split(" ");
        if (type === "missing" || size === undefined) {
          yield { sha, type: "missing", size: 0 };
          continue;
        }
        pending = { sha, type, size: Number(size), chunks: [], got: 0 };
      }
      const need = pending.size + 1 - pending.got; // content plus the trailing newline
      const take = Math.min(need, buf.length);
      if (pending.size <= maxBytes && pending.type === "blob") pending.chunks.push(buf.subarray(0, take));
      pending.got += take;
      buf = buf.subarray(take);
      if (pending.got < pending.size + 1) break;
      const keep = pending.size <= maxBytes && pending.type === "blob";
      const content = keep ? Buffer.concat(pending.chunks).subarray(0, pending.size) : undefined;
      yield { sha: pending.sha, type: pending.type, size: pending.size, content };
      pending = undefined;
    }
  }
  await writer;
  const code = await new Promise<number>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("close", (c) => resolve(c ?? 1))));
  if (code !== 0) throw new GitError(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`);
}

export interface BlobOrigin {
  commit: string;
  date: string;
  author: string;
  path: string;
}

/** `%aI` keeps the author's offset ("…T09:30:00+01:00"): ISO 8601 UTC instead, so that dates compare as strings. */
function utcDate(date: string): string {
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** For each blob, the oldest commit (on any ref) that added it, from one `git log --raw` pass; oldest first. */
export async function blobOrigins(cwd: string): Promise<Map<string, BlobOrigin>> {
  const origins = new Map<string, BlobOrigin>();
  let commit = { sha: "", date: "", author: "" };
  const args = ["log", "--all", "--reverse", "--raw", "--no-abbrev", "--no-renames", "-m", "--format=%x01%H%x09%aI%x09%an"];
  for await (const line of lines(cwd, args)) {
    if (line.startsWith("\x01")) {
      const [sha, date, author] = line.slice(1).split("\t");
      commit = { sha, date: utcDate(date), author };
      continue;
    }
    if (!line.startsWith(":")) continue;
    const tab = line.indexOf("\t");
    const fields = line.slice(1, tab).split(" ");
    const blob = fields[3];
    if (!blob || /^0+$/.test(blob) || origins.has(blob)) continue;
    origins.set(blob, { commit: commit.sha, date: commit.date, author: commit.author, path: line.slice(tab + 1) });
  }
  return origins;
}

/** Blob SHAs of HEAD's tree (empty on an unborn branch): a token in one of them is still present. */
export function headBlobs(cwd: string): Set<string> {
  const r = spawnSync("git", ["ls-tree", "-r", "-z", "HEAD"], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const out = new Set<string>();
  if (r.status !== 0) return out;
  for (const entry of r.stdout.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]{40,64})\t/.exec(entry);
    if (m) out.add(m[1]);
  }
  return out;
}

/** The checked-out branch's name, or "HEAD" when detached. */
export function currentBranch(cwd: string): string {
  const r = spawnSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "HEAD";
}
