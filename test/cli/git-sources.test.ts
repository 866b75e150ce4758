// `--history` (every blob ever committed, with the commit where each token first appeared) and `--staged` (the
// git index, not the working tree), on repositories built in the test.
import { join } from "node:path";
import { cleanup, ensureBuilt, expectNothingLeaked, git, makeTree, sasGuard, sasUrl, scanJson, writeFiles } from "./cli-harness.js";

const NOW = "2026-01-01";

beforeAll(ensureBuilt);
afterAll(cleanup);

function newRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = makeTree(files);
  git(dir, ["init", "-q", "-b", "main"]);
  return dir;
}

/** Commits everything with a fixed author/committer date, returns the new commit's SHA. */
function commitAll(dir: string, message: string, date: string): string {
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(dir, ["rev-parse", "HEAD"]).trim();
}

describe("--history", () => {
  let repo: string;
  let first: string;
  let token: string;
  beforeAll(() => {
    token = sasUrl("history", { accountSas: true });
    repo = newRepo({ "README.md": `# Demo\n\nConnect with ${token}\n` });
    first = commitAll(repo, "add readme", "2023-03-01T10:00:00+02:00");
    // the file changes around the token: a second blob holding the same token, committed later
    writeFiles(repo, { "README.md": `# Demo\n\nSome intro.\n\nConnect with ${token}\n`, "logo.png": Buffer.from("\x89PNG\r\n\x1a\n\0\0\0\0IHDR") });
    commitAll(repo, "intro", "2023-03-01T09:30:00+01:00"); // 30 minutes after the first commit, in another time zone
    writeFiles(repo, { "README.md": "# Demo\n\nSome intro.\n\nConnect with managed identity.\n" });
    commitAll(repo, "remove the token", "2026-02-01T00:00:00Z");
  });

  it("the working tree is clean: a plain scan finds nothing", () => {
    const { json, status } = scanJson([repo, "--now", NOW]);
    expect(status).toBe(0);
    expect(json.findings).toEqual([]);
  });

  it("reports the removed token once, with the first commit and path where it appeared", () => {
    const { json, status } = scanJson([repo, "--history", "--now", NOW]);
    expect(status).toBe(1);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({
      path: "README.md",
      line: 3,
      kind: "account-sas",
      severity: "critical",
      commit: first,
      origin: { commit: first, path: "README.md", author: "Test" },
    });
    expect(json.findings[0].origin!.date).toBe("2023-03-01T08:00:00Z"); // ISO 8601 UTC, whatever the author's zone
  });

  it("picks the oldest commit when several commits carry the same author date", () => {
    const same = "2024-05-05T12:00:00Z";
    const t = sasUrl("history-same-date", { accountSas: true });
    const dir = newRepo({ "app.env": `URL=${t}\n` });
    const oldest = commitAll(dir, "one", same);
    for (let i = 2; i <= 4; i++) {
      writeFiles(dir, { "app.env": `# revision ${i}\nURL=${t}\n`, [`other-${i}.txt`]: `${i}\n` });
      commitAll(dir, `rev ${i}`, same);
    }
    const { json } = scanJson([dir, "--history", "--now", NOW]);
    expect(json.findings.map((f) => [f.path, f.line, f.commit])).toEqual([["app.env", 1, oldest]]);
  });

  it("reads each blob once and lists skipped blobs with their path", () => {
    const { json } = scanJson([repo, "--history", "--now", NOW]);
    expect(json.stats.files).toBe(3); // three versions of README.md
    expect(json.skipped).toEqual([{ path: expect.stringMatching(/^logo\.png \(blob [0-9a-f]{12}\)$/), reason: "binary file" }]);
  });

  it("says in the text output where the token was first seen", () => {
    const r = sasGuard(["scan", repo, "--history", "--now", NOW]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`first seen: commit ${first.slice(0, 12)} in README.md`);
  });

  it("finds tokens committed only on another branch", () => {
    const branchy = newRepo({ "a.txt": "hello\n" });
    commitAll(branchy, "init", "2024-01-01T00:00:00Z");
    git(branchy, ["checkout", "-q", "-b", "feature"]);
    writeFiles(branchy, { "cfg/app.env": `URL=${sasUrl("branch-only")}\n` });
    const onBranch = commitAll(branchy, "feature", "2024-01-02T00:00:00Z");
    git(branchy, ["checkout", "-q", "main"]);
    const { json } = scanJson([branchy, "--history", "--now", NOW]);
    expect(json.findings.map((f) => [f.path, f.commit])).toEqual([["cfg/app.env", onBranch]]);
  });

  it("works from a subdirectory of the repository (the root is the repository's top level)", () => {
    writeFiles(repo, { "sub/x.txt": "x\n" });
    const { json } = scanJson(["--history", "--now", NOW], { cwd: join(repo, "sub") });
    expect(json.findings.map((f) => f.path)).toEqual(["README.md"]);
  });
});

describe("--staged", () => {
  let repo: string;
  beforeAll(() => {
    repo = newRepo({ "README.md": "# App\n" });
    commitAll(repo, "init", "2025-01-01T00:00:00Z");
  });

  it("catches a staged token even when the working copy no longer has it, and says how to fix it", () => {
    writeFiles(repo, { "config/settings.json": `{ "url": "${sasUrl("staged", { permissions: "rwdl" })}" }\n` });
    git(repo, ["add", "config/settings.json"]);
    writeFiles(repo, { "config/settings.json": '{ "url": "" }\n' }); // removed from the working copy, not from the index
    const { json, status, stderr } = scanJson([repo, "--staged", "--now", NOW]);
    expect(status).toBe(1);
    expect(json.findings.map((f) => [f.path, f.line, f.severity])).toEqual([["config/settings.json", 1, "critical"]]);
    expect(stderr).toMatch(/Remove it from the file and `git add` again/);
    expect(stderr).toMatch(/add its fingerprint to allowlist in \.github\/sas-guard\.yml with a reason/);
    // the working-tree scan does not see it
    expect(scanJson([repo, "--now", NOW]).json.findings).toEqual([]);
    git(repo, ["reset", "-q"]);
  });

  it("does not report a token that is only in the working tree", () => {
    writeFiles(repo, { "notes.md": `${sasUrl("working-tree-only", { permissions: "rwdl" })}\n` }); // untracked
    writeFiles(repo, { "README.md": `# App\n${sasUrl("modified-not-staged", { permissions: "rwdl" })}\n` }); // tracked, modified, not staged
    const r = scanJson([repo, "--staged", "--now", NOW]);
    expect(r.status).toBe(0);
    expect(r.json.findings).toEqual([]);
    expect(r.stderr).toBe("");
    // while a plain scan sees both
    expect(scanJson([repo, "--now", NOW]).json.findings.map((f) => f.path)).toEqual(["README.md", "notes.md"]);
    git(repo, ["checkout", "-q", "--", "README.md"]);
  });

  it("passes with exit 0 when the staged token is allowlisted", () => {
    const dir = newRepo({ "README.md": "# App\n" });
    commitAll(dir, "init", "2025-01-01T00:00:00Z");
    writeFiles(dir, { "samples/data.md": `${sasUrl("staged-allowlisted", { permissions: "rwdl" })}\n` });
    git(dir, ["add", "samples/data.md"]);
    const first = scanJson([dir, "--staged", "--now", NOW]);
    expect(first.status).toBe(1);
    const fingerprint = first.json.findings[0].fingerprint;
    writeFiles(dir, { ".github/sas-guard.yml": `allowlist:\n  - fingerprint: ${fingerprint}\n    reason: sample container, read by the docs\n` });
    const second = scanJson([dir, "--staged", "--now", NOW]);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.json.findings).toEqual([
      expect.objectContaining({
        path: "samples/data.md",
        fingerprint,
        suppressed: { by: "allowlist", reason: "sample container, read by the docs", expires: null },
      }),
    ]);
  });

  it("works on a repository without any commit yet", () => {
    const dir = newRepo({ "a.js": `x = "${sasUrl("unborn", { permissions: "rwdl" })}";\n` });
    git(dir, ["add", "a.js"]);
    const { json, status } = scanJson([dir, "--staged", "--now", NOW]);
    expect(status).toBe(1);
    expect(json.findings.map((f) => f.path)).toEqual(["a.js"]);
  });
});

test("no planted signature or key appears in any byte the CLI printed in this file", () => {
  expectNothingLeaked();
});
