// Issue 15 item 2 (kept in its own file: its 7 MB strings make a neighbour's WebCrypto key import flaky under
// Jest's VM modules): a file GitHub sends without a patch is fetched as raw bytes (`application/vnd.github.raw`), with
// the size checked before reading it whole; an answer that is not the raw bytes asked for is "not scanned", never
// an empty file that passes.
import type { Probot } from "probot";
import * as h from "./helpers.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const payload = () => h.privateRepo(h.fixture("pull_request.opened.json"));
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 4242;

function nockStart(config: string | null = null): void {
  h.nockScanStart(HEAD, RUN, config);
}

const nockFiles = (files: ReturnType<typeof h.prFile>[]) => h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
const completion = () => h.completedRunBody(RUN);
const blobRequests = () => h.calls.filter((c) => c.path.includes("/git/blobs/"));

const PR_COMMIT: h.CommitSpec = { sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" };
/** Findings ask for the PR's commits and each file's history (exposure). */
export function nockExposure(...paths: string[]): void {
  h.nockPrCommits([PR_COMMIT]);
  for (const p of paths) h.nockFileHistory(HEAD, p, [PR_COMMIT]);
}

/** A 7 MB text file with one critical token near its end (line 70,000). */
function sevenMegabytes(url: string): string {
  const filler = "x".repeat(99);
  const lines = Array.from({ length: 70_500 }, () => filler);
  lines[69_999] = `token = "${url}"`;
  return lines.join("\n");
}

describe("blobs are fetched as raw bytes", () => {
  test("a 7 MB file without a patch holding a critical token: failure, annotated at its line", async () => {
    const url = h.criticalToken("seven-mb");
    const blobSha = h.sha("seven-mb-blob");
    const text = sevenMegabytes(url);
    nockStart();
    nockFiles([h.prFile({ filename: "data/dump.txt", sha: blobSha, additions: 70_500 })]);
    // Whatever the App asks for: the raw media type gets the bytes; the JSON media type gets what Octokit's JSON
    // parse could not read on Node 20 (an ~9.8M-character base64 body), i.e. a string without `content`.
    h.api()
      .get(`${R}/git/blobs/${blobSha}`)
      .reply((req: Request) => {
        const accept = req.headers.get("accept") ?? "";
        if (accept.includes("application/vnd.github.raw")) return [200, Buffer.from(text), h.RAW_BLOB_HEADERS];
        return [
          200,
          `{"sha":"${blobSha}","size":${text.length},"content":"${Buffer.from(text).toString("base64").slice(0, 1000)}`,
          { "content-type": "application/json; charset=utf-8" },
        ];
      });
    nockExposure("data/dump.txt");
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    expect(blobRequests()).toHaveLength(1);
    const done = completion();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "data/dump.txt", start_line: 70_000, annotation_level: "failure" })]);
  });
});
