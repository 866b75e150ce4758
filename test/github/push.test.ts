// push events: compare before...after (a new branch against the default branch), the tree-diff fallback when
// compare's 300-file list is full, force pushes, and no work at all for deleted branches and tags.
import type { Probot } from "probot";
import * as h from "./helpers.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const RUN = 5151;

/** push.json is a branch creation (created: true, before all zeros) of the default branch. */
const created = (ref = "refs/heads/feature/x") => ({ ...h.fixture("push.json"), ref });
const ordinary = (extra: Record<string, unknown> = {}) => ({
  ...h.fixture("push.json"),
  ref: "refs/heads/feature/x",
  created: false,
  before: BEFORE,
  ...extra,
});

function nockStart(): void {
  h.nockScanStart(AFTER, RUN);
}

const compareBody = (files: ReturnType<typeof h.prFile>[], mergeBase = BEFORE) => ({
  url: `${h.API}${R}/compare/x`,
  status: "ahead",
  ahead_by: 1,
  behind_by: 0,
  total_commits: 1,
  base_commit: { sha: mergeBase },
  merge_base_commit: { sha: mergeBase },
  commits: [{ sha: AFTER }],
  files,
});

// Exposure (issue 11): a push with findings asks for each file's history from the pushed head (at most 10 files), and
// stops at the push's base. push.json's repository is public with one fork: every finding gains `public-repository`;
// the tokens here are critical already, and severity never goes above critical.
const PUSHED: h.CommitSpec = { sha: AFTER, date: "2026-11-24T08:00:00Z", login: "Codertocat" };
const BASE_COMMIT: h.CommitSpec = { sha: BEFORE, date: "2026-11-01T00:00:00Z", login: "Codertocat" };
const OLDER: h.CommitSpec = { sha: h.sha("long-before"), date: "2020-05-05T05:05:05Z", name: "Not On GitHub" };
const PUSH_EXPOSURE = "Exposed since 2026-11-24 (less than a day) in commit 6113728 by Codertocat; public repository with 1 fork.";

const completed = () => h.calls.filter((c) => c.method === "PATCH" && c.path === `${R}/check-runs/${RUN}`).map((c) => c.body);

describe("push", () => {
  test("new branch: compared against the default branch (master...after), findings on added lines", async () => {
    const url = h.criticalToken("push-new-branch");
    nockStart();
    h.api()
      .get(`${R}/compare/master...${AFTER}`)
      .query(true)
      .reply(200, compareBody([h.prFile({ filename: "config/app.env", status: "added", patch: h.patchAdding(["A=1", `SAS_URL=${url}`]) })], "aaaa".repeat(10)));
    h.nockFileHistory(AFTER, "config/app.env", [PUSHED]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", created());

    expect(h.callLines()).toEqual([
      `GET ${R}/contents/.github%2Fsas-guard.yml`,
      `GET /repos/Codertocat/.github/contents/.github%2Fsas-guard.yml`,
      `GET ${R}/commits/${AFTER}/check-runs?check_name=SAS%20Guard&filter=latest&per_page=100`,
      `POST ${R}/check-runs`,
      `GET ${R}/compare/master...${AFTER}?per_page=1`,
      h.fileHistoryLine(AFTER, "config/app.env"), // exposure: the one file with a finding
      `PATCH ${R}/check-runs/${RUN}`,
    ]);
    expect(h.calls.find((c) => c.method === "POST" && c.path === `${R}/check-runs`)!.body).toMatchObject({
      name: "SAS Guard",
      head_sha: AFTER,
      status: "in_progress",
      external_id: `sas-guard:push:${AFTER}`,
    });
    const [done] = completed();
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe("Critical: account SAS with full control until 2051 in config/app.env");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "config/app.env", start_line: 2, annotation_level: "failure" })]);
    expect(done.output.summary).toContain("- The repository is public and has 1 fork: anyone on the internet could read this token");
    // NOW is 2026-11-25T00:00Z: 16 hours after the push
    expect(done.output.summary).toContain(`- **Exposure:** ${PUSH_EXPOSURE}`);
  });

  test("first push of the default branch itself (GitHub's example payload) is left to the baseline scan: no API call", async () => {
    await h.deliver(probot, "push", h.fixture("push.json"));
    expect(h.calls).toEqual([]);
  });

  test("ordinary push: compare before...after, patches scanned, clean → success", async () => {
    nockStart();
    h.api()
      .get(`${R}/compare/${BEFORE}...${AFTER}`)
      .query({ per_page: "1" })
      .reply(200, compareBody([h.prFile({ filename: "README.md", patch: h.patchAdding(["nothing secret"]) })]));
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", ordinary());

    const [done] = completed();
    expect(done).toMatchObject({ status: "completed", conclusion: "success", output: { title: "No Azure credentials found" } });
  });

  test("force push: compare before...after as usual (GitHub diffs from the merge base)", async () => {
    const url = h.criticalToken("push-forced");
    nockStart();
    h.api()
      .get(`${R}/compare/${BEFORE}...${AFTER}`)
      .query({ per_page: "1" })
      .reply(200, {
        ...compareBody([h.prFile({ filename: "deploy.sh", patch: h.patchAdding([`curl "${url}"`]) })], "bbbb".repeat(10)),
        status: "diverged",
        behind_by: 2,
      });
    // the file's history reaches back past the push's base: the window starts at the pushed commit, not in 2020
    h.nockFileHistory(AFTER, "deploy.sh", [PUSHED, BASE_COMMIT, OLDER]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", ordinary({ forced: true }));

    expect(h.callLines()).toContain(`GET ${R}/compare/${BEFORE}...${AFTER}?per_page=1`);
    const [done] = completed();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations[0]).toMatchObject({ path: "deploy.sh", start_line: 1 });
    expect(done.output.summary).toContain(`- **Exposure:** ${PUSH_EXPOSURE}`);
  });

  test("400 changed files: compare lists 300 → tree diff of both sides (recursive), blobs fetched for every changed file", async () => {
    const url = h.criticalToken("push-400");
    const mergeBase = "cccc".repeat(10);
    const unchanged = Array.from({ length: 100 }, (_, i) => ({ path: `keep/k${i}.txt`, sha: h.sha(`keep-${i}`) }));
    const changedPaths = Array.from({ length: 400 }, (_, i) => `gen/f${String(i).padStart(3, "0")}.txt`);
    const oldTree = [...unchanged, ...changedPaths.slice(0, 200).map((p) => ({ path: p, sha: h.sha(`old-${p}`) }))];
    const newTree = [...unchanged, ...changedPaths.map((p) => ({ path: p, sha: h.sha(`new-${p}`) }))];
    const treeBody = (treeSha: string, entries: { path: string; sha: string }[]) => ({
      sha: treeSha,
      url: `${h.API}${R}/git/trees/${treeSha}`,
      truncated: false,
      tree: [
        { path: "gen", mode: "040000", type: "tree", sha: h.sha(`dir-${treeSha}`) },
        ...entries.map((e) => ({ path: e.path, mode: "100644", type: "blob", sha: e.sha, size: 10 })),
        { path: "link", mode: "120000", type: "blob", sha: h.sha("symlink") }, // a symlink: its "content" is a path
        { path: "vendor/lib", mode: "160000", type: "commit", sha: h.sha("submodule") },
      ],
    });

    nockStart();
    h.api()
      .get(`${R}/compare/${BEFORE}...${AFTER}`)
      .query({ per_page: "1" })
      .reply(
        200,
        compareBody(
          changedPaths.slice(0, 300).map((p) => h.prFile({ filename: p, patch: h.patchAdding(["x"]) })),
          mergeBase,
        ),
      );
    h.api()
      .get(`${R}/git/trees/${mergeBase}`)
      .query({ recursive: "true" })
      .reply(200, treeBody(h.sha("t-old"), oldTree));
    h.api()
      .get(`${R}/git/trees/${AFTER}`)
      .query({ recursive: "true" })
      .reply(200, treeBody(h.sha("t-new"), newTree));
    changedPaths.forEach((p, i) => {
      const blobSha = h.sha(`new-${p}`);
      h.api()
        .get(`${R}/git/blobs/${blobSha}`)
        .reply(200, Buffer.from(i === 350 ? `line one\nurl=${url}\n` : `file ${i}\n`), h.RAW_BLOB_HEADERS);
    });
    h.nockFileHistory(AFTER, "gen/f350.txt", [PUSHED]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", ordinary());

    const lines = h.callLines();
    expect(lines.filter((l) => l.includes("/git/trees/")).sort()).toEqual(
      [`GET ${R}/git/trees/${AFTER}?recursive=true`, `GET ${R}/git/trees/${mergeBase}?recursive=true`].sort(),
    );
    expect(lines.filter((l) => l.includes("/git/blobs/"))).toHaveLength(400); // unchanged files, symlink and submodule: not fetched
    const [done] = completed();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "gen/f350.txt", start_line: 2 })]);
    expect(done.output.summary).toContain("400 files scanned");
  });

  test("tree diff with a truncated recursive listing walks the subtrees one by one", async () => {
    const url = h.criticalToken("push-truncated");
    const mergeBase = "dddd".repeat(10);
    const files = Array.from({ length: 300 }, (_, i) => h.prFile({ filename: `x/${i}.txt`, patch: h.patchAdding(["x"]) }));
    const [rootOld, rootNew, dirOld, dirNew] = ["root-old", "root-new", "dir-old", "dir-new"].map((l) => h.sha(l));
    const blob = (path: string, s: string) => ({ path, mode: "100644", type: "blob", sha: s, size: 1 });
    nockStart();
    h.api().get(`${R}/compare/${BEFORE}...${AFTER}`).query({ per_page: "1" }).reply(200, compareBody(files, mergeBase));
    h.api().get(`${R}/git/trees/${mergeBase}`).query({ recursive: "true" }).reply(200, { sha: rootOld, truncated: true, tree: [] });
    h.api().get(`${R}/git/trees/${AFTER}`).query({ recursive: "true" }).reply(200, { sha: rootNew, truncated: true, tree: [] });
    h.api()
      .get(`${R}/git/trees/${rootOld}`)
      .reply(200, { sha: rootOld, truncated: false, tree: [blob("README.md", h.sha("readme")), { path: "src", mode: "040000", type: "tree", sha: dirOld }] });
    h.api()
      .get(`${R}/git/trees/${rootNew}`)
      .reply(200, { sha: rootNew, truncated: false, tree: [blob("README.md", h.sha("readme")), { path: "src", mode: "040000", type: "tree", sha: dirNew }] });
    h.api()
      .get(`${R}/git/trees/${dirOld}`)
      .reply(200, { sha: dirOld, truncated: false, tree: [blob("a.ts", h.sha("a-old"))] });
    h.api()
      .get(`${R}/git/trees/${dirNew}`)
      .reply(200, { sha: dirNew, truncated: false, tree: [blob("a.ts", h.sha("a-new")), blob("b.ts", h.sha("b-new"))] });
    h.api()
      .get(`${R}/git/blobs/${h.sha("a-new")}`)
      .reply(200, Buffer.from("export {};\n"), h.RAW_BLOB_HEADERS);
    h.api()
      .get(`${R}/git/blobs/${h.sha("b-new")}`)
      .reply(200, Buffer.from(`const u = "${url}";\n`), h.RAW_BLOB_HEADERS);
    h.nockFileHistory(AFTER, "src/b.ts", [PUSHED]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", ordinary());

    const [done] = completed();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "src/b.ts", start_line: 1 })]);
  });

  test("deleted branch: zero API calls", async () => {
    const payload = {
      ...h.fixture("push.json"),
      ref: "refs/heads/feature/x",
      created: false,
      deleted: true,
      before: BEFORE,
      after: "0".repeat(40),
      head_commit: null,
      commits: [],
    };
    await h.deliver(probot, "push", payload);
    expect(h.calls).toEqual([]);
  });

  test("deleted tag (GitHub's example payload): zero API calls", async () => {
    await h.deliver(probot, "push", h.fixture("push.deleted.json"));
    expect(h.calls).toEqual([]);
  });

  test("tag push: zero API calls", async () => {
    await h.deliver(probot, "push", { ...h.fixture("push.tag.json"), installation: { id: 1 } });
    expect(h.calls).toEqual([]);
  });
});
