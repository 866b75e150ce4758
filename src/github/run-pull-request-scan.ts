// A scan job end to end: the check run, then (for pull requests) the review. When the review cannot be posted,
// the completed check run says so — the findings are never lost.
import { pullNumberOf, type ScanJob } from "../jobs/jobs.js";
import type { GitHubClient } from "./github-client.js";
import { fitSummary } from "../report/render-markdown.js";
import { publishReview, type ReviewOutcome } from "./publish-review.js";
import { runScanJob, type JobDeps, type JobOutcome } from "./scan-job.js";

export async function runJobWithReview(job: ScanJob, deps: JobDeps): Promise<JobOutcome & { review?: ReviewOutcome }> {
  const outcome = await runScanJob(job, deps);
  const pullNumber = pullNumberOf(job);
  if (pullNumber === undefined || !outcome.report || !outcome.config || outcome.checkRunId === undefined || !outcome.output) return outcome;
  const { config } = outcome;
  const review = await publishReview(deps.client, {
    owner: job.owner,
    repo: job.repo,
    pullNumber,
    headSha: job.headSha,
    draft: job.draft ?? false,
    report: outcome.report,
    diffLines: outcome.diffLines,
    config,
    checkRunUrl: outcome.checkRunUrl,
    ...(outcome.notice ? { notice: outcome.notice } : {}),
  });
  if (review.followUpError) deps.log?.warn({ pullNumber }, review.followUpError);
  if (review.error)
    await noteOnCheckRun(
      deps.client,
      job,
      outcome.checkRunId,
      outcome.output,
      `**The review comments could not be posted:** ${review.error}. Every finding is listed below; use Re-run to try again.`,
    );
  return { ...outcome, review };
}

async function noteOnCheckRun(client: GitHubClient, job: ScanJob, id: number, output: { title: string; summary: string }, note: string): Promise<void> {
  await client.rest.checks.update({
    owner: job.owner,
    repo: job.repo,
    check_run_id: id,
    output: { title: output.title, summary: fitSummary(`${note}\n\n${output.summary}`) },
  });
}
