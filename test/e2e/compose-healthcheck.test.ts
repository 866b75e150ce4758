// docker-compose.yml's worker healthcheck, run for real against redis-server (no Docker here: the same command
// line on this machine). In the e2e suite because it needs redis-server, like the queue tests.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { startRedis } from "../support/redis-server.js";

const ROOT = process.cwd();
const run = (file: string, argv: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stderr: string }>((done) => {
    execFile(file, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 15_000 }, (error, _stdout, stderr) =>
      done({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
    );
  });

test("the compose worker's healthcheck passes while its Redis answers and fails once Redis is gone", async () => {
  const compose = parseYaml(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as { services: Record<string, { healthcheck: { test: string[] } }> };
  const [kind, file, ...argv] = compose.services.worker.healthcheck.test;
  expect(kind).toBe("CMD");
  const redis = await startRedis();
  try {
    const up = await run(file, argv, { REDIS_URL: redis.url });
    expect({ status: up.status, stderr: up.stderr }).toEqual({ status: 0, stderr: "" });
  } finally {
    await redis.stop();
  }
  const down = await run(file, argv, { REDIS_URL: redis.url });
  expect(down.status).toBe(1);
});
