// Baseline on install (issue 7): installing SAS Guard on an org scans what is already on each repository's
// default branch. Every request GitHub would receive is recorded: exact bodies, call counts, OpenAPI validity,
// and no planted secret in any of them (test/baseline/helpers.ts).
import { resolveConfig } from "../../src/config/load-config.js";
import { SEVERITY_LABEL } from "../../src/report/explain-finding.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { scanDocument } from "../../src/scan/scan-document.js";
import * as b from "./helpers.js";

b.useBaselineHarness();

const R = (repo: string) => `/repos/${b.ORG}/${repo}`;
const ISSUE_CONFIG = "baseline:\n  issue: true\n";

// ---- the org: three repositories ----------------------------------------------------------------------------

const EMPTY = "empty-repo";
const MONO = "monorepo";
const LEGACY = "legacy-app";

const MONO_HEAD = b.sha("mono-head");
const MONO_ROOT = b.sha("mono-root-tree");
const MONO_SRC = b.sha("mono-src-tree");
const MONO_VENDOR = b.sha("mono-vendor-tree");
const MONO_RUN = 501;
const MONO_FILES = {
  readme: { sha: b.sha("mono-readme"), text: "# Monorepo\n\nBuild with `make`.\n" },
  license: { sha: b.sha("mit-license"), text: "MIT License\n\nPermission is hereby granted, free of charge…\n" },
  index: { sha: b.sha("mono-index"), text: 'export const storage = process.env.AZURE_STORAGE_URL ?? "";\n' },
  lib: { sha: b.sha("mono-lib"), text: "module.exports = () => 42;\n" },
};
const size = (t: string) => Buffer.byteLength(t);

/** A tree so large that GitHub truncates the recursive listing: the App walks it one subtree at a time. */
function nockMonorepo(): void {
  const f = MONO_FILES;
  b.nockRepo(MONO, { size: 250_000 });
  b.nockConfig(MONO, null);
  b.nockBranch(MONO, MONO_HEAD);
  b.nockCreateCheckRun(MONO, MONO_RUN, MONO_HEAD);
  // the truncated recursive answer: only part of the tree, `truncated: true`
  b.nockTree(MONO, MONO_HEAD, [b.file("README.md", f.readme.sha, size(f.readme.text)), b.dir("src", MONO_SRC)], {
    recursive: true,
    truncated: true,
    sha: MONO_ROOT,
  });
  b.nockTree(MONO, MONO_ROOT, [
    b.file("README.md", f.readme.sha, size(f.readme.text)),
    b.file("LICENSE", f.license.sha, size(f.license.text)),
    b.dir("src", MONO_SRC),
  ]);
  b.nockTree(MONO, MONO_SRC, [b.file("index.ts", f.index.sha, size(f.index.text)), b.dir("vendor", MONO_VENDOR)]);
  // the vendored LICENSE is the same blob as the root one: fetched once
  b.nockTree(MONO, MONO_VENDOR, [b.file("LICENSE", f.license.sha, size(f.license.text)), b.file("lib.js", f.lib.sha, size(f.lib.text))]);
  for (const x of Object.values(f)) b.nockBlob(MONO, x.sha, x.text);
  b.nockUpdateCheckRun(MONO, MONO_RUN);
}

const LEGACY_HEAD = b.sha("legacy-head");
const LEGACY_HEAD_2 = b.sha("legacy-head-2");
const LEGACY_RUN = 502;
const LEGACY_ISSUE = 17;
const legacyReadme = (token: string) =>
  `# Legacy app\n\nNightly export for the partner team (2023, "temporary"):\n${token}\n\nAsk ops before rotating anything.\n`;
const SETUP_MD = { sha: b.sha("legacy-setup"), text: "## Setup\n\nnpm ci && npm start\n" };
const README_SHA = b.sha("legacy-readme");

/** The repository whose README has carried a critical account SAS for years; `baseline.issue: true`. */
function nockLegacy(readme: string, o: { head?: string; run?: number; existingIssues?: unknown[]; issue?: "create" | "update" | "none" } = {}): void {
  const head = o.head ?? LEGACY_HEAD;
  const run = o.run ?? LEGACY_RUN;
  b.nockRepo(LEGACY, { size: 0 }); // GitHub reports size 0 for repositories with commits: scanned all the same
  b.nockConfig(LEGACY, ISSUE_CONFIG);
  b.nockBranch(LEGACY, head);
  b.nockCreateCheckRun(LEGACY, run, head);
  b.nockTree(
    LEGACY,
    head,
    [b.dir("docs", b.sha("legacy-docs")), b.file("README.md", README_SHA, size(readme)), b.file("docs/setup.md", SETUP_MD.sha, size(SETUP_MD.text))],
    {
      recursive: true,
      sha: b.sha("legacy-root"),
    },
  );
  b.nockBlob(LEGACY, README_SHA, readme);
  b.nockBlob(LEGACY, SETUP_MD.sha, SETUP_MD.text);
  b.nockUpdateCheckRun(LEGACY, run);
  b.nockIssueSearch(LEGACY, o.existingIssues ?? []);
  if (o.issue === "none") return;
  if ((o.issue ?? "create") === "create")
    b.api()
      .post(`${R(LEGACY)}/issues`)
      .reply(201, { number: LEGACY_ISSUE, html_url: `https://github.com/${b.ORG}/${LEGACY}/issues/${LEGACY_ISSUE}` });
  else
    b.api()
      .patch(`${R(LEGACY)}/issues/${LEGACY_ISSUE}`)
      .reply(200, { number: LEGACY_ISSUE });
}

/** The issue body, rebuilt line by line from an independent scan of the README (the engine's own wording for the
 * reasons and fix steps; everything around them is literal). */
function expectedIssueBody(readme: string, head: string): string {
  const [f] = scanDocument(readme, "README.md", buildScanConfig(resolveConfig({ baseline: { issue: true } }, "test")), b.NOW);
  expect(f.severity).toBe("critical");
  return [
    "<!-- sas-guard:baseline -->",
    `SAS Guard scanned \`main\` at ${head.slice(0, 7)}: 1 critical.`,
    "Each token below works for anyone who can read this repository until it is **revoked**; deleting it from the code, or even from history, does not revoke it.",
    `### ${SEVERITY_LABEL.critical}: ${f.summary}`,
    `[\`README.md:4\`](https://github.com/${b.ORG}/${LEGACY}/blob/${head}/README.md#L4) · \`https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=<redacted>\` · \`${f.fingerprint}\``,
    f.reasons.map((r) => `- ${r.message}`).join("\n"),
    `**Fix:**\n${f.remediation.map((s, i) => `${i + 1}. ${s}`).join("\n")}`,
    "This issue is updated by SAS Guard on every baseline scan (`baseline.issue: true` in `.github/sas-guard.yml`).",
  ].join("\n\n");
}

const inProgress = (head: string) => ({
  name: "SAS Guard baseline",
  head_sha: head,
  status: "in_progress",
  external_id: `sas-guard:baseline:${head}`,
  output: {
    title: "Baseline: scanning the default branch for Azure credentials…",
    summary: `SAS Guard is scanning every file of \`main\` (${head.slice(0, 7)}) for Azure SAS tokens, account keys and connection strings.`,
  },
});

describe("baseline on install", () => {
  test("installation.created, org with three repos: empty skipped; truncated tree walked by subtree (success); old README token → failing check run and opt-in issue", async () => {
    const readme = legacyReadme(b.criticalToken("legacy-readme-2023"));
    b.nockToken();
    b.nockRepo(EMPTY, { size: 0 });
    b.api()
      .get(`${R(EMPTY)}/branches/main`)
      .reply(404, { message: "Branch not found" }); // truly empty: no branch
    nockMonorepo();
    nockLegacy(readme);

    const probot = await b.createProbot();
    await b.deliver(probot, "installation", b.installationCreated([EMPTY, MONO, LEGACY]));

    // --- the empty repository: the repository and its branch (404), nothing else (no config, no check run) ---
    expect(b.calls.filter((c) => c.path.startsWith(`${R(EMPTY)}`)).map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET ${R(EMPTY)}`,
      `GET ${R(EMPTY)}/branches/main`,
    ]);

    // --- the truncated tree: recursive listing, then root, src, src/vendor one by one; 4 distinct blobs for 5 files ---
    const monoTrees = b.callsTo("GET", new RegExp(`^${R(MONO)}/git/trees/`)).map((c) => c.path.replace(`${R(MONO)}/git/trees/`, ""));
    expect(monoTrees).toEqual([`${MONO_HEAD}?recursive=true`, MONO_ROOT, MONO_SRC, MONO_VENDOR]);
    expect(b.blobGets(MONO).sort()).toEqual(
      Object.values(MONO_FILES)
        .map((x) => x.sha)
        .sort(),
    );
    expect(b.bodiesOf("POST", `${R(MONO)}/check-runs`)).toEqual([inProgress(MONO_HEAD)]);
    const [monoDone, ...monoMore] = b.bodiesOf("PATCH", `${R(MONO)}/check-runs/${MONO_RUN}`);
    expect(monoMore).toEqual([]);
    expect(monoDone).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Baseline: No Azure credentials found" } });
    expect(monoDone.output.annotations).toBeUndefined();
    expect(monoDone.output.summary).toContain("5 files scanned");

    // --- the legacy repository: failing check run with the annotation, then the issue ---
    expect(b.bodiesOf("POST", `${R(LEGACY)}/check-runs`)).toEqual([inProgress(LEGACY_HEAD)]);
    const [done, ...more] = b.bodiesOf("PATCH", `${R(LEGACY)}/check-runs/${LEGACY_RUN}`);
    expect(more).toEqual([]);
    expect(done.status).toBe("completed");
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe("Baseline: Critical: account SAS with full control until 2051 in README.md");
    expect(done.output.summary.split("\n")[0]).toMatch(/^\*\*1 Azure credential found\*\* \(1 (critical|high|medium|low|info)\)\./);
    expect(done.output.summary).toContain("**Failing:** 1 finding at or above `high` (the `failOn` threshold).");
    expect(done.output.summary).toContain(`[README.md:4](https://github.com/${b.ORG}/${LEGACY}/blob/${LEGACY_HEAD}/README.md#L4)`);
    expect(done.output.summary).toContain(`Config: \`${b.ORG}/${LEGACY}:.github/sas-guard.yml\` · 2 files scanned`);
    expect(done.output.annotations).toHaveLength(1);
    expect(done.output.annotations[0]).toMatchObject({
      path: "README.md",
      start_line: 4,
      end_line: 4,
      annotation_level: "failure",
      title: "Critical: account SAS with full control until 2051",
    });

    const issues = b.bodiesOf("POST", `${R(LEGACY)}/issues`);
    expect(issues).toEqual([{ title: "SAS Guard: 1 Azure credential on main", body: expectedIssueBody(readme, LEGACY_HEAD), labels: ["sas-guard"] }]);
    expect(issues[0].body.startsWith("<!-- sas-guard:baseline -->\n\n")).toBe(true);
    expect(issues[0].body).toContain("\n\n**Fix:**\n1. Revoke it: rotate the account key that signed it on storage account `acct`");

    // --- the whole installation: exact call list (blob order within a repo may vary: bounded concurrency) ---
    expect(b.callLines().sort()).toEqual(
      [
        `GET ${R(EMPTY)}`,
        `GET ${R(MONO)}`,
        `GET ${R(MONO)}${b.CONFIG_PATH}`,
        `GET /repos/${b.ORG}/.github${b.CONFIG_PATH}`,
        `GET ${R(EMPTY)}/branches/main`,
        `GET ${R(MONO)}/branches/main`,
        b.findRunLine(MONO, MONO_HEAD),
        `POST ${R(MONO)}/check-runs`,
        `GET ${R(MONO)}/git/trees/${MONO_HEAD}?recursive=true`,
        `GET ${R(MONO)}/git/trees/${MONO_ROOT}`,
        `GET ${R(MONO)}/git/trees/${MONO_SRC}`,
        `GET ${R(MONO)}/git/trees/${MONO_VENDOR}`,
        ...Object.values(MONO_FILES).map((x) => `GET ${R(MONO)}/git/blobs/${x.sha}`),
        `PATCH ${R(MONO)}/check-runs/${MONO_RUN}`,
        `GET ${R(LEGACY)}`,
        `GET ${R(LEGACY)}${b.CONFIG_PATH}`,
        `GET ${R(LEGACY)}/branches/main`,
        b.findRunLine(LEGACY, LEGACY_HEAD),
        `POST ${R(LEGACY)}/check-runs`,
        `GET ${R(LEGACY)}/git/trees/${LEGACY_HEAD}?recursive=true`,
        `GET ${R(LEGACY)}/git/blobs/${README_SHA}`,
        `GET ${R(LEGACY)}/git/blobs/${SETUP_MD.sha}`,
        `PATCH ${R(LEGACY)}/check-runs/${LEGACY_RUN}`,
        `GET ${R(LEGACY)}/issues?labels=sas-guard&state=all&per_page=100`,
        `POST ${R(LEGACY)}/issues`,
      ].sort(),
    );
    // one installation token for the three repositories
    expect(b.calls.filter((c) => c.path === `/app/installations/${b.INSTALLATION}/access_tokens`)).toHaveLength(1);
    expect(b.validateWrites()).toEqual({ "checks/create": 2, "checks/update": 2, "issues/create": 1, "issues/update": 0 });
  });

  test("a second baseline (check_run.rerequested, external_id sas-guard:baseline:<sha>) updates the existing issue instead of opening another", async () => {
    const readme = legacyReadme(b.criticalToken("legacy-readme-2023"));
    const existing = {
      number: LEGACY_ISSUE,
      title: "SAS Guard: 1 Azure credential on main",
      state: "open",
      labels: [{ name: "sas-guard" }],
      body: expectedIssueBody(readme, LEGACY_HEAD),
    };
    // another issue carrying the label but not the marker comes first: not ours to edit
    const stranger = { number: 3, title: "Rotate the partner key", state: "open", labels: [{ name: "sas-guard" }], body: "Someone wrote this by hand." };
    const pr = {
      number: 4,
      title: "sas-guard config",
      state: "open",
      labels: [{ name: "sas-guard" }],
      body: "<!-- sas-guard:baseline -->",
      pull_request: { url: "x" },
    };
    b.nockToken();
    nockLegacy(readme, { head: LEGACY_HEAD_2, run: 503, existingIssues: [stranger, pr, existing], issue: "update" });

    const probot = await b.createProbot();
    await b.deliver(probot, "check_run", b.baselineRerequested(LEGACY, LEGACY_HEAD, 502));

    expect(b.bodiesOf("POST", `${R(LEGACY)}/check-runs`)).toEqual([inProgress(LEGACY_HEAD_2)]);
    expect(b.bodiesOf("PATCH", `${R(LEGACY)}/check-runs/503`)[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(b.callsTo("POST", /\/issues$/)).toEqual([]);
    expect(b.bodiesOf("PATCH", `${R(LEGACY)}/issues/${LEGACY_ISSUE}`)).toEqual([
      { title: "SAS Guard: 1 Azure credential on main", body: expectedIssueBody(readme, LEGACY_HEAD_2), state: "open" },
    ]);
    expect(b.validateWrites()).toEqual({ "checks/create": 1, "checks/update": 1, "issues/create": 0, "issues/update": 1 });
  });

  test("once the token is gone, the next baseline updates the issue to say so and closes it (no new issue)", async () => {
    const clean = legacyReadme("(link removed; ask ops for a fresh one)");
    const existing = { number: LEGACY_ISSUE, state: "open", body: "<!-- sas-guard:baseline -->\n\nold text" };
    b.nockToken();
    nockLegacy(clean, { head: LEGACY_HEAD_2, run: 504, existingIssues: [existing], issue: "update" });

    await b.deliver(await b.createProbot(), "check_run", b.baselineRerequested(LEGACY, LEGACY_HEAD, 502));

    expect(b.bodiesOf("PATCH", `${R(LEGACY)}/check-runs/504`)[0]).toMatchObject({
      conclusion: "success",
      output: { title: "Baseline: No Azure credentials found" },
    });
    const [update] = b.bodiesOf("PATCH", `${R(LEGACY)}/issues/${LEGACY_ISSUE}`);
    expect(update.state).toBe("closed");
    expect(update.title).toBe("SAS Guard: no Azure credentials on main");
    expect(update.body.split("\n\n").slice(0, 2)).toEqual([
      "<!-- sas-guard:baseline -->",
      `SAS Guard scanned \`main\` at ${LEGACY_HEAD_2.slice(0, 7)}: nothing found.`,
    ]);
  });

  test("no findings and no existing issue: baseline.issue opens nothing", async () => {
    const clean = legacyReadme("(no link)");
    b.nockToken();
    nockLegacy(clean, { issue: "none" });
    await b.deliver(await b.createProbot(), "installation", b.installationCreated([LEGACY]));
    expect(b.callsTo("POST", /\/issues$/)).toEqual([]);
    expect(b.callsTo("PATCH", /\/issues\//)).toEqual([]);
  });

  test("installation_repositories.added: a fork (baseline.forks false) and an archived repository are skipped, a fork with baseline.forks: true is scanned", async () => {
    const FORK = "upstream-fork";
    const ARCHIVED = "old-archive";
    const FORK_OK = "wanted-fork";
    const head = b.sha("wanted-head");
    const blob = b.sha("wanted-blob");
    b.nockToken();
    b.nockRepo(FORK, { fork: true });
    b.nockBranch(FORK, b.sha("fork-head")); // the branch is looked up first: it is what says a repository is empty
    b.nockConfig(FORK, null);
    b.nockRepo(ARCHIVED, { archived: true });
    b.nockRepo(FORK_OK, { fork: true });
    b.nockConfig(FORK_OK, "baseline:\n  forks: true\n");
    b.nockBranch(FORK_OK, head);
    b.nockCreateCheckRun(FORK_OK, 601, head);
    b.nockTree(FORK_OK, head, [b.file("a.txt", blob, 3)], { recursive: true });
    b.nockBlob(FORK_OK, blob, "hi\n");
    b.nockUpdateCheckRun(FORK_OK, 601);

    const payload = b.installationCreated([]);
    delete payload.repositories;
    payload.action = "added";
    payload.repository_selection = "selected";
    payload.repositories_added = [FORK, ARCHIVED, FORK_OK].map((name, i) => ({
      id: 3000 + i,
      node_id: `R_${i}`,
      name,
      full_name: `${b.ORG}/${name}`,
      private: true,
    }));
    payload.repositories_removed = [];
    await b.deliver(await b.createProbot(), "installation_repositories", payload);

    expect(b.callLines()).toEqual([
      `GET ${R(FORK)}`,
      `GET ${R(FORK)}/branches/main`,
      `GET ${R(FORK)}${b.CONFIG_PATH}`,
      `GET /repos/${b.ORG}/.github${b.CONFIG_PATH}`,
      `GET ${R(ARCHIVED)}`,
      `GET ${R(FORK_OK)}`,
      `GET ${R(FORK_OK)}/branches/main`,
      `GET ${R(FORK_OK)}${b.CONFIG_PATH}`,
      b.findRunLine(FORK_OK, head),
      `POST ${R(FORK_OK)}/check-runs`,
      `GET ${R(FORK_OK)}/git/trees/${head}?recursive=true`,
      `GET ${R(FORK_OK)}/git/blobs/${blob}`,
      `PATCH ${R(FORK_OK)}/check-runs/601`,
    ]);
  });

  test("a run left in progress by an earlier attempt (queue retry, redelivery) is reused, not orphaned", async () => {
    const REPO = "retried";
    const head = b.sha("retried-head");
    const blob = b.sha("retried-blob");
    const earlier = { id: 808, name: "SAS Guard baseline", head_sha: head, status: "in_progress", external_id: `sas-guard:baseline:${head}` };
    b.nockToken();
    b.nockRepo(REPO);
    b.nockConfig(REPO, null);
    b.nockBranch(REPO, head);
    b.nockFindRun(REPO, head, [earlier]);
    b.nockTree(REPO, head, [b.file("a.txt", blob, 3)], { recursive: true });
    b.nockBlob(REPO, blob, "hi\n");
    b.nockUpdateCheckRun(REPO, 808, 2);
    await b.deliver(await b.createProbot(), "installation", b.installationCreated([REPO]));
    expect(b.callsTo("POST", /\/check-runs$/)).toEqual([]);
    const [restart, done] = b.bodiesOf("PATCH", `${R(REPO)}/check-runs/808`);
    expect(restart).toEqual({ status: "in_progress", external_id: `sas-guard:baseline:${head}`, output: inProgress(head).output });
    expect(done).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("one repository failing does not stop the baseline of the others", async () => {
    const BROKEN = "broken";
    b.nockToken();
    b.api().get(R(BROKEN)).times(4).reply(500, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    b.nockRepo(EMPTY, { size: 0 });
    b.api()
      .get(`${R(EMPTY)}/branches/main`)
      .reply(404, { message: "Branch not found" }); // truly empty: no branch
    const probot = await b.createProbot();
    await expect(b.deliver(probot, "installation", b.installationCreated([BROKEN, EMPTY]))).rejects.toThrow();
    expect(b.callLines()).toEqual([...Array(4).fill(`GET ${R(BROKEN)}`), `GET ${R(EMPTY)}`, `GET ${R(EMPTY)}/branches/main`]);
  });
});
