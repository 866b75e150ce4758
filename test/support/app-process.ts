// Starts the REAL built App (`node dist/main.js`, or `node dist/worker.js`) as users start it, pointed at the fake
// GitHub through Probot's GHE_HOST/GHE_PROTOCOL, and sends it signed webhook deliveries over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.js";

export interface AppKeys {
  appId: number;
  /** PKCS#8 PEM, generated at run time: never written to the repository. */
  privateKey: string;
  publicKey: string;
  webhookSecret: string;
}

export function generateAppKeys(appId = 4242): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { appId, privateKey, publicKey, webhookSecret: randomBytes(24).toString("hex") };
}

export interface StartOptions {
  entry?: "main" | "worker";
  keys: AppKeys;
  /** host:port of the fake GitHub. */
  gheHost: string;
  redisUrl?: string;
  logLevel?: string;
  env?: Record<string, string>;
  /** Project root (default: the current directory). */
  cwd?: string;
  /** Extra node flags, e.g. ["--cpu-prof"]. */
  nodeArgs?: string[];
  /** SAS_GUARD_DATA_DIR (the embedded queue's journal); default a fresh temporary directory per process, so no
   * test resumes another's jobs. Pass the same directory to a restarted App to test crash recovery. */
  dataDir?: string;
}

export interface DeliveryResult {
  status: number;
  body: string;
  ms: number;
}

export class AppProcess {
  readonly logs: string[] = [];
  readonly exited: Promise<number | null>;
  #partial = "";

  constructor(
    readonly child: ChildProcess,
    readonly port: number | undefined,
    readonly keys: AppKeys,
  ) {
    const onData = (d: Buffer) => {
      const text = this.#partial + d.toString("utf8");
      const lines = text.split("\n");
      this.#partial = lines.pop() ?? "";
      this.logs.push(...lines.filter((l) => l.length > 0));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends one delivery, signed with the App's webhook secret unless `signature` overrides it (null: no header). */
  async deliver(event: string, payload: unknown, options: { id?: string; signature?: string | null } = {}): Promise<DeliveryResult> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? randomUUID(),
      "user-agent": "GitHub-Hookshot/fake",
    };
    const signature =
      options.signature === undefined ? `sha256=${createHmac("sha256", this.keys.webhookSecret).update(body).digest("hex")}` : options.signature;
    if (signature !== null) headers["x-hub-signature-256"] = signature;
    const t0 = performance.now();
    const res = await fetch(`${this.url}/api/github/webhooks`, { method: "POST", headers, body });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - t0 };
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.url}${path}`);
    return { status: res.status, body: await res.text() };
  }

  /** Resolves when a log line matches (JSON logs: match on the `msg`). */
  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logs.find((l) => pattern.test(l));
      if (line) return line;
      if (!this.running) throw new Error(`process exited before logging ${pattern}:\n${this.logs.slice(-30).join("\n")}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${this.logs.slice(-30).join("\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export async function startApp(options: StartOptions): Promise<AppProcess> {
  const entry = options.entry ?? "main";
  const cwd = options.cwd ?? process.cwd();
  const port = entry === "main" ? await freePort() : undefined;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    APP_ID: String(options.keys.appId),
    PRIVATE_KEY: options.keys.privateKey,
    WEBHOOK_SECRET: options.keys.webhookSecret,
    HOST: "127.0.0.1",
    GHE_HOST: options.gheHost,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: options.logLevel ?? "info",
    LOG_FORMAT: "json",
    NO_SMEE_SETUP: "true",
    // the embedded stores (queue journal, organisation inventory) go to a temporary directory, never into the project
    SAS_GUARD_DATA_DIR: options.dataDir ?? mkdtempSync(join(tmpdir(), "sas-guard-data-")),
    ...(port !== undefined ? { PORT: String(port) } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(cwd, "dist", `${entry}.js`)], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const app = new AppProcess(child, port, options.keys);
  if (entry === "worker") {
    await app.waitForLog(/worker started/);
    return app;
  }
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!app.running) throw new Error(`dist/${entry}.js exited (${child.exitCode ?? child.signalCode}):\n${app.logs.join("\n")}`);
    try {
      if ((await app.get("/healthz")).status === 200) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      app.kill("SIGKILL");
      throw new Error(`dist/${entry}.js did not answer /healthz:\n${app.logs.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
