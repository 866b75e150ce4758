import type { Logger } from "pino";
import { EMBEDDED_DEFAULTS, EmbeddedQueue } from "./embedded-queue.js";
import { scanThreads } from "../scan/pool/pool-settings.js";
import { JobJournal } from "./job-journal.js";
import { jobSha, type JobQueue } from "./job-queue.js";
import { REDIS_DEFAULTS, RedisQueue, type RedisQueueOptions } from "./redis-queue.js";

const int = (v: string | undefined, fallback: number): number => (v && /^\d+$/.test(v) ? Number(v) : fallback);

/** BullMQ options from the environment (REDIS_URL, SAS_GUARD_CONCURRENCY, SAS_GUARD_ATTEMPTS, SAS_GUARD_RETRY_BACKOFF_MS,
 * SAS_GUARD_LOCK_MS: how long a killed worker's job waits before another worker takes it over). */
export function redisQueueOptions(env: NodeJS.ProcessEnv): Partial<RedisQueueOptions> & { url: string } {
  return {
    url: env.REDIS_URL ?? "",
    concurrency: int(env.SAS_GUARD_CONCURRENCY, REDIS_DEFAULTS.concurrency),
    attempts: int(env.SAS_GUARD_ATTEMPTS, REDIS_DEFAULTS.attempts),
    backoffMs: int(env.SAS_GUARD_RETRY_BACKOFF_MS, REDIS_DEFAULTS.backoffMs),
    lockDurationMs: int(env.SAS_GUARD_LOCK_MS, REDIS_DEFAULTS.lockDurationMs),
  };
}

/** BullMQ when REDIS_URL is set, otherwise the in-process queue. */
export function createQueue(env: NodeJS.ProcessEnv, log: Logger): JobQueue {
  const concurrency = int(env.SAS_GUARD_CONCURRENCY, 4);
  if (env.REDIS_URL) {
    log.info("job queue: BullMQ on Redis");
    return new RedisQueue(redisQueueOptions(env));
  }
  // SAS_GUARD_DATA_DIR=none turns the journal off (jobs are then lost with the process, as before).
  const dataDir = env.SAS_GUARD_DATA_DIR ?? "./.sas-guard-data";
  // Scans in this thread (SAS_GUARD_SCAN_THREADS=0): the journal fsyncs inline (job-journal.ts says why).
  const journal = dataDir === "none" ? undefined : new JobJournal(dataDir, { inline: scanThreads(env, undefined, true) === 0 });
  log.info({ dataDir: journal ? dataDir : undefined, resumed: journal?.pending().length ?? 0 }, "job queue: in process (set REDIS_URL for Redis)");
  const backoffMs = int(env.SAS_GUARD_RETRY_BACKOFF_MS, 2_000);
  return new EmbeddedQueue({
    concurrency,
    // One installation never gets every slot: others' jobs can always start.
    perInstallation: Math.max(1, Math.min(int(env.SAS_GUARD_PER_INSTALLATION, 2), concurrency - 1)),
    attempts: int(env.SAS_GUARD_ATTEMPTS, EMBEDDED_DEFAULTS.attempts),
    backoff: (n) => Math.min(60_000, backoffMs * 2 ** (n - 1)),
    ...(journal ? { journal } : {}),
    onError: (job, err, final) => log.warn({ repo: `${job.owner}/${job.repo}`, sha: jobSha(job), deliveryId: job.deliveryId, err, final }, "scan job failed"),
  });
}
