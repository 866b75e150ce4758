// The pre-commit hook: .pre-commit-hooks.yaml runs `sas-guard scan --staged`, which reads the git index. Here the
// committed CLI bundle (what bin/sas-guard.js runs in a pre-commit install, where nothing is built) runs in a git
// repository built in the test. Real pre-commit installing the hook from a clone: test/e2e/pre-commit-hook.test.ts.
// The CLI's own --staged cases live in test/cli.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLI_BUNDLE, GIT_ENV, ROOT, cleanup, commit, criticalSas, findLeaks, git, newRepo, writeFiles } from "./action-harness.js";

afterAll(cleanup);

const printed: string[] = [];

/** What pre-commit runs: the hook's entry, in the repository, with no file names (pass_filenames: false). */
function hook(repo: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_BUNDLE, "scan", "--staged", "--no-progress"], {
    cwd: repo,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...GIT_ENV },
  });
  printed.push(r.stdout, r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));

  it("defines the sas-guard hook that scans the staged content", () => {
    expect(Array.isArray(hooks)).toBe(true);
    const h = hooks.find((x: { id: string }) => x.id === "sas-guard");
    expect(h).toMatchObject({ id: "sas-guard", language: "node", pass_filenames: false });
    expect(h.entry).toMatch(/^sas-guard scan --staged(\s|$)/);
  });

  it("names no stage: pre-commit 3.0 (Debian 12) rejects `pre-commit`, 3.2+ renamed `commit` and 4.x warns on it", () => {
    for (const h of hooks) expect([h.id, h.stages]).toEqual([h.id, undefined]);
  });

  it("its entry names the package's bin", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const h = hooks.find((x: { id: string }) => x.id === "sas-guard");
    expect(Object.keys(pkg.bin)).toContain(h.entry.split(" ")[0]);
  });
});

describe("what pre-commit installs", () => {
  // pre-commit's node hooks (pre_commit/languages/node.py): up to 4.6.0 `npm install` in its clone of the hook
  // repository at `rev`, `npm pack` (stdout read as the tarball's name), `npm install -g` of the tarball; from 4.6.1
  // `npm install -g git+file://<clone>`. dist/ is git-ignored (not in the clone, not in the pack), so the package
  // runs the committed bundle, and nothing may be built at install time.
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

  it("package.json has no script that makes npm build a git or tarball install (needs devDependencies; npm/cli#8440)", () => {
    // pacote installs devDependencies and runs these when a git dependency declares any of them
    for (const s of ["build", "prepare", "prepack", "preinstall", "install", "postinstall"]) expect([s, pkg.scripts[s]]).toEqual([s, undefined]);
  });

  it("npm pack prints nothing but the pack on stdout, and the pack holds the bin and the bundled CLI", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(["bin/sas-guard.js", "action/dist/cli.mjs", "action/dist/scan-worker.mjs", "package.json"]));
    // no sources, tests or build output: `files` in package.json lists what ships
    expect(files.filter((f) => /^(src|test|dist)\//.test(f))).toEqual([]);
    expect(readFileSync(join(ROOT, "bin", "sas-guard.js"), "utf8")).toContain("../action/dist/cli.mjs");
  });
});

describe("scan --staged through the committed bundle", () => {
  it("a staged token: exit 1, and stderr says how to fix it or allowlist it deliberately", () => {
    const repo = newRepo();
    commit(repo, { "README.md": "# Demo\n" }, "init");
    writeFiles(repo, { "config/app.env": `URL=${criticalSas("pre-commit-staged")}\n` });
    git(repo, ["add", "config/app.env"]);
    const r = hook(repo);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/config\/app\.env/);
    expect(r.stderr).toMatch(/Remove it from the file and `git add` again/);
    // nothing asked Azure: the message must not claim the credential is live
    expect(r.stderr).toMatch(/a staged file holds an Azure credential \(not checked against Azure: --verify asks whether it still works\)/);
    expect(r.stderr).not.toMatch(/live/);
    expect(r.stderr).toMatch(/add its fingerprint to allowlist in \.github\/sas-guard\.yml with a reason/);
    expect(r.stderr).toMatch(/sas-guard:ignore reason=/);
  });

  it("a token removed from the working copy but still staged is caught", () => {
    const repo = newRepo();
    commit(repo, { "README.md": "# Demo\n" }, "init");
    writeFiles(repo, { "app.env": `URL=${criticalSas("pre-commit-still-staged")}\n` });
    git(repo, ["add", "app.env"]);
    writeFiles(repo, { "app.env": "URL=$FROM_KEY_VAULT\n" }); // not re-added
    expect(hook(repo).status).toBe(1);
  });

  it("a token only in the working tree (not staged): exit 0", () => {
    const repo = newRepo();
    commit(repo, { "README.md": "# Demo\n", "app.env": "URL=\n" }, "init");
    writeFiles(repo, { "app.env": `URL=${criticalSas("pre-commit-unstaged")}\n`, "new.env": `URL=${criticalSas("pre-commit-untracked")}\n` });
    const r = hook(repo);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/staged file holds/);
  });
});

describe("no raw secret anywhere", () => {
  it("the hook's stdout and stderr hold none of the planted secrets", () => {
    expect(printed.length).toBeGreaterThan(0);
    expect(findLeaks(printed)).toEqual([]);
  });
});
