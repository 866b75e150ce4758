// `npm start` before the App exists (no APP_ID, not production): a page that registers the GitHub App from a
// manifest (setup-manifest.ts), then writes APP_ID, PRIVATE_KEY, WEBHOOK_SECRET… into .env. Replaces Probot's setup
// mode, whose manifest points the webhook at a path nothing serves. /healthz and /ping answer here too.
import { githubAnswered } from "../net/github-answered.js";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { Logger } from "pino";
import { setupManifest, unreachableByGitHub } from "./setup-manifest.js";

/** Probot's rule: without an App ID or a private key, and not in production, the App cannot run yet. */
export function inSetupMode(env: NodeJS.ProcessEnv, cwd = process.cwd()): boolean {
  if (env.NODE_ENV === "production") return false; // Probot refuses to start, with its own message
  const hasKey = Boolean(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH) || readdirSync(cwd).some((f) => f.endsWith(".pem"));
  return !env.APP_ID || !hasKey;
}

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function baseUrlOf(req: IncomingMessage): string {
  const proto = String(req.headers["x-forwarded-proto"] ?? "http")
    .split(",")[0]
    .trim();
  const host = String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "localhost")
    .split(",")[0]
    .trim();
  return `${proto}://${host}`;
}

function githubWebUrl(env: NodeJS.ProcessEnv): string {
  const host = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}` : "https://github.com";
  return env.GH_ORG ? `${host}/organizations/${encodeURIComponent(env.GH_ORG)}/settings/apps/new` : `${host}/settings/apps/new`;
}

const githubApiUrl = (env: NodeJS.ProcessEnv): string => (env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : "https://api.github.com");

function page(req: IncomingMessage, env: NodeJS.ProcessEnv, cwd: string): string {
  const manifest = setupManifest({ baseUrl: baseUrlOf(req), env, cwd });
  const hook = manifest.hook_attributes.url;
  const warning = unreachableByGitHub(hook)
    ? `<p><strong>GitHub cannot reach ${escapeHtml(hook)}.</strong> For local development create a channel at
       <a href="https://smee.io/new">https://smee.io/new</a>, put it in .env as <code>WEBHOOK_PROXY_URL=…</code> and restart
       <code>npm start</code>: the webhook then goes to the channel and the App forwards it here. Or open this page through
       the App's public URL.</p>`
    : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>Register SAS Guard</title></head><body>
<h1>Register the SAS Guard GitHub App</h1>
<p>Webhook URL: <code>${escapeHtml(hook)}</code></p>${warning}
<form action="${escapeHtml(githubWebUrl(env))}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<button type="submit">Register GitHub App</button>
</form></body></html>\n`;
}

/** Sets KEY=value lines in .env (replacing existing ones), values on one line with "\n" escapes. */
export function updateDotEnv(path: string, values: Record<string, string>): void {
  let text = existsSync(path) ? readFileSync(path, "utf8") : "";
  for (const [key, value] of Object.entries(values)) {
    const line = `${key}="${value.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n").replace(/"/g, '\\"')}"`;
    const re = new RegExp(`^${key}=.*$`, "m");
    text = re.test(text) ? text.replace(re, () => line) : `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
  }
  writeFileSync(path, text);
}

interface Conversion {
  id: number;
  pem: string;
  webhook_secret: string | null;
  client_id: string;
  client_secret: string;
  html_url: string;
}

async function convert(code: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  const res = await fetch(`${githubApiUrl(env)}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json" },
  });
  if (!res.ok) throw new Error(`${githubAnswered({ status: res.status, message: res.statusText }, "to the manifest conversion")}: start again from /probot`);
  const app = (await res.json()) as Conversion;
  updateDotEnv(join(cwd, ".env"), {
    APP_ID: String(app.id),
    PRIVATE_KEY: app.pem,
    WEBHOOK_SECRET: app.webhook_secret ?? "",
    GITHUB_CLIENT_ID: app.client_id,
    GITHUB_CLIENT_SECRET: app.client_secret,
  });
  return app.html_url;
}

export function setupHandler(env: NodeJS.ProcessEnv, cwd: string, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://setup.invalid");
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": type, ...headers }).end(body);
    if (req.method !== "GET") return void send(404, "text/plain", "setup mode: register the App at /probot first\n");
    switch (url.pathname) {
      case "/healthz":
        return void send(200, "text/plain", "ok");
      case "/ping":
        return void send(200, "text/plain", "PONG");
      case "/":
        return void send(302, "text/plain", "Found. Redirecting to /probot", { location: "/probot" });
      case "/probot":
        return void send(200, "text/html; charset=utf-8", page(req, env, cwd));
      case "/probot/setup": {
        const code = url.searchParams.get("code");
        if (!code) return void send(400, "text/plain", "code missing: start from /probot\n");
        try {
          const appUrl = await convert(code, env, cwd);
          log.info("App registered: its APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are in .env. Restart `npm start` to run it.");
          return void send(302, "text/plain", `Found. Redirecting to ${appUrl}/installations/new`, { location: `${appUrl}/installations/new` });
        } catch (error) {
          log.error({ err: error }, "App registration failed");
          return void send(502, "text/plain", `${(error as Error).message}\n`);
        }
      }
      default:
        return void send(404, "text/plain", "setup mode: register the App at /probot first\n");
    }
  };
}

export async function startSetupMode(env: NodeJS.ProcessEnv, log: Logger, cwd = process.cwd()): Promise<Server> {
  const server = createServer(setupHandler(env, cwd, log));
  const port = Number(env.PORT || 3000);
  const host = env.HOST || "localhost";
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  const address = server.address();
  const shown = typeof address === "object" && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;
  log.info(`Setup mode (no APP_ID yet): open ${shown}/probot to register the GitHub App. Webhooks cannot be received until then.`);
  if (!env.WEBHOOK_PROXY_URL)
    log.warn("WEBHOOK_PROXY_URL is not set: for local development create a channel at https://smee.io/new and set it in .env (README: Run the App)");
  return server;
}
