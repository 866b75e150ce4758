// The Probot app function (Probot's convention: the default export of src/index.ts), so `probot run`, the
// tests and src/main.ts all load the same app. Jobs run in process unless src/main.ts wires a queue.
import type { Probot } from "probot";
import { registerHandlers } from "./github/app.js";
import { runScanJob } from "./github/scan-job.js";

export default (app: Probot): void => {
  registerHandlers(app, async (job) => {
    const client = await app.auth(job.installationId);
    const log = app.log.child({ repo: `${job.owner}/${job.repo}`, sha: job.headSha, deliveryId: job.deliveryId });
    await runScanJob(job, { client, now: () => new Date(), webBaseUrl: webBaseUrl(), log });
  });
};

/** github.com, or the GitHub Enterprise Server host Probot is configured for. */
export function webBaseUrl(): string {
  return process.env.GHE_HOST ? `${process.env.GHE_PROTOCOL ?? "https"}://${process.env.GHE_HOST}` : "https://github.com";
}
