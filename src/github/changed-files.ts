// Turns the files of a pull request or push into documents for the shared pipeline. With a patch, only the
// lines the change adds count; without one (large or binary diff), the blob is fetched by SHA and read whole.
import type { PathFilter } from "../config/path-filter.js";
import type { SourceItem } from "../scan/source-item.js";
import { blobFetcher, type FetchBlobOnce } from "./fetch-blob.js";
import { recordAddedIgnores, type AddedIgnoreLines } from "./added-ignores.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { MAX_PATCH_TEXT_LINES, parsePatch, patchMatchesFile, patchText, type PatchLines } from "./parse-patch.js";

export interface ChangedFile {
  filename: string;
  status: string;
  /** Blob SHA of the new version (commit SHA for submodules). */
  sha?: string | null;
  patch?: string;
  previous_filename?: string;
  /** Lines added + deleted (PR files and compare list it; a tree diff does not). */
  changes?: number;
  /** Blob size in bytes, when known (tree diffs): checked before fetching. */
  size?: number;
}

export interface ChangeScanContext {
  client: GitHubClient;
  repo: RepoRef;
  filter: PathFilter;
  maxBytes: number;
  /** Filled per path with the new-file lines a review comment may target (lines inside the diff hunks). */
  diffLines: Map<string, Set<number>>;
  /** The job's blob fetcher (deduplicated by SHA, bounded); one is made per call when absent. */
  blobs?: FetchBlobOnce;
  /** Filled per path with the added lines that hold `sas-guard:ignore` (see added-ignores.ts). */
  addedIgnores?: AddedIgnoreLines;
}

const LFS_POINTER = "version https://git-lfs.github.com/spec/v1";
const SUBMODULE = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@\n(?:-Subproject commit [0-9a-f]+\n)?\+Subproject commit [0-9a-f]+$/;

export async function* changedDocuments(ctx: ChangeScanContext, files: AsyncIterable<ChangedFile> | Iterable<ChangedFile>): AsyncGenerator<SourceItem> {
  for await (const item of documentsOf(ctx, files)) {
    if (ctx.addedIgnores && "text" in item) recordAddedIgnores(ctx.addedIgnores, item.path, item.text, item.lines);
    yield item;
  }
}

async function* documentsOf(ctx: ChangeScanContext, files: AsyncIterable<ChangedFile> | Iterable<ChangedFile>): AsyncGenerator<SourceItem> {
  const { filter } = ctx;
  const blobs = ctx.blobs ?? blobFetcher(ctx.client, ctx.repo, ctx.maxBytes);
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
      if (!p.problem && p.lastLine <= MAX_PATCH_TEXT_LINES) {
        yield { path, text: patchText(p), bytes: f.patch.length, lines: p.added };
        continue;
      }
      // A patch that contradicts itself, or names lines too far down to lay out: read the file and check the patch
      // against it, never trust the header's numbers.
      if (!f.sha) {
        yield {
          path,
          skipped: `not scanned: ${p.problem ?? "the patch names lines beyond what SAS Guard lays out"} and GitHub gave no blob SHA to read the file`,
          incomplete: true,
        };
        continue;
      }
      yield await checkedAgainstFile(path, p, await blobs(f.sha, f.size));
      continue;
    }
    // Pure rename: GitHub sends `changes: 0` and no patch at all (not an empty one). Content unchanged, already
    // scanned where it was added; fetching the blob would report its old tokens as new.
    if (f.status === "renamed" && (f.patch === "" || f.changes === 0)) continue;
    if (!f.sha) {
      yield { path, skipped: "no content SHA in GitHub's response" };
      continue;
    }
    const blob = await blobs(f.sha, f.size);
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

/** A patch that could not be laid out as text: the file read in its place. A malformed patch scans the whole file
 * (every line counts: fail closed); a well-formed one with far-down lines counts only its added lines, once the
 * file confirms them. */
function checkedAgainstFile(path: string, p: PatchLines, blob: Awaited<ReturnType<FetchBlobOnce>>): SourceItem {
  if ("skipped" in blob) return { path, skipped: blob.skipped, ...(blob.incomplete ? { incomplete: true } : {}) };
  // Empty text for a non-empty file: the byte prefilter found no anchor, so no line of it can hold a token.
  if (p.problem || (blob.text === "" && blob.bytes > 0)) return { path, text: blob.text, bytes: blob.bytes };
  const mismatch = patchMatchesFile(p, blob.text);
  if (mismatch) return { path, skipped: `not scanned: the patch GitHub sent does not match the file (${mismatch}); re-run the check`, incomplete: true };
  return { path, text: blob.text, bytes: blob.bytes, lines: p.added };
}
