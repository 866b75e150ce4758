// The Probot app function (Probot's convention: the default export of src/index.ts), so `probot run`, the
// tests and src/main.ts all load the same app. `createApp` lets tests and src/main.ts inject the job runner's
// dependencies (retry delays, a queue).
import type { Probot } from "probot";
import { registerHandlers, type EnqueueScan } from "./github/app.js";
import type { RetryOptions } from "./github/fetch-blob.js";
import { runJobWithReview } from "./github/run-pull-request-scan.js";
import type { ScanJob } from "./github/scan-job.js";

export interface AppOptions {
  /** Blob fetch retries (tests shorten the delays). */
  retry?: RetryOptions;
  now?: () => Date;
  /** Where jobs go; default: run at once in this process. */
  enqueue?: (app: Probot, run: (job: ScanJob) => Promise<void>) => EnqueueScan;
}

/** github.com, or the GitHub Enterprise Server host Probot is configured for. */
export function webBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}` : "https://github.com";
}

export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    const run = async (job: ScanJob): Promise<void> => {
      const client = await app.auth(job.installationId);
      const log = app.log.child({ repo: `${job.owner}/${job.repo}`, sha: job.headSha, deliveryId: job.deliveryId });
      await runJobWithReview(job, { client, now: options.now ?? (() => new Date()), webBaseUrl: webBaseUrl(), retry: options.retry, log });
    };
    registerHandlers(app, options.enqueue ? options.enqueue(app, run) : run);
  };
}

export default createApp();
