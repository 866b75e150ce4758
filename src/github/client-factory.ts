// The one place that creates GitHub clients, so no code path silently talks to github.com: the App and workers
// (Probot, from APP_ID/PRIVATE_KEY and GHE_HOST/GHE_PROTOCOL) and the token clients of `sas-guard audit` and the
// Action (GITHUB_API_URL). Every client's requests go through the environment's proxy settings.
import { Octokit } from "@octokit/rest";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import type { Logger } from "pino";
import { proxyFetch } from "../net/http-proxy.js";
import type { GitHubClient } from "./github-client.js";

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
export function createTokenClient(token: string, options: { env?: NodeJS.ProcessEnv; userAgent?: string; log?: RequestLog } = {}): GitHubClient {
  const env = options.env ?? process.env;
  const fetch = proxyFetch(env);
  return new Octokit({
    auth: token,
    baseUrl: apiBaseUrl(env),
    userAgent: options.userAgent ?? "sas-guard",
    ...(options.log ? { log: options.log } : {}),
    ...(fetch ? { request: { fetch } } : {}),
  }) as unknown as GitHubClient;
}

/** Probot's Octokit class, with the proxy-aware fetch when a proxy is configured (Probot reads GHE_HOST itself). */
export function probotOctokit(env: NodeJS.ProcessEnv = process.env): typeof ProbotOctokit {
  const fetch = proxyFetch(env);
  if (!fetch) return ProbotOctokit;
  return ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, request: { ...o.request, fetch } }));
}

/** The App's Probot for a worker process (no HTTP server). */
export function createWorkerProbot(log: Logger, env: NodeJS.ProcessEnv = process.env): Probot {
  return createProbot({ overrides: { log, Octokit: probotOctokit(env) }, env });
}
