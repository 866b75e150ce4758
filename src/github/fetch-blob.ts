// Fetches a blob by SHA through the git blobs API (up to 100 MB, unlike the 1 MB contents API), with a few
// retries for 5xx and timeouts. A blob that still cannot be read is reported as not scanned, never dropped.
import { decodeBlob } from "../cli/read-text-file.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export type BlobResult = { text: string; bytes: number } | { skipped: string; incomplete?: boolean };

export interface RetryOptions {
  attempts: number;
  /** Delay before retry n (1-based), in ms. */
  delay: (attempt: number) => number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, delay: (n) => 500 * 2 ** (n - 1) };

const retryable = (status: number | undefined): boolean => status === undefined || status >= 500 || status === 429;

export async function fetchBlob(client: GitHubClient, repo: RepoRef, sha: string, maxBytes: number, retry: RetryOptions = DEFAULT_RETRY): Promise<BlobResult> {
  let lastError: { status?: number; message: string } = { message: "" };
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    try {
      const { data } = await client.rest.git.getBlob({ ...repo, file_sha: sha });
      if (data.size !== undefined && data.size !== null && data.size > maxBytes) {
        return { skipped: `larger than maxFileSizeMB (${(maxBytes / 1_048_576).toFixed(1)} MB): ${(data.size / 1_048_576).toFixed(1)} MB` };
      }
      const buf = Buffer.from(data.content ?? "", (data.encoding as BufferEncoding) === "utf-8" ? "utf8" : "base64");
      return decodeBlob(buf, maxBytes);
    } catch (error) {
      const e = error as { status?: number; message?: string };
      lastError = { status: e.status, message: e.message ?? String(error) };
      if (!retryable(e.status) || attempt === retry.attempts) break;
      await new Promise((r) => setTimeout(r, retry.delay(attempt)));
    }
  }
  return {
    skipped: `not scanned: GitHub answered ${lastError.status ?? "with a network error"} when fetching blob ${sha.slice(0, 12)} (${lastError.message.split("\n")[0]}); re-run the check to retry`,
    incomplete: true,
  };
}

