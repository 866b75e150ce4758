// Exposure in the CLI (issue 11, Proof): a git repository built here, where a token was added three commits ago and
// its file modified since, and another token committed and later removed. `sas-guard scan --history` (the real
// process, node bin/sas-guard.js on dist/) must report the commit that ADDED each token, its date and author,
// whether it is still at HEAD, and say so in the text, JSON and SARIF output.
import { cleanup, ensureBuilt, expectNothingLeaked, git, makeTree, sasGuard, sasUrl, scanJson, writeFiles } from "../cli/cli-harness.js";

const NOW = "2026-11-25";

interface ExposureJson {
  since: string | null;
  commit: string | null;
  author: string | null;
  stillPresent: boolean | null;
  branch: string | null;
  visibility: string;
  forks: number | null;
  summary: string | null;
}

beforeAll(ensureBuilt);
afterAll(cleanup);

/** Commits everything with fixed author and committer dates (and optionally author), returns the commit's SHA. */
function commitAll(dir: string, message: string, date: string, author = "Test"): string {
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: author });
  return git(dir, ["rev-parse", "HEAD"]).trim();
}

describe("scan --history: the exposure window", () => {
  let repo: string;
  let kept: string; // still in config/app.env at HEAD
  let removed: string; // committed in old.env, later taken out
  const sha: Record<string, string> = {};

  beforeAll(() => {
    kept = sasUrl("exposure-kept", { account: "keptacct", path: "/reports", permissions: "rl" });
    removed = sasUrl("exposure-removed", { account: "goneacct", accountSas: true });
    repo = makeTree({ "config/app.env": "A=1\n" });
    git(repo, ["init", "-q", "-b", "main"]);
    sha.c1 = commitAll(repo, "config", "2023-01-10T10:00:00Z");
    writeFiles(repo, { "old.env": `LEGACY=${removed}\n`, "README.md": "# Demo\n" });
    sha.c2 = commitAll(repo, "legacy settings", "2023-03-15T08:30:00+02:00", "Legacy Person");
    // three commits before HEAD: the token is added
    writeFiles(repo, { "config/app.env": `A=1\nREPORTS_URL=${kept}\n` });
    sha.c3 = commitAll(repo, "reports url", "2023-06-01T12:00:00Z", "Alice Adder");
    // the file is modified around the token twice since (new blobs holding the same token, later dates)
    writeFiles(repo, { "config/app.env": `# settings\nA=1\nREPORTS_URL=${kept}\n` });
    sha.c4 = commitAll(repo, "comment", "2024-02-01T00:00:00Z", "Bob Builder");
    writeFiles(repo, { "old.env": "LEGACY=managed-identity\n", "README.md": "# Demo\n\nMore.\n" });
    sha.c5 = commitAll(repo, "remove the legacy token", "2024-09-09T09:09:09Z", "Carol Cleaner");
    writeFiles(repo, { "config/app.env": `# settings\nA=2\nB=3\nREPORTS_URL=${kept}\n` });
    sha.c6 = commitAll(repo, "more settings", "2025-01-20T00:00:00Z", "Bob Builder");
  });

  const exposureOf = (json: ReturnType<typeof scanJson>["json"], account: string) => {
    const f = json.findings.find((x) => x.token.account === account);
    expect(f).toBeDefined();
    return { finding: f!, exposure: (f as unknown as { exposure: ExposureJson }).exposure };
  };

  it("JSON: the kept token's window starts at the commit that added it (not the file's first commit, not the latest edit)", () => {
    const { json } = scanJson([repo, "--history", "--now", NOW]);
    expect(json.findings).toHaveLength(2); // each token once, whatever the number of blobs holding it
    const { finding, exposure } = exposureOf(json, "keptacct");
    expect(finding.path).toBe("config/app.env");
    expect(exposure).toEqual({
      since: "2023-06-01T12:00:00Z",
      commit: sha.c3,
      author: "Alice Adder",
      stillPresent: true,
      branch: "main",
      visibility: "unknown", // offline: GitHub's visibility is not known to the CLI
      forks: null,
      summary: `Exposed since 2023-06-01 (3 years 5 months) in commit ${sha.c3.slice(0, 7)} by Alice Adder, still on main.`,
    });
    expect(finding.remediation.find((s) => s.startsWith("Investigate:"))).toContain("storage account `keptacct`");
    expect(finding.remediation.find((s) => s.startsWith("Investigate:"))).toContain("from 2023-06-01 until you revoke it");
  });

  it("JSON: the removed token is no longer on main, but still in its history (author date normalised to UTC)", () => {
    const { json } = scanJson([repo, "--history", "--now", NOW]);
    const { finding, exposure } = exposureOf(json, "goneacct");
    expect(finding.path).toBe("old.env");
    expect(exposure).toMatchObject({
      since: "2023-03-15T06:30:00Z",
      commit: sha.c2,
      author: "Legacy Person",
      stillPresent: false,
      branch: "main",
      visibility: "unknown",
    });
    expect(exposure.summary).toBe(
      `Exposed since 2023-03-15 (3 years 8 months) in commit ${sha.c2.slice(0, 7)} by Legacy Person, no longer on main, but still in its history.`,
    );
  });

  it("no public-repository rule offline: severities are those of a plain scan of the same token", () => {
    const history = scanJson([repo, "--history", "--now", NOW]).json;
    const plain = scanJson([repo, "--now", NOW]).json; // the working tree: only the kept token
    expect(plain.findings).toHaveLength(1);
    const h = history.findings.find((f) => f.fingerprint === plain.findings[0].fingerprint)!;
    expect(h.severity).toBe(plain.findings[0].severity);
    expect(h.reasons.map((r) => r.id)).not.toContain("public-repository");
    // a plain scan has no history: no exposure at all
    expect((plain.findings[0] as unknown as { exposure: unknown }).exposure).toBeNull();
  });

  it("text: one exposure line per finding, with the window", () => {
    const r = sasGuard(["scan", repo, "--history", "--now", NOW, "--no-progress", "--format", "text"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`    exposure: Exposed since 2023-06-01 (3 years 5 months) in commit ${sha.c3.slice(0, 7)} by Alice Adder, still on main.`);
    expect(r.stdout).toContain(
      `    exposure: Exposed since 2023-03-15 (3 years 8 months) in commit ${sha.c2.slice(0, 7)} by Legacy Person, no longer on main, but still in its history.`,
    );
  });

  it("SARIF: properties.exposure on each result", () => {
    const r = sasGuard(["scan", repo, "--history", "--now", NOW, "--no-progress", "--format", "sarif"]);
    const sarif = JSON.parse(r.stdout);
    const props = sarif.runs[0].results.map((x: { properties: { exposure: unknown } }) => x.properties.exposure);
    expect(props).toContainEqual({
      since: "2023-06-01T12:00:00Z",
      commit: sha.c3,
      stillPresent: true,
      visibility: "unknown",
      summary: `Exposed since 2023-06-01 (3 years 5 months) in commit ${sha.c3.slice(0, 7)} by Alice Adder, still on main.`,
    });
    expect(props).toContainEqual(expect.objectContaining({ commit: sha.c2, stillPresent: false }));
  });

  it("the window follows the checked-out branch: on a branch without the token's removal, the removed token is still present", () => {
    git(repo, ["checkout", "-q", "-b", "before-cleanup", sha.c4]);
    try {
      const { json } = scanJson([repo, "--history", "--now", NOW]);
      const { exposure } = exposureOf(json, "goneacct");
      expect(exposure).toMatchObject({ commit: sha.c2, stillPresent: true, branch: "before-cleanup" });
      expect(exposure.summary).toContain("still on before-cleanup");
    } finally {
      git(repo, ["checkout", "-q", "main"]);
    }
  });

  it("prints no planted secret anywhere", () => {
    expectNothingLeaked();
  });
});
