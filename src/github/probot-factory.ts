// The App's side of the client factory (see client-factory.ts): Probot's Octokit class and a worker's Probot,
// with the environment's proxy. Probot reads GHE_HOST / GHE_PROTOCOL itself.
import type { Logger } from "pino";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import { proxyFetch } from "../net/http-proxy.js";

/** Probot's Octokit class, with the proxy-aware fetch when a proxy is configured (Probot reads GHE_HOST itself). */
export function probotOctokit(env: NodeJS.ProcessEnv = process.env): typeof ProbotOctokit {
  const fetch = proxyFetch(env);
  if (!fetch) return ProbotOctokit;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Octokit's options object, passed through
  return ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, request: { ...o.request, fetch } }));
}

/** The App's Probot for a worker process (no HTTP server). */
export function createWorkerProbot(log: Logger, env: NodeJS.ProcessEnv = process.env): Probot {
  return createProbot({ overrides: { log, Octokit: probotOctokit(env) }, env });
}
