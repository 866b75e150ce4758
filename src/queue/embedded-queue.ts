// The default queue: in process, no extra service. Bounded concurrency, one job at a time per repository (pushes
// to one repo are scanned in order), a per-installation cap so one busy org cannot take every slot, retries with
// backoff, and dedupe of repeated deliveries.
import type { JobJournal } from "./job-journal.js";
import { jobKey, repoKey, type Job, type JobQueue, type ProcessJob } from "./job-queue.js";

export interface EmbeddedQueueOptions {
  concurrency: number;
  perInstallation: number;
  attempts: number;
  /** Delay before attempt n+1, in ms. */
  backoff: (attempt: number) => number;
  /** How long a finished job's key still turns duplicates away (redeliveries), in ms. */
  dedupeWindowMs: number;
  now?: () => number;
  onError?: (job: Job, error: unknown, final: boolean) => void;
  /** Durable record of accepted jobs (SAS_GUARD_DATA_DIR): jobs survive a crash and run again after a restart. */
  journal?: JobJournal;
}

export const EMBEDDED_DEFAULTS: EmbeddedQueueOptions = {
  concurrency: 4,
  perInstallation: 2,
  attempts: 4,
  backoff: (n) => Math.min(60_000, 2_000 * 2 ** (n - 1)),
  dedupeWindowMs: 60 * 60_000,
};

interface Entry {
  job: Job;
  key: string;
  attempt: number;
}

export class EmbeddedQueue implements JobQueue {
  readonly #o: EmbeddedQueueOptions;
  readonly #pending: Entry[] = [];
  readonly #keys = new Set<string>(); // queued, waiting for a retry, or running
  readonly #finished = new Map<string, number>(); // key → finish time
  readonly #runningRepos = new Set<string>();
  readonly #runningPerInstallation = new Map<number, number>();
  readonly #timers = new Map<NodeJS.Timeout, Entry>();
  #running = 0;
  #process?: ProcessJob;
  #closing = false;
  #idle: (() => void)[] = [];

  constructor(options: Partial<EmbeddedQueueOptions> = {}) {
    this.#o = { ...EMBEDDED_DEFAULTS, ...options };
    // What a crashed process accepted and did not finish runs first, as if just delivered.
    for (const [key, job] of this.#o.journal?.pending() ?? []) {
      this.#keys.add(key);
      this.#pending.push({ job, key, attempt: 1 });
    }
  }

  /** True when accepted jobs survive a restart (a journal on disk). */
  get durable(): boolean {
    return this.#o.journal !== undefined;
  }

  async enqueue(job: Job): Promise<"queued" | "duplicate"> {
    if (this.#closing) throw new Error("queue is shutting down");
    const key = jobKey(job);
    const now = (this.#o.now ?? Date.now)();
    const done = this.#finished.get(key);
    if (this.#keys.has(key) || (done !== undefined && now - done < this.#o.dedupeWindowMs)) return "duplicate";
    this.#keys.add(key); // first: a duplicate arriving while the line is written is turned away
    try {
      await this.#o.journal?.add(key, job); // on disk before the webhook is answered
    } catch (error) {
      this.#keys.delete(key);
      throw error;
    }
    this.#pending.push({ job, key, attempt: 1 });
    // Start jobs on a later turn of the event loop: the webhook's 200 goes out first instead of waiting for the
    // synchronous start of a scan (client set-up, throttling groups) that enqueue would otherwise run inline.
    setImmediate(() => this.#pump());
    return "queued";
  }

  startWorker(process: ProcessJob): void {
    this.#process = process;
    this.#pump();
  }

  /** Jobs waiting to start, including those waiting for a retry (as BullMQ counts its delayed jobs). */
  async depth(): Promise<number> {
    return this.#pending.length + this.#timers.size;
  }

  async ready(): Promise<boolean> {
    return !this.#closing;
  }

  /** Stops taking jobs and waits for the running ones; jobs still waiting are reported, not silently dropped. */
  async close(): Promise<void> {
    this.#closing = true;
    // Jobs waiting for a retry are not lost: they join the abandoned list the caller reports on.
    for (const [t, e] of this.#timers) {
      clearTimeout(t);
      this.#pending.push({ ...e, attempt: e.attempt + 1 });
    }
    this.#timers.clear();
    if (this.#running > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /** Jobs not started when the queue closed. */
  get abandoned(): Job[] {
    return this.#pending.map((e) => e.job);
  }

  #runnable(e: Entry): boolean {
    const inst = this.#runningPerInstallation.get(e.job.installationId) ?? 0;
    return !this.#runningRepos.has(repoKey(e.job)) && inst < this.#o.perInstallation;
  }

  #pump(): void {
    if (!this.#process || this.#closing) return;
    while (this.#running < this.#o.concurrency) {
      const i = this.#pending.findIndex((e) => this.#runnable(e));
      if (i === -1) return;
      const [entry] = this.#pending.splice(i, 1);
      void this.#run(entry);
    }
  }

  async #run(e: Entry): Promise<void> {
    const repo = repoKey(e.job);
    const inst = e.job.installationId;
    this.#running++;
    this.#runningRepos.add(repo);
    this.#runningPerInstallation.set(inst, (this.#runningPerInstallation.get(inst) ?? 0) + 1);
    const final = e.attempt >= this.#o.attempts;
    try {
      await this.#process!(e.job, { number: e.attempt, final });
      this.#finish(e);
    } catch (error) {
      this.#o.onError?.(e.job, error, final);
      if (final) this.#finish(e);
      // Shutting down: no retry will run here, and this attempt (not final) left its check run for the retry, so
      // the job is reported with the abandoned ones instead of being dropped.
      else if (this.#closing) this.#pending.push({ ...e, attempt: e.attempt + 1 });
      else this.#retryLater(e);
    } finally {
      this.#running--;
      this.#runningRepos.delete(repo);
      this.#runningPerInstallation.set(inst, (this.#runningPerInstallation.get(inst) ?? 1) - 1);
      if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
      this.#pump();
    }
  }

  #finish(e: Entry): void {
    void this.#o.journal?.done(e.key).catch(() => undefined); // not on disk: the job runs again after a restart
    this.#keys.delete(e.key);
    const now = (this.#o.now ?? Date.now)();
    this.#finished.set(e.key, now);
    // Bounded memory: forget keys older than the dedupe window.
    if (this.#finished.size > 10_000) for (const [k, t] of this.#finished) if (now - t >= this.#o.dedupeWindowMs) this.#finished.delete(k);
  }

  #retryLater(e: Entry): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#pending.push({ ...e, attempt: e.attempt + 1 });
      this.#pump();
    }, this.#o.backoff(e.attempt));
    timer.unref();
    this.#timers.set(timer, e);
  }
}
