// One repository of the fake: git objects and branches, plus what GitHub keeps about it (pull requests, check
// runs, reviews, review comments and their threads). The builder methods (commit, branch, openPullRequest) are
// how tests set the scene; the routes read and write the rest.
import { ObjectStore } from "./git.js";
import { lineDiff } from "./line-diff.js";

export interface World {
  nextId(): number;
  now(): Date;
  apiBase: string;
  webBase: string;
}

export interface ChangedFileJson {
  sha: string;
  filename: string;
  status: "added" | "modified" | "removed";
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
}

export interface PullRequest {
  id: number;
  number: number;
  title: string;
  draft: boolean;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | null;
  details_url: string | null;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Record<string, unknown>[];
  /** Every status/conclusion the run went through, for tests ("completed exactly once"). */
  history: { status: string; conclusion: string | null; at: number }[];
}

export interface Review {
  id: number;
  pullNumber: number;
  body: string;
  state: string;
  commit_id: string;
  submitted_at: string;
}

export interface ReviewComment {
  id: number;
  pullNumber: number;
  reviewId: number;
  path: string;
  line: number | null;
  side: string;
  body: string;
  commit_id: string;
  diff_hunk: string;
  in_reply_to_id?: number;
  created_at: string;
}

export interface Thread {
  id: string;
  pullNumber: number;
  commentIds: number[];
  isResolved: boolean;
}

export type FileChanges = Record<string, string | Buffer | null>;

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
}

export interface SarifUpload {
  id: string;
  commit_sha: string;
  ref: string;
  sarif: string;
  tool_name?: string;
}

const ZERO = "0".repeat(40);
/** GitHub leaves `patch` out for binary files and very large diffs. */
const MAX_PATCH_BYTES = 200_000;

export class FakeRepo {
  readonly git = new ObjectStore();
  readonly branches = new Map<string, string>();
  readonly pulls = new Map<number, PullRequest>();
  readonly checkRuns: CheckRun[] = [];
  readonly reviews: Review[] = [];
  readonly comments: ReviewComment[] = [];
  readonly threads: Thread[] = [];
  readonly issues: Issue[] = [];
  readonly sarifs: SarifUpload[] = [];
  /** GitHub's visibility of the repository (routes-git's GET /repos answers with it). */
  visibility: "public" | "private" | "internal" = "public";
  archived = false;
  /** Set to 403 (Advanced Security not enabled) or 404 to refuse code scanning uploads. */
  codeScanningRefusal?: 403 | 404;
  readonly id: number;
  #issueNumber = 0;

  constructor(
    readonly world: World,
    readonly owner: string,
    readonly name: string,
    readonly installationId: number,
    readonly defaultBranch = "main",
  ) {
    this.id = world.nextId();
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }
  get apiUrl(): string {
    return `${this.world.apiBase}/repos/${this.fullName}`;
  }
  get htmlUrl(): string {
    return `${this.world.webBase}/${this.fullName}`;
  }

  /** Commits `changes` (path → text, null deletes) on `branch` (created from `from`, default: the default branch). */
  commit(branch: string, changes: FileChanges, message = "Update files", from?: string): { before: string; after: string; created: boolean } {
    const head = this.branches.get(branch);
    const parent = head ?? (from ? this.resolve(from) : this.branches.get(this.defaultBranch));
    const files = parent ? this.git.filesOf(parent) : new Map<string, string>();
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path);
      else files.set(path, this.git.putBlob(content));
    }
    const tree = this.git.putFiles(files);
    // distinct timestamps keep SHAs distinct even for identical trees
    const sha = this.git.putCommit(tree, parent ? [parent] : [], message, new Date(this.world.now().getTime() + this.world.nextId()));
    this.branches.set(branch, sha);
    return { before: head ?? ZERO, after: sha, created: head === undefined };
  }

  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextNumber(): number {
    return ++this.#issueNumber;
  }

  openPullRequest(head: string, options: { base?: string; title?: string; draft?: boolean } = {}): PullRequest {
    const base = options.base ?? this.defaultBranch;
    const pr: PullRequest = {
      id: this.world.nextId(),
      number: ++this.#issueNumber,
      title: options.title ?? `Changes from ${head}`,
      draft: options.draft ?? false,
      head: { ref: head, sha: this.branches.get(head)! },
      base: { ref: base, sha: this.branches.get(base)! },
    };
    this.pulls.set(pr.number, pr);
    return pr;
  }

  /** A SHA, a branch name, or either followed by `~N` / `^`. */
  resolve(ref: string): string | undefined {
    const m = /^(.+?)((?:[~^]\d*)*)$/.exec(ref);
    if (!m) return undefined;
    let sha: string | undefined = this.branches.get(m[1].replace(/^refs\/heads\//, "")) ?? (this.git.commits.has(m[1]) ? m[1] : undefined);
    if (!sha && /^[0-9a-f]{7,39}$/.test(m[1])) sha = [...this.git.commits.keys()].find((s) => s.startsWith(m[1]));
    for (const step of m[2].match(/[~^]\d*/g) ?? []) {
      const n = step.length > 1 ? Number(step.slice(1)) : 1;
      for (let i = 0; i < (step[0] === "~" ? n : 1) && sha; i++) sha = this.git.commits.get(sha)?.parents[step[0] === "^" ? n - 1 : 0];
    }
    return sha;
  }

  /** The files that differ between two commits, as GitHub lists them (compare, PR files, a commit's files). */
  diff(baseSha: string | undefined, headSha: string): ChangedFileJson[] {
    const before = baseSha ? this.git.filesOf(baseSha) : new Map<string, string>();
    const after = this.git.filesOf(headSha);
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    const out: ChangedFileJson[] = [];
    for (const filename of paths) {
      const a = before.get(filename);
      const b = after.get(filename);
      if (a === b) continue;
      const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
      const oldBuf = a ? this.git.blobs.get(a)!.content : Buffer.alloc(0);
      const newBuf = b ? this.git.blobs.get(b)!.content : Buffer.alloc(0);
      const binary = oldBuf.includes(0) || newBuf.includes(0);
      const d = binary ? { patch: undefined, additions: 0, deletions: 0 } : lineDiff(oldBuf.toString("utf8"), newBuf.toString("utf8"));
      const ref = status === "removed" ? baseSha! : headSha;
      out.push({
        sha: b ?? ZERO, // unverified: what GitHub sends as `sha` for a removed file
        filename,
        status,
        additions: d.additions,
        deletions: d.deletions,
        changes: d.additions + d.deletions,
        blob_url: `${this.htmlUrl}/blob/${ref}/${filename}`,
        raw_url: `${this.htmlUrl}/raw/${ref}/${filename}`,
        contents_url: `${this.apiUrl}/contents/${encodeURIComponent(filename)}?ref=${ref}`,
        ...(d.patch !== undefined && d.patch.length <= MAX_PATCH_BYTES ? { patch: d.patch } : {}),
      });
    }
    return out;
  }

  /** What a pull request changes: its head against the merge base with the base branch. */
  pullFiles(pr: PullRequest): ChangedFileJson[] {
    const baseHead = this.branches.get(pr.base.ref) ?? pr.base.sha;
    return this.diff(this.git.mergeBase(baseHead, pr.head.sha), pr.head.sha);
  }
}
