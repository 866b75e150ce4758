// The documents of a baseline: every file of the default branch's tree, blobs fetched by SHA with bounded
// concurrency and cached by SHA (identical files are fetched once), the same skip rules as everywhere else.
import type { PathFilter } from "../config/path-filter.js";
import { formatMB } from "../scan/decode-blob.js";
import type { SourceItem } from "../scan/source-item.js";
import { fetchBlob, type BlobResult } from "./fetch-blob.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import type { TreeFile } from "./tree-entries.js";

export interface BaselineSourceOptions {
  client: GitHubClient;
  repo: RepoRef;
  filter: PathFilter;
  maxBytes: number;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
  /** Prefix for paths in the report (an org audit names the repository). */
  pathPrefix?: string;
}

export async function* baselineDocuments(files: TreeFile[], o: BaselineSourceOptions): AsyncGenerator<SourceItem> {
  // Each distinct blob is fetched once. Its text is kept only until the last file with that SHA has been yielded,
  // so memory holds the few duplicated blobs, not the repository.
  const cache = new Map<string, Promise<BlobResult>>();
  const remaining = new Map<string, number>();
  const path = (p: string) => `${o.pathPrefix ?? ""}${p}`;
  const todo: TreeFile[] = [];
  for (const f of files) {
    const decision = o.filter(f.path);
    if (!decision.included) yield { path: path(f.path), skipped: decision.reason ?? "excluded by config" };
    else if (f.size !== undefined && f.size > o.maxBytes)
      yield { path: path(f.path), skipped: `larger than maxFileSizeMB (${formatMB(o.maxBytes)}): ${formatMB(f.size)}` };
    else {
      todo.push(f);
      remaining.set(f.sha, (remaining.get(f.sha) ?? 0) + 1);
    }
  }
  const fetchOnce = (sha: string): Promise<BlobResult> => {
    let p = cache.get(sha);
    if (!p) {
      p = fetchBlob(o.client, o.repo, sha, o.maxBytes);
      cache.set(sha, p);
    }
    return p;
  };
  // A sliding window of `concurrency` fetches in flight; results are yielded in tree order.
  const inFlight: Promise<BlobResult>[] = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < o.concurrency && next < todo.length) inFlight.push(fetchOnce(todo[next++].sha));
  };
  fill();
  for (let i = 0; i < todo.length; i++) {
    const blob = await inFlight.shift()!;
    fill();
    const f = todo[i];
    const left = remaining.get(f.sha)! - 1;
    if (left === 0) {
      remaining.delete(f.sha);
      cache.delete(f.sha);
    } else remaining.set(f.sha, left);
    o.onProgress?.(i + 1, todo.length);
    if ("skipped" in blob) yield { path: path(f.path), skipped: blob.skipped, ...(blob.incomplete ? { incomplete: true } : {}) };
    else yield { path: path(f.path), text: blob.text, bytes: blob.bytes, ...(f.origin ? { origin: f.origin } : {}) };
  }
}
