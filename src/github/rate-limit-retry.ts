// GitHub's secondary rate limits (content creation: 80/min, 500/h) answer 403 or 429, usually with retry-after.
// Probot's throttling plugin only logs them (RECIPE.md B6), so writes that create content retry here, bounded.
export interface RateLimitRetryOptions {
  attempts: number;
  /** Longest wait we accept for one retry-after, in seconds; beyond it the error goes to the caller. */
  maxWaitSeconds: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RATE_LIMIT_RETRY: RateLimitRetryOptions = {
  attempts: 3,
  maxWaitSeconds: 120,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** How long a 403/429 rate-limit answer asks us to wait before retry `attempt` (seconds), or undefined when the
 * error is not a rate limit. Shared by content writes (below) and blob reads (fetch-blob.ts). */
export function rateLimitWaitSeconds(error: unknown, attempt: number): number | undefined {
  const e = error as { status?: number; response?: { headers?: Record<string, string | undefined>; data?: { message?: string } }; message?: string };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  if (headers["x-ratelimit-remaining"] === "0" && headers["x-ratelimit-reset"]) return Math.max(0, Number(headers["x-ratelimit-reset"]) - Date.now() / 1000);
  const message = `${e.response?.data?.message ?? ""} ${e.message ?? ""}`;
  if (/secondary rate limit/i.test(message)) return 60 * 2 ** (attempt - 1); // GitHub: wait at least a minute, then back off
  return undefined;
}

export async function withSecondaryRateLimitRetry<T>(call: () => Promise<T>, options: RateLimitRetryOptions = DEFAULT_RATE_LIMIT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = rateLimitWaitSeconds(error, attempt);
      if (wait === undefined || attempt >= options.attempts || wait > options.maxWaitSeconds) throw error;
      await options.sleep(wait * 1000);
    }
  }
}
