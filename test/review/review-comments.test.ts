// Pull request review comments (issue 5), end to end: Probot receives a pull_request delivery for a private
// repository, the App scans the diff, completes the check run and posts ONE review. Every review body is asserted
// exactly and validated against GitHub's OpenAPI request schema for pulls/create-review (helpers' validateBody).
import { applyExposure } from "../../src/detect/exposure.js";
import { scanText } from "../../src/detect/scan-text.js";
import type { Finding } from "../../src/detect/types.js";
import { renderReviewComment } from "../../src/report/render-review.js";
import * as h from "../github/helpers.js";
import * as s from "./support.js";

const { R, RUN, HEAD, PULL } = s;
const harness = h.useHarness();

const CHECK_RUN_URL = `https://github.com/${h.OWNER}/${h.REPO}/runs/${RUN}`;
const LINK = `Details and fixes for every finding: [SAS Guard check run](${CHECK_RUN_URL}).`;
const headline = (n: number) =>
  `**SAS Guard found ${n} Azure credential${n === 1 ? "" : "s"} added by this pull request.** ${n === 1 ? "It works" : "Each one works"} for anyone who reads this repository until it is revoked; removing it from the code is not enough.`;

/** The finding the engine reports for `text` on `line` of `path`, with the exposure a private repository adds. */
function findingAt(path: string, line: number, text: string): Finding {
  const found = scanText(`${"\n".repeat(line - 1)}${text}\n`, { path, now: h.NOW });
  expect(found).toHaveLength(1);
  return applyExposure(found[0], { visibility: "private", forks: 0 }, h.NOW);
}

/** The inline comment the App must send for that finding. */
const commentFor = (path: string, line: number, text: string) => ({ path, line, side: "RIGHT", body: renderReviewComment(findingAt(path, line, text)) });

/** A summary line of the review body. */
const bodyLine = (f: Finding) =>
  `- **${f.severity[0].toUpperCase()}${f.severity.slice(1)} — ${f.summary}** — \`${f.path}:${f.line}\` · \`${f.redacted}\` · \`${f.fingerprint}\``;

/** The calls of a PR event with findings in `paths`, up to the check run's completion. */
const scanCalls = (paths: string[], head = HEAD, files = [`GET ${R}/pulls/${PULL}/files?per_page=100`]) => [
  `GET ${R}/contents/.github%2Fsas-guard.yml`,
  `GET /repos/${h.OWNER}/.github/contents/.github%2Fsas-guard.yml`,
  `GET ${R}/commits/${head}/check-runs?check_name=SAS%20Guard&filter=latest&per_page=100`,
  `POST ${R}/check-runs`,
  ...files,
  ...(paths.length ? [`GET ${R}/pulls/${PULL}/commits?per_page=100`] : []),
  ...paths.map((p) => `GET ${R}/commits?sha=${head}&path=${encodeURIComponent(p)}&per_page=100`),
  `PATCH ${R}/check-runs/${RUN}`,
];

const checkRunDone = () => s.findCalls("PATCH", `${R}/check-runs/${RUN}`)[0].body;

describe("review comments on pull requests", () => {
  test("one critical token: one COMMENT review, one inline comment on the added line (line + side RIGHT) that explains, fixes and marks it", async () => {
    const url = s.tokens.critical("review-one");
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "docs/setup.md", patch: h.patchAdding([`Download: ${url}`], ["# Setup", "Run the script."], 1) })]);
    s.nockExposure(["docs/setup.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "docs/setup.md": [1, 2, 3] });

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(h.callLines()).toEqual([...scanCalls(["docs/setup.md"]), `GET ${R}/pulls/${PULL}/comments?per_page=100`, `POST ${R}/pulls/${PULL}/reviews`]);
    expect(checkRunDone()).toMatchObject({ status: "completed", conclusion: "failure" });

    const fp = "sg1:f02bdcc9bdd951df76532b82"; // deterministic: the fake signature of seed "review-one" never changes
    expect(findingAt("docs/setup.md", 3, `Download: ${url}`).fingerprint).toBe(fp);
    const redacted = "https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=<redacted>";
    expect(s.theReview()).toEqual({
      commit_id: HEAD,
      event: "COMMENT",
      body: `${headline(1)}\n\n${LINK}`,
      comments: [
        {
          path: "docs/setup.md",
          line: 3,
          side: "RIGHT",
          body: [
            "**Critical — account SAS with full control of every container, share, queue and table in Blob, File, Queue and Table storage of storage account `acct` until 2051-10-06**",
            "",
            "**Fix, in this order** (removing the line does not revoke it: anyone who can read this repository, its history, forks or clones can use it)",
            "1. Revoke it: rotate the account key that signed it on storage account `acct` (az storage account keys renew, key1 and key2 in turn after moving clients to the other key). Nothing else revokes an ad hoc SAS.",
            "2. Investigate: query the storage account `acct`'s resource logs in Azure Monitor (StorageBlobLogs, StorageFileLogs, StorageQueueLogs, StorageTableLogs) or Storage Analytics logs from the day it was first committed until you revoke it, filtered on AuthenticationType SAS, for reads, writes, deletes and list calls on every resource of Blob, File, Queue and Table storage in the account from callers you do not recognise (CallerIpAddress, UserAgentHeader). Removing the commit from history does not undo the exposure: assume anyone who could read the repository in that window may have copied it.",
            "3. Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.",
            "4. Prevent it: create SAS tokens at run time instead of committing them, preferably user delegation SAS (Entra ID) with an expiry of an hour or so; scope them to one container or blob rather than the account; grant only the permissions needed (read-only where possible); configure a SAS expiration policy on the account.",
            "",
            "**Why**",
            "- This is an account SAS: it opens every container, share, queue and table in Blob, File, Queue and Table storage of storage account `acct`, including listing them all.",
            "- It grants read, write, delete, list, add, create, update, process messages or set ACLs, set immutability policies, permanently delete, read and write tags, filter by tags and delete versions (sp=rwdlacupiytfx): anyone holding it can read, change or destroy the data.",
            "- It stays valid until 2051-10-06, about 25 years from now.",
            "",
            "The repository is private.",
            "",
            `Token: \`${redacted}\` · fingerprint \`${fp}\``,
            "",
            "<details><summary>Accepting it deliberately</summary>",
            "",
            "Add an allowlist entry with a reason to `.github/sas-guard.yml` on the default branch (a pull request cannot allowlist its own token):",
            "",
            "```yaml",
            "allowlist:",
            `  - fingerprint: ${fp}`,
            '    reason: "why this token is acceptable"',
            "```",
            "</details>",
            "",
            `<!-- sas-guard:fp=${fp} -->`,
          ].join("\n"),
        },
      ],
    });
  });

  test("ten findings across five files: ten inline comments in one review, worst first", async () => {
    const t = s.tokens;
    // path → added lines (after one context line, so the first added line is 2)
    const added: Record<string, string[]> = {
      "app/.env": [`STORAGE=${t.key("ten-key")}`, `REPORT_URL=${t.blobRead("ten-read-1")}`],
      "config/settings.json": [`{ "upload": "${t.blobWrite("ten-write-1")}",`, `  "backup": "${t.critical("ten-crit-1")}" }`],
      "deploy/main.bicep": [`param sas string = '${t.containerWrite("ten-cont-1")}'`, `param ro string = '${t.blobRead("ten-read-2")}'`],
      "docs/README.md": [`Data: ${t.critical("ten-crit-2")}`, `Upload here: ${t.blobWrite("ten-write-2")}`],
      "scripts/sync.sh": [`azcopy copy ./out "${t.containerWrite("ten-cont-2")}"`, `curl "${t.blobRead("ten-read-3")}"`],
    };
    const paths = Object.keys(added);
    s.nockStart();
    s.nockFiles(paths.map((p) => h.prFile({ filename: p, patch: h.patchAdding(added[p], ["# context"], 1), additions: 2 })));
    s.nockExposure(paths);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub(Object.fromEntries(paths.map((p) => [p, [1, 2, 3]])));

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(h.callLines()).toEqual([...scanCalls(paths), `GET ${R}/pulls/${PULL}/comments?per_page=100`, `POST ${R}/pulls/${PULL}/reviews`]);
    const at = (path: string, i: number) => commentFor(path, i + 2, added[path][i]);
    const review = s.theReview();
    expect(review).toEqual({
      commit_id: HEAD,
      event: "COMMENT",
      body: `${headline(10)}\n\n${LINK}`,
      comments: [
        // critical (by path, then line), high, medium
        at("app/.env", 0),
        at("config/settings.json", 1),
        at("deploy/main.bicep", 0),
        at("docs/README.md", 0),
        at("scripts/sync.sh", 0),
        at("config/settings.json", 0),
        at("docs/README.md", 1),
        at("app/.env", 1),
        at("deploy/main.bicep", 1),
        at("scripts/sync.sh", 1),
      ],
    });
    expect(review.comments.map((c: { body: string }) => c.body.split("\n")[0].replace(/ — .*/, ""))).toEqual([
      ...Array(5).fill("**Critical"),
      ...Array(2).fill("**High"),
      ...Array(3).fill("**Medium"),
    ]);
    expect(new Set(review.comments.map((c: { body: string }) => /sas-guard:fp=(sg1:[0-9a-f]{24})/.exec(c.body)![1])).size).toBe(10);
  });

  test("a finding outside the diff (no patch: the blob is fetched) goes into the review body, never as an inline comment GitHub would refuse", async () => {
    const onDiff = s.tokens.blobWrite("offdiff-on");
    const offDiff = s.tokens.critical("offdiff-off");
    const blobSha = h.sha("offdiff-blob");
    const lines = Array.from({ length: 3500 }, (_, i) => `line ${i + 1}`);
    lines[2999] = `token = "${offDiff}"`; // line 3000: GitHub sent no patch (diff too large), so no hunk holds it
    s.nockStart();
    s.nockFiles([
      h.prFile({ filename: "data/big.txt", sha: blobSha, additions: 3500 }),
      h.prFile({ filename: "src/upload.ts", patch: h.patchAdding([`const url = "${onDiff}";`]) }),
    ]);
    h.api()
      .get(`${R}/git/blobs/${blobSha}`)
      .reply(200, Buffer.from(lines.join("\n")), h.RAW_BLOB_HEADERS);
    s.nockExposure(["data/big.txt", "src/upload.ts"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    // GitHub answers 422 to a review with any comment off the diff: data/big.txt has no hunk at all
    s.nockPostReviewLikeGitHub({ "src/upload.ts": [1] });

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(h.callLines()).toEqual([
      ...scanCalls(["data/big.txt", "src/upload.ts"], HEAD, [`GET ${R}/pulls/${PULL}/files?per_page=100`, `GET ${R}/git/blobs/${blobSha}`]),
      `GET ${R}/pulls/${PULL}/comments?per_page=100`,
      `POST ${R}/pulls/${PULL}/reviews`,
    ]);
    const off = findingAt("data/big.txt", 3000, lines[2999]);
    expect(s.theReview()).toEqual({
      commit_id: HEAD,
      event: "COMMENT",
      body: [headline(2), `**Outside the diff** (GitHub showed no patch for these files, so they cannot be commented inline):\n${bodyLine(off)}`, LINK].join(
        "\n\n",
      ),
      comments: [commentFor("src/upload.ts", 1, `const url = "${onDiff}";`)],
    });
    expect(bodyLine(off)).toBe(
      `- **Critical — ${off.summary}** — \`data/big.txt:3000\` · \`https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=<redacted>\` · \`${off.fingerprint}\``,
    );
    // the check run still annotates it on its line
    expect(checkRunDone().output.annotations).toContainEqual(expect.objectContaining({ path: "data/big.txt", start_line: 3000 }));
  });

  test("a second synchronize with the same token: our earlier comment (its marker) is listed, so no new review at all", async () => {
    const url = s.tokens.critical("sync-same");
    const patch = h.patchAdding([`Download: ${url}`], ["# Setup"], 1);
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "docs/setup.md", patch })]);
    s.nockExposure(["docs/setup.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "docs/setup.md": [1, 2] });
    await h.deliver(harness.probot(), "pull_request", s.prPayload());
    const first = s.theReview();
    expect(first.comments).toHaveLength(1);

    // A later push (new head) that still adds the token: GitHub lists the comment we posted, marker included.
    h.resetRecorder();
    const head2 = h.sha("sync-same-2");
    h.nockNoCheckRun(head2);
    h.nockConfig();
    h.nockCreateCheckRun(RUN);
    s.nockFiles([h.prFile({ filename: "docs/setup.md", patch: h.patchAdding([`Download: ${url}`, "More text."], ["# Setup"], 1), additions: 2 })]);
    s.nockExposure(["docs/setup.md"], head2);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments([s.listedComment(1001, "docs/setup.md", 2, first.comments[0].body)]);

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ action: "synchronize", head: head2 }), "delivery-2");

    expect(h.callLines()).toEqual([...scanCalls(["docs/setup.md"], head2), `GET ${R}/pulls/${PULL}/comments?per_page=100`]);
    expect(checkRunDone()).toMatchObject({ status: "completed", conclusion: "failure" }); // the check run still reports it
    expect(s.reviewPosts()).toEqual([]);
  });

  test("a push that removes the token: the earlier comment gets one reply (Removed in <sha7>) and its thread is resolved through GraphQL", async () => {
    const url = s.tokens.critical("removed");
    const fp = findingAt("docs/setup.md", 2, `Download: ${url}`).fingerprint;
    const earlier = renderReviewComment(findingAt("docs/setup.md", 2, `Download: ${url}`));
    const head3 = h.sha("removed-head");
    h.nockScanStart(head3, RUN);
    // the PR diff no longer adds the token
    s.nockFiles([h.prFile({ filename: "docs/setup.md", patch: h.patchAdding(["Ask the team for access."], ["# Setup"], 1) })]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments([
      s.listedComment(1001, "docs/setup.md", 2, earlier),
      // a human reply in the thread (no marker of ours) and an unrelated comment are left alone
      s.listedComment(1002, "docs/setup.md", 2, "Thanks, rotating the key now.", { in_reply_to_id: 1001, user: { login: "octocat", id: 1, type: "User" } }),
      s.listedComment(1003, "src/app.ts", 5, "nit: rename this", { user: { login: "octocat", id: 1, type: "User" } }),
    ]);
    h.api().post(`${R}/pulls/${PULL}/comments/1001/replies`).reply(201, { id: 1004 });
    h.api()
      .post("/graphql")
      .reply(200, {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage: false, endCursor: "Y3Vyc29yOjI=" },
                nodes: [
                  { id: "PRRT_other", isResolved: false, comments: { nodes: [{ databaseId: 1003 }] } },
                  { id: "PRRT_ours", isResolved: false, comments: { nodes: [{ databaseId: 1001 }] } },
                ],
              },
            },
          },
        },
      });
    h.api()
      .post("/graphql")
      .reply(200, { data: { resolveReviewThread: { thread: { id: "PRRT_ours", isResolved: true } } } });

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ action: "synchronize", head: head3 }));

    expect(h.callLines()).toEqual([
      ...scanCalls([], head3),
      `GET ${R}/pulls/${PULL}/comments?per_page=100`,
      `POST ${R}/pulls/${PULL}/comments/1001/replies`,
      "POST /graphql",
      "POST /graphql",
    ]);
    expect(checkRunDone().conclusion).toBe("success");
    expect(s.reviewPosts()).toEqual([]); // nothing new to comment on
    expect(s.findCalls("POST", `${R}/pulls/${PULL}/comments/1001/replies`)[0].body).toEqual({
      body: `Removed in ${head3.slice(0, 7)} — the token still works until it is revoked (see the steps above).\n\n<!-- sas-guard:removed=${fp} -->`,
    });
    const [query, mutation] = s.findCalls("POST", "/graphql").map((c) => c.body);
    expect(query.query).toMatch(/^query\(\$owner: String!, \$repo: String!, \$number: Int!, \$cursor: String\)/);
    expect(query.query).toContain("reviewThreads(first: 100, after: $cursor)");
    expect(query.query).toContain("comments(first: 1) { nodes { databaseId } }");
    expect(query.variables).toEqual({ owner: h.OWNER, repo: h.REPO, number: PULL, cursor: null });
    expect(mutation).toEqual({
      query: "mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }",
      variables: { id: "PRRT_ours" },
    });
  });

  test("a push that removes the token, when the reply is already there: no second reply, no GraphQL", async () => {
    const url = s.tokens.critical("removed-twice");
    const f = findingAt("docs/setup.md", 2, `Download: ${url}`);
    const head4 = h.sha("removed-twice");
    h.nockScanStart(head4, RUN);
    s.nockFiles([h.prFile({ filename: "docs/setup.md", patch: h.patchAdding(["clean"], ["# Setup"], 1) })]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments([
      s.listedComment(1001, "docs/setup.md", 2, renderReviewComment(f)),
      s.listedComment(
        1004,
        "docs/setup.md",
        2,
        `Removed in abc1234 — the token still works until it is revoked (see the steps above).\n\n<!-- sas-guard:removed=${f.fingerprint} -->`,
        { in_reply_to_id: 1001 },
      ),
    ]);

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ action: "synchronize", head: head4 }));

    expect(h.callLines()).toEqual([...scanCalls([], head4), `GET ${R}/pulls/${PULL}/comments?per_page=100`]);
  });

  test("a file the scan could not read is not taken for a removal: no 'Removed in' reply while its blob is unreadable", async () => {
    const url = s.tokens.critical("unreadable");
    const f = findingAt("data/big.txt", 3000, `token = "${url}"`);
    const blobSha = h.sha("unreadable-blob");
    const head5 = h.sha("unreadable-head");
    h.nockScanStart(head5, RUN);
    s.nockFiles([h.prFile({ filename: "data/big.txt", sha: blobSha, additions: 3500 })]);
    h.api().get(`${R}/git/blobs/${blobSha}`).times(4).reply(502, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    h.nockUpdateCheckRun(RUN);
    // an earlier review put the token in the body; suppose a comment of ours on that file exists
    s.nockListComments([s.listedComment(1001, "data/big.txt", 3000, renderReviewComment(f))]);

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ action: "synchronize", head: head5 }));

    expect(checkRunDone().conclusion).toBe("failure"); // onIncomplete defaults to failure
    expect(h.callLines().filter((l) => l.includes("/replies") || l.includes("/graphql") || l.includes("/reviews"))).toEqual([]);
  });

  test("comments.max: 2 with five findings: two inline comments, the other three summarised in the review body", async () => {
    const t = s.tokens;
    const lines = [t.blobRead("max-1"), t.critical("max-2"), t.blobWrite("max-3"), t.key("max-4"), t.containerWrite("max-5")].map((u, i) => `v${i} = "${u}"`);
    s.nockStart(HEAD, "comments:\n  max: 2\n");
    s.nockFiles([h.prFile({ filename: "settings.py", patch: h.patchAdding(lines), additions: 5 })]);
    s.nockExposure(["settings.py"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "settings.py": [1, 2, 3, 4, 5] });

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    const all = lines.map((l, i) => findingAt("settings.py", i + 1, l));
    // worst first: the three criticals (lines 2, 4, 5), then high (3), then medium (1)
    expect(all.map((f) => f.severity)).toEqual(["medium", "critical", "high", "critical", "critical"]);
    expect(s.theReview()).toEqual({
      commit_id: HEAD,
      event: "COMMENT",
      body: [headline(5), `**3 more** (over the limit of inline comments per review):\n${[all[4], all[2], all[0]].map(bodyLine).join("\n")}`, LINK].join(
        "\n\n",
      ),
      comments: [commentFor("settings.py", 2, lines[1]), commentFor("settings.py", 4, lines[3])],
    });
    expect(h.callLines().filter((l) => l.includes("sas-guard.yml"))).toEqual([`GET ${R}/contents/.github%2Fsas-guard.yml`]);
  });

  test("comments.enabled: false: no review calls at all, the check run still reports the finding", async () => {
    const url = s.tokens.critical("disabled");
    s.nockStart(HEAD, "comments:\n  enabled: false\n");
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(h.callLines()).toEqual([
      `GET ${R}/contents/.github%2Fsas-guard.yml`,
      `GET ${R}/commits/${HEAD}/check-runs?check_name=SAS%20Guard&filter=latest&per_page=100`,
      `POST ${R}/check-runs`,
      `GET ${R}/pulls/${PULL}/files?per_page=100`,
      `GET ${R}/pulls/${PULL}/commits?per_page=100`,
      `GET ${R}/commits?sha=${HEAD}&path=a.md&per_page=100`,
      `PATCH ${R}/check-runs/${RUN}`,
    ]);
    expect(checkRunDone()).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { annotations: [expect.objectContaining({ path: "a.md", start_line: 1 })] },
    });
  });

  test("comments.event: REQUEST_CHANGES: the same review, with event REQUEST_CHANGES", async () => {
    const url = s.tokens.critical("request-changes");
    s.nockStart(HEAD, "comments:\n  event: REQUEST_CHANGES\n");
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "a.md": [1] });

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(s.theReview()).toEqual({ commit_id: HEAD, event: "REQUEST_CHANGES", body: `${headline(1)}\n\n${LINK}`, comments: [commentFor("a.md", 1, url)] });
  });

  test("draft pull request with comments.onDrafts: false: no review calls; the check run still completes", async () => {
    const url = s.tokens.critical("draft-off");
    s.nockStart(HEAD, "comments:\n  onDrafts: false\n");
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ draft: true }));

    expect(h.callLines().filter((l) => l.includes("/pulls/2/comments") || l.includes("/reviews"))).toEqual([]);
    expect(checkRunDone()).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  test("draft pull request with the default comments.onDrafts (true): reviewed like any other", async () => {
    const url = s.tokens.critical("draft-on");
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "a.md": [1] });

    await h.deliver(harness.probot(), "pull_request", s.prPayload({ draft: true }));

    expect(s.theReview()).toEqual({ commit_id: HEAD, event: "COMMENT", body: `${headline(1)}\n\n${LINK}`, comments: [commentFor("a.md", 1, url)] });
  });

  test("a pull request from a fork: the review goes to the base repository (the installation's), never the fork", async () => {
    const url = s.tokens.critical("fork");
    const payload = s.prPayload();
    payload.pull_request.head.repo = {
      ...payload.pull_request.head.repo,
      name: "Hello-World",
      full_name: "forker/Hello-World",
      fork: true,
      owner: { ...payload.pull_request.head.repo.owner, login: "forker", id: 99 },
    };
    payload.pull_request.head.label = "forker:feature";
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReviewLikeGitHub({ "a.md": [1] });

    await h.deliver(harness.probot(), "pull_request", payload);

    expect(h.callLines().filter((l) => l.includes("forker"))).toEqual([]);
    expect(s.theReview()).toEqual({ commit_id: HEAD, event: "COMMENT", body: `${headline(1)}\n\n${LINK}`, comments: [commentFor("a.md", 1, url)] });
  });

  test("a finding below comments.minSeverity (low) gets no comment, so no review is posted", async () => {
    const url = s.tokens.blobReadShort("low");
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();

    await h.deliver(harness.probot(), "pull_request", s.prPayload());

    expect(findingAt("a.md", 1, url).severity).toBe("low");
    expect(s.reviewPosts()).toEqual([]);
  });

  test("a 422 from GitHub on the review: the check run still completes, then one PATCH puts the failure on top of its summary", async () => {
    const url = s.tokens.critical("review-422");
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN, 2);
    s.nockListComments();
    // GitHub refuses the review (here: it no longer finds line 1 in the diff, e.g. a force-push in between)
    s.nockPostReviewLikeGitHub({ "a.md": [] });

    await expect(h.deliver(harness.probot(), "pull_request", s.prPayload())).resolves.toBeUndefined();

    expect(h.callLines()).toEqual([
      ...scanCalls(["a.md"]),
      `GET ${R}/pulls/${PULL}/comments?per_page=100`,
      `POST ${R}/pulls/${PULL}/reviews`,
      `PATCH ${R}/check-runs/${RUN}`,
    ]);
    expect(s.theReview().comments).toEqual([commentFor("a.md", 1, url)]);
    const [done, note] = s.findCalls("PATCH", `${R}/check-runs/${RUN}`).map((c) => c.body);
    expect(done).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(note).toEqual({
      output: {
        title: done.output.title,
        summary: `**The review comments could not be posted:** GitHub answered 422 to the review: Unprocessable Entity: "Line could not be resolved". Every finding is listed below; use Re-run to try again.\n\n${done.output.summary}`,
      },
    });
  });

  test("a 403 secondary rate limit with retry-after on the review: the throttling plugin waits as asked, retries once, then posts", async () => {
    const probot = await h.createTestProbot();
    const url = s.tokens.critical("review-403");
    s.nockStart();
    s.nockFiles([h.prFile({ filename: "a.md", patch: h.patchAdding([url]) })]);
    s.nockExposure(["a.md"]);
    h.nockUpdateCheckRun(RUN);
    s.nockListComments();
    s.nockPostReview(
      403,
      {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      },
      { "retry-after": "7" },
    );
    s.nockPostReviewLikeGitHub({ "a.md": [1] });

    await h.deliver(probot, "pull_request", s.prPayload());

    expect(h.waits).toEqual([7]); // seconds, from retry-after (slept as 7 ms: retryAfterBaseValue 1)
    const posts = s.reviewPosts();
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual(posts[0].body);
    h.validateBody("pulls/create-review", posts[1].body);
    expect(posts[1].body).toEqual({ commit_id: HEAD, event: "COMMENT", body: `${headline(1)}\n\n${LINK}`, comments: [commentFor("a.md", 1, url)] });
    expect(s.findCalls("PATCH", `${R}/check-runs/${RUN}`)).toHaveLength(1); // no "could not be posted" note
  });
});
