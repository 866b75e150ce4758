// Where GitHub clients come from, so no code path silently talks to github.com: the token clients of `sas-guard
// audit` and the Action (GITHUB_API_URL) here, the App's and workers' Probot in probot-factory.ts (kept apart so
// the CLI and Action bundles do not load Probot). Every client's requests go through the environment's proxy.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { proxyFetch } from "../net/http-proxy.js";
import type { GitHubClient } from "./github-client.js";
import { retryOptions, throttleOptions, type RetrySettings } from "./octokit-retry.js";

/** @octokit/rest with the same retry and throttling plugins Probot's client has (octokit-retry.ts). */
const RetryingOctokit = Octokit.plugin(retry, throttling);

/** REST API root: GITHUB_API_URL (Actions, CLI), else GHE_HOST's /api/v3, else api.github.com. */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL.replace(/\/+$/, "");
  if (env.GHE_HOST) return `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3`;
  return "https://api.github.com";
}

/** Web root for links in check runs and comments: GITHUB_SERVER_URL, else GHE_HOST, else github.com. */
export function webBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_SERVER_URL) return env.GITHUB_SERVER_URL.replace(/\/+$/, "");
  if (env.GHE_HOST) return `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}`;
  return "https://github.com";
}

export interface RequestLog {
  debug: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
}

/** A client authenticated with a token (audit, Action). @octokit/rest has every method the App's code calls. */
export function createTokenClient(
  token: string,
  options: { env?: NodeJS.ProcessEnv; userAgent?: string; log?: RequestLog; retry?: RetrySettings } = {},
): GitHubClient {
  const env = options.env ?? process.env;
  const fetch = proxyFetch(env);
  return new RetryingOctokit({
    throttle: throttleOptions(options.retry, options.log) as never, // Group is Bottleneck.Group, typed loosely here
    retry: retryOptions(options.retry),
    auth: token,
    baseUrl: apiBaseUrl(env),
    userAgent: options.userAgent ?? "sas-guard",
    ...(options.log ? { log: options.log } : {}),
    ...(fetch ? { request: { fetch } } : {}),
  }) as unknown as GitHubClient;
}
