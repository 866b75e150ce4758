// pull_request events end to end: Probot receives GitHub's documented payload, the App lists the PR's files,
// scans the added lines (or the whole blob when GitHub omits the patch) and publishes one check run.
import type { Probot } from "probot";
import * as h from "./helpers.js";
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

const { API, R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const payload = () => h.fixture("pull_request.opened.json");
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 4242;

/** The calls every PR scan starts with: token, config (repo 404, org 404), no run yet for the head, run created. */
function nockStart(): void {
  h.nockScanStart(HEAD, RUN);
}

function nockFiles(files: ReturnType<typeof h.prFile>[]): void {
  h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
}

// Exposure (issue 11): a scan with findings lists the PR's commits once, then each file's history (at most 10 files).
// The fixture repository is public (GitHub's documented payload: private false, no forks), so every finding gains
// the `public-repository` reason; the tokens here are critical already, and severity never goes above critical.
const PR_COMMIT: h.CommitSpec = { sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" };
const BEFORE_PR: h.CommitSpec = { sha: h.sha("before-the-pr"), date: "2024-01-02T03:04:05Z", login: "someone-else" };

/** The PR's commits, then the history of each file with findings: the PR's commit, and one older commit before it. */
function nockExposure(paths: string[]): void {
  h.nockPrCommits([PR_COMMIT]);
  for (const p of paths) h.nockFileHistory(HEAD, p, [PR_COMMIT, BEFORE_PR]);
}
const exposureLines = (paths: string[]) => [`GET ${R}/pulls/2/commits?per_page=100`, ...paths.map((p) => h.fileHistoryLine(HEAD, p))];
/** What every finding of these tests says about its exposure (NOW is 2026-11-25). */
const EXPOSURE_SENTENCE = "Exposed since 2026-11-20 (5 days) in commit ec26c3e by Codertocat; public repository.";

const IN_PROGRESS_BODY = {
  name: "SAS Guard",
  head_sha: HEAD,
  status: "in_progress",
  external_id: `sas-guard:pr:2:${HEAD}`,
  output: {
    title: "Scanning for Azure credentials…",
    summary: "SAS Guard is scanning the changes of this commit for Azure SAS tokens, account keys and connection strings.",
  },
};

const findCall = (method: string, pathStart: string) => h.calls.filter((c) => c.method === method && c.path.startsWith(pathStart));

describe("pull_request", () => {
  test("opened with a critical token on an added line: failure, worst finding in the title, annotation on the line", async () => {
    const url = h.criticalToken("pr-critical");
    nockStart();
    nockFiles([h.prFile({ filename: "docs/setup.md", patch: h.patchAdding([`Download: ${url}`], ["# Setup", "Run the script."], 1) })]);
    nockExposure(["docs/setup.md"]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    expect(h.callLines()).toEqual([
      `GET ${R}/contents/.github%2Fsas-guard.yml`,
      `GET /repos/Codertocat/.github/contents/.github%2Fsas-guard.yml`,
      `GET ${R}/commits/${HEAD}/check-runs?check_name=SAS%20Guard&filter=latest&per_page=100`,
      `POST ${R}/check-runs`,
      `GET ${R}/pulls/2/files?per_page=100`,
      // exposure: the PR's commits, then the history of the one file with a finding
      ...exposureLines(["docs/setup.md"]),
      `PATCH ${R}/check-runs/${RUN}`,
      // the review (one per event): earlier comments of ours, then the review with the inline comment
      `GET ${R}/pulls/2/comments?per_page=100`,
      `POST ${R}/pulls/2/reviews`,
    ]);
    expect(findCall("POST", `${R}/check-runs`)[0].body).toEqual(IN_PROGRESS_BODY);

    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(Object.keys(done).sort()).toEqual(["conclusion", "output", "status"]);
    expect(done.status).toBe("completed");
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe("Critical: account SAS with full control until 2051 in docs/setup.md");
    expect(done.output.annotations).toEqual([
      {
        path: "docs/setup.md",
        start_line: 3,
        end_line: 3,
        start_column: 11,
        end_column: 11 + url.length,
        annotation_level: "failure",
        title: "Critical: account SAS with full control until 2051",
        message: expect.stringContaining("How to fix:\n1. Revoke it: rotate the account key"),
        raw_details: expect.stringMatching(/^Token \(redacted\): https:\/\/acct\.blob\.core\.windows\.net\/\?.*sig=<redacted>\nFingerprint: sg1:[0-9a-f]{24}$/),
      },
    ]);
    expect(done.output.summary).toContain("**1 Azure credential found** (1 critical).");
    expect(done.output.summary).toContain(`[docs/setup.md:3](https://github.com/Codertocat/Hello-World/blob/${HEAD}/docs/setup.md#L3)`);
    expect(done.output.summary).toContain("| Severity | Location | Kind | What it allows | First action |");
    // public repository: the reason is given, the severity stays critical (never above it)
    expect(done.output.summary).toContain("- The repository is public: anyone on the internet could read this token");
    expect(done.output.summary).toContain(`- **Exposure:** ${EXPOSURE_SENTENCE}`);
    expect(done.output.summary).toMatch(
      /\d\. Investigate: query the storage account `acct`'s resource logs in Azure Monitor .* from 2026-11-20 until you revoke it/,
    );
    expect(done.output.summary).toContain("Config: `defaults (no .github/sas-guard.yml in the repository or the owner's .github repository)` · 1 file scanned");

    const review = findCall("POST", `${R}/pulls/2/reviews`)[0].body;
    expect(review).toMatchObject({ commit_id: HEAD, event: "COMMENT", comments: [{ path: "docs/setup.md", line: 3, side: "RIGHT" }] });
    expect(review.comments[0].body).toContain("removing the line does not revoke it");
    expect(review.comments[0].body).toContain(EXPOSURE_SENTENCE);
  });

  test("a token only on a CONTEXT line of the patch is not reported (it was there before the PR)", async () => {
    const url = h.criticalToken("pr-context");
    nockStart();
    nockFiles([h.prFile({ filename: "README.md", patch: h.patchAdding(["a harmless new line"], ["# Hello", `old: ${url}`], 10) })]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done).toEqual({
      status: "completed",
      conclusion: "success",
      output: { title: "No Azure credentials found", summary: expect.stringContaining("**No Azure credentials found.**") },
    });
    expect(findCall("POST", `${R}/pulls/2/reviews`)).toEqual([]);
  });

  test("clean PR: success, no annotations, no review", async () => {
    nockStart();
    nockFiles([
      h.prFile({ filename: "src/app.ts", patch: h.patchAdding(["export const x = 1;", "const url = 'https://acct.blob.core.windows.net/c/b.txt';"]) }),
      h.prFile({ filename: "old.txt", status: "removed", patch: "@@ -1 +0,0 @@\n-bye", additions: 0, deletions: 1 }),
    ]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.conclusion).toBe("success");
    expect(done.output.title).toBe("No Azure credentials found");
    expect(done.output.annotations).toBeUndefined();
    expect(done.output.summary).toContain("**Passing:** nothing at or above `high`");
    expect(done.output.summary).toContain("1 file scanned");
    expect(h.budgetCalls()).toHaveLength(5);
  });

  test("a file without a patch (diff too large) is fetched by blob SHA and scanned whole", async () => {
    const url = h.criticalToken("pr-blob");
    const blobSha = h.sha("big-file-blob");
    const lines = Array.from({ length: 3500 }, (_, i) => `line ${i + 1}`);
    lines[2999] = `token = "${url}"`; // line 3000, far outside any hunk
    nockStart();
    nockFiles([h.prFile({ filename: "data/big.txt", sha: blobSha, additions: 3500 })]);
    h.api()
      .get(`${R}/git/blobs/${blobSha}`)
      .reply(200, Buffer.from(lines.join("\n")), h.RAW_BLOB_HEADERS);
    nockExposure(["data/big.txt"]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    expect(h.callLines()).toContain(`GET ${R}/git/blobs/${blobSha}`);
    expect(h.callLines().filter((l) => l.includes("/contents/") && !l.includes("sas-guard.yml"))).toEqual([]); // not the 1 MB contents API
    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "data/big.txt", start_line: 3000, end_line: 3000, annotation_level: "failure" })]);
    // not on a diff line GitHub shows: no inline comment, the review body mentions it instead
    const review = findCall("POST", `${R}/pulls/2/reviews`)[0].body;
    expect(review.comments).toEqual([]);
  });

  test("a 5xx on the blob is retried by plugin-retry (4 attempts), then the file is listed as not scanned and the run completes failure (onIncomplete default) with a Re-run button", async () => {
    const blobSha = h.sha("flaky-blob");
    nockStart();
    nockFiles([h.prFile({ filename: "huge.json", sha: blobSha }), h.prFile({ filename: "ok.md", patch: h.patchAdding(["fine"]) })]);
    h.api().get(`${R}/git/blobs/${blobSha}`).times(4).reply(502, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    expect(h.callLines().filter((l) => l.includes("/git/blobs/"))).toHaveLength(4);
    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.status).toBe("completed");
    expect(done.conclusion).toBe("failure"); // onIncomplete: failure (default): an unscanned file may hold the token
    expect(done.actions).toEqual([{ label: "Re-run", identifier: "rerun", description: "Scan this commit again" }]);
    expect(done.output.title).toBe("Scan incomplete: no Azure credentials found in what was scanned");
    expect(done.output.summary).toContain("> **Not everything was scanned**, so a token may have been missed:");
    expect(done.output.summary).toMatch(/> - huge\.json: not scanned: GitHub answered 502 when fetching blob [0-9a-f]{12}/);
    expect(done.output.summary).toContain("<summary>Skipped files (1)</summary>");
    expect(done.output.summary).toContain("- `huge.json`: not scanned: GitHub answered 502");
  });

  test("120 findings: completed with the first 50 annotations, then two more updates of 50 and 20", async () => {
    const added = Array.from({ length: 120 }, (_, i) => `k${i} = ${h.criticalToken(`many-${i}`)}`);
    nockStart();
    nockFiles([h.prFile({ filename: "leaks.txt", patch: h.patchAdding(added), additions: 120 })]);
    nockExposure(["leaks.txt"]); // 120 findings, one file: one history call
    h.nockUpdateCheckRun(RUN, 3);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    const updates = findCall("PATCH", `${R}/check-runs/${RUN}`).map((c) => c.body);
    expect(updates.map((u) => u.output.annotations.length)).toEqual([50, 50, 20]);
    expect(updates[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    for (const u of updates.slice(1)) {
      expect(Object.keys(u)).toEqual(["output"]); // later batches only append annotations
      expect(u.output.title).toBe(updates[0].output.title);
      expect(u.output.summary).toBe(updates[0].output.summary);
    }
    const lines = updates.flatMap((u) => u.output.annotations.map((a: { start_line: number }) => a.start_line)).sort((a: number, b: number) => a - b);
    expect(lines).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(updates[0].output.title).toBe("Critical: account SAS with full control until 2051 in leaks.txt (and 119 more findings)");
    expect(updates[0].output.summary.length).toBeLessThanOrEqual(65_535);
    // the review caps inline comments (comments.max, default 25)
    expect(findCall("POST", `${R}/pulls/2/reviews`)[0].body.comments).toHaveLength(25);
  });

  test("renames, deletions, binaries, submodules, symlinks and LFS pointers are each handled deliberately", async () => {
    const url = h.criticalToken("pr-kinds");
    const binSha = h.sha("binary-blob");
    const lfs = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab".repeat(32) + "\nsize 12345";
    nockStart();
    nockFiles([
      // pure rename (100% similarity): GitHub sends no patch and changes 0; its content was scanned where it was added
      h.prFile({ filename: "docs/new-name.md", status: "renamed", previous_filename: "docs/old-name.md", additions: 0, deletions: 0 }),
      // rename with edits: only the added lines count
      h.prFile({ filename: "docs/moved.md", status: "renamed", previous_filename: "moved.md", patch: h.patchAdding(["clean"], [`old ${url}`]) }),
      h.prFile({ filename: "gone.env", status: "removed", additions: 0, deletions: 3, patch: `@@ -1 +0,0 @@\n-X=${url}` }),
      h.prFile({ filename: "logo.png", status: "added", sha: binSha }),
      h.prFile({ filename: "vendor/lib", patch: `@@ -1 +1 @@\n-Subproject commit ${"1".repeat(40)}\n+Subproject commit ${"2".repeat(40)}` }),
      h.prFile({ filename: "link", status: "added", patch: "@@ -0,0 +1 @@\n+../shared/config\n\\ No newline at end of file" }),
      h.prFile({
        filename: "model.bin",
        status: "added",
        patch: `@@ -0,0 +1,3 @@\n${lfs
          .split("\n")
          .map((l) => `+${l}`)
          .join("\n")}`,
      }),
    ]);
    h.api()
      .get(`${R}/git/blobs/${binSha}`)
      .reply(200, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]), h.RAW_BLOB_HEADERS);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    expect(h.callLines().filter((l) => l.includes("/git/blobs/"))).toEqual([`GET ${R}/git/blobs/${binSha}`]); // not the renamed file
    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.conclusion).toBe("success");
    expect(done.output.summary).toContain("<summary>Skipped files (3)</summary>");
    expect(done.output.summary).toContain("- `logo.png`: binary file");
    expect(done.output.summary).toContain("- `vendor/lib`: submodule");
    expect(done.output.summary).toContain("- `model.bin`: Git LFS pointer");
    expect(done.output.summary).toContain("2 files scanned"); // docs/moved.md and link (never the deleted file, nor the pure rename)
  });

  test("a PR listing that reaches GitHub's 3000-file cap is reported as possibly incomplete, never silently passed", async () => {
    nockStart();
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => h.prFile({ filename: `f/${n}-${i}.txt`, patch: h.patchAdding(["ok"]) }));
    for (let n = 1; n <= 30; n++) {
      const link = n < 30 ? `<${API}${R}/pulls/2/files?per_page=100&page=${n + 1}>; rel="next"` : `<${API}${R}/pulls/2/files?per_page=100&page=1>; rel="first"`;
      h.api()
        .get(`${R}/pulls/2/files`)
        .query(n === 1 ? { per_page: "100" } : { per_page: "100", page: String(n) })
        .reply(200, page(n), { link });
    }
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("3000 files scanned");
    expect(done.output.title).toBe("Scan incomplete: no Azure credentials found in what was scanned");
    expect(done.output.summary).toContain("GitHub lists at most 3000 files of a pull request, so any further files were not scanned");
  });

  // Budget (issue 4): a PR of N files with k findings, all patches present, uses at most
  // ceil(N/100) + ceil(k/50) + 3 calls, not counting the token exchange and the config fetch.
  //   ceil(N/100): GET pulls/{n}/files pages;  ceil(k/50): the completing PATCH plus one PATCH per further 50 annotations;
  //   +3: GET check-runs for the ref, POST check-runs (in_progress), POST the review.
  // The review also lists our earlier review comments first (GET pulls/{n}/comments, one page here), so with
  // review comments on the real bound is the formula + 1; with comments.enabled: false it is formula - 1.
  // Exposure (issue 11) adds 1 + min(files with findings, 10): one listing of the PR's commits, then one file-history
  // call per distinct file with findings, for at most 10 files.
  const N = 250;
  const K = 60;
  const FORMULA = Math.ceil(N / 100) + Math.ceil(K / 50) + 3;
  const EXPOSURE_CALLS = 1 + Math.min(K, 10); // K files with one finding each
  const FIRST_TEN = Array.from({ length: 10 }, (_, i) => `src/f${String(i).padStart(3, "0")}.txt`); // report order: by path

  function nockBudgetPr(): void {
    const files = Array.from({ length: N }, (_, i) =>
      h.prFile({
        filename: `src/f${String(i).padStart(3, "0")}.txt`,
        patch: h.patchAdding([i < K ? `conn = ${h.criticalToken(`budget-${i}`)}` : `value ${i}`]),
      }),
    );
    const link = (page: number) =>
      [page < 3 ? `<${API}${R}/pulls/2/files?per_page=100&page=${page + 1}>; rel="next"` : "", `<${API}${R}/pulls/2/files?per_page=100&page=3>; rel="last"`]
        .filter(Boolean)
        .join(", ");
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, files.slice(0, 100), { link: link(1) });
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100", page: "2" })
      .reply(200, files.slice(100, 200), { link: link(2) });
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100", page: "3" })
      .reply(200, files.slice(200), { link: link(3) });
  }

  test(`API budget: ${N} files (3 pages) and ${K} findings, review on → ${FORMULA + 1 + EXPOSURE_CALLS} calls (formula + the comment listing + 1 + 10 exposure calls)`, async () => {
    nockStart();
    nockBudgetPr();
    nockExposure(FIRST_TEN);
    h.nockUpdateCheckRun(RUN, 2);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    const counted = h.budgetCalls();
    expect(counted.map((c) => `${c.method} ${c.path.replace(/\?.*/, "")}`)).toEqual([
      `GET ${R}/commits/${HEAD}/check-runs`,
      `POST ${R}/check-runs`,
      `GET ${R}/pulls/2/files`,
      `GET ${R}/pulls/2/files`,
      `GET ${R}/pulls/2/files`,
      `GET ${R}/pulls/2/commits`,
      ...FIRST_TEN.map(() => `GET ${R}/commits`),
      `PATCH ${R}/check-runs/${RUN}`,
      `PATCH ${R}/check-runs/${RUN}`,
      `GET ${R}/pulls/2/comments`,
      `POST ${R}/pulls/2/reviews`,
    ]);
    expect(counted.length).toBe(20);
    expect(counted.length).toBe(FORMULA + 1 + EXPOSURE_CALLS);
    // the 50 files with findings past the first ten get the visibility, but no first commit
    const summary = h.checkRunWrites().find((c) => c.body.conclusion)!.body.output.summary as string;
    expect(summary).toContain(`- **Exposure:** ${EXPOSURE_SENTENCE}`);
    const annotations = h.checkRunWrites().flatMap((c) => c.body.output?.annotations ?? []);
    expect(annotations).toHaveLength(K);
    expect(h.checkRunWrites().at(-2)!.body.conclusion).toBe("failure");
  });

  test(`API budget: ${N} files and ${K} findings with comments.enabled: false → ceil(N/100)+ceil(k/50)+3-1 + 11 exposure calls = ${FORMULA - 1 + EXPOSURE_CALLS}`, async () => {
    h.nockScanStart(HEAD, RUN, "comments:\n  enabled: false\n");
    nockBudgetPr();
    nockExposure(FIRST_TEN);
    h.nockUpdateCheckRun(RUN, 2);

    await h.deliver(probot, "pull_request", payload());

    const counted = h.budgetCalls();
    expect(counted.length).toBe(18); // 7 without exposure (no review POST), + 1 + 10
    expect(counted.length).toBe(FORMULA - 1 + EXPOSURE_CALLS);
  });

  test("no form of the signature leaks, even for a token GitHub shows percent-encoded and raw in the same PR", async () => {
    // the leak check itself runs after every test (useHarness); here both spellings of one signature are planted
    const seed = "pr-both-forms";
    h.planted.add(fakeSig(seed));
    const raw = h.criticalSasUrl(fakeSig(seed));
    const encoded = h.criticalSasUrl(fakeSigEncoded(seed));
    nockStart();
    nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([raw, encoded]) })]);
    nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    const done = findCall("PATCH", `${R}/check-runs/${RUN}`)[0].body;
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations.length).toBeGreaterThanOrEqual(1);
    expect(h.leaks()).toEqual([]);
  });
});
