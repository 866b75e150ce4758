// Injected faults: the next N matching requests answer 5xx, or 403 secondary-rate-limit with `retry-after`, or are
// delayed (a slow GitHub), so tests can show the App survives what GitHub does on a bad day.
import type { Reply } from "./http.js";

export interface FaultSpec {
  /** Matched against "METHOD /path?query" (path after /api/v3), e.g. /^GET \/repos\/[^/]+\/[^/]+\/git\/blobs\//. */
  match: RegExp;
  /** How many matching requests the fault affects. */
  times: number;
  /** 500, 502, 503…; or 403 for a secondary rate limit (with `retry-after: retryAfter`). */
  status?: number;
  retryAfter?: number;
  /** Wait this long before answering (normally, unless `status` is set too). */
  delayMs?: number;
  /** Do the request's work first, then answer `status` anyway (a write that landed behind a gateway timeout). */
  afterHandling?: boolean;
}

export class Faults {
  readonly #specs: (FaultSpec & { left: number })[] = [];
  /** How many requests each fault affected, in the order added. */
  readonly hits: number[] = [];

  add(spec: FaultSpec): void {
    this.#specs.push({ ...spec, left: spec.times });
    this.hits.push(0);
  }

  clear(): void {
    this.#specs.length = 0;
    this.hits.length = 0;
  }

  /** Takes one use of the first fault that matches; its delay and, if any, the reply that replaces the real one. */
  take(line: string): { delayMs: number; reply?: Reply; afterHandling?: boolean } | undefined {
    const i = this.#specs.findIndex((f) => f.left > 0 && f.match.test(line));
    if (i === -1) return undefined;
    const f = this.#specs[i];
    f.left--;
    this.hits[i]++;
    if (f.status === undefined) return { delayMs: f.delayMs ?? 0 };
    if (f.status === 403 || f.status === 429) {
      return {
        delayMs: f.delayMs ?? 0,
        reply: {
          status: f.status,
          headers: { "retry-after": String(f.retryAfter ?? 1), "x-ratelimit-remaining": "4000" },
          body: {
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status: String(f.status),
          },
        },
      };
    }
    return { delayMs: f.delayMs ?? 0, afterHandling: f.afterHandling, reply: { status: f.status, body: { message: "Server Error" } } };
  }
}
