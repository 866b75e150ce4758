// GET /healthz, /readyz and /metrics from src/server/health-handler.ts on a real node:http server on loopback, and
// the logger's redact paths (the second net against secrets in log lines).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { healthHandler } from "../../src/server/health-handler.js";
import { createLogger, REDACT_PATHS } from "../../src/server/logger.js";
import { createMetrics, type Metrics } from "../../src/server/metrics.js";

let server: Server;
let base: string;
let ready: () => Promise<boolean>;
let depth: () => Promise<number>;
let metrics: Metrics;
const fellThrough: string[] = [];

beforeAll(async () => {
  ready = async () => true;
  depth = async () => 0;
  metrics = createMetrics(() => depth());
  const handler = healthHandler(() => ready(), metrics);
  server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (handled) return;
      fellThrough.push(`${req.method} ${req.url}`);
      res.writeHead(404, { "content-type": "text/plain" }).end("not ours");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("health handler", () => {
  test("GET /healthz answers 200 (with or without a query string)", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect((await fetch(`${base}/healthz?probe=docker`)).status).toBe(200);
  });

  test("GET /healthz stays 200 when the queue is not ready: liveness is not readiness", async () => {
    ready = async () => false;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      ready = async () => true;
    }
  });

  test("GET /readyz follows ready(): 200, then 503 when the back end is unreachable or the check throws", async () => {
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ready");

    ready = async () => false;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/not ready/);

    ready = async () => {
      throw new Error("ECONNREFUSED 127.0.0.1:6379");
    };
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/ECONNREFUSED/);

    ready = async () => true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  test("GET /metrics serves Prometheus text with the queue, findings, job duration and GitHub request metrics", async () => {
    depth = async () => 7;
    metrics.findings.inc({ severity: "critical" });
    metrics.findings.inc({ severity: "critical" });
    metrics.findings.inc({ severity: "low" });
    metrics.githubCalls.inc({ method: "GET" });
    metrics.githubErrors.inc({ status: "502" });
    metrics.jobDuration.observe({ trigger: "push", outcome: "ok" }, 1.5);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      "sas_guard_queue_depth",
      "sas_guard_findings_total",
      "sas_guard_job_duration_seconds",
      "sas_guard_github_requests_total",
      "sas_guard_github_errors_total",
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    }
    expect(text).toMatch(/^sas_guard_queue_depth 7$/m);
    expect(text).toMatch(/^sas_guard_findings_total\{severity="critical"\} 2$/m);
    expect(text).toMatch(/^sas_guard_findings_total\{severity="low"\} 1$/m);
    expect(text).toMatch(/^sas_guard_github_requests_total\{method="GET"\} 1$/m);
    expect(text).toMatch(/^sas_guard_github_errors_total\{status="502"\} 1$/m);
    expect(text).toMatch(/^sas_guard_job_duration_seconds_bucket\{le="2",trigger="push",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^sas_guard_job_duration_seconds_count\{trigger="push",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m); // default process metrics too
  });

  test("queue depth reads -1 when the back end cannot be asked", async () => {
    depth = async () => {
      throw new Error("Redis down");
    };
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^sas_guard_queue_depth -1$/m);
    depth = async () => 0;
  });

  test("other paths and methods fall through (the handler returns false) to the rest of the server", async () => {
    fellThrough.length = 0;
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/api/github/webhooks`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST", body: "" })).status).toBe(404);
    expect((await fetch(`${base}/healthzz`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/extra`)).status).toBe(404);
    expect(fellThrough).toEqual(["GET /", "POST /api/github/webhooks", "POST /healthz", "GET /healthzz", "GET /metrics/extra"]);
  });
});

describe("logger redaction", () => {
  function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
    let raw = "";
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        raw += String(chunk);
        callback();
      },
    });
    return {
      stream,
      raw: () => raw,
      lines: () =>
        raw
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>),
    };
  }

  test('a line with { secret, headers.authorization } prints "[redacted]" instead', () => {
    const out = capture();
    const log = createLogger({ LOG_LEVEL: "info" }, out.stream);
    log.info({ secret: "x", headers: { authorization: "token y" } }, "webhook received");
    expect(out.raw()).not.toMatch(/token y/);
    expect(out.lines()[0]).toMatchObject({ msg: "webhook received", secret: "[redacted]", headers: { authorization: "[redacted]" } });
  });

  test("nested secrets, tokens, private keys and an error's request authorization header are redacted too", () => {
    const out = capture();
    const log = createLogger({}, out.stream);
    log.warn(
      {
        token: "ghs_top",
        privateKey: "pem-contents-of-the-app-key",
        payload: { secret: "whsec", sig: "sv=2023&sig=abc", password: "hunter2" },
        req: { headers: { authorization: "Bearer jwt" } },
        response: { headers: { authorization: "token nested" } },
        err: { message: "Bad credentials", request: { headers: { authorization: "token ghs_err" } } },
        repo: "acme/storefront",
      },
      "scan failed",
    );
    const raw = out.raw();
    for (const leaked of ["ghs_top", "pem-contents", "whsec", "sig=abc", "hunter2", "Bearer jwt", "token nested", "ghs_err"]) expect(raw).not.toContain(leaked);
    expect(out.lines()[0]).toMatchObject({
      token: "[redacted]",
      privateKey: "[redacted]",
      payload: { secret: "[redacted]", sig: "[redacted]", password: "[redacted]" },
      req: { headers: { authorization: "[redacted]" } },
      err: { message: "Bad credentials" },
      repo: "acme/storefront", // context stays readable
    });
  });

  test("LOG_LEVEL sets the level; the redact list covers the keys it promises", () => {
    const out = capture();
    const log = createLogger({ LOG_LEVEL: "warn" }, out.stream);
    log.info("hidden");
    log.warn("shown");
    expect(out.lines().map((l) => l.msg)).toEqual(["shown"]);
    expect(REDACT_PATHS).toEqual(expect.arrayContaining(["secret", "*.secret", "headers.authorization", "*.headers.authorization"]));
  });
});
