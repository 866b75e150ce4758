// At shutdown the embedded queue's unfinished jobs are logged, and a check run an earlier attempt left in progress
// is completed failure (never neutral: a gate must not pass an unscanned commit) with a Re-run button.
import { pino } from "pino";
import type { Probot } from "probot";
import { EmbeddedQueue } from "../../src/queue/embedded-queue.js";
import { externalIdOf, type ScanJob } from "../../src/jobs/jobs.js";
import { failAbandonedJobs } from "../../src/server/shutdown.js";

const job: ScanJob = { owner: "o", repo: "r", headSha: "a".repeat(40), installationId: 7, deliveryId: "d1", trigger: "push", base: "b".repeat(40) };

test("a job waiting for a retry at shutdown: logged, and its in-progress run completed failure", async () => {
  const queue = new EmbeddedQueue({ attempts: 3, backoff: () => 60_000 });
  let failed!: () => void;
  const firstAttempt = new Promise<void>((r) => (failed = r));
  queue.startWorker(async () => {
    failed();
    throw new Error("GitHub answered 502");
  });
  await queue.enqueue(job);
  await firstAttempt;
  await new Promise((r) => setImmediate(r));
  await queue.close();
  expect(queue.abandoned).toEqual([job]);

  const updates: unknown[] = [];
  const client = {
    rest: {
      checks: {
        listForRef: async () => ({
          data: {
            check_runs: [
              { id: 1, external_id: externalIdOf(job), status: "in_progress" },
              { id: 2, external_id: "other-app", status: "in_progress" },
              { id: 3, external_id: externalIdOf(job), status: "completed" },
            ],
          },
        }),
        update: async (body: unknown) => void updates.push(body),
      },
    },
  };
  const probot = { auth: async (id: number) => (expect(id).toBe(7), client) } as unknown as Probot;
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
  await failAbandonedJobs(queue, log, probot);

  expect(updates).toEqual([
    expect.objectContaining({
      owner: "o",
      repo: "r",
      check_run_id: 1,
      status: "completed",
      conclusion: "failure",
      output: expect.objectContaining({ title: "Scan interrupted: SAS Guard restarted" }),
      actions: [expect.objectContaining({ identifier: "rerun" })],
    }),
  ]);
  expect(lines.join("")).toContain("scan not finished before shutdown");
});
