// Issue 15, conclusion policy through the App: an unscanned file fails the check by default (with a Re-run button),
// `onIncomplete: neutral` (default branch) makes it neutral, a failing finding always fails, and the Re-run button
// (check_run.requested_action "rerun") rescans.
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
const RUN = 4343;
const RERUN = { label: "Re-run", identifier: "rerun", description: "Scan this commit again" };
const completion = (id = RUN, r = R) => h.completedRunBody(id, r);

function nockPr(config: string | null, files: ReturnType<typeof h.prFile>[]): void {
  h.nockScanStart(HEAD, RUN, config);
  h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
}

describe("conclusion policy (App)", () => {
  test("onIncomplete: neutral on the default branch: an unscanned file with nothing failing ends neutral, still with Re-run", async () => {
    const blob = h.sha("unreadable");
    nockPr("onIncomplete: neutral\n", [h.prFile({ filename: "big.bin", sha: blob })]);
    h.api().get(`${R}/git/blobs/${blob}`).times(4).reply(502, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    expect(completion()).toMatchObject({ conclusion: "neutral", actions: [RERUN] });
  });

  test("onIncomplete: neutral never hides a failing finding: a token in one file and an unscanned other file → failure", async () => {
    const url = h.criticalToken("policy-failing");
    const blob = h.sha("unreadable-2");
    nockPr("onIncomplete: neutral\n", [h.prFile({ filename: "big.bin", sha: blob }), h.prFile({ filename: "app.env", patch: h.patchAdding([`SAS=${url}`]) })]);
    h.api().get(`${R}/git/blobs/${blob}`).times(4).reply(502, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    h.nockPrCommits([{ sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);
    h.nockFileHistory(HEAD, "app.env", [{ sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);
    h.nockUpdateCheckRun(RUN);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    const done = completion();
    expect(done).toMatchObject({ conclusion: "failure", actions: [RERUN] });
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "app.env", annotation_level: "failure" })]);
  });

  test("a complete, clean scan has no Re-run button", async () => {
    nockPr(null, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["fine"]) })]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    expect(completion().conclusion).toBe("success");
    expect(completion().actions).toBeUndefined();
  });

  test("check_run.requested_action rerun (the button): the pull request is scanned again in a new run", async () => {
    const event = h.fixture("check_run.rerequested.json");
    const sha = event.check_run.head_sha;
    const r = "/repos/github/hello-world";
    const body = {
      ...event,
      action: "requested_action",
      requested_action: { identifier: "rerun" },
      check_run: { ...event.check_run, name: "SAS Guard", external_id: `sas-guard:pr:2:${sha}` },
    };
    h.nockToken(1);
    h.nockConfig(null, null, "github", "hello-world");
    h.nockNoCheckRun(sha, "SAS Guard", "github", "hello-world");
    h.nockCreateCheckRun(RUN, "github", "hello-world");
    h.api()
      .get(`${r}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
    h.nockUpdateCheckRun(RUN, 1, "github", "hello-world");
    h.api().get(`${r}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "check_run", body);

    expect(completion(RUN, r)).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("check_run.requested_action with another identifier: no API call", async () => {
    const event = h.fixture("check_run.rerequested.json");
    await h.deliver(probot, "check_run", {
      ...event,
      action: "requested_action",
      requested_action: { identifier: "something-else" },
      check_run: { ...event.check_run, external_id: "sas-guard:push:x" },
    });
    expect(h.calls).toEqual([]);
  });
});
