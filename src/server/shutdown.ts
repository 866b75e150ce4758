// The embedded queue cannot keep jobs across a restart. Jobs it never started are reported in the log with what
// to do (Re-run the check, or redeliver the webhook); their check runs were never created, so none stays in progress.
import type { Logger } from "pino";
import { EmbeddedQueue } from "../queue/embedded-queue.js";
import { jobSha, type JobQueue } from "../queue/job-queue.js";

export async function failAbandonedJobs(queue: JobQueue, log: Logger): Promise<void> {
  if (!(queue instanceof EmbeddedQueue)) return; // Redis keeps waiting jobs for the next worker
  for (const job of queue.abandoned) {
    log.error(
      { repo: `${job.owner}/${job.repo}`, sha: jobSha(job), deliveryId: job.deliveryId },
      "scan not started before shutdown: redeliver this webhook (App settings → Advanced) or push again; use REDIS_URL to keep jobs across restarts",
    );
  }
}
