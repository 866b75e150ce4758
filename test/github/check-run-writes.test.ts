// Issue 19, fewer writes per event: a scan that ends before IN_PROGRESS_AFTER_MS creates its check run already
// completed in one request; a slower one (the timer fires first) is created in progress, then completed. The timer
// is injected and fired by hand: no test waits real seconds. Every body is checked against GitHub's OpenAPI
// request schema by the harness (useHarness, afterEach).
import type { Probot } from "probot";
import { checkRunTimingFromEnv, failureOutput, IN_PROGRESS_AFTER_MS, type StartTimer } from "../../src/github/check-run-lifecycle.js";
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { jobForPush } from "../../src/github/jobs-from-events.js";
import type { ScanJob } from "../../src/jobs/jobs.js";
import { jobProcessor } from "../../src/index.js";
import { createMetrics } from "../../src/server/metrics.js";
import * as h from "./helpers.js";

const { R } = h;
h.useHarness();

const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const RUN = 7171;
const EXTERNAL_ID = `sas-guard:push:${AFTER}`;
const push = () => ({ ...h.fixture("push.json"), ref: "refs/heads/feature/x", created: false, before: BEFORE });

/** A timer that never fires on its own: `fire()` plays "the scan took longer than the threshold". */
function handTimer() {
  const t = { armed: [] as number[], cancelled: 0, fire: () => {}, timer: undefined as unknown as StartTimer };
  t.timer = (ms, fire) => {
    t.armed.push(ms);
    t.fire = fire;
    return () => void t.cancelled++;
  };
  return t;
}

async function probotWith(timer: StartTimer): Promise<Probot> {
  return h.createTestProbot({ checkRuns: { timer } });
}

const compareBody = (files: ReturnType<typeof h.prFile>[]) => ({ merge_base_commit: { sha: BEFORE }, files });
const cleanFile = () => h.prFile({ filename: "README.md", patch: h.patchAdding(["nothing secret"]) });

function nockCompare(files: ReturnType<typeof h.prFile>[], onReply?: () => void): void {
  h.api()
    .get(`${R}/compare/${BEFORE}...${AFTER}`)
    .query({ per_page: "1" })
    .reply(() => {
      onReply?.();
      return [200, compareBody(files)];
    });
}

const writes = () => h.checkRunWrites().map((c) => ({ method: c.method, path: c.path, body: c.body }));

describe("check run writes per event", () => {
  test("a fast scan: exactly one POST, already completed (conclusion, output), no PATCH; the timer armed at 2 s and cancelled", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    nockCompare([cleanFile()]);
    h.api()
      .post(`${R}/check-runs`)
      .reply(201, { id: RUN, html_url: `https://github.com/${h.OWNER}/${h.REPO}/runs/${RUN}`, status: "completed" });

    await h.deliver(probot, "push", push());

    expect(writes()).toEqual([
      {
        method: "POST",
        path: `${R}/check-runs`,
        body: {
          name: "SAS Guard",
          head_sha: AFTER,
          external_id: EXTERNAL_ID,
          status: "completed",
          conclusion: "success",
          output: { title: "No Azure credentials found", summary: expect.any(String) },
        },
      },
    ]);
    expect(t.armed).toEqual([IN_PROGRESS_AFTER_MS]);
    expect(IN_PROGRESS_AFTER_MS).toBe(2_000);
    expect(t.cancelled).toBe(1);
  });

  test("a slow scan (the timer fires while GitHub answers the compare): POST in progress, then PATCH completed", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    nockCompare([cleanFile()], () => t.fire());
    h.nockCreateCheckRun(RUN);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", push());

    expect(writes().map((w) => `${w.method} ${w.body.status}`)).toEqual(["POST in_progress", "PATCH completed"]);
    const [start, done] = writes();
    expect(start.body).toMatchObject({ name: "SAS Guard", head_sha: AFTER, external_id: EXTERNAL_ID, output: { title: "Scanning for Azure credentials…" } });
    expect(done).toMatchObject({ path: `${R}/check-runs/${RUN}`, body: { conclusion: "success", output: { title: "No Azure credentials found" } } });
  });

  test("the scan ends while the in-progress create is still on its way: the run it makes is the one completed (no second POST)", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    nockCompare([cleanFile()], () => t.fire());
    h.api().post(`${R}/check-runs`).delay(150).reply(201, { id: RUN, status: "in_progress" });
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", push());

    expect(writes().map((w) => `${w.method} ${w.path} ${w.body.status}`)).toEqual([
      `POST ${R}/check-runs in_progress`,
      `PATCH ${R}/check-runs/${RUN} completed`,
    ]);
  });

  test("the in-progress create fails (500, and the lookup finds nothing): the scan goes on, its run is created completed", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.api().get(`${R}/commits/${AFTER}/check-runs`).query(true).times(3).reply(200, { total_count: 0, check_runs: [] });
    nockCompare([cleanFile()], () => t.fire());
    h.api().post(`${R}/check-runs`).times(2).reply(500, { message: "Server Error" }); // the create, and its one re-send
    h.nockCreateCheckRun(RUN);

    await h.deliver(probot, "push", push());

    expect(writes().map((w) => `${w.method} ${w.body.status}`)).toEqual(["POST in_progress", "POST in_progress", "POST completed"]);
    expect(writes()[2].body).toMatchObject({ conclusion: "success" });
  });

  test("60 findings, fast: POST completed with the first 50 annotations, one PATCH with the other 10, none dropped", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    const lines = Array.from({ length: 60 }, (_, i) => `SAS_${i}=${h.criticalToken(`writes-${i}`)}`);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    nockCompare([h.prFile({ filename: "conf/all.env", status: "added", patch: h.patchAdding(lines) })]);
    h.nockFileHistory(AFTER, "conf/all.env", [{ sha: AFTER, date: "2026-11-24T08:00:00Z", login: "Codertocat" }]);
    h.nockCreateCheckRun(RUN);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", push());

    const [create, more] = writes();
    expect(writes()).toHaveLength(2);
    expect(create).toMatchObject({ method: "POST", body: { status: "completed", conclusion: "failure" } });
    expect(more).toMatchObject({ method: "PATCH", path: `${R}/check-runs/${RUN}` });
    expect(more.body.status).toBeUndefined(); // an append: the run is completed already
    expect(create.body.output.annotations).toHaveLength(50);
    expect(more.body.output.annotations).toHaveLength(10);
    const annotated = [...create.body.output.annotations, ...more.body.output.annotations].map((a: { start_line: number }) => a.start_line);
    expect(annotated.sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  test("the scan throws (fast, final attempt): one POST, completed failure with the Re-run button; the delivery fails", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    h.api().get(`${R}/compare/${BEFORE}...${AFTER}`).query({ per_page: "1" }).times(4).reply(500, { message: "Server Error" });
    h.nockCreateCheckRun(RUN);

    const err = await h.deliver(probot, "push", push()).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(Error);
    expect(writes()).toEqual([
      {
        method: "POST",
        path: `${R}/check-runs`,
        body: expect.objectContaining({
          status: "completed",
          conclusion: "failure",
          external_id: EXTERNAL_ID,
          actions: [{ label: "Re-run", identifier: "rerun", description: "Scan this commit again" }],
          output: expect.objectContaining({ title: "Scan incomplete: SAS Guard could not finish" }),
        }),
      },
    ]);
    expect(writes()[0].body.output.summary).toContain("**What went wrong:** GitHub answered 500");
  });

  test("a failing attempt the queue retries leaves an in-progress run; the retry completes that run: one run, one POST", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    const process = jobProcessor(
      probot,
      { now: () => h.NOW, checkRuns: { timer: t.timer } },
      createMetrics(async () => 0),
    );
    const job = (jobForPush(push(), "delivery-retry") as { job: ScanJob }).job;
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    h.api().get(`${R}/compare/${BEFORE}...${AFTER}`).query({ per_page: "1" }).times(4).reply(500, { message: "Server Error" });
    h.nockCreateCheckRun(RUN);

    await expect(process(job, { number: 1, final: false })).rejects.toThrow();
    expect(writes()).toEqual([expect.objectContaining({ method: "POST", body: expect.objectContaining({ status: "in_progress", external_id: EXTERNAL_ID }) })]);

    // (the installation token is cached from the first attempt)
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${AFTER}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: RUN, name: "SAS Guard", head_sha: AFTER, status: "in_progress", conclusion: null, external_id: EXTERNAL_ID }],
      });
    nockCompare([cleanFile()]);
    h.nockUpdateCheckRun(RUN);

    await process(job, { number: 2, final: true });
    expect(writes().map((w) => `${w.method} ${w.body.status}`)).toEqual(["POST in_progress", "PATCH completed"]);
    expect(writes()[1].body).toMatchObject({ conclusion: "success" });
  });

  test("a redelivery that finds the run still in progress: PATCH only (no POST, no in-progress write, no timer)", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${AFTER}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: RUN, name: "SAS Guard", head_sha: AFTER, status: "in_progress", conclusion: null, external_id: EXTERNAL_ID }],
      });
    nockCompare([cleanFile()]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", push());

    expect(writes()).toEqual([
      expect.objectContaining({ method: "PATCH", path: `${R}/check-runs/${RUN}`, body: expect.objectContaining({ status: "completed" }) }),
    ]);
    expect(t.armed).toEqual([]);
  });

  test("a replayed re-run (its first attempt died with the new run in progress): that run is completed, not a third", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    const payload = { ...h.fixture("check_suite.requested.json"), action: "rerequested" };
    const { head_sha: head, before } = payload.check_suite;
    const left = { id: RUN, name: "SAS Guard", head_sha: head, status: "in_progress", conclusion: null, external_id: `sas-guard:push:${head}` };
    h.nockToken(957387);
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [left] });
    h.api()
      .get(`${R}/compare/${before}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: before }, files: [] });
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "check_suite", payload);

    expect(writes().map((w) => `${w.method} ${w.path} ${w.body.status}`)).toEqual([`PATCH ${R}/check-runs/${RUN} completed`]);
  });

  describe("the review links the run (pull request with a finding)", () => {
    const PR_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    const PR_EXTERNAL_ID = `sas-guard:pr:2:${PR_HEAD}`;
    const runUrl = (id: number) => `https://github.com/${h.OWNER}/${h.REPO}/runs/${id}`;
    function nockPrScan(): void {
      const url = h.criticalToken("writes-pr");
      h.api()
        .get(`${R}/pulls/2/files`)
        .query({ per_page: "100" })
        .reply(200, [h.prFile({ filename: "docs/setup.md", patch: h.patchAdding([`Download: ${url}`]) })]);
      h.nockPrCommits([{ sha: PR_HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);
      h.nockFileHistory(PR_HEAD, "docs/setup.md", [{ sha: PR_HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" }]);
      h.nockReview(2);
    }
    const reviewBody = () => h.calls.find((c) => c.method === "POST" && c.path === `${R}/pulls/2/reviews`)!.body.body as string;

    test("fast: the run the one POST created", async () => {
      const probot = await probotWith(handTimer().timer);
      h.nockToken();
      h.nockConfig();
      h.nockNoCheckRun(PR_HEAD);
      nockPrScan();
      h.nockCreateCheckRun(RUN);

      await h.deliver(probot, "pull_request", h.fixture("pull_request.opened.json"));

      expect(writes().map((w) => `${w.method} ${w.body.status}`)).toEqual(["POST completed"]);
      expect(reviewBody()).toContain(runUrl(RUN));
    });

    test("a redelivery completing the run it found in progress: that run (its address from the lookup)", async () => {
      const probot = await probotWith(handTimer().timer);
      h.nockToken();
      h.nockConfig();
      const found = {
        id: 8181,
        name: "SAS Guard",
        head_sha: PR_HEAD,
        status: "in_progress",
        conclusion: null,
        external_id: PR_EXTERNAL_ID,
        html_url: runUrl(8181),
      };
      h.api()
        .get(`${R}/commits/${PR_HEAD}/check-runs`)
        .query(true)
        .reply(200, { total_count: 1, check_runs: [found] });
      nockPrScan();
      h.nockUpdateCheckRun(8181);

      await h.deliver(probot, "pull_request", h.fixture("pull_request.opened.json"));

      expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH ${R}/check-runs/8181`]);
      expect(reviewBody()).toContain(runUrl(8181));
    });
  });

  test("a completed create that lands but answers 502: the lookup finds it, nothing is created twice", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    h.nockToken();
    h.nockConfig();
    h.nockNoCheckRun(AFTER);
    nockCompare([cleanFile()]);
    h.api().post(`${R}/check-runs`).reply(502, { message: "Bad Gateway" });
    h.api()
      .get(`${R}/commits/${AFTER}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: RUN, name: "SAS Guard", head_sha: AFTER, status: "completed", conclusion: "success", external_id: EXTERNAL_ID }],
      });

    await h.deliver(probot, "push", push());

    expect(writes().map((w) => w.method)).toEqual(["POST"]);
  });

  test("a re-run's completed create answers 502 and the lookup finds only the run that was re-run: created again", async () => {
    const t = handTimer();
    const probot = await probotWith(t.timer);
    const payload = { ...h.fixture("check_suite.requested.json"), action: "rerequested" };
    const { head_sha: head, before } = payload.check_suite;
    const old = { id: 999, name: "SAS Guard", head_sha: head, status: "completed", conclusion: "failure", external_id: `sas-guard:push:${head}` };
    h.nockToken(957387);
    h.nockConfig();
    h.api()
      .get(`${R}/commits/${head}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [old] });
    h.api()
      .get(`${R}/compare/${before}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: before }, files: [] });
    h.api().post(`${R}/check-runs`).reply(502, { message: "Bad Gateway" });
    h.nockCreateCheckRun(RUN);

    await h.deliver(probot, "check_suite", payload);

    expect(writes().map((w) => `${w.method} ${w.body.status}`)).toEqual(["POST completed", "POST completed"]);
    expect(h.calls.filter((c) => c.path.endsWith("/check-runs/999"))).toEqual([]);
  });
});

test("SAS_GUARD_IN_PROGRESS_AFTER_MS: milliseconds, 0 for in progress first; unset, empty or not a number: the default", () => {
  expect(checkRunTimingFromEnv({ SAS_GUARD_IN_PROGRESS_AFTER_MS: "5000" })).toEqual({ inProgressAfterMs: 5000 });
  expect(checkRunTimingFromEnv({ SAS_GUARD_IN_PROGRESS_AFTER_MS: "0" })).toEqual({ inProgressAfterMs: 0 });
  for (const v of [undefined, "", " ", "2s", "NaN"]) expect(checkRunTimingFromEnv({ SAS_GUARD_IN_PROGRESS_AFTER_MS: v })).toEqual({});
});

test("a failure's summary quotes the error redacted: a SAS URL in the message never reaches the check run", () => {
  const url = h.criticalSasUrl(fakeSigEncoded("failure-output"));
  const summary = failureOutput(new Error(`verification request to ${url} failed: ECONNRESET`)).summary;
  expect(summary).toContain("ECONNRESET");
  for (const form of [fakeSig("failure-output"), fakeSigEncoded("failure-output")]) expect(summary).not.toContain(form);
});
