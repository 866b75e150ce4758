// Issue 15 item 6, GitHub's limits in GitHub's units: annotations capped per run (the rest counted), blob fetches
// deduplicated by SHA and bounded per job, patch hunk line numbers checked against the file.
import type { Probot } from "probot";
import * as h from "./helpers.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const RUN = 4444;
const prPayload = () => h.privateRepo(h.fixture("pull_request.opened.json"));
const pushPayload = () => h.privateRepo({ ...h.fixture("push.json"), ref: "refs/heads/feature/x", created: false, before: BEFORE });
const updates = () => h.calls.filter((c) => c.method === "PATCH" && /\/check-runs\/\d+$/.test(c.path)).map((c) => c.body);
const completion = () => updates().find((b) => b.status === "completed")!;
const blobCalls = () => h.calls.filter((c) => c.path.includes("/git/blobs/"));
const COMMIT: h.CommitSpec = { sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" };

function nockPr(files: ReturnType<typeof h.prFile>[]): void {
  h.nockScanStart(HEAD, RUN);
  h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
}

/** A push whose compare list is full (300 files), so the App diffs the trees: `files` are the head's new blobs. */
function nockTreeDiffPush(files: { path: string; sha: string }[]): void {
  h.nockScanStart(AFTER, RUN);
  const compareFiles = files.slice(0, 300).map((f) => h.prFile({ filename: f.path, patch: h.patchAdding(["x"]) }));
  h.api()
    .get(`${R}/compare/${BEFORE}...${AFTER}`)
    .query({ per_page: "1" })
    .reply(200, { status: "ahead", merge_base_commit: { sha: BEFORE }, commits: [], files: compareFiles });
  const tree = (sha: string, entries: { path: string; sha: string }[]) => ({
    sha,
    url: `${h.API}${R}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((e) => ({ path: e.path, mode: "100644", type: "blob", sha: e.sha, size: 12 })),
  });
  h.api()
    .get(`${R}/git/trees/${BEFORE}`)
    .query({ recursive: "true" })
    .reply(200, tree(h.sha("t-old"), []));
  h.api()
    .get(`${R}/git/trees/${AFTER}`)
    .query({ recursive: "true" })
    .reply(200, tree(h.sha("t-new"), files));
}

const cleanups: (() => void)[] = [];
const afterThis = (f: () => void) => cleanups.push(f);
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

describe("GitHub limits", () => {
  test("300 failing findings: 250 annotations in 5 requests, the other 50 counted above the summary", async () => {
    const added = Array.from({ length: 300 }, (_, i) => `k${i} = ${h.criticalToken(`cap-${i}`)}`);
    nockPr([h.prFile({ filename: "leaks.txt", patch: h.patchAdding(added), additions: 300 })]);
    h.nockPrCommits([COMMIT]);
    h.nockFileHistory(HEAD, "leaks.txt", [COMMIT]);
    h.nockUpdateCheckRun(RUN, 5);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", prPayload());

    const sent = updates();
    expect(sent.map((u) => u.output.annotations.length)).toEqual([50, 50, 50, 50, 50]);
    expect(sent[0].conclusion).toBe("failure");
    expect(sent[0].output.summary.startsWith("> **50 more findings are not annotated:** SAS Guard annotates at most 250 per check run")).toBe(true);
    expect(sent[0].output.summary).toContain("**300 Azure credentials found** (300 critical)"); // the verdict still counts every finding
  });

  test("a push of 10,000 identical files fetches the one blob once", async () => {
    const same = h.sha("same-content");
    nockTreeDiffPush(Array.from({ length: 10_000 }, (_, i) => ({ path: `gen/f${i}.txt`, sha: same })));
    h.nockRawBlob(same, "hello world\n");
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", pushPayload());

    expect(blobCalls()).toHaveLength(1);
    expect(completion().conclusion).toBe("success");
    expect(completion().output.summary).toMatch(/10,?000 files scanned/);
  });

  test("past the per-scan blob bound (SAS_GUARD_BLOBS_PER_SCAN, default 1,000; 20 here): the rest not scanned, the check fails", async () => {
    process.env.SAS_GUARD_BLOBS_PER_SCAN = "20";
    afterThis(() => delete process.env.SAS_GUARD_BLOBS_PER_SCAN);
    const files = Array.from({ length: 301 }, (_, i) => ({ path: `gen/f${String(i).padStart(4, "0")}.txt`, sha: h.sha(`distinct-${i}`) }));
    nockTreeDiffPush(files);
    h.api()
      .get(/\/repos\/Codertocat\/Hello-World\/git\/blobs\/[0-9a-f]{40}$/)
      .times(20)
      .reply(200, () => Buffer.from("plain text\n"), h.RAW_BLOB_HEADERS);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", pushPayload());

    expect(blobCalls()).toHaveLength(20);
    const done = completion();
    expect(done.conclusion).toBe("failure");
    expect(done.actions).toEqual([{ label: "Re-run", identifier: "rerun", description: "Scan this commit again" }]);
    expect(done.output.summary).toContain("gen/f0020.txt: not scanned: this scan already fetched 20 distinct files, SAS Guard's limit per scan");
  });

  test("a hunk header claiming line 50,000,000 is checked against the file: not scanned, the check fails", async () => {
    const url = h.criticalToken("far-hunk");
    const blob = h.sha("short-file");
    nockPr([h.prFile({ filename: "a.env", sha: blob, patch: `@@ -49999999,1 +50000000,2 @@\n context\n+SAS=${url}` })]);
    h.nockRawBlob(blob, "one\nsig=two\nthree\n"); // an anchor the byte prefilter lets through, no token
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", prPayload());

    const done = completion();
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain(
      "a.env: not scanned: the patch GitHub sent does not match the file (the patch names line 50,000,001 but the file has 4 lines)",
    );
  });

  test("a real change far down a long file (line 240,000): the file confirms the patch, only the added line counts", async () => {
    const url = h.criticalToken("far-real");
    const old = h.criticalToken("far-old");
    const blob = h.sha("long-file");
    const lines = Array.from({ length: 250_000 }, (_, i) => `l${i + 1}`);
    lines[9] = `OLD=${old}`; // line 10: there before this change
    lines[239_999] = `SAS=${url}`;
    nockPr([h.prFile({ filename: "big.cfg", sha: blob, patch: `@@ -239999,1 +239999,2 @@\n l239999\n+SAS=${url}` })]);
    h.nockRawBlob(blob, lines.join("\n"));
    h.nockPrCommits([COMMIT]);
    h.nockFileHistory(HEAD, "big.cfg", [COMMIT]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", prPayload());

    const done = completion();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "big.cfg", start_line: 240_000 })]);
  });

  test("a patch whose hunk counts do not match its lines is not trusted: the whole file is scanned", async () => {
    const url = h.criticalToken("bad-counts");
    const blob = h.sha("bad-counts-file");
    nockPr([h.prFile({ filename: "b.env", sha: blob, patch: "@@ -1,1 +1,5 @@\n+only one line" })]);
    h.nockRawBlob(blob, `A=1\nSAS=${url}\n`);
    h.nockPrCommits([COMMIT]);
    h.nockFileHistory(HEAD, "b.env", [COMMIT]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", prPayload());

    expect(completion().output.annotations).toEqual([expect.objectContaining({ path: "b.env", start_line: 2 })]);
  });
});
