// Production without a webhook secret (issue 15.9): the real entry (`node dist/main.js`) refuses to start when
// NODE_ENV=production and WEBHOOK_SECRET is missing, empty or Probot's default "development"; it says which
// variable and what to do, and exits non-zero before anything listens.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { productionStartupProblems } from "../../src/server/startup-checks.js";
import { REPO, ensureBuilt } from "../cli/cli-harness.js";

beforeAll(ensureBuilt);

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(REPO, "dist", "main.js")], {
    cwd: REPO,
    // no .env lookups from the project: a scratch cwd would change module resolution, so the env is explicit
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", LOG_LEVEL: "fatal", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });

describe("node dist/main.js in production", () => {
  it.each([
    ["WEBHOOK_SECRET missing", {}, /WEBHOOK_SECRET is not set/],
    ["WEBHOOK_SECRET empty", { WEBHOOK_SECRET: "" }, /WEBHOOK_SECRET is not set/],
    ["WEBHOOK_SECRET=development", { WEBHOOK_SECRET: "development" }, /WEBHOOK_SECRET is "development", Probot's public default/],
  ])("%s: refuses to start, says which variable and what to do, exits 1", (_name, env, says) => {
    const run = start({ NODE_ENV: "production", APP_ID: "1", ...env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sas-guard: refusing to start in production/);
    expect(run.stderr).toMatch(says);
    expect(run.stdout).toBe(""); // nothing started, nothing logged
  });
});

describe("productionStartupProblems", () => {
  it.each([
    ["production with a real secret", { NODE_ENV: "production", WEBHOOK_SECRET: "3f9a0c…random" }, 0],
    ["development without a secret (Probot's local default is fine there)", { NODE_ENV: "development" }, 0],
    ["no NODE_ENV without a secret", {}, 0],
    ["production, secret of spaces", { NODE_ENV: "production", WEBHOOK_SECRET: "   " }, 1],
  ])("%s", (_name, env, count) => {
    expect(productionStartupProblems(env)).toHaveLength(count);
  });
});
