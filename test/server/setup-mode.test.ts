// `cp .env.example .env && npm start` before the App exists: the setup page must register an App whose webhook
// can work (WEBHOOK_PROXY_URL, else <public URL>/api/github/webhooks, never "/"), and /healthz answers meanwhile.
// The real entry point (node dist/main.js) runs as a process in a directory holding app.yml and .env.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { pino } from "pino";
import { parse } from "yaml";
import { ensureBuilt, REPO } from "../cli/cli-harness.js";
import { setupHandler } from "../../src/server/setup-mode.js";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function appDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sas-guard-setup-"));
  dirs.push(dir);
  copyFileSync(join(REPO, "app.yml"), join(dir, "app.yml"));
  copyFileSync(join(REPO, ".env.example"), join(dir, ".env"));
  return dir;
}

/** Starts node dist/main.js in setup mode; resolves with its base URL once it logs the setup page's address. */
function startApp(env: Record<string, string> = {}): Promise<string> {
  const dir = appDir();
  const child = spawn(process.execPath, [join(REPO, "dist", "main.js")], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup page announced:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /open (http:\/\/[^ ]+)\/probot/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

async function manifestOf(base: string): Promise<{ manifest: Record<string, any>; html: string }> {
  const html = await (await fetch(`${base}/probot`)).text();
  const field = /<input type="hidden" name="manifest" value="([^"]*)">/.exec(html);
  if (!field) throw new Error(`no manifest field in:\n${html}`);
  return { manifest: JSON.parse(unescapeHtml(field[1])), html };
}

beforeAll(ensureBuilt);

describe("npm start with no APP_ID (setup mode)", () => {
  let base: string;
  beforeAll(async () => {
    base = await startApp();
  });

  it("the manifest's webhook URL is the webhook route, not /", async () => {
    const { manifest, html } = await manifestOf(base);
    expect(manifest.hook_attributes.url).toBe(`${base}/api/github/webhooks`);
    expect(manifest.redirect_url).toBe(`${base}/probot/setup`);
    // localhost is unreachable for GitHub: the page says so and how to fix it
    expect(html).toMatch(/GitHub cannot reach/);
    expect(html).toMatch(/WEBHOOK_PROXY_URL/);
  });

  it("registers the events and permissions of app.yml", async () => {
    const appYml = parse(readFileSync(join(REPO, "app.yml"), "utf8"));
    const { manifest } = await manifestOf(base);
    expect(manifest.default_permissions).toEqual(appYml.default_permissions);
    expect(manifest.default_events).toEqual(appYml.default_events);
    expect(manifest.name).toBe(appYml.name);
  });

  it("/healthz answers 200, / redirects to the setup page", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/probot"]);
  });
});

it("with WEBHOOK_PROXY_URL set, the webhook goes to the proxy channel and the page has no warning", async () => {
  const base = await startApp({ WEBHOOK_PROXY_URL: "https://smee.io/sas-guard-test-channel" });
  const { manifest, html } = await manifestOf(base);
  expect(manifest.hook_attributes.url).toBe("https://smee.io/sas-guard-test-channel");
  expect(html).not.toMatch(/GitHub cannot reach/);
});

it("behind a public host name (X-Forwarded-*), the webhook URL is on that host", async () => {
  const base = await startApp({ WEBHOOK_PATH: "/hooks" });
  const html = await (await fetch(`${base}/probot`, { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "guard.example.com" } })).text();
  const manifest = JSON.parse(unescapeHtml(/name="manifest" value="([^"]*)"/.exec(html)![1]));
  expect(manifest.hook_attributes.url).toBe("https://guard.example.com/hooks");
});

describe("the redirect back from GitHub (/probot/setup?code=…)", () => {
  afterEach(() => nock.cleanAll());

  it("converts the code and writes the App's credentials into .env, then sends the user to install it", async () => {
    const dir = appDir();
    nock("https://api.github.com").post("/app-manifests/abc123/conversions").reply(201, {
      id: 4242,
      pem: "test-key-line-1\ntest-key-line-2",
      webhook_secret: "hook-secret",
      client_id: "Iv1.test",
      client_secret: "client-secret",
      html_url: "https://github.com/apps/sas-guard-test",
    });
    const handler = setupHandler({}, dir, pino({ level: "silent" }));
    let status = 0;
    let headers: Record<string, string> = {};
    const res = { writeHead: (s: number, h: Record<string, string>) => ((status = s), (headers = h), res), end: () => res };
    await handler({ method: "GET", url: "/probot/setup?code=abc123", headers: {} } as never, res as never);
    expect([status, headers.location]).toEqual([302, "https://github.com/apps/sas-guard-test/installations/new"]);
    const env = readFileSync(join(dir, ".env"), "utf8");
    expect(env).toMatch(/^APP_ID="4242"$/m);
    expect(env).toMatch(/^PRIVATE_KEY="test-key-line-1\\ntest-key-line-2"$/m);
    expect(env).toMatch(/^WEBHOOK_SECRET="hook-secret"$/m);
    expect(env.match(/^APP_ID=/gm)).toHaveLength(1); // .env.example's empty APP_ID= was replaced, not duplicated
  });
});
