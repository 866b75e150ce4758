// The in-process queue with fake jobs and promises the test settles by hand: bounded concurrency, one job at a
// time per repository, the per-installation cap, dedupe (with an injected clock), retries with backoff, close().
// The built App on this queue, as a process, is covered by test/e2e/embedded-queue.test.ts.
import { describe, expect, test } from "@jest/globals";
import { EmbeddedQueue, type EmbeddedQueueOptions } from "../../src/queue/embedded-queue.js";
import { jobKey, type Attempt, type Job, type ProcessJob } from "../../src/queue/job-queue.js";

/** A push job; `sha` names it in the assertions below. */
function job(sha: string, repo = `repo-${sha}`, installationId = 1, extra: Partial<Job> = {}): Job {
  return { owner: "acme", repo, headSha: sha, installationId, deliveryId: `delivery-${sha}`, trigger: "push", base: "0".repeat(40), ...extra } as Job;
}

interface Run {
  sha: string;
  attempt: Attempt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A ProcessJob whose every call waits until the test settles it; records what ran, when, and overlaps. */
class Worker {
  readonly runs: Run[] = [];
  readonly running = new Map<string, Run>(); // sha → run
  maxRunning = 0;
  readonly maxPerInstallation = new Map<number, number>();
  readonly overlaps: string[] = [];
  readonly #jobs = new Map<string, Job>();

  readonly process: ProcessJob = (j, attempt) =>
    new Promise<void>((resolve, reject) => {
      const sha = (j as { headSha: string }).headSha;
      for (const other of this.running.values()) {
        const o = this.#jobs.get(other.sha)!;
        if (o.owner === j.owner && o.repo === j.repo) this.overlaps.push(`${other.sha} and ${sha}`);
      }
      this.#jobs.set(sha, j);
      const settle = (fn: () => void) => () => {
        this.running.delete(sha);
        fn();
      };
      const run: Run = { sha, attempt, resolve: settle(resolve), reject: (e) => settle(() => reject(e))() };
      this.runs.push(run);
      this.running.set(sha, run);
      this.maxRunning = Math.max(this.maxRunning, this.running.size);
      const inst = this.runningOf(j.installationId);
      this.maxPerInstallation.set(j.installationId, Math.max(this.maxPerInstallation.get(j.installationId) ?? 0, inst));
    });

  runningOf(installationId: number): number {
    return [...this.running.values()].filter((r) => this.#jobs.get(r.sha)!.installationId === installationId).length;
  }

  started(): string[] {
    return this.runs.map((r) => r.sha);
  }

  finish(sha: string): void {
    const run = this.running.get(sha);
    if (!run) throw new Error(`${sha} is not running (running: ${[...this.running.keys()].join(", ") || "none"})`);
    run.resolve();
  }

  fail(sha: string, error: unknown = new Error(`${sha} failed`)): void {
    const run = this.running.get(sha);
    if (!run) throw new Error(`${sha} is not running (running: ${[...this.running.keys()].join(", ") || "none"})`);
    run.reject(error);
  }
}

/** Lets the queue's setImmediate / promise callbacks (and tiny timers) run. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 1));
}

async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function queue(options: Partial<EmbeddedQueueOptions> = {}): { q: EmbeddedQueue; w: Worker } {
  const q = new EmbeddedQueue({ concurrency: 4, perInstallation: 100, attempts: 1, backoff: () => 1, dedupeWindowMs: 60_000, ...options });
  const w = new Worker();
  q.startWorker(w.process);
  return { q, w };
}

describe("EmbeddedQueue: bounded concurrency", () => {
  test("never runs more than `concurrency` jobs at once, and starts the next as one finishes", async () => {
    const { q, w } = queue({ concurrency: 3 });
    const shas = Array.from({ length: 10 }, (_, i) => `s${i}`);
    for (const sha of shas) expect(await q.enqueue(job(sha))).toBe("queued");

    await until("3 running", () => w.running.size === 3);
    await settle();
    expect(w.started()).toEqual(["s0", "s1", "s2"]);
    expect(await q.depth()).toBe(7);

    w.finish("s1");
    await until("s3 started", () => w.started().includes("s3"));
    await settle();
    expect(w.running.size).toBe(3);

    while (w.started().length < 10 || w.running.size > 0) {
      await until("a running job", () => w.running.size > 0);
      w.finish([...w.running.keys()][0]);
      await settle(2);
    }
    expect(w.maxRunning).toBe(3);
    expect([...w.started()].sort()).toEqual([...shas].sort());
    expect(await q.depth()).toBe(0);
    await q.close();
    expect(q.abandoned).toEqual([]);
  });

  test("jobs enqueued before startWorker wait, then start up to the bound", async () => {
    const q = new EmbeddedQueue({ concurrency: 2, perInstallation: 100, attempts: 1, backoff: () => 1, dedupeWindowMs: 1 });
    const w = new Worker();
    for (const sha of ["a", "b", "c"]) await q.enqueue(job(sha));
    await settle();
    expect(await q.depth()).toBe(3);
    q.startWorker(w.process);
    await until("2 running", () => w.running.size === 2);
    await settle();
    expect(w.started()).toEqual(["a", "b"]);
    expect(await q.depth()).toBe(1);
  });
});

describe("EmbeddedQueue: one job at a time per repository", () => {
  test("jobs of one repository never overlap and run in enqueue order; other repositories go ahead meanwhile", async () => {
    const { q, w } = queue({ concurrency: 4 });
    await q.enqueue(job("a1", "alpha"));
    await q.enqueue(job("a2", "alpha"));
    await q.enqueue(job("b1", "beta"));
    await q.enqueue(job("a3", "alpha"));
    await q.enqueue(job("b2", "beta"));

    await until("a1 and b1", () => w.running.size === 2);
    await settle();
    expect(w.started()).toEqual(["a1", "b1"]); // free slots, but a2 and b2 wait for their repository

    w.finish("b1");
    await until("b2", () => w.started().includes("b2"));
    await settle();
    expect(w.started()).not.toContain("a2");

    w.finish("a1");
    await until("a2", () => w.started().includes("a2"));
    w.finish("b2");
    await settle();
    expect(w.started()).not.toContain("a3");
    w.finish("a2");
    await until("a3", () => w.started().includes("a3"));
    w.finish("a3");
    await settle();

    expect(w.overlaps).toEqual([]);
    expect(w.started().filter((s) => s.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(w.started().filter((s) => s.startsWith("b"))).toEqual(["b1", "b2"]);
  });

  test("twenty pushes to one repository run one at a time and in order, with slots to spare", async () => {
    const { q, w } = queue({ concurrency: 8 });
    const shas = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    for (const sha of shas) await q.enqueue(job(sha, "mono"));
    for (const sha of shas) {
      await until(`${sha} running`, () => w.running.has(sha));
      await settle(1);
      expect(w.running.size).toBe(1);
      w.finish(sha);
    }
    expect(w.started()).toEqual(shas);
    expect(w.overlaps).toEqual([]);
  });
});

describe("EmbeddedQueue: per-installation cap", () => {
  test("an installation with 10 jobs cannot take every slot: another installation's job starts while it has jobs waiting", async () => {
    const { q, w } = queue({ concurrency: 4, perInstallation: 2 });
    for (let i = 0; i < 10; i++) await q.enqueue(job(`big${i}`, `big-repo-${i}`, 1));
    await until("the big org's first jobs", () => w.running.size === 2);
    await settle();
    expect(w.runningOf(1)).toBe(2); // 2 free slots stay free for other installations
    expect(await q.depth()).toBe(8);

    await q.enqueue(job("small", "small-repo", 2));
    await until("the small org's job", () => w.running.has("small"));
    expect(await q.depth()).toBe(8); // the big org still had jobs waiting when it started
    expect(w.started().indexOf("small")).toBe(2);

    // Draining: the big org never holds more than its cap.
    w.finish("small");
    while (w.started().length < 11 || w.running.size > 0) {
      await until("a running job", () => w.running.size > 0);
      w.finish([...w.running.keys()][0]);
      await settle(2);
    }
    expect(w.maxPerInstallation.get(1)).toBe(2);
    expect(w.maxRunning).toBe(3);
  });

  test("a job of a capped installation does not block jobs of other installations queued behind it", async () => {
    const { q, w } = queue({ concurrency: 3, perInstallation: 1 });
    await q.enqueue(job("x1", "x1", 7));
    await q.enqueue(job("x2", "x2", 7));
    await q.enqueue(job("x3", "x3", 7));
    await q.enqueue(job("y1", "y1", 8));
    await q.enqueue(job("z1", "z1", 9));
    await until("three running", () => w.running.size === 3);
    await settle();
    expect(w.started()).toEqual(["x1", "y1", "z1"]);
  });
});

describe("EmbeddedQueue: dedupe", () => {
  test("the same key while queued or running is a duplicate; another kind of scan of the commit is not", async () => {
    const q = new EmbeddedQueue({ concurrency: 1, perInstallation: 1, attempts: 1, backoff: () => 1, dedupeWindowMs: 60_000 });
    const w = new Worker();
    expect(await q.enqueue(job("d1", "dup"))).toBe("queued");
    // a redelivery: same repository, commit and kind, another delivery id
    const redelivery = job("d1", "dup", 1, { deliveryId: "another-delivery" });
    expect(jobKey(redelivery)).toBe(jobKey(job("d1", "dup")));
    expect(await q.enqueue(redelivery)).toBe("duplicate"); // queued
    expect(await q.depth()).toBe(1);

    q.startWorker(w.process);
    await until("d1 running", () => w.running.has("d1"));
    expect(await q.enqueue(redelivery)).toBe("duplicate"); // running

    const pr = job("d1", "dup", 1, { trigger: "pull_request", pullNumber: 5 } as Partial<Job>);
    expect(await q.enqueue(pr)).toBe("queued");
    w.finish("d1");
    await until("the pull request scan", () => w.runs.length === 2);
    expect(w.runs[1].sha).toBe("d1");
    w.finish("d1");
    await settle();
    expect(w.runs).toHaveLength(2);
  });

  test("after finishing, a redelivery within the window is a duplicate; after the window it is queued again", async () => {
    let now = 1_000_000;
    const { q, w } = queue({ dedupeWindowMs: 60_000, now: () => now });
    expect(await q.enqueue(job("w1"))).toBe("queued");
    await until("w1 running", () => w.running.has("w1"));
    w.finish("w1"); // finished at 1_000_000
    await settle();

    now += 1;
    expect(await q.enqueue(job("w1"))).toBe("duplicate");
    now = 1_000_000 + 59_999;
    expect(await q.enqueue(job("w1"))).toBe("duplicate");
    now = 1_000_000 + 60_000;
    expect(await q.enqueue(job("w1"))).toBe("queued");
    await until("w1 running again", () => w.runs.length === 2);
    expect(await q.enqueue(job("w1"))).toBe("duplicate"); // running again
    w.finish("w1");
    await settle();
    expect(w.started()).toEqual(["w1", "w1"]);
  });

  test("a job that finally failed also turns redeliveries away within the window", async () => {
    let now = 5_000;
    const { q, w } = queue({ attempts: 1, dedupeWindowMs: 10_000, now: () => now });
    await q.enqueue(job("f1"));
    await until("f1 running", () => w.running.has("f1"));
    w.fail("f1");
    await settle();
    expect(await q.enqueue(job("f1"))).toBe("duplicate");
    now += 10_000;
    expect(await q.enqueue(job("f1"))).toBe("queued");
  });
});

describe("EmbeddedQueue: retries with backoff", () => {
  test("a job failing twice then succeeding runs 3 times; attempt.final only on the last allowed attempt", async () => {
    const errors: { sha: string; final: boolean }[] = [];
    const delays: number[] = [];
    const { q, w } = queue({
      attempts: 3,
      backoff: (n) => {
        delays.push(n);
        return 2;
      },
      onError: (j, _e, final) => errors.push({ sha: (j as { headSha: string }).headSha, final }),
    });
    await q.enqueue(job("r1"));
    await until("attempt 1", () => w.runs.length === 1);
    w.fail("r1");
    await until("attempt 2", () => w.runs.length === 2);
    expect(await q.enqueue(job("r1"))).toBe("duplicate"); // still the same job while it retries
    w.fail("r1");
    await until("attempt 3", () => w.runs.length === 3);
    w.finish("r1");
    await settle();

    expect(w.runs.map((r) => r.attempt)).toEqual([
      { number: 1, final: false },
      { number: 2, final: false },
      { number: 3, final: true },
    ]);
    expect(delays).toEqual([1, 2]); // backoff before attempt 2 and 3
    expect(errors).toEqual([
      { sha: "r1", final: false },
      { sha: "r1", final: false },
    ]);
    await settle(5);
    expect(w.runs).toHaveLength(3);
  });

  test("with attempts to spare, a job failing twice then succeeding never sees final: true", async () => {
    const { q, w } = queue({ attempts: 4 });
    await q.enqueue(job("r2"));
    for (let i = 1; i <= 2; i++) {
      await until(`attempt ${i}`, () => w.runs.length === i);
      w.fail("r2");
    }
    await until("attempt 3", () => w.runs.length === 3);
    w.finish("r2");
    await settle();
    expect(w.runs.map((r) => r.attempt.final)).toEqual([false, false, false]);
  });

  test("a job that always fails stops after the last attempt, reported final once", async () => {
    const finals: boolean[] = [];
    const { q, w } = queue({ attempts: 3, onError: (_j, _e, final) => finals.push(final) });
    await q.enqueue(job("r3"));
    for (let i = 1; i <= 3; i++) {
      await until(`attempt ${i}`, () => w.runs.length === i);
      w.fail("r3");
    }
    await settle(10);
    expect(w.runs).toHaveLength(3);
    expect(w.runs.map((r) => r.attempt)).toEqual([
      { number: 1, final: false },
      { number: 2, final: false },
      { number: 3, final: true },
    ]);
    expect(finals).toEqual([false, false, true]);
    expect(await q.depth()).toBe(0);
  });

  test("a job waiting for its retry counts in depth (as BullMQ counts delayed jobs)", async () => {
    const { q, w } = queue({ attempts: 2, backoff: () => 60_000 });
    await q.enqueue(job("slow", "r"));
    await until("slow running", () => w.running.has("slow"));
    w.fail("slow");
    await settle();
    expect(w.running.size).toBe(0);
    expect(await q.depth()).toBe(1);
    await q.close();
    expect(q.abandoned.map((j) => (j as { headSha: string }).headSha)).toEqual(["slow"]);
  });
});

describe("EmbeddedQueue: close()", () => {
  test("waits for running jobs and reports the jobs it never started in `abandoned`", async () => {
    const { q, w } = queue({ concurrency: 2 });
    for (const sha of ["c1", "c2", "c3", "c4"]) await q.enqueue(job(sha));
    await until("2 running", () => w.running.size === 2);

    let closed = false;
    const closing = q.close().then(() => (closed = true));
    expect(await q.ready()).toBe(false);
    await settle();
    expect(closed).toBe(false);

    w.finish("c1");
    await settle();
    expect(closed).toBe(false); // c2 still running
    expect(w.started()).toEqual(["c1", "c2"]); // no new job starts once closing

    w.finish("c2");
    await closing;
    expect(closed).toBe(true);
    expect(q.abandoned).toEqual([job("c3"), job("c4")]);
    expect(w.started()).toEqual(["c1", "c2"]);
  });

  test("jobs waiting for a retry are reported in `abandoned`, and their retry never runs", async () => {
    const { q, w } = queue({ concurrency: 2, attempts: 3, backoff: () => 300 });
    await q.enqueue(job("retrying"));
    await q.enqueue(job("waiting", "busy-repo"));
    await q.enqueue(job("waiting-2", "busy-repo"));
    await until("2 running", () => w.running.size === 2);
    w.fail("retrying");
    await settle();
    w.finish("waiting");
    await until("waiting-2 running", () => w.running.has("waiting-2"));

    const closing = q.close();
    w.finish("waiting-2");
    await closing;
    expect(q.abandoned).toEqual([job("retrying")]);
    await new Promise((r) => setTimeout(r, 400));
    expect(w.runs.filter((r) => r.sha === "retrying")).toHaveLength(1);
  });

  test("a job failing while the queue closes is reported, not dropped", async () => {
    const finals: boolean[] = [];
    const { q, w } = queue({ attempts: 3, onError: (_j, _e, final) => finals.push(final) });
    await q.enqueue(job("dying"));
    await until("dying running", () => w.running.has("dying"));
    const closing = q.close();
    w.fail("dying");
    await closing;
    // attempt 1 was not final: it left its check run for a retry that will not happen in this process
    expect(finals).toEqual([false]);
    expect(q.abandoned).toEqual([job("dying")]);
    expect(w.runs).toHaveLength(1);
  });

  test("returns at once when nothing runs; enqueue after close throws", async () => {
    const { q } = queue();
    expect(await q.ready()).toBe(true);
    await q.close();
    expect(q.abandoned).toEqual([]);
    await expect(q.enqueue(job("late"))).rejects.toThrow(/shutting down/);
    expect(await q.depth()).toBe(0);
  });

  test("a job enqueued just before close is reported, not started", async () => {
    const { q, w } = queue();
    await q.enqueue(job("just-in-time"));
    await q.close(); // before the setImmediate that would have started it
    await settle();
    expect(w.runs).toHaveLength(0);
    expect(q.abandoned).toEqual([job("just-in-time")]);
  });
});
