// The hook as real pre-commit installs and runs it: a user's repository whose .pre-commit-config.yaml names a clean
// clone of this repository (`repo:` its path, `rev:` its commit SHA). pre-commit clones it, installs the node hook
// its own way (3.0–4.6.0: `npm install` in the clone, `npm pack`, `npm install -g` of the tarball; 4.6.1+:
// `npm install -g git+file://…`), and `git commit` runs `sas-guard scan --staged`.
// Debian 12's pre-commit 3.0.4 is the `pre-commit` on PATH (.ci/run installs it). PRE_COMMIT_SOURCE=<dir> also
// runs a pre-commit source tree (e.g. 4.x: `$PRE_COMMIT_PYTHON -m pre_commit` with it on PYTHONPATH).
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { criticalSas, findLeaks, writeFiles } from "../action/action-harness.js";
import { cleanClone, mustRun, removeTempDirs, run, tempDir, type Run } from "./clean-clone.js";

jest.setTimeout(1_800_000);
afterAll(removeTempDirs);

interface PreCommit {
  name: string;
  cmd: string;
  args: string[];
  env: Record<string, string>;
}

const flavours: PreCommit[] = [{ name: "pre-commit on PATH", cmd: "pre-commit", args: [], env: {} }];
if (process.env.PRE_COMMIT_SOURCE) {
  flavours.push({
    name: `pre-commit from ${process.env.PRE_COMMIT_SOURCE}`,
    cmd: process.env.PRE_COMMIT_PYTHON ?? "python3",
    args: ["-m", "pre_commit"],
    env: { PYTHONPATH: process.env.PRE_COMMIT_SOURCE },
  });
}

const printed: string[] = [];
let hookRepo: { dir: string; sha: string };

beforeAll(() => {
  const probe = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  if (probe.status !== 0) throw new Error("pre-commit is not installed: `apt-get install -y pre-commit` (.ci/run does it)");
  hookRepo = cleanClone();
});

describe.each(flavours)("$name", (pc) => {
  let user: string;
  let env: Record<string, string>;
  const commit = (message: string): Run => {
    const r = run("git", ["commit", "-m", message], user, env);
    printed.push(r.stdout, r.stderr);
    return r;
  };

  beforeAll(() => {
    user = tempDir("sas-guard-user-");
    // pre-commit's cache (its clone of the hook repository and the installed hook) in a temp dir of its own
    env = { ...pc.env, PRE_COMMIT_HOME: tempDir("sas-guard-pre-commit-home-"), PRE_COMMIT_COLOR: "never" };
    mustRun("git", ["init", "-q", "-b", "main"], user);
    writeFiles(user, {
      ".pre-commit-config.yaml": `repos:\n  - repo: ${hookRepo.dir}\n    rev: ${hookRepo.sha}\n    hooks:\n      - id: sas-guard\n`,
      "README.md": "# a user's project\n",
    });
    mustRun("git", ["add", "-A"], user);
    mustRun("git", ["commit", "-q", "-m", "init"], user);
    const installed = run(pc.cmd, [...pc.args, "install"], user, env);
    expect(`${installed.status}\n${installed.stdout}${installed.stderr}`).toMatch(/^0\n/);
    // install the hook environment now (npm install + pack + global install), so a failure says so
    const hooks = run(pc.cmd, [...pc.args, "install-hooks"], user, env);
    printed.push(hooks.stdout, hooks.stderr);
    expect(`${hooks.status}\n${hooks.stdout}${hooks.stderr}`).toMatch(/^0\n/);
  });

  it("blocks a commit that stages a fake SAS token, naming the file", () => {
    writeFileSync(join(user, "app.env"), `URL=${criticalSas(`pre-commit-${pc.name}`)}\n`);
    mustRun("git", ["add", "app.env"], user);
    const r = commit("add a token");
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/SAS Guard\.+Failed/);
    expect(out).toMatch(/app\.env/);
    expect(out).toMatch(/CRITICAL/);
    // nothing was committed
    expect(mustRun("git", ["log", "--format=%s"], user).trim()).toBe("init");
  });

  it("passes a clean commit", () => {
    writeFileSync(join(user, "app.env"), "URL=$FROM_KEY_VAULT\n");
    mustRun("git", ["add", "app.env"], user);
    const r = commit("read the URL from the environment");
    expect(`${r.status}\n${r.stdout}${r.stderr}`).toMatch(/^0\n/);
    expect(r.stdout + r.stderr).toMatch(/SAS Guard\.+Passed/);
  });
});

it("no run printed a whole planted secret", () => {
  expect(printed.length).toBeGreaterThan(0);
  expect(findLeaks(printed)).toEqual([]);
});
