// The built App (`node dist/main.js`, embedded queue) against the fake GitHub: signed deliveries in, check runs
// and reviews out, exactly as a user's installation would see them.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { describeRuns, Planted, sleep, startWorld, waitFor, type AppKeys, type AppProcess, type FakeGitHub } from "./helpers.js";

let fake: FakeGitHub;
let app: AppProcess;
let keys: AppKeys;
const planted = new Planted();

beforeAll(async () => {
  ({ fake, app, keys } = await startWorld({ env: { SAS_GUARD_CONCURRENCY: "4" } }));
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

const completedRuns = (sha: string) => fake.checkRuns(sha).filter((r) => r.status === "completed");
const waitCompleted = (sha: string, timeoutMs = 30_000) =>
  waitFor(
    `a completed check run on ${sha.slice(0, 8)}`,
    () => completedRuns(sha).length > 0,
    timeoutMs,
    () => `${describeRuns(fake)}\n${app.logs.slice(-15).join("\n")}`,
  );

describe("embedded queue: node dist/main.js against the fake GitHub", () => {
  test("a pull request adding the incident token: one completed check run (failure) and one review with an inline comment", async () => {
    const repo = fake.createRepo("acme", "storefront", 101, { "README.md": "# Storefront\n\nSee docs.\n" });
    repo.commit("add-docs", { "docs/setup.md": `# Setup\n\nRun the script.\nDownload the sample data: ${planted.sig("pr-risky")}\n` }, "Document setup");
    const { pr, payload } = fake.pullRequest(repo, "add-docs");

    const ack = await app.deliver("pull_request", payload);
    expect(ack.status).toBe(200);
    await waitFor(
      "the review",
      () => repo.reviews.length > 0 && completedRuns(pr.head.sha).length > 0,
      30_000,
      () => describeRuns(fake),
    );
    await sleep(500); // nothing more should follow

    const runs = fake.checkRuns(pr.head.sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure", name: "SAS Guard", external_id: `sas-guard:pr:${pr.number}:${pr.head.sha}` });
    // a scan this quick creates its run already completed: one write (issue 19, fewer writes per event)
    expect(runs[0].history.map((h) => h.status)).toEqual(["completed"]);
    expect(runs[0].output.title).toMatch(/critical/i);
    expect(runs[0].annotations).toEqual([expect.objectContaining({ path: "docs/setup.md", start_line: 4, annotation_level: "failure" })]);
    expect(repo.reviews).toHaveLength(1);
    expect(repo.comments).toEqual([expect.objectContaining({ path: "docs/setup.md", line: 4, side: "RIGHT" })]);
  });

  test("a clean pull request: success, no review", async () => {
    const repo = fake.createRepo("acme", "clean", 102);
    repo.commit("tidy", { "src/app.ts": "export const greeting = 'hello';\n", "docs/notes.md": "No credentials here: use a managed identity.\n" });
    const { pr, payload } = fake.pullRequest(repo, "tidy");

    expect((await app.deliver("pull_request", payload)).status).toBe(200);
    await waitCompleted(pr.head.sha);
    await sleep(500);

    expect(fake.checkRuns(pr.head.sha)).toEqual([expect.objectContaining({ status: "completed", conclusion: "success" })]);
    expect(
      fake
        .writes()
        .filter((w) => w.path.includes("/acme/clean/check-runs"))
        .map((w) => w.method),
    ).toEqual(["POST"]);
    expect(repo.reviews).toHaveLength(0);
  });

  test("a 400-file push: compare stops at 300 files, the tree diff finds the token in file 350", async () => {
    const repo = fake.createRepo("acme", "monorepo", 103);
    fake.treeLimit = 250; // the recursive listing comes back truncated too: the App walks the subtrees
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`pkg${String(i % 8)}/file-${String(i).padStart(3, "0")}.txt`] = `file ${i}\n`;
    files["pkg6/file-350.txt"] = `connection: ${planted.key("push-400")}\n`;
    const { payload, sha } = fake.push(repo, "main", files, "Import 400 files");
    try {
      expect((await app.deliver("push", payload)).status).toBe(200);
      await waitCompleted(sha, 60_000);
      // a push to the default branch goes on after its run completes (the organisation inventory's code scanning
      // upload): wait for the job's end, so none of its requests fall into the next test's window
      await waitFor("the job's end", () => app.logs.some((l) => /"msg":"scan finished"/.test(l) && l.includes('"repo":"acme/monorepo"')), 15_000);
    } finally {
      fake.treeLimit = 100_000;
    }
    const compare = fake.requests.filter((r) => r.path.includes("/acme/monorepo/compare/"));
    expect(compare).toHaveLength(1);
    expect(fake.requests.some((r) => r.path.includes("/acme/monorepo/git/trees/"))).toBe(true);
    const [run] = fake.checkRuns(sha);
    expect(fake.checkRuns(sha)).toHaveLength(1);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", external_id: `sas-guard:push:${sha}` });
    expect(run.annotations).toEqual([expect.objectContaining({ path: "pkg6/file-350.txt" })]);
  });

  test("a new branch: compared with the default branch, only what it adds is scanned", async () => {
    const repo = fake.createRepo("acme", "branches", 104, { "old.md": `an old token nobody reports again: ${planted.sig("old-main")}\n` });
    const { payload, sha } = fake.push(repo, "feature/x", { "new.md": "nothing risky\n" }, "Start feature");
    expect(payload.created).toBe(true);
    expect(payload.before).toBe("0".repeat(40));

    expect((await app.deliver("push", payload)).status).toBe(200);
    await waitCompleted(sha);

    expect(fake.requests.filter((r) => r.path.includes("/acme/branches/compare/")).map((r) => r.path)).toEqual([
      `/api/v3/repos/acme/branches/compare/main...${sha}?per_page=1`,
    ]);
    expect(fake.checkRuns(sha)).toEqual([expect.objectContaining({ status: "completed", conclusion: "success" })]);
  });

  test("a wrong or missing signature: 400, nothing enqueued, nothing sent to GitHub", async () => {
    const repo = fake.createRepo("acme", "unsigned", 105);
    const { payload } = fake.push(repo, "main", { "a.md": `${planted.sig("unsigned")}\n` });
    const before = fake.requests.length;
    const wrong = await app.deliver("push", payload, { signature: `sha256=${"0".repeat(64)}` });
    const missing = await app.deliver("push", payload, { signature: null });
    const otherSecret = await app.deliver("push", { ...payload, after: "f".repeat(40) }, { signature: "sha256=deadbeef" });
    expect([wrong.status, missing.status, otherSecret.status]).toEqual([400, 400, 400]);
    await sleep(1500);
    expect(fake.requests.slice(before)).toEqual([]);
    expect(app.logs.filter((l) => /scan queued/.test(l) && l.includes("acme/unsigned"))).toEqual([]);
  });

  test("a redelivery (same X-GitHub-Delivery) while the first is running and after it finished: one check run", async () => {
    const repo = fake.createRepo("acme", "redelivered", 106);
    const { payload, sha } = fake.push(repo, "main", { "config/app.env": `STORAGE=${planted.key("redelivery")}\n` });
    const id = "5f2a7c4e-0000-4000-8000-000000000106";
    const acks = await Promise.all([app.deliver("push", payload, { id }), app.deliver("push", payload, { id })]);
    expect(acks.map((a) => a.status)).toEqual([200, 200]);
    await waitCompleted(sha);
    expect((await app.deliver("push", payload, { id })).status).toBe(200);
    await sleep(1500);
    const runs = fake.checkRuns(sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(fake.writes().filter((w) => w.method === "POST" && w.path === "/api/v3/repos/acme/redelivered/check-runs")).toHaveLength(1);
  });

  test("health, readiness and metrics answer", async () => {
    expect(await app.get("/healthz")).toEqual({ status: 200, body: "ok" });
    expect((await app.get("/readyz")).status).toBe(200);
    const metrics = await app.get("/metrics");
    expect(metrics.body).toMatch(/sas_guard_github_requests_total\{method="POST"\} \d+/);
    expect(metrics.body).toMatch(/sas_guard_findings_total\{severity="critical"\} \d+/);
  });

  test("no secret, private key or webhook secret ever reached the fake GitHub; every route was known", () => {
    expect(fake.requests.length).toBeGreaterThan(20);
    expect(planted.leaks(fake, keys)).toEqual([]);
    expect(fake.unhandled).toEqual([]);
    // every request after the token exchange carried an installation token the fake issued
    expect(fake.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(fake.checkRuns().filter((r) => r.status !== "completed")).toEqual([]);
  });
});
