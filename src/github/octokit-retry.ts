// Retries and rate limits for every GitHub client (Probot's and the @octokit/rest token clients of `audit` and the
// Action), done by Octokit's own plugins and nothing else: @octokit/plugin-retry for 5xx and network errors,
// @octokit/plugin-throttling for rate limits. Probot's default only logs secondary rate limits (RECIPE.md B6);
// here both kinds wait as GitHub asks (retry-after, else x-ratelimit-reset, else a minute) and retry, bounded.
export const MAX_RATE_LIMIT_RETRIES = 3;
/** A longer wait than this is not taken: the request fails and the file or write says so. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;

type Group = unknown; // a Bottleneck.Group (tests pass their own without the 1 s spacing of writes)

export interface RetrySettings {
  /** Milliseconds per "second" of retry-after and per retry backoff step (tests: 1). Default: the plugins' 1000. */
  retryAfterBaseValue?: number;
  /** Called for each rate-limit wait taken (seconds), e.g. to count them. */
  onWait?: (seconds: number, request: string) => void;
  /** Throttling groups (tests: no spacing between writes). */
  groups?: { global?: Group; write?: Group; notifications?: Group; search?: Group; auth?: Group };
}

interface Log {
  warn: (message: string) => void;
}

interface RequestOptions {
  method: string;
  url: string;
}

export function throttleOptions(settings: RetrySettings = {}, log?: Log) {
  const handler = (kind: string) => (retryAfter: number, options: RequestOptions, _octokit: unknown, retryCount: number) => {
    const retrying = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    log?.warn(
      `${kind} rate limit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter} s` : "giving up"} (retry ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES})`,
    );
    if (retrying) settings.onWait?.(retryAfter, `${options.method} ${options.url}`);
    return retrying;
  };
  return {
    onRateLimit: handler("primary"),
    onSecondaryRateLimit: handler("secondary"),
    ...(settings.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: settings.retryAfterBaseValue } : {}),
    ...settings.groups,
  };
}

export const retryOptions = (settings: RetrySettings = {}) =>
  settings.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: settings.retryAfterBaseValue } : {};
