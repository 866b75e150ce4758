// Configuration as the App reads it (repo file, org `.github` fallback, invalid files), redeliveries, re-runs,
// and runs that are not ours or can no longer be reopened.
import { pino } from "pino";
import { Probot } from "probot";
import app from "../../src/index.js";
import { resolveConfig } from "../../src/config/load-config.js";
import * as h from "./helpers.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 6161;
const prPayload = () => h.fixture("pull_request.opened.json");
const completes = (id = RUN, owner = h.OWNER, repo = h.REPO) =>
  h.calls.filter((c) => c.method === "PATCH" && c.path === `/repos/${owner}/${repo}/check-runs/${id}`).map((c) => c.body);

function nockPrScan(files: ReturnType<typeof h.prFile>[], opts: { review?: boolean } = {}): void {
  h.nockNoCheckRun(HEAD);
  h.nockCreateCheckRun(RUN);
  h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
  h.nockUpdateCheckRun(RUN);
  if (opts.review) h.nockReview(2);
  else h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);
}

const existingRun = (over: Record<string, unknown>) => ({
  id: 999,
  head_sha: HEAD,
  name: "SAS Guard",
  status: "completed",
  conclusion: "failure",
  external_id: `sas-guard:pr:2:${HEAD}`,
  app: { id: 123, slug: "sas-guard" },
  pull_requests: [],
  ...over,
});

describe("configuration", () => {
  test("invalid config (failOn: urgent): the scan still runs with the defaults and the summary names the error", async () => {
    const url = h.criticalToken("cfg-invalid");
    const expected = resolveConfig({ failOn: "urgent" }, "x").errors;
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/^failOn: /);
    h.nockToken();
    h.nockConfig("failOn: urgent\n");
    nockPrScan([h.prFile({ filename: "a.env", patch: h.patchAdding([`X=${url}`]) })], { review: true });
    // exposure (issue 11): the PR's commits, then a.env's history; the fixture repository is public, the token
    // critical already (never raised above critical)
    h.nockPrCommits([{ sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);
    h.nockFileHistory(HEAD, "a.env", [{ sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);

    await h.deliver(probot, "pull_request", prPayload());

    const [done] = completes();
    expect(done.conclusion).toBe("failure"); // default failOn: high
    expect(done.output.summary).toContain("### Configuration problems in `Codertocat/Hello-World:.github/sas-guard.yml`");
    expect(done.output.summary).toContain("The scan ran with the defaults for these keys:");
    expect(done.output.summary).toContain(`- ${expected[0]}`);
    expect(done.output.summary).toContain("urgent");
    expect(done.output.summary).toContain("- **Exposure:** Exposed since 2026-11-20 (5 days) in commit ec26c3e by Codertocat; public repository.");
  });

  test("unparsable YAML: the scan still runs with the defaults and says the file could not be read", async () => {
    h.nockToken();
    h.nockConfig("failOn: [high\n");
    nockPrScan([h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);

    await h.deliver(probot, "pull_request", prPayload());

    const [done] = completes();
    expect(done.conclusion).toBe("success");
    expect(done.output.summary).toContain("### Configuration problems in `defaults (config unreadable)`");
    expect(done.output.summary).toMatch(/- \.github\/sas-guard\.yml: could not be read \(.+\); the scan used the defaults/);
  });

  test("org-level config: repo file 404, <owner>/.github file used (check name, paths.ignore)", async () => {
    const url = h.criticalToken("cfg-org");
    h.nockToken();
    h.nockConfig(null, 'checks:\n  name: "Org SAS Guard"\npaths:\n  ignore: ["fixtures/**"]\n');
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query({ check_name: "Org SAS Guard", filter: "latest", per_page: "100" })
      .reply(200, { total_count: 0, check_runs: [] });
    h.nockCreateCheckRun(RUN);
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [
        h.prFile({ filename: "fixtures/sample.txt", patch: h.patchAdding([url]) }),
        h.prFile({ filename: "src/ok.ts", patch: h.patchAdding(["ok"]) }),
      ]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", prPayload());

    expect(h.callLines().slice(0, 2)).toEqual([`GET ${R}/contents/.github%2Fsas-guard.yml`, `GET /repos/Codertocat/.github/contents/.github%2Fsas-guard.yml`]);
    expect(h.budgetCalls().find((c) => c.method === "POST")!.body.name).toBe("Org SAS Guard");
    const [done] = completes();
    expect(done.conclusion).toBe("success");
    expect(done.output.summary).toContain("Config: `Codertocat/.github:.github/sas-guard.yml`");
    expect(done.output.summary).toContain("<summary>Skipped files (1)</summary>");
    expect(done.output.summary).toMatch(/- `fixtures\/sample\.txt`: .*fixtures\/\\\*\\\*/); // `*` escaped for Markdown
  });
});

describe("configuration (_extends)", () => {
  test("_extends: the repo file inherits from another repo's file; the source names both in order", async () => {
    h.nockToken();
    h.api()
      .get(`${R}/contents/.github%2Fsas-guard.yml`)
      .reply(200, "_extends: security-config\nfailOn: critical\n", { "content-type": "text/plain; charset=utf-8" })
      .get(`/repos/Codertocat/security-config/contents/.github%2Fsas-guard.yml`)
      .reply(200, "failOn: medium\nchecks:\n  conclusionBelowFailOn: success\n", { "content-type": "text/plain; charset=utf-8" });
    nockPrScan([h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);

    await h.deliver(probot, "pull_request", prPayload());

    const [done] = completes();
    expect(done.output.summary).toContain("**Passing:** nothing at or above `critical`"); // the repo wins over the base
    expect(done.output.summary).toContain("Config: `Codertocat/Hello-World:.github/sas-guard.yml, extending Codertocat/security-config:.github/sas-guard.yml`");
  });
});

describe("redeliveries and re-runs", () => {
  test("redelivery of the same PR event after completion: no second check run, no rescan", async () => {
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query({ check_name: "SAS Guard", filter: "latest", per_page: "100" })
      .reply(200, { total_count: 1, check_runs: [existingRun({})] });

    await h.deliver(probot, "pull_request", prPayload(), "same-guid");

    expect(h.budgetCalls().map((c) => `${c.method} ${c.path.replace(/\?.*/, "")}`)).toEqual([`GET ${R}/commits/${HEAD}/check-runs`]);
  });

  test("redelivery while the first run is still in progress: that run is reused (updated), not duplicated", async () => {
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [existingRun({ id: RUN, status: "in_progress", conclusion: null })] });
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", prPayload());

    // the run shows in progress already: the one write is its completion (issue 19: fewer writes per event)
    expect(h.budgetCalls().filter((c) => c.method === "POST")).toEqual([]);
    expect(completes()).toEqual([expect.objectContaining({ status: "completed", conclusion: "success" })]);
  });

  test("a completed run of a push scan on the same SHA is not reopened (GitHub cannot): the PR scan creates its own run", async () => {
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [existingRun({ id: 999, external_id: `sas-guard:push:${HEAD}`, conclusion: "success" })] });
    h.nockCreateCheckRun(RUN);
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", prPayload());

    expect(h.calls.filter((c) => c.path.endsWith("/check-runs/999"))).toEqual([]);
    expect(completes()[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("a run named like ours but created by someone else (no SAS Guard external_id) is never touched", async () => {
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [existingRun({ id: 555, status: "in_progress", conclusion: null, external_id: null, app: { id: 15368, slug: "github-actions" } })],
      });
    h.nockCreateCheckRun(RUN);
    h.api()
      .get(`${R}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
    h.nockUpdateCheckRun(RUN);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", prPayload());

    expect(h.calls.filter((c) => c.path.endsWith("/check-runs/555"))).toEqual([]);
  });

  test("push of a SHA already scanned for a pull request: not scanned twice", async () => {
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [existingRun({})] });

    await h.deliver(probot, "push", {
      ...h.fixture("push.json"),
      ref: "refs/heads/feature",
      created: false,
      before: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      after: HEAD,
    });

    expect(h.budgetCalls()).toHaveLength(1);
  });

  test("check_run.rerequested on our PR run: a new check run is created and the PR rescanned", async () => {
    const payload = h.fixture("check_run.rerequested.json");
    const sha = payload.check_run.head_sha;
    payload.check_run.name = "SAS Guard";
    payload.check_run.external_id = `sas-guard:pr:2:${sha}`;
    const r = "/repos/github/hello-world";
    h.nockToken(1);
    h.nockConfig(null, null, "github", "hello-world");
    // the lookup finds the completed run the user re-ran: it cannot be reopened, so a new one is created
    h.api()
      .get(`${r}/commits/${sha}/check-runs`)
      .query({ check_name: "SAS Guard", filter: "latest", per_page: "100" })
      .reply(200, { total_count: 1, check_runs: [{ ...payload.check_run, status: "completed", conclusion: "failure" }] });
    h.nockCreateCheckRun(RUN, "github", "hello-world");
    h.api()
      .get(`${r}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
    h.nockUpdateCheckRun(RUN, 1, "github", "hello-world");
    h.api().get(`${r}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "check_run", payload);

    expect(h.budgetCalls().map((c) => `${c.method} ${c.path.replace(/\?.*/, "")}`)).toEqual([
      `GET ${r}/commits/${sha}/check-runs`,
      `POST ${r}/check-runs`,
      `GET ${r}/pulls/2/files`,
      `PATCH ${r}/check-runs/${RUN}`,
      `GET ${r}/pulls/2/comments`,
    ]);
    expect(h.budgetCalls().find((c) => c.method === "POST")!.body).toMatchObject({
      name: "SAS Guard",
      head_sha: sha,
      status: "in_progress",
      external_id: `sas-guard:pr:2:${sha}`,
    });
    expect(completes(RUN, "github", "hello-world")[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("check_run.rerequested on another app's run (GitHub's example payload): no API call", async () => {
    await h.deliver(probot, "check_run", h.fixture("check_run.rerequested.json"));
    expect(h.calls).toEqual([]);
  });

  test("an API error mid-scan still completes the run (failure by default, saying what failed, with a Re-run button) and the delivery fails", async () => {
    h.nockScanStart(HEAD, RUN);
    h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).times(4).reply(500, { message: "Server Error" });
    h.nockUpdateCheckRun(RUN);

    const err = await probot.receive({ id: "d", name: "pull_request", payload: prPayload() } as Parameters<Probot["receive"]>[0]).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AggregateError);
    const [done] = completes();
    expect(done).toMatchObject({
      status: "completed",
      conclusion: "failure",
      actions: [{ label: "Re-run", identifier: "rerun", description: "Scan this commit again" }],
      output: { title: "Scan incomplete: SAS Guard could not finish" },
    });
    expect(done.output.summary).toContain("**What went wrong:** GitHub answered 500");
  });

  test("check_suite.requested: scanned as the push it belongs to (compare before...head_sha)", async () => {
    const payload = h.fixture("check_suite.requested.json");
    const { head_sha: head, before } = payload.check_suite;
    h.nockToken(957387);
    h.nockConfig();
    h.nockNoCheckRun(head);
    h.nockCreateCheckRun(RUN);
    h.api()
      .get(`${R}/compare/${before}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: before }, files: [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })] });
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "check_suite", payload);

    expect(h.budgetCalls().find((c) => c.method === "POST")!.body).toMatchObject({ head_sha: head, external_id: `sas-guard:push:${head}` });
    expect(completes()[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });

  test("check_suite.rerequested (Re-run all): a new run for the head, compared with the suite's before", async () => {
    const payload = { ...h.fixture("check_suite.requested.json"), action: "rerequested" };
    const { head_sha: head, before } = payload.check_suite;
    h.nockToken(957387);
    h.nockConfig();
    h.nockNoCheckRun(head);
    h.nockCreateCheckRun(RUN);
    h.api()
      .get(`${R}/compare/${before}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: before }, files: [] });
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "check_suite", payload);

    expect(h.budgetCalls().map((c) => `${c.method} ${c.path.replace(/\?.*/, "")}`)).toEqual([
      `GET ${R}/commits/${head}/check-runs`,
      `POST ${R}/check-runs`,
      `GET ${R}/compare/${before}...${head}`,
      `PATCH ${R}/check-runs/${RUN}`,
    ]);
  });
});

describe("the App package", () => {
  test("the default export of src/index.ts loads into a Probot without an HTTP server (Probot's testing convention)", async () => {
    const bare = new Probot({ appId: 123, privateKey: h.privateKey, log: pino({ level: "silent" }), Octokit: h.fastOctokit() });
    await expect(bare.load(app)).resolves.toBeUndefined();
    await h.deliver(bare, "push", h.fixture("push.deleted.json"));
    expect(h.calls).toEqual([]);
  });
});
