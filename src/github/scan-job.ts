// One scan of one commit, from any trigger (pull request, push, re-run), ending in exactly one completed check run.
// The job is plain data so a queue can carry it (see src/queue/).
import { compilePathFilter } from "../config/path-filter.js";
import type { SasGuardConfig } from "../config/schema.js";
import type { Visibility } from "../detect/types.js";
import { renderCheckRun } from "../report/render-markdown.js";
import { decideConclusion, RERUN_ACTION, type ConclusionPolicy } from "../scan/conclusion.js";
import type { ScanReport } from "../report/scan-report.js";
import { collectReport, type SourceItem } from "../scan/collect-report.js";
import { verifyReport } from "../verify/verify-report.js";
import { addedIgnoreMode, applyAddedIgnores, type AddedIgnoreLines } from "./added-ignores.js";
import { changedDocuments, type ChangedFile } from "./changed-files.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { addExposure, type ExposureContext } from "./lookup-exposure.js";
import { commitFiles, PR_FILE_CAP, pullRequestFiles, pushFiles } from "./list-changed-files.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { completeCheckRun, findCheckRun, startCheckRun, type CheckRunTarget } from "./publish-check-run.js";

export type ScanJob = RepoRef & {
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

export interface JobDeps {
  client: GitHubClient;
  /** False when the queue will retry a failure: the run stays in progress for the retry instead of ending neutral. */
  finalAttempt?: boolean;
  now: () => Date;
  webBaseUrl: string;
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };
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

export const externalIdOf = (job: ScanJob): string =>
  job.trigger === "pull_request" || (job.trigger === "rerun" && job.pullNumber) ? `sas-guard:pr:${(job as { pullNumber: number }).pullNumber}:${job.headSha}` : `sas-guard:push:${job.headSha}`;

export async function runScanJob(job: ScanJob, deps: JobDeps): Promise<JobOutcome> {
  const { client } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const loaded = await loadRepoConfig(client, repo);
  const { config } = loaded;
  const target: CheckRunTarget = { ...repo, name: config.checks.name, headSha: job.headSha, externalId: externalIdOf(job) };
  const diffLines = new Map<string, Set<number>>();

  const existing = job.trigger === "rerun" ? undefined : await findCheckRun(client, target);
  // A commit already scanned as part of a pull request is not scanned again for a push of the same SHA;
  // a redelivered event whose scan completed has nothing left to do.
  if (existing?.status === "completed" && (existing.externalId === target.externalId || (job.trigger === "push" && existing.externalId?.startsWith("sas-guard:pr:")))) {
    return { checkRunId: existing.id, skipped: `already scanned (${existing.externalId})`, diffLines };
  }
  // A completed run cannot be reopened (GitHub keeps its status and conclusion): only an unfinished one is reused.
  const run = await startCheckRun(client, target, existing?.status === "completed" ? undefined : existing, "Scanning for Azure credentials…");
  const runId = run.id;

  try {
    const files = await changedFiles(client, repo, job);
    const addedIgnores: AddedIgnoreLines = new Map();
    const documents = changedDocuments({ client, repo, filter: compilePathFilter(config), maxBytes: Math.floor(config.maxFileSizeMB * 1_048_576), diffLines, addedIgnores }, files.files);
    const scanned = await collectReport(
      withListingLimit(documents, files.listed),
      { config, configSource: loaded.source, configErrors: loaded.errors, failOn: config.failOn, now: deps.now(), clock: () => 0 },
    );
    const ignores = applyAddedIgnores(scanned, addedIgnores, addedIgnoreMode(config.inlineIgnore), job.actor);
    const collected = ignores.report;
    // Opt-in. `config` comes from the default branch only (loadRepoConfig), so a pull request cannot add an endpoint.
    const verified = config.verify.enabled ? await verifyReport(collected, config.verify) : collected;
    const report = job.repository ? await addExposure(client, exposureContext(job, job.repository), verified, deps.now()) : verified;
    const rendered = renderCheckRun(report, { webBaseUrl: deps.webBaseUrl, owner: job.owner, repo: job.repo, sha: job.headSha });
    const output = { ...rendered, summary: [...ignores.summaryLines, rendered.summary].join("\n"), annotations: [...rendered.annotations, ...ignores.annotations] };
    const verdict = decideConclusion(report, policyOf(config));
    await completeCheckRun(client, repo, runId, { conclusion: verdict.conclusion, title: output.title, summary: output.summary, annotations: config.checks.annotations ? output.annotations : [], ...(verdict.incomplete ? { actions: [RERUN_ACTION] } : {}) });
    return { checkRunId: runId, checkRunUrl: run.url, report, diffLines, output: { title: output.title, summary: output.summary }, config, ...(ignores.summaryLines.length ? { notice: ignores.summaryLines } : {}) };
  } catch (error) {
    if (deps.finalAttempt !== false) await failCheckRun(client, repo, runId, error, policyOf(config));
    throw error;
  }
}

/** The conclusion settings of the default branch's config. */
export const policyOf = (config: SasGuardConfig): ConclusionPolicy => ({ onIncomplete: config.onIncomplete, belowFailOn: config.checks.conclusionBelowFailOn });

function exposureContext(job: ScanJob, r: NonNullable<ScanJob["repository"]>): ExposureContext {
  const pullNumber = job.trigger === "pull_request" ? job.pullNumber : job.trigger === "rerun" ? job.pullNumber : undefined;
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
 * wrong, with a Re-run button. */
export async function failCheckRun(client: GitHubClient, repo: RepoRef, runId: number, error: unknown, policy: ConclusionPolicy = {}): Promise<void> {
  const e = error as { status?: number; message?: string };
  const what = e.status ? `GitHub answered ${e.status}: ${(e.message ?? "").split("\n")[0]}` : (e.message ?? String(error)).split("\n")[0];
  await completeCheckRun(client, repo, runId, {
    conclusion: decideConclusion(undefined, policy, true).conclusion,
    actions: [RERUN_ACTION],
    title: "Scan incomplete: SAS Guard could not finish",
    summary: `SAS Guard could not scan this commit, so nothing here says it is free of Azure credentials.\n\n**What went wrong:** ${what}\n\nUse **Re-run** (the button above, or on the check) to try again. If it keeps failing, check the App's logs for this delivery.`,
    annotations: [],
  });
}

/** A pull request listing that reached GitHub's 3000-file cap may miss files: the scan says so (never silently). */
async function* withListingLimit(documents: AsyncIterable<SourceItem>, listed?: { count: number }): AsyncGenerator<SourceItem> {
  yield* documents;
  if (listed && listed.count >= PR_FILE_CAP) {
    yield { path: `(files after the first ${PR_FILE_CAP})`, skipped: `GitHub lists at most ${PR_FILE_CAP} files of a pull request, so any further files were not scanned; scan the branch with the CLI`, incomplete: true };
  }
}

async function changedFiles(client: GitHubClient, repo: RepoRef, job: ScanJob): Promise<{ files: AsyncIterable<ChangedFile> | ChangedFile[]; listed?: { count: number } }> {
  const pullNumber = job.trigger === "pull_request" ? job.pullNumber : job.trigger === "rerun" ? job.pullNumber : undefined;
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
