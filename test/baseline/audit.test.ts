// `sas-guard audit`: the same baseline with a token and @octokit/rest, run in process (src/cli/main.ts `main`)
// against the same nock'd API: JSON/text/SARIF output, exit codes, token errors, no raw secret in any output.
import { jest } from "@jest/globals";
import nock from "nock";
import { main } from "../../src/cli/main.js";
import * as b from "./helpers.js";

b.useBaselineHarness();

const TOKEN = "test-token-for-nock-only";
const R = (repo: string) => `/repos/${b.ORG}/${repo}`;
const LEGACY = "legacy-app";
const HEAD = b.sha("audit-head");
const README = b.sha("audit-readme");
const OTHER = b.sha("audit-other");

const ENV_KEYS = ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"] as const;
let savedEnv: Record<string, string | undefined>;
let out: string;
let err: string;

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.GITHUB_TOKEN = TOKEN;
  out = "";
  err = "";
  jest.spyOn(process.stdout, "write").mockImplementation((chunk: any) => ((out += String(chunk)), true));
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => ((err += String(chunk)), true));
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  // no planted secret, in any encoding, in anything the CLI printed
  for (const s of b.planted) for (const form of b.leakForms(s)) expect(`${out}\n${err}`).not.toContain(form);
});

/** The token's repository through the API, as the audit reads it (no config, no check run: read-only). */
function nockLegacyRepo(o: { listed?: boolean } = {}): string {
  const readme = `# Legacy app\n\nNightly export (2023):\n${b.criticalToken("audit-readme")}\n`;
  if (!o.listed) b.api().get(R(LEGACY)).matchHeader("authorization", `token ${TOKEN}`).reply(200, b.repoInfo(LEGACY));
  b.nockBranch(LEGACY, HEAD);
  b.nockTree(LEGACY, HEAD, [b.file("README.md", README, readme.length), b.file("src/app.js", OTHER, 12), b.file("docs/README.md", README, readme.length)], {
    recursive: true,
  });
  b.nockBlob(LEGACY, README, readme);
  b.nockBlob(LEGACY, OTHER, "console.log(1)\n");
  return readme;
}

const json = () => JSON.parse(out);

describe("sas-guard audit", () => {
  test("--repo OWNER/NAME --format json: the finding at OWNER/NAME/README.md, exit 1 at the default fail-on, each blob fetched once", async () => {
    nockLegacyRepo();
    const code = await main(["audit", "--repo", `${b.ORG}/${LEGACY}`, "--format", "json", "--now", "2026-11-25", "--no-progress"]);
    expect(err).toBe("");
    expect(code).toBe(1);
    const report = json();
    expect(report.findings.map((f: any) => [f.path, f.line, f.severity, f.kind])).toEqual([
      [`${b.ORG}/${LEGACY}/README.md`, 4, "critical", "account-sas"],
      [`${b.ORG}/${LEGACY}/docs/README.md`, 4, "critical", "account-sas"],
    ]);
    expect(report.findings[0].redacted).toContain("sig=<redacted>");
    // 3 files, 2 distinct blobs: 2 blob GETs
    expect(b.callLines()).toEqual([
      `GET ${R(LEGACY)}`,
      `GET ${R(LEGACY)}/branches/main`,
      `GET ${R(LEGACY)}/git/trees/${HEAD}?recursive=true`,
      ...b.callLines().filter((l) => l.includes("/git/blobs/")),
    ]);
    expect(b.blobGets(LEGACY).sort()).toEqual([README, OTHER].sort());
  });

  test("--fail-on critical: a critical finding still exits 1", async () => {
    nockLegacyRepo();
    expect(await main(["audit", "--repo", `${b.ORG}/${LEGACY}`, "--format", "json", "--fail-on", "critical", "--now", "2026-11-25", "--no-progress"])).toBe(1);
  });

  test("--org ORG: every repository of the org (paginated listing), empty (no default branch, whatever its size) skipped, archived scanned anyway; text and SARIF formats", async () => {
    const listing = [b.repoInfo(LEGACY), b.repoInfo("empty-repo", { size: 0 }), b.repoInfo("old-archive", { archived: true })];
    const archivedHead = b.sha("archive-head");
    const archivedBlob = b.sha("archive-blob");
    for (const format of ["json", "text", "sarif"]) {
      b.api().get(`/orgs/${b.ORG}/repos`).query({ type: "all", per_page: "100" }).reply(200, listing);
      nockLegacyRepo({ listed: true });
      // GitHub reports size 0 for repositories with commits too: only the missing default branch says "empty"
      b.api()
        .get(`${R("empty-repo")}/branches/main`)
        .reply(404, { message: "Branch not found" });
      b.nockBranch("old-archive", archivedHead);
      b.nockTree("old-archive", archivedHead, [b.file("notes.md", archivedBlob, 6)], { recursive: true });
      b.nockBlob("old-archive", archivedBlob, "notes\n");
      out = "";
      const code = await main(["audit", "--org", b.ORG, "--format", format, "--now", "2026-11-25", "--no-progress"]);
      expect(code).toBe(1);
      if (format === "json") {
        const report = json();
        expect(report.findings.map((f: any) => f.path)).toEqual([`${b.ORG}/${LEGACY}/README.md`, `${b.ORG}/${LEGACY}/docs/README.md`]);
        expect(report.skipped).toEqual(
          expect.arrayContaining([
            { path: `${b.ORG}/empty-repo/`, reason: "empty repository (no default branch)" },
            { path: `${b.ORG}/old-archive/`, reason: "archived repository (scanned anyway: archived code is still readable)" },
          ]),
        );
        expect(report.stats.files).toBe(4);
      } else if (format === "text") {
        expect(out).toContain(`${b.ORG}/${LEGACY}/README.md\n  CRITICAL account SAS at 4:1\n`);
        expect(out).toContain(`  ${b.ORG}/empty-repo/: empty repository (no default branch)\n`);
      } else {
        const sarif = JSON.parse(out);
        expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual([
          `${b.ORG}/${LEGACY}/README.md`,
          `${b.ORG}/${LEGACY}/docs/README.md`,
        ]);
      }
    }
    // per run: 1 listing, 3 branches (one 404), 2 trees, 3 blobs (README shared by two paths): 9 calls, one for the empty repo
    expect(b.callLines()).toHaveLength(3 * 9);
    expect(b.callLines().filter((l) => l.includes("empty-repo"))).toHaveLength(3);
  });

  test("missing GITHUB_TOKEN: exit 2 with a message, no request", async () => {
    delete process.env.GITHUB_TOKEN;
    const code = await main(["audit", "--org", b.ORG, "--no-progress"]);
    expect(code).toBe(2);
    expect(err).toBe("sas-guard: audit needs a token: set GITHUB_TOKEN (repo read access; for an org, a token that can list its repositories).\n");
    expect(out).toBe("");
    expect(b.calls).toEqual([]);
  });

  test("a 401 (bad token): exit 2, 'check GITHUB_TOKEN'", async () => {
    b.api().get(R(LEGACY)).reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const code = await main(["audit", "--repo", `${b.ORG}/${LEGACY}`, "--no-progress"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^sas-guard: GitHub answered 401: Bad credentials.*\(check GITHUB_TOKEN\)\.\n$/);
    expect(out).toBe("");
  });

  test("usage: exactly one of --org / --repo", async () => {
    expect(await main(["audit"])).toBe(2);
    expect(err).toContain("audit needs exactly one of --org ORG or --repo OWNER/NAME.");
    err = "";
    expect(await main(["audit", "--org", "a", "--repo", "a/b"])).toBe(2);
    expect(await main(["audit", "--repo", "not-a-repo"])).toBe(2);
    expect(err).toContain('--repo must be OWNER/NAME (got "not-a-repo")');
  });

  test("GITHUB_API_URL (GitHub Enterprise Server): requests go to that host", async () => {
    process.env.GITHUB_API_URL = "https://ghe.example.com/api/v3";
    const ghe = nock("https://ghe.example.com")
      .get(`/api/v3${R("tiny")}`)
      .reply(200, b.repoInfo("tiny", { size: 0 }))
      .get(`/api/v3${R("tiny")}/branches/main`)
      .reply(404, { message: "Branch not found" });
    const code = await main(["audit", "--repo", `${b.ORG}/tiny`, "--format", "json", "--no-progress"]);
    expect(code).toBe(0);
    expect(ghe.isDone()).toBe(true);
    expect(json().skipped).toEqual([{ path: `${b.ORG}/tiny/`, reason: "empty repository (no default branch)" }]);
  });
});
