import type { Logger } from "pino";
import { EmbeddedQueue } from "./embedded-queue.js";
import type { JobQueue } from "./job-queue.js";
import { RedisQueue } from "./redis-queue.js";

const int = (v: string | undefined, fallback: number): number => (v && /^\d+$/.test(v) ? Number(v) : fallback);

/** BullMQ when REDIS_URL is set, otherwise the in-process queue. */
export function createQueue(env: NodeJS.ProcessEnv, log: Logger): JobQueue {
  const concurrency = int(env.SAS_GUARD_CONCURRENCY, 4);
  if (env.REDIS_URL) {
    log.info("job queue: BullMQ on Redis");
    return new RedisQueue({ url: env.REDIS_URL, concurrency });
  }
  log.info("job queue: in process (set REDIS_URL for Redis)");
  return new EmbeddedQueue({
    concurrency,
    perInstallation: int(env.SAS_GUARD_PER_INSTALLATION, 2),
    onError: (job, err, final) => log.warn({ repo: `${job.owner}/${job.repo}`, sha: "headSha" in job ? job.headSha : "(default branch)", deliveryId: job.deliveryId, err, final }, "scan job failed"),
  });
}
