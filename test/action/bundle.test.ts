// The Action and the pre-commit hook run committed bundles (no `npm install` at run time): they must be exactly what
// `npm run build:action` builds from src/ now, and action.yml must point at them with the current Node runtime.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ACTION_ENTRY, CLI_BUNDLE, ROOT, actionYml, cleanup, tempDir } from "./action-harness.js";

afterAll(cleanup);

function build(outdir: string, cwd = ROOT): void {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "build-action.mjs"), outdir], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build-action failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

describe("committed bundles", () => {
  let fresh: string;
  beforeAll(() => {
    fresh = tempDir("sas-guard-bundle-");
    build(fresh);
  });

  it.each([
    ["action/dist/index.mjs", "index.mjs", ACTION_ENTRY],
    ["action/dist/cli.mjs", "cli.mjs", CLI_BUNDLE],
    ["action/dist/scan-worker.mjs", "scan-worker.mjs", join(ROOT, "action", "dist", "scan-worker.mjs")],
  ])("%s is up to date with src/ (run `npm run build:action` and commit it)", (_name, file, committed) => {
    const built = readFileSync(join(fresh, file));
    const current = readFileSync(committed);
    // compare sizes first: a byte diff of 1 MB files is no use in a failure message
    expect(current.length).toBe(built.length);
    expect(current.equals(built)).toBe(true);
  });

  it("the build is deterministic: a second build, from another working directory, gives the same bytes", () => {
    const again = tempDir("sas-guard-bundle-");
    build(again, tempDir());
    for (const f of ["index.mjs", "cli.mjs", "scan-worker.mjs"]) expect(readFileSync(join(again, f)).equals(readFileSync(join(fresh, f)))).toBe(true);
  });

  it("does not embed the build machine's paths", () => {
    for (const f of ["index.mjs", "cli.mjs"]) expect(readFileSync(join(fresh, f), "utf8")).not.toContain(ROOT);
  });

  it("the bundles are not git-ignored (they must be committed for the Action to run)", () => {
    for (const f of ["action/dist/index.mjs", "action/dist/cli.mjs"]) {
      const r = spawnSync("git", ["check-ignore", "-q", f], { cwd: ROOT });
      expect([f, r.status]).toEqual([f, 1]); // 1: not ignored
    }
  });

  it("the bundled CLI runs on its own and knows its version", () => {
    const r = spawnSync(process.execPath, [CLI_BUNDLE, "--version"], { encoding: "utf8", cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toContain(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
  });
});

describe("action.yml", () => {
  const yml = actionYml();

  it("runs the committed bundle on node24", () => {
    expect(yml.runs.using).toBe("node24");
    expect(yml.runs.main).toBe("action/dist/index.mjs");
    expect(existsSync(join(ROOT, yml.runs.main))).toBe(true);
  });

  it("declares the inputs and outputs the Action reads and writes", () => {
    expect(Object.keys(yml.inputs).sort()).toEqual(["comment", "config", "fail-on", "format", "github-token", "history", "path", "sarif-file"]);
    expect(Object.keys(yml.outputs).sort()).toEqual(["failing", "findings", "sarif-file"]);
    expect(yml.inputs["github-token"].default).toBe("${{ github.token }}");
  });
});
