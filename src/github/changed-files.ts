// Turns the files of a pull request or push into documents for the shared pipeline. With a patch, only the
// lines the change adds count; without one (large or binary diff), the blob is fetched by SHA and read whole.
import type { PathFilter } from "../config/path-filter.js";
import type { SourceItem } from "../scan/source-item.js";
import { fetchBlob, type RetryOptions } from "./fetch-blob.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { parsePatch, patchText } from "./parse-patch.js";

export interface ChangedFile {
  filename: string;
  status: string;
  /** Blob SHA of the new version (commit SHA for submodules). */
  sha?: string | null;
  patch?: string;
  previous_filename?: string;
  /** Lines added + deleted (PR files and compare list it; a tree diff does not). */
  changes?: number;
}

export interface ChangeScanContext {
  client: GitHubClient;
  repo: RepoRef;
  filter: PathFilter;
  maxBytes: number;
  retry: RetryOptions;
  /** Filled per path with the new-file lines a review comment may target (lines inside the diff hunks). */
  diffLines: Map<string, Set<number>>;
}

const LFS_POINTER = "version https://git-lfs.github.com/spec/v1";
const SUBMODULE = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@\n(?:-Subproject commit [0-9a-f]+\n)?\+Subproject commit [0-9a-f]+$/;

export async function* changedDocuments(ctx: ChangeScanContext, files: AsyncIterable<ChangedFile> | Iterable<ChangedFile>): AsyncGenerator<SourceItem> {
  const { filter } = ctx;
  for await (const f of files) {
    const path = f.filename;
    if (f.status === "removed") continue; // nothing added: a deletion cannot leak a token
    const decision = filter(path);
    if (!decision.included) {
      yield { path, skipped: decision.reason ?? "excluded by config" };
      continue;
    }
    if (f.patch !== undefined && f.patch !== "") {
      if (SUBMODULE.test(f.patch)) {
        yield { path, skipped: "submodule: its content lives in another repository" };
        continue;
      }
      const p = parsePatch(f.patch);
      if ([...p.lines.values()][0]?.startsWith(LFS_POINTER)) {
        yield { path, skipped: "Git LFS pointer: the content is in LFS storage, not in git" };
        continue;
      }
      ctx.diffLines.set(path, new Set(p.lines.keys()));
      yield { path, text: patchText(p), bytes: f.patch.length, lines: p.added };
      continue;
    }
    // Pure rename: GitHub sends `changes: 0` and no patch at all (not an empty one). Content unchanged, already
    // scanned where it was added; fetching the blob would report its old tokens as new.
    if (f.status === "renamed" && (f.patch === "" || f.changes === 0)) continue;
    if (!f.sha) {
      yield { path, skipped: "no content SHA in GitHub's response" };
      continue;
    }
    const blob = await fetchBlob(ctx.client, ctx.repo, f.sha, ctx.maxBytes, ctx.retry);
    if ("skipped" in blob) {
      yield { path, skipped: blob.skipped, ...(blob.incomplete ? { incomplete: true } : {}) };
      continue;
    }
    if (blob.text.startsWith(LFS_POINTER)) {
      yield { path, skipped: "Git LFS pointer: the content is in LFS storage, not in git" };
      continue;
    }
    yield { path, text: blob.text, bytes: blob.bytes };
  }
}
