// The jobs the App queues: plain data, so a queue (in process, or BullMQ on Redis) can carry them and the server
// can name their check runs at shutdown. Neutral ground: github/ builds and runs them, queue/ and server/ carry
// and inspect them, none of those imports another for their shape.
import type { Visibility } from "../detect/types.js";

interface JobRepo {
  owner: string;
  repo: string;
}

export type ScanJob = JobRepo & {
  headSha: string;
  installationId: number;
  deliveryId: string;
  /** Draft pull request (comments.onDrafts decides whether it gets review comments). */
  draft?: boolean;
  /** Who made the change (PR author, pusher): named when the change adds an inline ignore for its own token. */
  actor?: string;
  /** From the webhook's repository object: visibility, forks and default branch, for the exposure of findings. */
  repository?: { visibility: Visibility; forks?: number; defaultBranch?: string };
} & (
    | { trigger: "pull_request"; pullNumber: number }
    | { trigger: "push"; base: string; branch?: string }
    /** A re-run request: scan the commit against its pull request, or its parent range. */
    | { trigger: "rerun"; pullNumber?: number; base?: string }
  );

export interface BaselineJob extends JobRepo {
  trigger: "baseline";
  installationId: number;
  deliveryId: string;
}

/** Everything the queue carries: a scan of a commit's changes, or a baseline of a repository's default branch. */
export type Job = ScanJob | BaselineJob;

/** Who can read a repository, from a webhook's `repository` object (older payloads only say `private`). */
export const visibilityOf = (r: { visibility?: unknown; private?: unknown }): Visibility =>
  r.visibility === "public" || r.visibility === "internal" || r.visibility === "private"
    ? r.visibility
    : r.private === false
      ? "public"
      : r.private === true
        ? "private"
        : "unknown";

/** The pull request a scan job belongs to, if any (a re-run of a pull request's commit belongs to it too). */
export const pullNumberOf = (job: ScanJob): number | undefined =>
  job.trigger === "pull_request" ? job.pullNumber : job.trigger === "rerun" ? job.pullNumber : undefined;

/** The check run's external id: what makes a redelivered event find the run it already created. */
export const externalIdOf = (job: ScanJob): string => {
  const pullNumber = pullNumberOf(job);
  return pullNumber ? `sas-guard:pr:${pullNumber}:${job.headSha}` : `sas-guard:push:${job.headSha}`;
};
