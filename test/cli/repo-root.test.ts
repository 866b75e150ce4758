// Scanning part of a repository from its root (or from anywhere): the repository's .github/sas-guard.yml applies,
// paths.ignore matches repository-relative paths, SARIF URIs are repository-relative (uriBaseId %SRCROOT%), and
// every format says which config was used. Also `--output`, which must still print the verdict on stderr.
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanup, ensureBuilt, expectNothingLeaked, makeTree, sasGuard, sasUrl, scanJson } from "./cli-harness.js";

beforeAll(ensureBuilt);
afterAll(cleanup);

const CONFIG = ".github/sas-guard.yml";
let repo: string;

beforeAll(() => {
  // failOn: medium makes the config observable: a read-only (medium) token fails only with it
  repo = makeTree({
    [CONFIG]: 'failOn: medium\npaths:\n  ignore: ["infra/**"]\n',
    "notebooks/demo.ipynb": JSON.stringify({ cells: [{ source: [`url = "${sasUrl("root-notebook", { permissions: "rl" })}"`] }] }),
    "infra/main.bicep": `param url string = '${sasUrl("root-infra", { permissions: "rl" })}'\n`,
    "k8s/azure-secret.yaml": `apiVersion: v1\nkind: Secret\nstringData:\n  url: "${sasUrl("root-k8s", { permissions: "rl" })}"\n`,
    "README.md": "# demo\n",
  });
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
  ])
    spawnSync("git", args, { cwd: repo });
});

describe("scan <subdirectory> from the repository root", () => {
  it("scan notebooks: uses the repository's .github/sas-guard.yml and reports repository-relative paths", () => {
    const r = scanJson(["notebooks"], { cwd: repo });
    expect(r.json.configSource).toBe(CONFIG);
    expect(r.json.findings.map((f) => f.path)).toEqual(["notebooks/demo.ipynb"]);
    expect(r.status).toBe(1); // medium fails only under the repository's failOn: medium
  });

  it("from a subdirectory of the repository, the same config and the same paths", () => {
    const r = scanJson(["."], { cwd: join(repo, "notebooks") });
    expect(r.json.configSource).toBe(join(realpathSync(repo), CONFIG));
    expect(r.json.findings.map((f) => f.path)).toEqual(["notebooks/demo.ipynb"]);
  });

  it("scan infra with paths.ignore infra/**: nothing scanned, the directory listed as ignored", () => {
    const r = scanJson(["infra"], { cwd: repo });
    expect(r.json.findings).toEqual([]);
    expect(r.json.skipped).toEqual([{ path: "infra/", reason: 'ignored by paths.ignore ("infra/**")' }]);
    expect(r.status).toBe(0);
  });

  it("scan k8s --format sarif: URIs relative to the repository root, mapped through %SRCROOT%", () => {
    const r = sasGuard(["scan", "k8s", "--format", "sarif", "--no-progress"], { cwd: repo });
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation)).toEqual([{ uri: "k8s/azure-secret.yaml", uriBaseId: "%SRCROOT%" }]);
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `${pathToFileURL(realpathSync(repo)).href}/` } });
  });

  it("the text report names the config it used", () => {
    expect(sasGuard(["scan", "k8s", "--no-progress"], { cwd: repo }).stdout).toMatch(/^Config: \.github\/sas-guard\.yml$/m);
    expect(sasGuard(["scan", "."], { cwd: makeTree({ "a.txt": "nothing\n" }) }).stdout).toMatch(/^Config: defaults \(no \.github\/sas-guard\.yml\)$/m);
  });
});

describe("--output FILE", () => {
  it("writes the report to the file and still prints the one-line verdict on stderr", () => {
    const out = join(repo, "out", "o.sarif");
    const r = sasGuard(["scan", ".", "--output", out, "--format", "sarif", "--no-progress"], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^sas-guard: 2 findings \(0 critical, 0 high, 2 medium, 0 low, 0 info\); \d+ files? scanned in \d+ ms\. FAIL: 2 findings at or above medium \(report written to .*o\.sarif\)\n$/,
    );
    expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
  });

  it("-o is the short form (and --help lists it)", () => {
    const r = sasGuard(["scan", "README.md", "-o", join(repo, "out", "o.txt")], { cwd: repo });
    expect(r.stderr).toMatch(/PASS: nothing at or above medium \(report written to/);
    expect(sasGuard(["--help"]).stdout).toMatch(/^ {2}-o, --output FILE/m);
  });
});

describe("colour", () => {
  const tree = (): string => makeTree({ "a.env": `URL=${sasUrl("colour")}\n` });
  it("FORCE_COLOR colours a report that is not going to a terminal; FORCE_COLOR=0 and NO_COLOR keep it plain", () => {
    const dir = tree();
    expect(sasGuard(["scan", "."], { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "" } }).stdout).toContain("\x1b[");
    expect(sasGuard(["scan", "."], { cwd: dir, env: { FORCE_COLOR: "0", NO_COLOR: "" } }).stdout).not.toContain("\x1b[");
    expect(sasGuard(["scan", "."], { cwd: dir, env: { NO_COLOR: "1" } }).stdout).not.toContain("\x1b[");
    // the flag beats the environment
    expect(sasGuard(["scan", ".", "--color"], { cwd: dir, env: { NO_COLOR: "1" } }).stdout).toContain("\x1b[");
  });

  it("NO_COLOR turns colour off on a terminal (run under script(1), which gives the CLI a pseudo-terminal)", () => {
    const dir = tree();
    const bin = join(__dirname_(), "..", "..", "bin", "sas-guard.js");
    const onTty = (env: Record<string, string>) =>
      spawnSync("script", ["-qec", `${process.execPath} ${bin} scan . --no-progress`, "/dev/null"], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", TERM: "xterm", ...env },
      }).stdout;
    expect(onTty({})).toContain("\x1b[");
    expect(onTty({ NO_COLOR: "1" })).not.toContain("\x1b[");
  });
});

function __dirname_(): string {
  return new URL(".", import.meta.url).pathname;
}

it("no run printed a whole planted secret", expectNothingLeaked);
