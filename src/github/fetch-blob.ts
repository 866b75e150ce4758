// Fetches a blob by SHA through the git blobs API (up to 100 MB, unlike the 1 MB contents API), with a few
// retries for 5xx and timeouts, and (bounded) waits for rate limits: a 403/429 with retry-after or a "secondary
// rate limit" message waits as asked and tries again. A blob that still cannot be read is reported as not scanned,
// never dropped.
import { githubAnswered } from "../net/github-answered.js";
import { decodeBlob } from "../scan/decode-blob.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { DEFAULT_RATE_LIMIT_RETRY, rateLimitWaitSeconds, withSecondaryRateLimitRetry, type RateLimitRetryOptions } from "./rate-limit-retry.js";

export type BlobResult = { text: string; bytes: number } | { skipped: string; incomplete?: boolean };

export interface RetryOptions {
  attempts: number;
  /** Delay before retry n (1-based), in ms. */
  delay: (attempt: number) => number;
  /** Rate-limit answers (403/429 with retry-after or "secondary rate limit"): bounded waits, then retry. Tests inject
   * `sleep`. The App uses the same options for its review writes (the review, replies). */
  rateLimit?: RateLimitRetryOptions;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, delay: (n) => 500 * 2 ** (n - 1), rateLimit: DEFAULT_RATE_LIMIT_RETRY };

const retryable = (status: number | undefined): boolean => status === undefined || status >= 500 || status === 429;

export async function fetchBlob(client: GitHubClient, repo: RepoRef, sha: string, maxBytes: number, retry: RetryOptions = DEFAULT_RETRY): Promise<BlobResult> {
  let lastError: { status?: number; message: string } = { message: "" };
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    try {
      const { data } = await withSecondaryRateLimitRetry(() => client.rest.git.getBlob({ ...repo, file_sha: sha }), retry.rateLimit ?? DEFAULT_RATE_LIMIT_RETRY);
      if (data.size !== undefined && data.size !== null && data.size > maxBytes) {
        return { skipped: `larger than maxFileSizeMB (${(maxBytes / 1_048_576).toFixed(1)} MB): ${(data.size / 1_048_576).toFixed(1)} MB` };
      }
      const buf = Buffer.from(data.content ?? "", (data.encoding as BufferEncoding) === "utf-8" ? "utf8" : "base64");
      return decodeBlob(buf, maxBytes);
    } catch (error) {
      const e = error as { status?: number; message?: string };
      lastError = { status: e.status, message: e.message ?? String(error) };
      // A rate limit that outlasted its own bounded waits is not retried again here (that would multiply the waits).
      if (!retryable(e.status) || rateLimitWaitSeconds(error, 1) !== undefined || attempt === retry.attempts) break;
      await new Promise((r) => setTimeout(r, retry.delay(attempt)));
    }
  }
  return {
    skipped: `not scanned: ${githubAnswered(lastError, `when fetching blob ${sha.slice(0, 12)}`, "with a network error")}; re-run the check to retry`,
    incomplete: true,
  };
}
