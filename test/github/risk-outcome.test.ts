// The App's side of issue 14: a token the storage service refused is info in a public repository (verification
// runs before exposure, and exposure respects it), and the check run reports the scan's real duration (injected
// clock; it used to say "scanned in 0 ms" always).
import nock from "nock";
import type { Probot } from "probot";
import { startFakeStorage, verifyConfig, FAKE_STORAGE_HOST, type FakeStorage } from "../support/fake-storage.js";
import { fakeSig } from "../support/fake-secrets.js";
import * as h from "./helpers.js";

const { R } = h;
h.useHarness();
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 7474;
const ADDED: h.CommitSpec = { sha: h.sha("adds-the-token"), date: "2026-10-01T00:00:00Z", login: "octo-dev" };

let storage: FakeStorage;
let probes = 0;
beforeAll(async () => {
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

/** GitHub's pull_request payload for a public repository with 2 forks. */
function publicPr() {
  const p = h.fixture("pull_request.opened.json");
  return { ...p, repository: { ...p.repository, private: false, visibility: "public", forks_count: 2, forks: 2 } };
}

async function scanPullRequest(
  line: string,
  { review = true, clock }: { review?: boolean; clock?: () => number } = {},
): Promise<{ conclusion: string; output: { title: string; summary: string } }> {
  // the verifier connects to the fake storage endpoint; GitHub stays nock's
  nock.enableNetConnect(FAKE_STORAGE_HOST);
  const probot: Probot = await h.createTestProbot(clock ? { clock } : {});
  h.nockToken();
  h.nockConfig(verifyConfig(storage));
  h.nockNoCheckRun(HEAD);
  h.nockCreateCheckRun(RUN);
  h.api()
    .get(`${R}/pulls/2/files`)
    .query({ per_page: "100" })
    .reply(200, [h.prFile({ filename: "config/reports.env", patch: h.patchAdding([line]) })]);
  h.nockPrCommits([ADDED]);
  h.nockFileHistory(HEAD, "config/reports.env", [ADDED]);
  h.nockUpdateCheckRun(RUN);
  // an info finding is below comments.minSeverity: the earlier comments are read, no review is posted
  if (review) h.nockReview(2);
  else h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);
  await h.deliver(probot, "pull_request", publicPr());
  expect(storage.requests).toBe(++probes); // one verification request per scan
  return h.checkRunWrites().find((c) => c.method === "PATCH" && c.body.status === "completed")!.body;
}

describe("App: one risk outcome", () => {
  test("a revoked token in a public repository is info, not 'anyone on the internet could read this token'", async () => {
    h.planted.add(fakeSig("app-revoked"));
    const done = await scanPullRequest(`REPORTS=${storage.token("app-revoked", { revoked: true })}`, { review: false });
    expect(done.output.title).toMatch(/^Info: /);
    expect(done.conclusion).toBe("neutral"); // below failOn
    expect(done.output.summary).toContain("**1 Azure credential found** (1 info)");
    expect(done.output.summary).not.toContain("anyone on the internet could read this token");
    expect(done.output.summary).toContain("Verified revoked");
    // the trail says which step decided it, in the finding's details
    expect(done.output.summary).toMatch(/Severity: base \w+ → verification info \(verified-revoked\)/);
  });

  test("a live token in the same public repository goes up: medium → high (verified live) → critical (public)", async () => {
    h.planted.add(fakeSig("app-live"));
    const done = await scanPullRequest(`REPORTS=${storage.token("app-live")}`);
    expect(done.output.title).toMatch(/^Critical: /);
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("anyone on the internet could read this token");
  });

  test("the check run says how long the scan took (the job's clock), not 0 ms", async () => {
    h.planted.add(fakeSig("app-duration"));
    const readings = [5_000, 6_234];
    const done = await scanPullRequest(`REPORTS=${storage.token("app-duration")}`, { clock: () => readings.shift() ?? 6_234 });
    expect(done.output.summary).toContain("1 file scanned in 1234 ms");
  });
});
