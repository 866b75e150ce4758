// The embedded queue cannot keep jobs across a restart. Jobs it never started, or that were waiting for a retry,
// are reported in the log with what to do; a job whose earlier attempt left its check run in progress gets that
// run completed `failure` (not neutral: required checks accept neutral, and nothing was shown clean) with a Re-run
// button, so no run is left in progress.
import type { Logger } from "pino";
import type { Probot } from "probot";
import { externalIdOf } from "../jobs/jobs.js";
import type { ScanPool } from "../scan/pool/scan-pool.js";
import { EmbeddedQueue } from "../queue/embedded-queue.js";
import { RERUN_ACTION } from "../scan/conclusion.js";
import { jobSha, type Job, type JobQueue } from "../queue/job-queue.js";

const RESTARTED = {
  title: "Scan interrupted: SAS Guard restarted",
  summary:
    "SAS Guard was shut down before it could finish scanning this commit, so nothing here says it is free of Azure credentials.\n\nUse **Re-run** on this check to scan it again. (Deployments with `REDIS_URL` keep queued scans across restarts.)",
};

/** SIGTERM: stop taking webhooks, let the running jobs finish (their documents finish in the scan pool), report
 * the jobs left, then end the pool's threads. */
export async function shutdown(parts: {
  server?: { stop(): Promise<unknown> };
  queue: JobQueue;
  pool?: ScanPool;
  log: Logger;
  probot?: Probot;
}): Promise<void> {
  await parts.server?.stop().catch(() => undefined);
  await parts.queue.close();
  await failAbandonedJobs(parts.queue, parts.log, parts.probot);
  await parts.pool?.close();
}

export async function failAbandonedJobs(queue: JobQueue, log: Logger, probot?: Probot): Promise<void> {
  if (!(queue instanceof EmbeddedQueue)) return; // Redis keeps waiting jobs for the next worker
  // With the journal (SAS_GUARD_DATA_DIR) the waiting jobs run after the restart and complete their own runs.
  if (queue.durable) {
    if (queue.abandoned.length) log.info({ jobs: queue.abandoned.length }, "scans not finished before shutdown resume after the restart (job journal)");
    return;
  }
  for (const job of queue.abandoned) {
    log.error(
      { repo: `${job.owner}/${job.repo}`, sha: jobSha(job), deliveryId: job.deliveryId },
      "scan not finished before shutdown: use Re-run on its check, redeliver this webhook (App settings → Advanced) or push again; use REDIS_URL to keep jobs across restarts",
    );
    if (probot)
      await completeLeftRun(probot, job).catch((err) => log.warn({ err, deliveryId: job.deliveryId }, "could not complete the interrupted check run"));
  }
}

async function completeLeftRun(probot: Probot, job: Job): Promise<void> {
  if (job.trigger === "baseline") return; // a baseline's run is created by the attempt itself, on the head it read
  const client = await probot.auth(job.installationId);
  const { data } = await client.rest.checks.listForRef({ owner: job.owner, repo: job.repo, ref: job.headSha, filter: "latest", per_page: 100 });
  const externalId = externalIdOf(job);
  for (const run of data.check_runs) {
    if (run.external_id !== externalId || run.status === "completed") continue;
    await client.rest.checks.update({
      owner: job.owner,
      repo: job.repo,
      check_run_id: run.id,
      status: "completed",
      conclusion: "failure",
      output: RESTARTED,
      actions: [RERUN_ACTION],
    });
  }
}
