// Fetches a blob by SHA through the git blobs API (up to 100 MB, unlike the 1 MB contents API) as raw bytes
// (`application/vnd.github.raw`), never as base64 JSON: an 11-million-character JSON answer is where Octokit's
// parse gave up and handed back a string whose missing `content` read as an empty file. The size is checked before
// fetching when known (tree entries), then from content-length, then while streaming; an answer that is not the
// raw bytes asked for is "not scanned", never empty text. Retries (5xx, network errors) and rate-limit waits are
// the client's Octokit plugins (octokit-retry.ts), never a loop here.
import { githubAnswered } from "../net/github-answered.js";
import { decodeBlob, tooLarge as tooLargeSkip } from "../scan/decode-blob.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export type BlobResult = { text: string; bytes: number } | { skipped: string; incomplete?: boolean };

export const RAW_MEDIA_TYPE = "application/vnd.github.raw";

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
const tooLarge = (maxBytes: number, size: number): BlobResult => tooLargeSkip(size, maxBytes);

/** What GitHub sends for the raw media type (`application/vnd.github.raw`, with or without a charset) or plain bytes. */
const isRawAnswer = (contentType: string | undefined): boolean =>
  !!contentType && /^(?:application\/vnd\.github(?:\.v3)?\.raw|application\/octet-stream|text\/plain)\b/i.test(contentType.trim());

class NotRaw extends Error {}

/** An answer we will not read is left to the garbage collector rather than cancelled: cancelling an unread body
 * corrupted memory under nock's fetch interceptor on Node 20 (the next WebCrypto key import failed). These bodies
 * are small (an error or JSON instead of bytes) or declared too large by content-length before any byte is read. */
const discard = (_body: unknown): Promise<void> => Promise.resolve();

/** Reads the body stream up to maxBytes; one byte more and the stream is cancelled (never buffered whole). */
async function readLimited(body: ReadableStream<Uint8Array> | null | undefined, maxBytes: number): Promise<Buffer | { over: number }> {
  if (!body || typeof (body as ReadableStream).getReader !== "function") throw new NotRaw("GitHub's answer had no body stream");
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { over: total };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

async function fetchRaw(client: GitHubClient, repo: RepoRef, sha: string, maxBytes: number): Promise<BlobResult> {
  const res = await client.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
    ...repo,
    file_sha: sha,
    headers: { accept: RAW_MEDIA_TYPE },
    request: { parseSuccessResponseBody: false },
  });
  const headers = res.headers as Record<string, string | undefined>;
  const body = res.data as unknown as ReadableStream<Uint8Array> | null;
  if (!isRawAnswer(headers["content-type"])) {
    await discard(body);
    throw new NotRaw(`the answer was ${headers["content-type"] ?? "of no content type"}, not the raw bytes asked for`);
  }
  const length = Number(headers["content-length"]);
  if (Number.isFinite(length) && length > maxBytes) {
    await discard(body);
    return tooLarge(maxBytes, length);
  }
  const bytes = await readLimited(body, maxBytes);
  if (!Buffer.isBuffer(bytes)) return tooLarge(maxBytes, bytes.over);
  return decodeBlob(bytes, maxBytes);
}

export async function fetchBlob(client: GitHubClient, repo: RepoRef, sha: string, maxBytes: number, knownSize?: number): Promise<BlobResult> {
  if (knownSize !== undefined && knownSize > maxBytes) return tooLarge(maxBytes, knownSize);
  try {
    return await fetchRaw(client, repo, sha, maxBytes);
  } catch (error) {
    if (error instanceof NotRaw) return { skipped: `not scanned: ${error.message} (blob ${sha.slice(0, 12)}); re-run the check to retry`, incomplete: true };
    return {
      skipped: `not scanned: ${githubAnswered(error, `when fetching blob ${sha.slice(0, 12)}`, "with a network error")}; re-run the check to retry`,
      incomplete: true,
    };
  }
}

/** How much one job may fetch: distinct blobs and their bytes. Past either, files are "not scanned" (the scan is
 * incomplete), so one push of 10,000 files cannot spend the installation's hourly API budget (5,000 requests). */
export interface BlobBudget {
  maxBlobs: number;
  maxBytes: number;
}

/** Pull request and push jobs (README "GitHub limits"). */
export const CHANGE_BLOB_BUDGET: BlobBudget = { maxBlobs: 1_000, maxBytes: 100 * 1_048_576 };

const positiveInt = (v: string | undefined): number | undefined => (v && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : undefined);

/** CHANGE_BLOB_BUDGET, or the operator's SAS_GUARD_BLOBS_PER_SCAN / SAS_GUARD_BLOB_MB_PER_SCAN (docs/production.md). */
export function changeBlobBudget(env: NodeJS.ProcessEnv = process.env): BlobBudget {
  const mbLimit = positiveInt(env.SAS_GUARD_BLOB_MB_PER_SCAN);
  return {
    maxBlobs: positiveInt(env.SAS_GUARD_BLOBS_PER_SCAN) ?? CHANGE_BLOB_BUDGET.maxBlobs,
    maxBytes: mbLimit ? mbLimit * 1_048_576 : CHANGE_BLOB_BUDGET.maxBytes,
  };
}

export type FetchBlobOnce = (sha: string, knownSize?: number) => Promise<BlobResult>;

/** fetchBlob for one job: each blob SHA is fetched once (identical files cost one request), within the budget. */
export function blobFetcher(client: GitHubClient, repo: RepoRef, maxFileBytes: number, budget: BlobBudget = changeBlobBudget()): FetchBlobOnce {
  const cache = new Map<string, Promise<BlobResult>>();
  let bytes = 0;
  return (sha, knownSize) => {
    const cached = cache.get(sha);
    if (cached) return cached;
    if (cache.size >= budget.maxBlobs || bytes >= budget.maxBytes) {
      const what = cache.size >= budget.maxBlobs ? `${budget.maxBlobs.toLocaleString("en-US")} distinct files` : `${mb(budget.maxBytes)} of file content`;
      return Promise.resolve({
        skipped: `not scanned: this scan already fetched ${what}, SAS Guard's limit per scan; scan the branch with the CLI (sas-guard scan)`,
        incomplete: true,
      });
    }
    const p = fetchBlob(client, repo, sha, maxFileBytes, knownSize).then((r) => {
      if ("bytes" in r) bytes += r.bytes;
      return r;
    });
    cache.set(sha, p);
    return p;
  };
}
