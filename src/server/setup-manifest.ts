// The GitHub App manifest the setup page (`npm start` with no APP_ID) registers the App with: app.yml (events,
// permissions, name) plus the URLs GitHub needs. Probot's own setup page sends `hook_attributes.url` = the page's
// base URL + "/", a path no handler serves (webhooks arrive at WEBHOOK_PATH, /api/github/webhooks by default) and,
// on localhost, an address GitHub cannot reach: here the webhook URL is WEBHOOK_PROXY_URL when set (a smee.io
// channel, which the running App forwards to WEBHOOK_PATH), else the public base URL + WEBHOOK_PATH.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";

export interface ManifestInputs {
  /** Where the setup page is served from, as the browser reached it (http://localhost:3000). */
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  /** The directory holding app.yml. */
  cwd: string;
}

export interface AppManifest {
  name: string;
  url: string;
  description?: string;
  public: boolean;
  hook_attributes: { url: string; active: boolean };
  redirect_url: string;
  default_events?: string[];
  default_permissions?: Record<string, string>;
  [key: string]: unknown;
}

const LOCAL = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?(\/|$)/i;

/** True when GitHub's servers cannot deliver to `url` (a loopback address). */
export const unreachableByGitHub = (url: string): boolean => LOCAL.test(url);

export function webhookUrl(baseUrl: string, env: NodeJS.ProcessEnv): string {
  if (env.WEBHOOK_PROXY_URL) return env.WEBHOOK_PROXY_URL;
  const path = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  return `${baseUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

export function setupManifest({ baseUrl, env, cwd }: ManifestInputs): AppManifest {
  const appYml = (parse(readFileSync(join(cwd, "app.yml"), "utf8")) ?? {}) as Partial<AppManifest>;
  const { hook_attributes: _ignored, ...rest } = appYml;
  return {
    ...rest,
    name: appYml.name ?? "SAS Guard",
    url: appYml.url ?? "https://github.com/sas-guard/sas-guard",
    public: appYml.public ?? false,
    hook_attributes: { url: webhookUrl(baseUrl, env), active: true },
    redirect_url: `${baseUrl.replace(/\/+$/, "")}/probot/setup`,
  };
}
