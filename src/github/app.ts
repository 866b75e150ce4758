// The Probot app: each event becomes a scan job handed to the job runner. Handlers stay short: pick the job,
// enqueue it, return (GitHub gives a delivery 10 seconds).
import type { Probot } from "probot";
import type { Job } from "../queue/job-queue.js";
import { baselineJobs, jobForCheckRun, jobForCheckSuite, jobForPullRequest, jobForPush, type JobDecision } from "./jobs-from-events.js";

export type EnqueueScan = (job: Job) => Promise<void>;

export function registerHandlers(app: Probot, enqueue: EnqueueScan): void {
  const handle = async (decision: JobDecision, log: { debug: (o: object, m: string) => void; info: (o: object, m: string) => void }) => {
    if ("ignore" in decision) {
      log.debug({ reason: decision.ignore }, "no scan");
      return;
    }
    log.info({ repo: `${decision.job.owner}/${decision.job.repo}`, trigger: decision.job.trigger }, "scan queued");
    await enqueue(decision.job);
  };
  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"], (c) =>
    handle(jobForPullRequest(c.payload, c.id), c.log),
  );
  app.on("push", (c) => handle(jobForPush(c.payload, c.id), c.log));
  app.on(["check_suite.requested", "check_suite.rerequested"], (c) => handle(jobForCheckSuite(c.payload, c.id), c.log));
  app.on("check_run.rerequested", (c) => handle(jobForCheckRun(c.payload, c.id), c.log));
  // The Re-run button of an incomplete scan (RERUN_ACTION): the same as GitHub's own Re-run.
  app.on("check_run.requested_action", (c) =>
    handle(
      c.payload.requested_action?.identifier === "rerun"
        ? jobForCheckRun(c.payload, c.id)
        : { ignore: `unknown requested action ${c.payload.requested_action?.identifier}` },
      c.log,
    ),
  );
  // Installing the App (or adding repositories to it) queues a baseline of what is already there.
  // One repository that fails (inline runner, or a queue that refuses a job) must not stop the others.
  app.on(["installation.created", "installation_repositories.added"], async (c) => {
    const errors: unknown[] = [];
    for (const job of baselineJobs(c.payload, c.id)) await handle({ job }, c.log).catch((error: unknown) => errors.push(error));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} baseline jobs failed`);
  });
}
