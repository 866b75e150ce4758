// The GitHub Action as the runner runs it: `node action/dist/index.mjs` (the committed bundle), GITHUB_* variables,
// the event payload in GITHUB_EVENT_PATH, inputs as INPUT_* with hyphens kept. Asserts what a workflow run shows:
// annotations, the job summary, step outputs, the SARIF file and the exit code, on pull_request and push events.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import { renderCheckRun } from "../../src/report/render-markdown.js";
import { runScan } from "../../src/scan/run-scan.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { diffSource } from "../../src/sources/git-diff.js";
import {
  cleanup,
  commit,
  connectionString,
  criticalSas,
  findLeaks,
  git,
  mediumSas,
  newRepo,
  planted,
  printed,
  pullRequestPayload,
  privateRepository,
  pushPayload,
  runActionProcess,
  type ActionRun,
} from "./action-harness.js";

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
const { default: Ajv04 } = ajvDraft04;
const { default: addFormats } = ajvFormats;
const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false }); // see test/report/render-sarif.test.ts
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

afterAll(cleanup);

const errors = (run: ActionRun) => run.annotations.filter((a) => a.command === "error" && a.properties.file !== undefined);

describe("pull_request event", () => {
  let repo: string;
  let base: string;
  let head: string;
  let run: ActionRun;
  let oldToken: string;
  let newToken: string;
  beforeAll(async () => {
    oldToken = criticalSas("action-pr-base");
    newToken = criticalSas("action-pr-head");
    repo = newRepo();
    base = commit(repo, { "README.md": "# Demo\n", "config/app.env": `# storage\nOLD_URL=${oldToken}\n` }, "base");
    // the PR touches the file that already holds a token (that line is unchanged) and adds one in a new file
    head = commit(
      repo,
      {
        "config/app.env": `# storage\nOLD_URL=${oldToken}\nREGION=westeurope\n`,
        "src/my settings.json": `{\n  "name": "demo",\n  "blobUrl": "${newToken}"\n}\n`,
      },
      "add settings",
    );
    run = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head, 7), workspace: repo });
  });

  it("exits 1 (a critical finding is at or above the default fail-on, high)", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("annotates only the token the pull request adds, on its file and line", () => {
    expect(errors(run)).toHaveLength(1);
    const [a] = errors(run);
    expect(a.properties).toMatchObject({ file: "src/my settings.json", line: "3" });
    expect(Number(a.properties.col)).toBeGreaterThan(1);
    expect(a.properties.title).toMatch(/^Critical/);
    expect(a.message).toMatch(/How to fix:/);
    expect(a.message).toMatch(/Token: .*\(sg1:[0-9a-f]{24}\)$/);
    // the token already in the base commit is in a changed file but on an unchanged line: not this PR's doing
    expect(run.stdout).not.toMatch(/config\/app\.env/);
    expect(run.stdout).toMatch(/^::error file=src\/my settings\.json,line=3,col=\d+,endColumn=\d+,title=[^:]+::/m);
  });

  it("writes the check run's Markdown to the job summary", async () => {
    expect(run.summary).toMatch(/^## SAS Guard: Critical/);
    expect(run.summary).toContain("Scanned what pull request #7 adds.");
    expect(run.summary).toContain(`https://github.com/o/r/blob/${head}/src/my%20settings.json#L3`);
    // byte for byte what the App would publish as the check run summary for the same change (timing aside)
    const sc = buildScanConfig({ config: DEFAULT_CONFIG, source: `defaults (no .github/sas-guard.yml in the base commit ${base.slice(0, 7)})`, errors: [] });
    // the fixture's repository is public (0 forks): the App's webhook says the same
    const report = await runScan(diffSource(repo, base, head, sc.filter).items, sc, {
      now: new Date(),
      exposure: async () => () => ({ visibility: "public", forks: 0 }),
    });
    const check = renderCheckRun(report, { webBaseUrl: "https://github.com", owner: "o", repo: "r", sha: head });
    const ms = (s: string) => s.replace(/scanned in \d+ ms/g, "scanned in N ms");
    expect(ms(run.summary)).toBe(ms(`## SAS Guard: ${check.title}\n\nScanned what pull request #7 adds.\n\n${check.summary}\n`));
  });

  it("sets the step outputs findings, failing and sarif-file", () => {
    expect(run.outputs).toEqual({ findings: "1", failing: "1", "sarif-file": join(repo, "sas-guard.sarif") });
  });

  it("writes valid SARIF 2.1.0 with the finding, a stable fingerprint and security-severity", () => {
    expect(run.sarifPath).toBe(join(repo, "sas-guard.sarif"));
    const valid = validateSarif(run.sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const results = run.sarif.runs[0].results;
    expect(results).toHaveLength(1);
    expect(results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: "src/my%20settings.json" }, region: { startLine: 3 } });
    expect(results[0].partialFingerprints).toEqual(expect.any(Object));
    const rule = run.sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === results[0].ruleId);
    expect(Number(rule.properties["security-severity"])).toBeGreaterThanOrEqual(9);
  });

  it("gives the same SARIF fingerprints on a second run (code scanning does not duplicate alerts)", async () => {
    const again = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head, 7), workspace: repo });
    const fps = (r: ActionRun) =>
      r.sarif.runs[0].results.map((x: { partialFingerprints: unknown; fingerprints?: unknown }) => [x.partialFingerprints, x.fingerprints]);
    expect(fps(again)).toEqual(fps(run));
  });

  it("writes the SARIF file where sarif-file says, and the text report in the log, format json prints JSON", async () => {
    const r = await runActionProcess({
      event: "pull_request",
      payload: pullRequestPayload(base, head, 7),
      workspace: repo,
      with: { "sarif-file": "out/results.sarif", format: "json" },
    });
    expect(r.status).toBe(1);
    expect(r.outputs["sarif-file"]).toBe(join(repo, "out", "results.sarif"));
    expect(r.sarif.runs[0].results).toHaveLength(1);
    const json = JSON.parse(
      r.stdout
        .split("\n")
        .filter((l) => !l.startsWith("::"))
        .join("\n"),
    );
    expect(json.findings.map((f: { path: string; line: number }) => [f.path, f.line])).toEqual([["src/my settings.json", 3]]);
  });
});

describe("fail-on", () => {
  let repo: string;
  let payload: object;
  beforeAll(() => {
    repo = newRepo();
    const base = commit(repo, { "README.md": "# Demo\n" }, "base");
    const head = commit(repo, { "docs/download.md": `Get the data from ${mediumSas("action-medium")}\n` }, "medium token");
    payload = privateRepository(pullRequestPayload(base, head, 8));
  });

  it("fail-on: critical with a medium finding: exit 0, the finding is still a warning annotation", async () => {
    const r = await runActionProcess({ event: "pull_request", payload, workspace: repo, with: { "fail-on": "critical" } });
    expect(r.status).toBe(0);
    expect(r.annotations.filter((a) => a.properties.file)).toEqual([
      expect.objectContaining({ command: "warning", properties: expect.objectContaining({ file: "docs/download.md", line: "1" }) }),
    ]);
    expect(r.outputs).toMatchObject({ findings: "1", failing: "0" });
    expect(r.summary).toContain("**Passing:** nothing at or above `critical`");
  });

  it("fail-on: medium with the same finding: exit 1", async () => {
    const r = await runActionProcess({ event: "pull_request", payload, workspace: repo, with: { "fail-on": "medium" } });
    expect(r.status).toBe(1);
    expect(r.outputs).toMatchObject({ findings: "1", failing: "1" });
  });
});

describe("push event", () => {
  it("scans the pushed range before..after, not what was there before it", async () => {
    const repo = newRepo();
    commit(repo, { "old.env": `URL=${criticalSas("action-push-old")}\n` }, "old");
    const before = commit(repo, { "README.md": "# Demo\n" }, "before");
    commit(repo, { "deploy/one.yaml": `key: ${connectionString("action-push-1")}\n` }, "one");
    const after = commit(repo, { "deploy/two.txt": `line 1\nline 2\n${mediumSas("action-push-2")}\n` }, "two");
    const r = await runActionProcess({ event: "push", payload: privateRepository(pushPayload(before, after)), workspace: repo });
    expect(r.status).toBe(1);
    expect(r.annotations.filter((a) => a.properties.file).map((a) => [a.command, a.properties.file, a.properties.line])).toEqual([
      ["error", "deploy/one.yaml", "1"],
      ["warning", "deploy/two.txt", "3"],
    ]);
    expect(r.summary).toContain(`Scanned the pushed range ${before.slice(0, 7)}..${after.slice(0, 7)}.`);
    expect(r.outputs).toMatchObject({ findings: "2", failing: "1" });
  });

  it("a new branch (before is all zeros) scans the checked-out files", async () => {
    const repo = newRepo();
    const after = commit(repo, { "a.env": `URL=${criticalSas("action-push-new-branch")}\n` }, "first");
    const r = await runActionProcess({ event: "push", payload: pushPayload("0".repeat(40), after), workspace: repo });
    expect(r.status).toBe(1);
    expect(r.summary).toContain("Scanned the checked-out files.");
    expect(r.annotations.filter((a) => a.properties.file).map((a) => a.properties.file)).toEqual(["a.env"]);
  });

  it("history: true finds a token that was added and later removed", async () => {
    const repo = newRepo();
    commit(repo, { "README.md": "# Demo\n" }, "init");
    const added = commit(repo, { "scripts/upload.sh": `#!/bin/sh\n# upload\nazcopy copy out.zip "${criticalSas("action-history")}"\n` }, "upload script");
    commit(repo, { "scripts/upload.sh": '#!/bin/sh\n# upload\nazcopy copy out.zip "$UPLOAD_URL"\n' }, "use a variable");
    const before = commit(repo, { "README.md": "# Demo\n\nMore.\n" }, "docs");
    const after = commit(repo, { "README.md": "# Demo\n\nEven more.\n" }, "docs 2");

    const plain = await runActionProcess({ event: "push", payload: pushPayload(before, after), workspace: repo });
    expect(plain.status).toBe(0);
    expect(plain.outputs).toMatchObject({ findings: "0", failing: "0" });

    const r = await runActionProcess({ event: "push", payload: pushPayload(before, after), workspace: repo, with: { history: "true" } });
    expect(r.status).toBe(1);
    expect(r.summary).toContain("Scanned every blob in the repository's history.");
    expect(r.annotations.filter((a) => a.properties.file).map((a) => [a.properties.file, a.properties.line])).toEqual([["scripts/upload.sh", "3"]]);
    expect(r.summary).toContain(`First committed in \`${added.slice(0, 12)}\``);
    expect(r.outputs).toMatchObject({ findings: "1", failing: "1" });
  });
});

describe("inputs and clean runs", () => {
  let repo: string;
  let base: string;
  let head: string;
  beforeAll(() => {
    repo = newRepo();
    base = commit(repo, { "README.md": "# Demo\n" }, "base");
    head = commit(repo, { "README.md": "# Demo\n\nUse managed identity; no keys in code.\n", "src/index.ts": "export const x = 1;\n" }, "clean change");
  });

  it("a bad input (fail-on: urgent): exit 2 and an ::error:: that says what to fix", async () => {
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo, with: { "fail-on": "urgent" } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('::error::SAS Guard: input fail-on must be one of critical, high, medium, low, info (got "urgent")\n');
    expect(r.summary).toBe("");
    expect(r.outputFile).toBe("");
  });

  it.each([
    ["history", "maybe", /input history must be true or false \(got "maybe"\)/],
    ["format", "xml", /input format must be text, json or sarif \(got "xml"\)/],
    ["config", "nope.yml", /input config: nope\.yml does not exist in the workspace/],
    ["path", "no/such/dir", /input path: no\/such\/dir does not exist in the workspace/],
  ])("bad input %s: %s: exit 2 with ::error::", async (name, value, message) => {
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo, with: { [name]: value } });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error::SAS Guard: /);
    expect(r.stdout).toMatch(message);
  });

  it("a pull request without both commits in the clone: exit 2, says to use fetch-depth: 0", async () => {
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload("1".repeat(40), head), workspace: repo });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error::SAS Guard: git diff .* failed .*fetch-depth: 0/);
  });

  it("a clean pull request: exit 0, no annotation, the summary says nothing was found", async () => {
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo });
    expect(r.status).toBe(0);
    expect(r.annotations).toEqual([]);
    expect(r.summary).toMatch(/^## SAS Guard: No Azure credentials found\n/);
    expect(r.summary).toContain("**No Azure credentials found.**");
    expect(r.summary).not.toMatch(/^## .*\n\n## /m); // never two H2 headings in a row
    expect(r.outputs).toEqual({ findings: "0", failing: "0", "sarif-file": join(repo, "sas-guard.sarif") });
    expect(r.sarif.runs[0].results).toEqual([]);
  });

  it("the repository config is read from the pull request's base: an allowlisted token passes, a PR cannot allowlist its own", async () => {
    const r0 = newRepo();
    const token = criticalSas("action-allowlisted");
    const b = commit(r0, { "README.md": "# Demo\n" }, "base");
    const h1 = commit(r0, { "test/data.env": `URL=${token}\n` }, "token");
    const first = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(b, h1), workspace: r0 });
    expect(first.status).toBe(1);
    const fingerprint = /\((sg1:[0-9a-f]{24})\)$/.exec(errors(first)[0].message)![1];
    const allowlist = { ".github/sas-guard.yml": `allowlist:\n  - fingerprint: ${fingerprint}\n    reason: test fixture, revoked\n` };

    // the pull request adds the allowlist entry for its own token: not honoured
    const h2 = commit(r0, allowlist, "allowlist in the PR");
    const own = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(b, h2), workspace: r0 });
    expect(own.status).toBe(1);
    expect(own.summary).toContain(`defaults (no .github/sas-guard.yml in the base commit ${b.slice(0, 7)})`);

    // the same entry on the base branch: honoured
    git(r0, ["checkout", "-q", "-b", "feature", h1]);
    git(r0, ["checkout", "-q", "main"]);
    git(r0, ["reset", "-q", "--hard", b]);
    const b2 = commit(r0, allowlist, "allowlist on main");
    git(r0, ["checkout", "-q", "feature"]);
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(b2, h1), workspace: r0 });
    expect(r.status).toBe(0);
    expect(errors(r)).toEqual([]);
    expect(r.outputs).toMatchObject({ findings: "0", failing: "0" });
    expect(r.summary).toContain("Suppressed findings (1)");
    expect(r.summary).toContain(`.github/sas-guard.yml in the base commit ${b2.slice(0, 7)}`);

    // an explicit config input is used as given (here the working tree's file)
    git(r0, ["checkout", "-q", h2]);
    const explicit = await runActionProcess({
      event: "pull_request",
      payload: pullRequestPayload(b, h2),
      workspace: r0,
      with: { config: ".github/sas-guard.yml" },
    });
    expect(explicit.status).toBe(0);
  });
});

describe("path: one directory of the repository", () => {
  let repo: string;
  let base: string;
  let head: string;
  beforeAll(() => {
    repo = newRepo();
    base = commit(repo, { "README.md": "# Demo\n" }, "base");
    head = commit(
      repo,
      { "services/api/.env": `A=${criticalSas("action-path-in")}\n`, "services/web/.env": `B=${criticalSas("action-path-out")}\n` },
      "two services",
    );
  });

  it("on a pull request, reports only files under path, with paths from the repository root", async () => {
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo, with: { path: "services/api" } });
    expect(r.status).toBe(1);
    expect(errors(r).map((a) => a.properties.file)).toEqual(["services/api/.env"]);
    expect(r.summary).toContain("Scanned what pull request #7 adds under `services/api/`.");
  });

  it("on the checked-out files too (annotations must name the file from the repository root)", async () => {
    const r = await runActionProcess({ event: "workflow_dispatch", payload: {}, workspace: repo, with: { path: "services/api" } });
    expect(r.status).toBe(1);
    expect(errors(r).map((a) => a.properties.file)).toEqual(["services/api/.env"]);
    expect(r.sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("services/api/.env");
  });
});

describe("git diff edge cases (paths git quotes or pads)", () => {
  it("reports tokens in files whose names have spaces, quotes, commas and non-ASCII letters", async () => {
    const repo = newRepo();
    const base = commit(repo, { "README.md": "# Demo\n" }, "base");
    const head = commit(
      repo,
      {
        'we"ird,name.env': `A=${criticalSas("action-quoted")}\n`,
        "dir with space/ünïcode.txt": `x\nB=${criticalSas("action-unicode")}\n`,
        "tab\tname.txt": `C=${criticalSas("action-tab")}\n`,
      },
      "odd names",
    );
    git(repo, ["config", "diff.noprefix", "true"]); // a repository config must not change what is parsed
    const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo });
    expect(r.status).toBe(1);
    expect(
      errors(r)
        .map((a) => [a.properties.file, a.properties.line])
        .sort(),
    ).toEqual(
      [
        ["dir with space/ünïcode.txt", "2"],
        ["tab\tname.txt", "1"],
        ['we"ird,name.env', "1"],
      ].sort(),
    );
    expect(r.stdout).toContain('file=we"ird%2Cname.env,line=1');
  });
});

describe("no raw secret anywhere", () => {
  it("stdout, stderr, job summaries, outputs and SARIF files hold none of the planted secrets", () => {
    expect(planted.size).toBeGreaterThan(5);
    expect(printed.length).toBeGreaterThan(20);
    expect(findLeaks(printed)).toEqual([]);
  });

  it("the grep really finds a secret (self-check)", () => {
    const [secret] = planted;
    expect(findLeaks([`x ${encodeURIComponent(secret)} y`])).toHaveLength(1);
  });
});
