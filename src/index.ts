// The Probot app function (Probot's convention: the default export of src/index.ts), so `probot run`, the
// tests and src/main.ts all load the same app. `createApp` takes the queue and the job runner's dependencies;
// without a queue, jobs run at once in the handler (tests, `probot run`).
import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerHandlers } from "./github/app.js";
import { webBaseUrl } from "./github/client-factory.js";
import { runJobWithReview } from "./github/run-pull-request-scan.js";
import { runBaselineJob } from "./github/baseline-job.js";
import { jobSha, type Attempt, type Job, type JobQueue } from "./queue/job-queue.js";
import { healthHandler } from "./server/health-handler.js";
import { createMetrics, type Metrics } from "./server/metrics.js";
import type { InventoryStore } from "./github/inventory/store.js";
import { checkRunTimingFromEnv, type CheckRunTiming } from "./github/check-run-lifecycle.js";

export interface AppOptions {
  now?: () => Date;
  /** Monotonic milliseconds for the check runs' "scanned in N ms" (default performance.now); tests inject one. */
  clock?: () => number;
  /** Where jobs go; default: run at once in the webhook handler. */
  queue?: JobQueue;
  /** Consume the queue in this process too (default true; false for web-only replicas). */
  worker?: boolean;
  metrics?: Metrics;
  /** Called with the loaded Probot (src/main.ts keeps it to complete interrupted check runs at shutdown). */
  onLoad?: (app: Probot) => void;
  /** Baseline jobs: how often the in-progress check run shows "scanned N of M files" (ms), and the clock it uses. */
  baseline?: { progressEveryMs?: number; clock?: () => number };
  /** The organisation inventory's store (src/github/inventory); absent: no inventory, code scanning upload or dashboard. */
  inventory?: { store: InventoryStore };
  /** When a scan's check run shows in progress (README "Check runs"); default SAS_GUARD_IN_PROGRESS_AFTER_MS, else 2 s.
   * Tests inject a timer they fire by hand. */
  checkRuns?: CheckRunTiming;
}

/** Runs one scan job with an installation client, counting API calls and timing the job. */
export function jobProcessor(app: Probot, options: AppOptions, metrics: Metrics) {
  return async (job: Job, attempt: Attempt): Promise<void> => {
    const client = await app.auth(job.installationId);
    client.hook.after("request", (_res, req) => metrics.githubCalls.inc({ method: req.method }));
    client.hook.error("request", (error) => {
      metrics.githubErrors.inc({ status: String((error as { status?: number }).status ?? "network") });
      throw error;
    });
    const log = app.log.child({ repo: `${job.owner}/${job.repo}`, sha: jobSha(job), deliveryId: job.deliveryId, attempt: attempt.number });
    const stop = metrics.jobDuration.startTimer({ trigger: job.trigger });
    const deps = {
      client,
      now: options.now ?? (() => new Date()),
      webBaseUrl: webBaseUrl(),
      log,
      finalAttempt: attempt.final,
      checkRuns: options.checkRuns ?? checkRunTimingFromEnv(process.env),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.inventory ? { inventory: options.inventory } : {}),
    };
    try {
      const outcome =
        job.trigger === "baseline"
          ? await runBaselineJob(job, { ...deps, progressEveryMs: options.baseline?.progressEveryMs, progressClock: options.baseline?.clock })
          : await runJobWithReview(job, deps);
      for (const f of outcome.report?.findings ?? []) metrics.findings.inc({ severity: f.severity });
      log.info({ findings: outcome.report?.findings.length ?? 0, skipped: outcome.skipped }, "scan finished");
      stop({ outcome: "ok" });
    } catch (error) {
      log.warn({ err: error, final: attempt.final }, "scan failed");
      stop({ outcome: "error" });
      throw error;
    }
  };
}

export function createApp(options: AppOptions = {}) {
  return (app: Probot, hooks?: ApplicationFunctionOptions): void => {
    options.onLoad?.(app);
    const queue = options.queue;
    const metrics = options.metrics ?? createMetrics(() => queue?.depth() ?? Promise.resolve(0));
    const process = jobProcessor(app, options, metrics);
    if (queue) {
      registerHandlers(app, async (job) => {
        await queue.enqueue(job);
      });
      if (options.worker !== false) queue.startWorker(process);
    } else {
      registerHandlers(app, (job) => process(job, { number: 1, final: true }));
    }
    // probot.load() without an HTTP server (tests, adapters) hands an addHandler that throws "No server instance":
    // the health endpoints need a server, scanning does not.
    try {
      hooks?.addHandler?.(healthHandler(() => queue?.ready() ?? Promise.resolve(true), metrics));
    } catch (error) {
      if ((error as Error).message !== "No server instance") throw error;
    }
  };
}

export default createApp();
