// Local documents, for the CLI and the Action: the working tree, every blob in git history, or the git index.
import { resolve } from "node:path";
import { decodeBlob, formatMB } from "../scan/decode-blob.js";
import type { ScanConfig } from "../scan/scan-config.js";
import type { SourceItem } from "../scan/source-item.js";

/** What a reader needs of the scan config: which paths, how many bytes at most. */
export type ReadLimits = Pick<ScanConfig, "filter" | "maxBytes">;
import { allBlobs, blobOrigins, headBlobs, readBlobs, stagedBlobs, type BlobOrigin, type BlobRef } from "./git.js";
import { walkFiles } from "./walk-files.js";

/** Files are read by whoever scans them: a pool worker (reading runs on every core) or runScan's thread. */
export function workingTree(paths: string[], root: string, { filter, maxBytes }: ReadLimits, defaultIgnores: boolean): Iterable<SourceItem> {
  const walk = (p: string) => walkFiles(resolve(p), { root, filter, defaultIgnores, maxBytes });
  // one path (the usual case): the walk itself, without a generator around it
  return paths.length === 1 ? walk(paths[0]) : walkEach(paths, walk);
}

function* walkEach(paths: string[], walk: (p: string) => Iterable<SourceItem>): Generator<SourceItem> {
  for (const p of paths) yield* walk(p);
}

async function* blobItems(
  repo: string,
  refs: AsyncIterable<BlobRef> | Iterable<BlobRef>,
  { filter, maxBytes }: ReadLimits,
  withOrigins: boolean,
): AsyncGenerator<SourceItem> {
  const origins = withOrigins ? await blobOrigins(repo) : undefined;
  const head = withOrigins ? headBlobs(repo) : new Set<string>();
  // History: blobs in the order commits introduced them (oldest first), then any blob no commit diff shows. When
  // two versions of a file hold the same token with the same date, the first one read is the oldest.
  if (origins) refs = concat(originRefs(origins), refs);
  const pathOf = new Map<string, string>();
  const seen = new Set<string>();
  async function* shas(): AsyncGenerator<string> {
    for await (const ref of refs) {
      if (seen.has(ref.sha)) continue; // each blob once
      seen.add(ref.sha);
      const path = origins?.get(ref.sha)?.path ?? ref.path;
      if (!filter(path).included) continue;
      pathOf.set(ref.sha, path);
      yield ref.sha;
    }
  }
  for await (const blob of readBlobs(repo, shas(), maxBytes)) {
    const path = pathOf.get(blob.sha) ?? blob.sha;
    pathOf.delete(blob.sha);
    const where = `${path} (blob ${blob.sha.slice(0, 12)})`;
    if (blob.type === "missing") {
      yield { path: where, skipped: "missing object (shallow or partial clone?)" };
      continue;
    }
    if (blob.type !== "blob") continue; // trees listed by rev-list --objects
    if (!blob.content) {
      yield { path: where, skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(blob.size)}` };
      continue;
    }
    const r = decodeBlob(blob.content, maxBytes, path);
    if ("skipped" in r) {
      yield { path: where, skipped: r.skipped };
      continue;
    }
    const o = origins?.get(blob.sha);
    yield {
      path,
      text: r.text,
      bytes: r.bytes,
      atHead: head.has(blob.sha),
      ...(o ? { origin: { commit: o.commit, path: o.path, date: o.date, author: o.author } } : {}),
    };
  }
}

function* originRefs(origins: Map<string, BlobOrigin>): Generator<BlobRef> {
  for (const [sha, o] of origins) yield { sha, path: o.path };
}

async function* concat<T>(a: Iterable<T>, b: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* a;
  yield* b;
}

export const historySource = (repo: string, limits: ReadLimits) => blobItems(repo, allBlobs(repo), limits, true);

export const stagedSource = (repo: string, limits: ReadLimits) => blobItems(repo, stagedBlobs(repo), limits, false);
