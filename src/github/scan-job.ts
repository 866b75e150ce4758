// One scan of one commit, from any trigger (pull request, push, re-run), ending in exactly one completed check run.
// The job is plain data so a queue can carry it (see src/queue/).
import type { SasGuardConfig } from "../config/schema.js";
import { externalIdOf, pullNumberOf, type ScanJob } from "../jobs/jobs.js";
import type { Finding } from "../detect/types.js";
import { decideConclusion, RERUN_ACTION, type ConclusionPolicy } from "../scan/conclusion.js";
import type { ScanReport } from "../report/scan-report.js";
import { runScan } from "../scan/run-scan.js";
import { installedScanPool } from "../scan/pool/installed-pool.js";
import { renderCheckRunOffThread } from "../scan/pool/off-thread-render.js";
import { buildScanConfig } from "../scan/scan-config.js";
import type { SourceItem } from "../scan/source-item.js";
import { addedIgnoreMode, applyAddedIgnores, type AddedIgnoreLines, type AddedIgnoreResult } from "./added-ignores.js";
import { changedDocuments, type ChangedFile } from "./changed-files.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { githubExposure, type ExposureContext } from "./lookup-exposure.js";
import { commitFiles, PR_FILE_CAP, pullRequestFiles, pushFiles } from "./list-changed-files.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { completeCheckRun, findCheckRun, type CheckRunTarget } from "./publish-check-run.js";
import { CheckRunLifecycle, failureOutput, type CheckRunTiming } from "./check-run-lifecycle.js";
import { recordDefaultBranchReport, type InventoryDeps } from "./inventory/record-default-branch-report.js";
import type { FileChange } from "./inventory/merge-scan.js";

export interface JobDeps {
  client: GitHubClient;
  /** False when the queue will retry a failure: the run stays (or is created) in progress for the retry instead of
   * completing failure. */
  finalAttempt?: boolean;
  /** When the check run is shown in progress (check-run-lifecycle.ts): default after 2 s of scanning. */
  checkRuns?: CheckRunTiming;
  now: () => Date;
  webBaseUrl: string;
  /** Monotonic milliseconds for the check run's "scanned in N ms"; tests inject one. Default performance.now. */
  clock?: () => number;
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };
  /** The organisation inventory (src/github/inventory): absent, nothing is recorded. */
  inventory?: Pick<InventoryDeps, "store">;
}

export interface JobOutcome {
  checkRunId?: number;
  checkRunUrl?: string;
  report?: ScanReport;
  output?: { title: string; summary: string };
  config?: SasGuardConfig;
  skipped?: string;
  /** Lines inside the diff hunks per path, for review comments. */
  diffLines: Map<string, Set<number>>;
  /** Lines for the review body too: inline ignores the change added for itself. */
  notice?: string[];
}

export async function runScanJob(job: ScanJob, deps: JobDeps): Promise<JobOutcome> {
  const { client } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const loaded = await loadRepoConfig(client, repo);
  const { config } = loaded;
  const target: CheckRunTarget = { ...repo, name: config.checks.name, headSha: job.headSha, externalId: externalIdOf(job) };
  const diffLines = new Map<string, Set<number>>();

  // Looked up for re-runs too: a retried re-run completes the run its first attempt left in progress.
  const existing = await findCheckRun(client, target);
  // A commit already scanned as part of a pull request is not scanned again for a push of the same SHA;
  // a redelivered event whose scan completed has nothing left to do.
  if (
    job.trigger !== "rerun" &&
    existing?.status === "completed" &&
    (existing.externalId === target.externalId || (job.trigger === "push" && existing.externalId?.startsWith("sas-guard:pr:")))
  ) {
    return { checkRunId: existing.id, skipped: `already scanned (${existing.externalId})`, diffLines };
  }
  // A completed run cannot be reopened (GitHub keeps its status and conclusion): only an unfinished one is reused.
  // A fast scan writes its run once, already completed; a slow one shows it in progress first.
  const run = await CheckRunLifecycle.open(client, target, existing, deps.checkRuns, deps.log);

  try {
    const files = await changedFiles(client, repo, job);
    // `config` comes from the default branch only (loadRepoConfig), so a pull request cannot add a verify endpoint.
    const sc = buildScanConfig(loaded);
    const changes: FileChange[] = []; // inventory hook: what the push changed, to follow known tokens through it
    const addedIgnores: AddedIgnoreLines = new Map();
    const documents = changedDocuments({ client, repo, filter: sc.filter, maxBytes: sc.maxBytes, diffLines, addedIgnores }, noteChanges(files.files, changes));
    let ignores: AddedIgnoreResult<{ findings: Finding[] }> | undefined;
    const report = await runScan(withListingLimit(documents, files.listed), sc, {
      now: deps.now(),
      ...(deps.clock ? { clock: deps.clock } : {}),
      // Right after suppression: an inline ignore this change adds for its own token (README "Inline ignores added by a change").
      reviseSuppression: (findings) => {
        ignores = applyAddedIgnores({ findings }, addedIgnores, addedIgnoreMode(config.inlineIgnore), job.actor);
        return ignores.report.findings;
      },
      ...(job.repository ? { exposure: githubExposure(client, exposureContext(job, job.repository)) } : {}),
    });
    // On a scan worker when there are many findings: the App's webhook server shares this thread.
    const rendered = await renderCheckRunOffThread(
      report,
      { webBaseUrl: deps.webBaseUrl, owner: job.owner, repo: job.repo, sha: job.headSha },
      installedScanPool(),
    );
    const summaryLines = ignores?.summaryLines ?? [];
    const output = {
      ...rendered,
      summary: [...summaryLines, rendered.summary].join("\n"),
      annotations: [...rendered.annotations, ...(ignores?.annotations ?? [])],
    };
    const verdict = decideConclusion(report, policyOf(config));
    const written = await run.complete({
      conclusion: verdict.conclusion,
      title: output.title,
      summary: output.summary,
      annotations: config.checks.annotations ? output.annotations : [],
      ...(verdict.incomplete ? { actions: [RERUN_ACTION] } : {}),
    });
    // ---- inventory hook (src/github/inventory): a push to the default branch updates the organisation inventory ----
    if (deps.inventory && job.trigger === "push" && job.repository && job.branch && job.branch === job.repository.defaultBranch) {
      await recordDefaultBranchReport(
        {
          owner: job.owner,
          repo: job.repo,
          visibility: job.repository.visibility,
          sha: job.headSha,
          ref: `refs/heads/${job.branch}`,
          kind: "push",
          report,
          base: job.base,
          changes,
          installationId: job.installationId,
          checkName: config.checks.name,
        },
        { client, store: deps.inventory.store, now: deps.now, webBaseUrl: deps.webBaseUrl, ...(deps.log ? { log: deps.log } : {}) },
      );
    }
    // ---- end of inventory hook ----
    return {
      checkRunId: written.id,
      checkRunUrl: written.url,
      report,
      diffLines,
      output: { title: output.title, summary: output.summary },
      config,
      ...(summaryLines.length ? { notice: summaryLines } : {}),
    };
  } catch (error) {
    await run.fail(error, policyOf(config), deps.finalAttempt !== false);
    throw error;
  }
}

/** The conclusion settings of the default branch's config. */
export const policyOf = (config: SasGuardConfig): ConclusionPolicy => ({ onIncomplete: config.onIncomplete, belowFailOn: config.checks.conclusionBelowFailOn });

function exposureContext(job: ScanJob, r: NonNullable<ScanJob["repository"]>): ExposureContext {
  const pullNumber = pullNumberOf(job);
  return {
    owner: job.owner,
    repo: job.repo,
    headSha: job.headSha,
    visibility: r.visibility,
    ...(r.forks !== undefined ? { forks: r.forks } : {}),
    ...(r.defaultBranch ? { defaultBranch: r.defaultBranch } : {}),
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    ...(job.trigger === "push" ? { base: job.base, ...(job.branch ? { pushedBranch: job.branch } : {}) } : {}),
  };
}

/** The scan could not finish: the run still completes (failure, unless `onIncomplete: neutral`), saying what went
 * wrong, with a Re-run button (the baseline job's runs; scans go through CheckRunLifecycle.fail). */
export async function failCheckRun(client: GitHubClient, repo: RepoRef, runId: number, error: unknown, policy: ConclusionPolicy = {}): Promise<void> {
  await completeCheckRun(client, repo, runId, failureOutput(error, policy));
}

/** Inventory hook: records each file a push changed (path, status, patch), passing every file through. */
async function* noteChanges(files: AsyncIterable<ChangedFile> | ChangedFile[], changes: FileChange[]): AsyncGenerator<ChangedFile> {
  for await (const f of files) {
    changes.push({
      path: f.filename,
      status: f.status,
      ...(f.patch !== undefined ? { patch: f.patch } : {}),
      ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    });
    yield f;
  }
}

/** A pull request listing that reached GitHub's 3000-file cap may miss files: the scan says so (never silently). */
async function* withListingLimit(documents: AsyncIterable<SourceItem>, listed?: { count: number }): AsyncGenerator<SourceItem> {
  yield* documents;
  if (listed && listed.count >= PR_FILE_CAP) {
    yield {
      path: `(files after the first ${PR_FILE_CAP})`,
      skipped: `GitHub lists at most ${PR_FILE_CAP} files of a pull request, so any further files were not scanned; scan the branch with the CLI`,
      incomplete: true,
    };
  }
}

async function changedFiles(
  client: GitHubClient,
  repo: RepoRef,
  job: ScanJob,
): Promise<{ files: AsyncIterable<ChangedFile> | ChangedFile[]; listed?: { count: number } }> {
  const pullNumber = pullNumberOf(job);
  if (pullNumber !== undefined) {
    const listed = { count: 0 };
    return { files: pullRequestFiles(client, repo, pullNumber, listed), listed };
  }
  // A re-run with no range to compare scans what the commit itself changed (its own file list, up to 3000 files).
  if (job.trigger === "rerun" && !job.base) return { files: commitFiles(client, repo, job.headSha) };
  const base = job.trigger === "push" ? job.base : job.trigger === "rerun" && job.base ? job.base : job.headSha;
  const listed = await pushFiles(client, repo, base, job.headSha);
  return { files: listed.files };
}
