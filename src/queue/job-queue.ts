// The one small interface both queue back ends implement: webhook handlers enqueue, workers process.
import type { Job } from "../jobs/jobs.js";

export type { Job };

export interface Attempt {
  /** 1-based. */
  number: number;
  /** No retry follows this attempt: a failure must complete the check run (neutral) instead of leaving it. */
  final: boolean;
}

export type ProcessJob = (job: Job, attempt: Attempt) => Promise<void>;

export interface JobQueue {
  /** Adds the job unless one with the same key is queued, running, or finished recently (redeliveries). */
  enqueue(job: Job): Promise<"queued" | "duplicate">;
  /** Starts consuming with `process`. A process may only enqueue (web replicas) and never call this. */
  startWorker(process: ProcessJob): void;
  /** Jobs waiting (not running). */
  depth(): Promise<number>;
  /** True when the back end can take jobs (Redis reachable). */
  ready(): Promise<boolean>;
  /** Stops taking jobs; running jobs finish (or, on Redis, are requeued if they cannot). */
  close(): Promise<void>;
}

/** Jobs are deduplicated by repository, commit and kind: a redelivered or repeated event has one effect. */
export function jobKey(job: Job): string {
  if (job.trigger === "baseline") return `${job.owner}/${job.repo}#baseline-${job.deliveryId}`;
  const kind = job.trigger === "pull_request" ? `pr-${job.pullNumber}` : job.trigger === "rerun" ? `rerun-${job.deliveryId}` : "push";
  return `${job.owner}/${job.repo}@${job.headSha}#${kind}`;
}

export const repoKey = (job: Job): string => `${job.owner}/${job.repo}`;

/** The commit a job scans, for logs ("(default branch)" for a baseline, whose head is read when it runs). */
export const jobSha = (job: Job): string => (job.trigger === "baseline" ? "(default branch)" : job.headSha);
