// Issue 15 item 2: a file GitHub sends without a patch is fetched as raw bytes (`application/vnd.github.raw`), with
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

describe("blobs are fetched as raw bytes", () => {
  test("GitHub answers the raw request with JSON: the file is not scanned (listed, re-run hint), never read as empty", async () => {
    const blobSha = h.sha("json-instead");
    nockStart();
    nockFiles([h.prFile({ filename: "big.env", sha: blobSha })]);
    h.api().get(`${R}/git/blobs/${blobSha}`).reply(200, { sha: blobSha, size: 12, encoding: "base64" });
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = completion();
    expect(done.conclusion).not.toBe("success");
    expect(done.output.summary).toMatch(/big\.env: not scanned: the answer was application\/json[^\n]*, not the raw bytes asked for/);
    expect(done.output.summary).not.toContain("1 file scanned");
  });

  test("a blob over maxFileSizeMB (default 10 MB) is cut off while streaming: listed as too large, never scanned in part", async () => {
    const blobSha = h.sha("over-limit");
    nockStart();
    nockFiles([h.prFile({ filename: "huge.log", sha: blobSha })]);
    // chunked (no content-length): the limit is enforced on the bytes as they arrive
    h.api()
      .get(`${R}/git/blobs/${blobSha}`)
      .matchHeader("accept", "application/vnd.github.raw")
      .reply(200, () => Buffer.alloc(11 * 1_048_576, 0x61), { ...h.RAW_BLOB_HEADERS, "transfer-encoding": "chunked" });
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    expect(completion().output.summary).toMatch(/huge\.log`: larger than maxFileSizeMB \(10\.0 MB\)/);
  });
});
