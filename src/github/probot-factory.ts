// The App's side of the client factory (see client-factory.ts): Probot's Octokit class and a worker's Probot,
// with the environment's proxy. Probot reads GHE_HOST / GHE_PROTOCOL itself.
import type { Logger } from "pino";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import { proxyFetch } from "../net/http-proxy.js";
import { retryOptions, throttleOptions, type RetrySettings } from "./octokit-retry.js";

/** Probot's Octokit class with our rate-limit handlers (secondary limits are retried, not only logged), and the
 * proxy-aware fetch when a proxy is configured (Probot reads GHE_HOST itself). The function form of defaults runs
 * after Probot's own (RECIPE.md P5), so these handlers win; Probot's Redis-backed throttling groups are kept. */
export function probotOctokit(env: NodeJS.ProcessEnv = process.env, settings: RetrySettings = {}): typeof ProbotOctokit {
  const fetch = proxyFetch(env);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Octokit's options object, passed through
  return ProbotOctokit.defaults((o: Record<string, any>) => ({
    ...o,
    ...(fetch ? { request: { ...o.request, fetch } } : {}),
    throttle: { ...o.throttle, ...throttleOptions(settings, o.log) },
    retry: { ...o.retry, ...retryOptions(settings) },
  }));
}

/** The App's Probot for a worker process (no HTTP server). */
export function createWorkerProbot(log: Logger, env: NodeJS.ProcessEnv = process.env): Probot {
  return createProbot({ overrides: { log, Octokit: probotOctokit(env) }, env });
}
