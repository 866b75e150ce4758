// `comment: true` on pull_request: the Action posts the App's review (one inline comment per new finding, on the
// diff, with the fingerprint marker) through @octokit/rest and GITHUB_TOKEN. nock cannot reach into a child
// process, so runAction runs in-process here with the environment the runner would give the bundle.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import nock from "nock";
import { runAction } from "../../src/action/run-action.js";
import {
  cleanup,
  commit,
  connectionString,
  criticalSas,
  findLeaks,
  mediumSas,
  newRepo,
  planted,
  privateRepository,
  pullRequestPayload,
  ROOT,
  runnerEnv,
  tempDir,
} from "./action-harness.js";

const API = "https://api.github.com";
const schemas = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "github", "openapi-request-bodies.json"), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validateReview = ajv.compile(schemas["pulls/create-review"]);

const printed: string[] = [];

interface InProcessRun {
  status: number;
  stdout: string;
  summary: string;
}

/** runAction with the environment the runner gives the bundle (same builder as the child-process tests). */
async function runInProcess(workspace: string, payload: object, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<InProcessRun> {
  const home = tempDir("sas-guard-runner-");
  const files = { eventPath: join(home, "event.json"), summary: join(home, "step_summary"), output: join(home, "output") };
  writeFileSync(files.eventPath, JSON.stringify(payload));
  writeFileSync(files.summary, "");
  const io = {
    env: runnerEnv({ event: "pull_request", payload, workspace, with: { comment: "true", ...inputs }, env }, files),
    stdout: (s: string) => void out.push(s),
    now: () => new Date(),
    version: "0.0.0-test",
  };
  const out: string[] = [];
  const status = await runAction(io);
  const summary = readFileSync(files.summary, "utf8");
  printed.push(...out, summary);
  return { status, stdout: out.join(""), summary };
}

let repo: string;
let base: string;
let head: string;

beforeAll(() => {
  repo = newRepo();
  base = commit(repo, { "README.md": "# Demo\n", "app.env": `OLD=${criticalSas("comment-base")}\n` }, "base");
  head = commit(
    repo,
    {
      "app.env": `OLD=${criticalSas("comment-base")}\nNEW=${connectionString("comment-head")}\n`,
      "docs/links.md": `# Links\n\nDownload: ${mediumSas("comment-medium")}\n`,
    },
    "add tokens",
  );
});

beforeEach(() => nock.disableNetConnect());

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

afterAll(cleanup);

type Json = any; // request bodies as sent

describe("comment: true on pull_request", () => {
  it("lists the existing review comments, then posts one COMMENT review with an inline comment per finding", async () => {
    let review: Json;
    let listed = false;
    nock(API)
      .matchHeader("authorization", "token ghs_faketoken")
      .get("/repos/o/r/pulls/7/comments")
      .query({ per_page: "100" })
      .reply(200, () => ((listed = true), []))
      .post("/repos/o/r/pulls/7/reviews", (body) => ((review = body), true))
      .reply(200, { id: 99 });

    const r = await runInProcess(repo, privateRepository(pullRequestPayload(base, head, 7)));
    expect(listed).toBe(true);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/::warning::/);

    expect(Object.keys(review).sort()).toEqual(["body", "comments", "commit_id", "event"]);
    expect(review).toMatchObject({ commit_id: head, event: "COMMENT" });
    expect(review.body).toMatch(/^\*\*SAS Guard found 2 Azure credentials added by this pull request\.\*\*/);
    expect(review.comments).toEqual([
      { path: "app.env", line: 2, side: "RIGHT", body: expect.stringMatching(/^\*\*Critical — [^]*<!-- sas-guard:fp=sg1:[0-9a-f]{24} -->$/) },
      { path: "docs/links.md", line: 3, side: "RIGHT", body: expect.stringMatching(/^\*\*Medium — [^]*<!-- sas-guard:fp=sg1:[0-9a-f]{24} -->$/) },
    ]);
    for (const c of review.comments) {
      expect(c.body).toContain("**Fix, in this order**");
      expect(c.body).toContain("allowlist:\n  - fingerprint: sg1:");
    }
    // the fingerprint in each marker is the one the annotation of the same finding shows
    const annotated = [...r.stdout.matchAll(/\((sg1:[0-9a-f]{24})\)$/gm)].map((m) => m[1]);
    expect(review.comments.map((c: Json) => /sas-guard:fp=(sg1:[0-9a-f]{24})/.exec(c.body)![1])).toEqual(annotated);

    const valid = validateReview(review);
    expect(validateReview.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(findLeaks([JSON.stringify(review)])).toEqual([]);
  });

  it("does not comment twice: findings already commented (fingerprint marker) get no new review", async () => {
    // the first run's comments, as GitHub lists them back
    let review: Json;
    nock(API)
      .get("/repos/o/r/pulls/7/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/o/r/pulls/7/reviews", (body) => ((review = body), true))
      .reply(200, { id: 1 });
    await runInProcess(repo, pullRequestPayload(base, head, 7));
    const existing = review.comments.map((c: Json, i: number) => ({ id: 100 + i, body: c.body, path: c.path, line: c.line }));

    nock(API).get("/repos/o/r/pulls/7/comments").query(true).reply(200, existing);
    const r = await runInProcess(repo, pullRequestPayload(base, head, 7));
    expect(r.status).toBe(1); // still failing: commenting is not suppressing
    expect(r.stdout).not.toMatch(/::warning::/); // no unexpected request was made (nock would have refused it)
  });

  it("a review GitHub rejects is a ::warning::, not a crash; the exit code still follows the findings", async () => {
    nock(API)
      .get("/repos/o/r/pulls/7/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/o/r/pulls/7/reviews")
      .reply(422, { message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] });
    const r = await runInProcess(repo, pullRequestPayload(base, head, 7));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning::GitHub answered 422 to the review: /m);
    expect(r.stdout).toMatch(/^::debug::POST \/repos\/o\/r\/pulls\/7\/reviews - 422/m); // Octokit's log, not console.error
  });

  it("a failing comment listing (a fork's read-only token, an outage) is a ::warning::, not a crash", async () => {
    nock(API).get("/repos/o/r/pulls/7/comments").query(true).reply(403, { message: "Resource not accessible by integration" });
    const r = await runInProcess(repo, pullRequestPayload(base, head, 7));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning::SAS Guard could not post review comments \(GitHub answered 403: Resource not accessible by integration/m);
  });

  it("comment: true without a token: a ::warning:: saying what to pass, no request", async () => {
    const r = await runInProcess(repo, pullRequestPayload(base, head, 7), { "github-token": "" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning::comment: true needs GITHUB_TOKEN/m);
  });

  it("comment: false (the default) makes no request", async () => {
    const r = await runInProcess(repo, pullRequestPayload(base, head, 7), { comment: "false" });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/::(warning|debug)::/);
  });

  it("a clean pull request lists comments but posts no review", async () => {
    const clean = newRepo();
    const b = commit(clean, { "README.md": "# Demo\n" }, "base");
    const h = commit(clean, { "README.md": "# Demo\n\nNo secrets.\n" }, "clean");
    nock(API).get("/repos/o/r/pulls/3/comments").query(true).reply(200, []);
    const r = await runInProcess(clean, pullRequestPayload(b, h, 3));
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/::(warning|debug)::/);
  });

  it("uses GITHUB_API_URL (GitHub Enterprise Server)", async () => {
    const ghes = "https://ghe.example.com/api/v3";
    let posted = false;
    nock(ghes)
      .get("/repos/o/r/pulls/7/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/o/r/pulls/7/reviews")
      .reply(200, () => ((posted = true), { id: 5 }));
    await runInProcess(repo, pullRequestPayload(base, head, 7), {}, { GITHUB_API_URL: ghes, GITHUB_SERVER_URL: "https://ghe.example.com" });
    expect(posted).toBe(true);
  });
});

describe("no raw secret anywhere", () => {
  it("stdout and summaries of every in-process run hold none of the planted secrets", () => {
    expect(planted.size).toBeGreaterThan(0);
    expect(printed.length).toBeGreaterThan(0);
    expect(findLeaks(printed)).toEqual([]);
  });
});
