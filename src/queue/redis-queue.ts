// BullMQ on Redis (REDIS_URL): any number of app replicas enqueue, any number of workers consume. Jobs survive
// restarts; a worker killed mid-job leaves a stalled job that another worker picks up; retries back off; failed
// jobs are kept for inspection. Fairness: a job's priority is the number of jobs its installation already has
// queued, so one org's burst of 500 pushes does not starve another org's first pull request.
import { Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import { jobKey, type Job, type JobQueue, type ProcessJob } from "./job-queue.js";

export const QUEUE_NAME = "sas-guard-scans";

export interface RedisQueueOptions {
  url: string;
  concurrency: number;
  attempts: number;
  backoffMs: number;
  /** How long a worker may hold a job without renewing its lock before it counts as stalled (ms). */
  lockDurationMs: number;
  prefix: string;
}

export const REDIS_DEFAULTS: Omit<RedisQueueOptions, "url"> = {
  concurrency: 4,
  attempts: 5,
  backoffMs: 5_000,
  lockDurationMs: 15_000,
  prefix: "sas-guard",
};

const MAX_PRIORITY = 2_097_152; // BullMQ's limit

/** How often workers look for stalled jobs: a killed worker's job is taken over within lock + this (≈ 20 s by
 * default), not lock × 2 (a new worker sat idle ~68 s with both at 30 s). */
export const stalledIntervalMs = (lockDurationMs: number): number => Math.min(lockDurationMs, 5_000);

export class RedisQueue implements JobQueue {
  readonly #o: RedisQueueOptions;
  readonly #connection: Redis;
  readonly #queue: Queue;
  #worker?: Worker;

  constructor(options: Partial<RedisQueueOptions> & { url: string }) {
    this.#o = { ...REDIS_DEFAULTS, ...options };
    // BullMQ needs maxRetriesPerRequest: null on connections that block.
    this.#connection = new Redis(this.#o.url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#connection, prefix: this.#o.prefix });
  }

  #countKey(installationId: number): string {
    return `${this.#o.prefix}:installation-load:${installationId}`;
  }

  async enqueue(job: Job): Promise<"queued" | "duplicate"> {
    const id = jobKey(job);
    const existing = await this.#queue.getJob(id);
    if (existing) return "duplicate";
    const load = await this.#connection.incr(this.#countKey(job.installationId));
    await this.#connection.expire(this.#countKey(job.installationId), 24 * 3600); // bounded drift if a worker dies
    await this.#queue.add("scan", job, {
      jobId: id,
      priority: Math.min(MAX_PRIORITY, Math.max(1, load)),
      attempts: this.#o.attempts,
      backoff: { type: "exponential", delay: this.#o.backoffMs },
      // Finished jobs are kept a day, so a redelivery of the same event is recognised as a duplicate.
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return "queued";
  }

  startWorker(process: ProcessJob): void {
    // one worker per queue object: close() waits for this one only, so a second would be killed mid-job on SIGTERM
    if (this.#worker) throw new Error("RedisQueue.startWorker called twice");
    const workerConnection = this.#connection.duplicate();
    this.#worker = new Worker(
      QUEUE_NAME,
      async (job: BullJob<Job>) => {
        const number = job.attemptsMade + 1;
        await process(job.data, { number, final: number >= (job.opts.attempts ?? 1) });
      },
      {
        connection: workerConnection,
        prefix: this.#o.prefix,
        concurrency: this.#o.concurrency,
        lockDuration: this.#o.lockDurationMs,
        stalledInterval: stalledIntervalMs(this.#o.lockDurationMs),
        maxStalledCount: 2,
      },
    );
    const release = async (job: BullJob<Job> | undefined, final: boolean) => {
      if (job && final) await this.#connection.decr(this.#countKey(job.data.installationId)).catch(() => undefined);
    };
    this.#worker.on("completed", (job) => void release(job, true));
    this.#worker.on("failed", (job) => void release(job, !!job && job.attemptsMade >= (job.opts.attempts ?? 1)));
    this.#worker.on("error", () => undefined); // connection errors are retried by ioredis; readiness reports them
  }

  async depth(): Promise<number> {
    const counts = await this.#queue.getJobCounts("waiting", "prioritized", "delayed");
    return (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
  }

  async ready(): Promise<boolean> {
    try {
      return (await this.#connection.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  /** Waits for running jobs to finish; a job that cannot finish in time stays locked and is retried as stalled. */
  async close(): Promise<void> {
    await this.#worker?.close();
    await this.#queue.close();
    this.#connection.disconnect();
  }
}
