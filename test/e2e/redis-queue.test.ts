// Scale-out on Redis: the built web process (`node dist/main.js`) and worker processes (`node dist/worker.js`)
// sharing one throwaway redis-server, against the fake GitHub. Every commit must end with exactly one completed
// check run with the right conclusion, whatever happens to the workers and to GitHub.
import { afterEach, describe, expect, test } from "@jest/globals";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import type { FakeRepo } from "../support/fake-github/index.js";
import { describeRuns, FakeGitHub, generateAppKeys, Planted, sleep, startApp, waitFor, type AppKeys, type AppProcess } from "./helpers.js";

const QUEUE_ENV = { SAS_GUARD_CONCURRENCY: "8", SAS_GUARD_LOCK_MS: "2000", SAS_GUARD_RETRY_BACKOFF_MS: "300", SAS_GUARD_ATTEMPTS: "6" };

let redis: RedisServer | undefined;
let fake: FakeGitHub | undefined;
let procs: AppProcess[] = [];
let keys: AppKeys;
let planted: Planted;

async function setUp(): Promise<void> {
  keys = generateAppKeys();
  planted = new Planted();
  redis = await startRedis();
  fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
}

async function proc(entry: "main" | "worker", env: Record<string, string> = {}): Promise<AppProcess> {
  const p = await startApp({ entry, keys, gheHost: fake!.host, redisUrl: redis!.url, env: { ...QUEUE_ENV, ...env } });
  procs.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(procs.map((p) => p.stop(5_000)));
  procs = [];
  await fake?.stop();
  await redis?.stop();
  fake = undefined;
  redis = undefined;
});

interface Expected {
  repo: FakeRepo;
  sha: string;
  conclusion: "failure" | "success";
  pull?: number;
}

/** Every expected commit has exactly one check run, completed with the expected conclusion; risky PRs one review. */
function assertOutcome(expected: Expected[]): void {
  const f = fake!;
  const problems: string[] = [];
  for (const e of expected) {
    const runs = e.repo.checkRuns.filter((r) => r.head_sha === e.sha);
    if (runs.length !== 1) problems.push(`${e.repo.fullName}@${e.sha.slice(0, 8)}: ${runs.length} check runs`);
    for (const r of runs) {
      if (r.status !== "completed" || r.conclusion !== e.conclusion)
        problems.push(`${e.repo.fullName}@${e.sha.slice(0, 8)}: ${r.status}/${r.conclusion}, expected ${e.conclusion}`);
      if (r.history.filter((h) => h.status === "completed").length !== 1) problems.push(`run ${r.id} completed ${r.history.length} times`);
    }
    if (e.pull !== undefined) {
      const reviews = e.repo.reviews.filter((r) => r.pullNumber === e.pull).length;
      if (reviews !== (e.conclusion === "failure" ? 1 : 0)) problems.push(`${e.repo.fullName}#${e.pull}: ${reviews} reviews`);
    }
  }
  expect(problems).toEqual([]);
  expect(f.checkRuns().filter((r) => r.status !== "completed")).toEqual([]);
  expect(planted.leaks(f, keys)).toEqual([]);
  expect(f.unhandled).toEqual([]);
}

const allDone = (expected: Expected[]) => () =>
  expected.every(
    (e) =>
      e.repo.checkRuns.some((r) => r.head_sha === e.sha && r.status === "completed") &&
      (e.pull === undefined || e.conclusion === "success" || e.repo.reviews.some((r) => r.pullNumber === e.pull)),
  );

/** `repos` repositories, each with `pushes` pushes to main and `pulls` pull requests; every third change is risky. */
function scene(repos: number, pushes: number, pulls: number, tag: string): { deliveries: { event: string; payload: unknown }[]; expected: Expected[] } {
  const f = fake!;
  const deliveries: { event: string; payload: unknown }[] = [];
  const expected: Expected[] = [];
  for (let r = 0; r < repos; r++) {
    const repo = f.createRepo(`org${r % 4}`, `${tag}-${r}`, 500 + r);
    for (let k = 0; k < pushes; k++) {
      const risky = (r + k) % 3 === 0;
      const { payload, sha } = f.push(
        repo,
        "main",
        { [`src/module-${k}.ts`]: risky ? `export const blobUrl = "${planted.sig(`${tag}-${r}-${k}`)}";\n` : `export const n${k} = ${k};\n` },
        `Add module ${k}`,
      );
      deliveries.push({ event: "push", payload });
      expected.push({ repo, sha, conclusion: risky ? "failure" : "success" });
    }
    for (let j = 0; j < pulls; j++) {
      const risky = (r + j) % 2 === 0;
      repo.commit(
        `feature-${j}`,
        { [`docs/guide-${j}.md`]: risky ? `# Guide\n\nConnection: ${planted.key(`${tag}-${r}-pr${j}`)}\n` : `# Guide ${j}\n\nNothing secret.\n` },
        `Guide ${j}`,
      );
      const { pr, payload } = f.pullRequest(repo, `feature-${j}`);
      deliveries.push({ event: "pull_request", payload });
      expected.push({ repo, sha: pr.head.sha, conclusion: risky ? "failure" : "success", pull: pr.number });
    }
  }
  // interleave repositories the way a busy org's deliveries arrive
  deliveries.sort(
    (a, b) =>
      hash(JSON.stringify((a.payload as any).after ?? (a.payload as any).pull_request.head.sha)) -
      hash(JSON.stringify((b.payload as any).after ?? (b.payload as any).pull_request.head.sha)),
  );
  return { deliveries, expected };
}

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

async function deliverAll(to: AppProcess, deliveries: { event: string; payload: unknown }[], parallel = 10): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < deliveries.length; i += parallel) {
    const batch = await Promise.all(deliveries.slice(i, i + parallel).map((d) => to.deliver(d.event, d.payload)));
    statuses.push(...batch.map((b) => b.status));
  }
  return statuses;
}

const scansBy = (p: AppProcess) => p.logs.filter((l) => /"msg":"scan finished"/.test(l)).length;

describe("Redis queue: web + worker processes on one redis-server", () => {
  test("200 deliveries (pushes and pull requests across 20 repositories): every commit one completed check run, right conclusion", async () => {
    await setUp();
    const web = await proc("main");
    const worker = await proc("worker");
    const { deliveries, expected } = scene(20, 6, 4, "bulk");
    expect(deliveries).toHaveLength(200);

    const statuses = await deliverAll(web, deliveries);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor("200 completed check runs", allDone(expected), 150_000, () =>
      describeRuns(fake!)
        .split("\n")
        .filter((l) => !/completed/.test(l))
        .join("\n"),
    );
    await sleep(1000);

    assertOutcome(expected);
    // redeliveries of already-finished events change nothing
    const before = fake!.writes().length;
    expect(await deliverAll(web, deliveries.slice(0, 10))).toEqual(Array(10).fill(200));
    await sleep(1500);
    expect(fake!.writes().slice(before)).toEqual([]);
    // both processes did part of the work
    expect(scansBy(web)).toBeGreaterThan(0);
    expect(scansBy(worker)).toBeGreaterThan(0);
    expect(scansBy(web) + scansBy(worker)).toBe(200);
  }, 200_000);

  test("a worker killed (SIGKILL) in the middle of a job: another worker finishes it, one check run", async () => {
    await setUp();
    const web = await proc("main", { SAS_GUARD_WORKER: "false" });
    const doomed = await proc("worker");
    const repo = fake!.createRepo("acme", "slow", 601);
    const { payload, sha } = fake!.push(repo, "main", { "deploy/values.yaml": `storage: ${planted.sig("sigkill")}\n` });
    // GitHub is slow on this compare: the job is mid-way (check run in progress, shown after 2 s) when the worker dies
    fake!.addFault({ match: /^GET \/repos\/acme\/slow\/compare\//, times: 1, delayMs: 6_000 });

    expect((await web.deliver("push", payload)).status).toBe(200);
    await waitFor("the slow compare", () => fake!.requests.some((r) => r.path.includes("/acme/slow/compare/")), 15_000);
    await waitFor("the run shown in progress", () => fake!.checkRuns(sha).some((r) => r.status === "in_progress"), 5_000);
    expect(fake!.checkRuns(sha)).toEqual([expect.objectContaining({ status: "in_progress" })]);
    const rescuer = await proc("worker");
    doomed.kill("SIGKILL");
    await doomed.exited;

    await waitFor(
      "the rescued job",
      () => fake!.checkRuns(sha).some((r) => r.status === "completed"),
      30_000,
      () => `${describeRuns(fake!)}\n${rescuer.logs.slice(-10).join("\n")}`,
    );
    // the job goes on after its check run completes (the organisation inventory's hook): wait for its end
    await waitFor("the rescuer's scan to finish", () => scansBy(rescuer) >= 1, 15_000);
    await sleep(500);
    expect(scansBy(rescuer)).toBe(1);
    expect(fake!.checkRuns(sha)).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(fake!.writes().filter((w) => w.method === "POST" && w.path.endsWith("/acme/slow/check-runs"))).toHaveLength(1);
    assertOutcome([{ repo, sha, conclusion: "failure" }]);
  }, 60_000);

  test("a burst of 5xx and 403 secondary-rate-limit answers (retry-after: 1): every job completes, none duplicated", async () => {
    await setUp();
    const web = await proc("main");
    await proc("worker");
    const { deliveries, expected } = scene(8, 3, 2, "faulty");
    const f = fake!;
    const faults = [
      { match: /^GET \/repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]{40}\/check-runs/, status: 500, times: 6 },
      { match: /^GET \/repos\/[^/]+\/[^/]+\/compare\//, status: 502, times: 4 },
      { match: /^GET \/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files/, status: 503, times: 3 },
      { match: /^POST \/repos\/[^/]+\/[^/]+\/check-runs$/, status: 403, retryAfter: 1, times: 4 },
      { match: /^PATCH \/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/, status: 403, retryAfter: 1, times: 4 },
      { match: /^POST \/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/, status: 403, retryAfter: 1, times: 2 },
    ];
    for (const spec of faults) f.addFault(spec);

    const statuses = await deliverAll(web, deliveries);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor("every job", allDone(expected), 120_000, () => describeRuns(f));
    await sleep(1500);

    expect(f.faults.hits).toEqual(faults.map((x) => x.times));
    assertOutcome(expected);
  }, 150_000);

  // A create that lands but answers 502 must not be re-sent blindly (plugin-retry would leave two runs, one in
  // progress forever): publish-check-run.ts looks for the run it may have created before creating again.
  test("a check-run POST that lands but answers 502 (gateway timeout): still one check run", async () => {
    await setUp();
    const web = await proc("main");
    const repo = fake!.createRepo("acme", "gateway", 602);
    const { payload, sha } = fake!.push(repo, "main", { "a.md": "nothing here\n" });
    fake!.addFault({ match: /^POST \/repos\/acme\/gateway\/check-runs$/, status: 502, times: 1, afterHandling: true });
    expect((await web.deliver("push", payload)).status).toBe(200);
    await waitFor("completion", () => fake!.checkRuns(sha).some((r) => r.status === "completed"), 30_000);
    await sleep(2000);
    expect(describeRuns(fake!).split("\n")).toHaveLength(1);
    assertOutcome([{ repo, sha, conclusion: "success" }]);
  }, 60_000);

  test("SIGTERM to a worker in the middle of a job: the job finishes, the worker exits 0, nothing left in progress", async () => {
    await setUp();
    const web = await proc("main", { SAS_GUARD_WORKER: "false" });
    const worker = await proc("worker");
    const repo = fake!.createRepo("acme", "term", 603);
    const { payload, sha } = fake!.push(repo, "main", { "a.env": `KEY=${planted.key("sigterm")}\n` });
    fake!.addFault({ match: /^GET \/repos\/acme\/term\/compare\//, times: 1, delayMs: 3_000 });

    expect((await web.deliver("push", payload)).status).toBe(200);
    await waitFor("the slow compare", () => fake!.requests.some((r) => r.path.includes("/acme/term/compare/")), 15_000);
    worker.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(fake!.checkRuns(sha)).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    assertOutcome([{ repo, sha, conclusion: "failure" }]);
  }, 60_000);

  test("SIGTERM to the web process while it runs a job: it finishes the job before exiting", async () => {
    await setUp();
    const web = await proc("main");
    const repo = fake!.createRepo("acme", "term-web", 604);
    const { payload, sha } = fake!.push(repo, "main", { "b.md": "clean\n" });
    fake!.addFault({ match: /^GET \/repos\/acme\/term-web\/compare\//, times: 1, delayMs: 3_000 });
    expect((await web.deliver("push", payload)).status).toBe(200);
    await waitFor("the slow compare", () => fake!.requests.some((r) => r.path.includes("/acme/term-web/compare/")), 15_000);
    web.kill("SIGTERM");
    expect(await web.exited).toBe(0);
    assertOutcome([{ repo, sha, conclusion: "success" }]);
  }, 60_000);
});
