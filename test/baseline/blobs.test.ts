// The baseline's blob traffic: each distinct blob fetched at most once, files over maxFileSizeMB never fetched,
// progress on the in-progress check run, and a 403 secondary rate limit in the middle that waits and resumes.
import * as b from "./helpers.js";

b.useBaselineHarness();

const REPO = "data-platform";
const R = `/repos/${b.ORG}/${REPO}`;
const HEAD = b.sha("dp-head");
const RUN = 701;

function nockStart(config: string | null, tree: b.TreeItem[]): void {
  b.nockToken();
  b.nockRepo(REPO);
  b.nockConfig(REPO, config);
  b.nockBranch(REPO, HEAD);
  b.nockCreateCheckRun(REPO, RUN, HEAD);
  b.nockTree(REPO, HEAD, tree, { recursive: true, sha: b.sha("dp-root") });
}

const SECONDARY = {
  message:
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 1234:5678.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

describe("baseline blobs", () => {
  test("identical files fetched once, files over maxFileSizeMB skipped unfetched, progress 'scanned N of M files' while in progress", async () => {
    const same = b.sha("same-content");
    const other = b.sha("other-content");
    const big = b.sha("big-dump");
    nockStart("maxFileSizeMB: 1\n", [
      b.file("config/a.json", same, 14),
      b.file("config/b.json", same, 14),
      b.file("dump/export.bin", big, 2 * 1_048_576), // tree size over the limit: never fetched
      b.file("deploy/c.json", same, 14),
      b.file("notes.txt", other, 6),
    ]);
    b.nockBlob(REPO, same, '{"ok": true}\n\n');
    b.nockBlob(REPO, other, "notes\n");
    b.nockUpdateCheckRun(REPO, RUN, 4); // 3 progress updates (files 1..3 of 4) + the completion

    let t = 0;
    const probot = await b.createProbot({ baseline: { progressEveryMs: 0, clock: () => (t += 1) } });
    await b.deliver(probot, "installation", b.installationCreated([REPO]));

    // API call counts: 2 blob GETs for 4 scanned files (3 share one SHA); the 2 MB file is not fetched
    expect(b.blobGets(REPO).sort()).toEqual([same, other].sort());
    expect(b.callsTo("GET", /\/git\/blobs\//)).toHaveLength(2);

    const patches = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`);
    expect(patches.slice(0, 3)).toEqual(
      [1, 2, 3].map((n) => ({
        output: { title: `Baseline: scanned ${n} of 4 files`, summary: `Baseline: scanned ${n} of 4 files on \`main\` (${HEAD.slice(0, 7)}).` },
      })),
    );
    const done = patches[3];
    expect(done).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Baseline: No Azure credentials found" } });
    expect(done.output.summary).toContain("4 files scanned");
    expect(done.output.summary).toContain("dump/export.bin");
    expect(done.output.summary).toContain("larger than maxFileSizeMB");
  });

  test("the completed run says how long the scan took (the App's clock), not 0 ms", async () => {
    const other = b.sha("timed-content");
    nockStart(null, [b.file("notes.txt", other, 6)]);
    b.nockBlob(REPO, other, "notes\n");
    b.nockUpdateCheckRun(REPO, RUN, 1);
    const readings = [10_000, 12_500];
    const probot = await b.createProbot({ clock: () => readings.shift() ?? 12_500 });
    await b.deliver(probot, "installation", b.installationCreated([REPO]));
    const [done] = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`);
    expect(done.output.summary).toContain("1 file scanned in 2500 ms");
  });

  test("progress counts are written with thousands separators (scanned 1,240 of 3,000 files)", async () => {
    // 3,000 files sharing 3 blobs: 3 blob GETs
    const shas = [b.sha("p0"), b.sha("p1"), b.sha("p2")];
    nockStart(
      null,
      Array.from({ length: 3000 }, (_, i) => b.file(`gen/f${i}.txt`, shas[i % 3], 2)),
    );
    for (const s of shas) b.nockBlob(REPO, s, "x\n");
    b.nockUpdateCheckRun(REPO, RUN, 3); // 1,240 and 2,480, then the completion
    // the injected clock ticks once per reading: the run is updated after 1,240 and 2,480 files
    let t = 0;
    const probot = await b.createProbot({ baseline: { progressEveryMs: 1240, clock: () => ++t } });
    await b.deliver(probot, "installation", b.installationCreated([REPO]));
    const titles = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`).map((p) => p.output.title);
    expect(titles).toEqual(["Baseline: scanned 1,240 of 3,000 files", "Baseline: scanned 2,480 of 3,000 files", "Baseline: No Azure credentials found"]);
    expect(b.callsTo("GET", /\/git\/blobs\//)).toHaveLength(3);
  });

  test("a 403 secondary rate limit on a blob in the middle: waits retry-after, retries that blob, finishes with the finding", async () => {
    const token = b.criticalToken("rate-limited-readme");
    const blobs = { a: b.sha("rl-a"), readme: b.sha("rl-readme"), c: b.sha("rl-c") };
    const readme = `# Data platform\n\n${token}\n`;
    nockStart(null, [b.file("a.txt", blobs.a, 2), b.file("README.md", blobs.readme, readme.length), b.file("c.txt", blobs.c, 2)]);
    b.nockBlob(REPO, blobs.a, "a\n");
    b.api().get(`${R}/git/blobs/${blobs.readme}`).reply(403, SECONDARY, { "retry-after": "1", "content-type": "application/json; charset=utf-8" });
    b.nockBlob(REPO, blobs.readme, readme);
    b.nockBlob(REPO, blobs.c, "c\n");
    b.nockUpdateCheckRun(REPO, RUN);

    await b.deliver(await b.createProbot(), "installation", b.installationCreated([REPO]));

    expect(b.waits).toEqual([1]); // retry-after: 1 → one wait of 1 s (the throttling plugin; 1 ms in tests)
    expect(b.blobGets(REPO).filter((s) => s === blobs.readme)).toHaveLength(2);
    expect(b.callsTo("GET", /\/git\/blobs\//)).toHaveLength(4);
    const [done] = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`);
    expect(done.status).toBe("completed");
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe("Baseline: Critical: account SAS with full control until 2051 in README.md");
    expect(done.output.summary).not.toContain("not scanned");
    expect(done.output.summary).toContain("3 files scanned");
  });

  test("a secondary rate limit without retry-after waits a minute (GitHub's rule), bounded by the attempts", async () => {
    const blob = b.sha("rl-msg");
    nockStart(null, [b.file("a.txt", blob, 2)]);
    b.api().get(`${R}/git/blobs/${blob}`).reply(403, SECONDARY);
    b.nockBlob(REPO, blob, "a\n");
    b.nockUpdateCheckRun(REPO, RUN);
    await b.deliver(await b.createProbot(), "installation", b.installationCreated([REPO]));
    expect(b.waits).toEqual([60]); // plugin-throttling's fallback for a secondary limit without retry-after
    expect(b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`)[0]).toMatchObject({ conclusion: "success" });
  });

  test("a rate limit that outlasts the bounded retries: the blob is listed as not scanned and the run fails (onIncomplete default), never success", async () => {
    const blob = b.sha("rl-forever");
    nockStart(null, [b.file("a.txt", blob, 2)]);
    b.api().get(`${R}/git/blobs/${blob}`).times(4).reply(403, SECONDARY, { "retry-after": "2" });
    b.nockUpdateCheckRun(REPO, RUN);
    await b.deliver(await b.createProbot(), "installation", b.installationCreated([REPO]));
    expect(b.waits).toEqual([2, 2, 2]); // 3 retries (MAX_RATE_LIMIT_RETRIES), then the blob is not scanned
    const [done] = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`);
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("not scanned: GitHub answered 403");
  });

  test("a 403 that is not a rate limit (no retry-after, other message) is not retried", async () => {
    const blob = b.sha("forbidden");
    nockStart(null, [b.file("a.txt", blob, 2)]);
    b.api().get(`${R}/git/blobs/${blob}`).reply(403, { message: "Resource not accessible by integration" });
    b.nockUpdateCheckRun(REPO, RUN);
    await b.deliver(await b.createProbot(), "installation", b.installationCreated([REPO]));
    expect(b.waits).toEqual([]);
    expect(b.callsTo("GET", /\/git\/blobs\//)).toHaveLength(1);
    expect(b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`)[0].conclusion).toBe("failure");
  });
});
