// The baseline: what is already on a repository's default branch when SAS Guard is installed (or re-run).
// Reported as a `SAS Guard baseline` check run on the head commit, with progress while it runs, and (opt-in)
// one issue per repository kept up to date.
import type { SasGuardConfig } from "../config/schema.js";
import { compilePathFilter } from "../config/path-filter.js";
import { renderCheckRun } from "../report/render-markdown.js";
import { decideConclusion, RERUN_ACTION } from "../scan/conclusion.js";
import type { ScanReport } from "../report/scan-report.js";
import { collectReport } from "../scan/collect-report.js";
import { historyDocuments } from "./baseline-history.js";
import { baselineDocuments } from "./baseline-source.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { publishBaselineIssue } from "./publish-baseline-issue.js";
import { completeCheckRun, findCheckRun, startCheckRun } from "./publish-check-run.js";
import { failCheckRun, policyOf } from "./scan-job.js";
import { treeEntries } from "./tree-entries.js";

export interface BaselineJob extends RepoRef {
  trigger: "baseline";
  installationId: number;
  deliveryId: string;
}

export interface BaselineDeps {
  client: GitHubClient;
  now: () => Date;
  webBaseUrl: string;
  finalAttempt?: boolean;
  /** Progress updates of the in-progress check run at most this often (ms). */
  progressEveryMs?: number;
  clock?: () => number;
}

export interface BaselineOutcome {
  skipped?: string;
  checkRunId?: number;
  report?: ScanReport;
  issue?: number;
}

export const baselineCheckName = (config: SasGuardConfig): string => `${config.checks.name} baseline`;

export async function runBaselineJob(job: BaselineJob, deps: BaselineDeps): Promise<BaselineOutcome> {
  const { client } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const { data: info } = await client.rest.repos.get(repo);
  if (info.archived) return { skipped: "archived repository: read-only, no check run or issue can be published" };
  // GitHub reports `size: 0` for repositories that have commits (its own Hello-World example): only the branch
  // lookup's 404 (409 for the git APIs) says a repository is empty.
  let headSha: string;
  try {
    headSha = (await client.rest.repos.getBranch({ ...repo, branch: info.default_branch })).data.commit.sha;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 409) return { skipped: `empty repository: default branch ${info.default_branch} not found (GitHub answered ${status})` };
    throw error;
  }
  const loaded = await loadRepoConfig(client, repo);
  const { config } = loaded;
  if (!config.baseline.enabled) return { skipped: "baseline.enabled is false" };
  if (info.fork && !config.baseline.forks) return { skipped: "fork (baseline.forks is false)" };

  const target = { ...repo, name: baselineCheckName(config), headSha, externalId: `sas-guard:baseline:${headSha}` };
  // A run left in progress by an earlier attempt (queue retry, redelivered webhook) is reused, not orphaned; a
  // completed one cannot be reopened, so a re-run gets a new run.
  const existing = await findCheckRun(client, target);
  const run = await startCheckRun(client, target, existing?.status === "completed" ? undefined : existing, "Baseline: scanning the default branch for Azure credentials…", `SAS Guard is scanning every file of \`${info.default_branch}\` (${headSha.slice(0, 7)}) for Azure SAS tokens, account keys and connection strings.`);
  try {
    const files = await treeEntries(client, repo, headSha);
    const clock = deps.clock ?? Date.now;
    const every = deps.progressEveryMs ?? 10_000;
    let lastUpdate = clock();
    let pendingUpdate: Promise<unknown> = Promise.resolve();
    const onProgress = (done: number, total: number) => {
      if (clock() - lastUpdate < every || done === total) return;
      lastUpdate = clock();
      const title = `Baseline: scanned ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files`;
      pendingUpdate = pendingUpdate.then(() => client.rest.checks.update({ ...repo, check_run_id: run.id, output: { title, summary: `${title} on \`${info.default_branch}\` (${headSha.slice(0, 7)}).` } }).catch(() => undefined));
    };
    const source = { client, repo, filter: compilePathFilter(config), maxBytes: Math.floor(config.maxFileSizeMB * 1_048_576), concurrency: 4 };
    const collect = { config, configSource: loaded.source, configErrors: loaded.errors, failOn: config.failOn, now: deps.now(), clock: () => 0 };
    const report = await collectReport(baselineDocuments(files, { ...source, onProgress }), collect);
    const headFindings = [...report.findings];
    if (config.baseline.history) {
      // Tokens only in history: reported once each (oldest commit), not annotated (their lines are not in the head commit).
      const history = await collectReport(historyDocuments(client, repo, headSha, new Set(files.map((f) => f.sha)), source), { ...collect, dedupeByFingerprint: true });
      const atHead = new Set(report.findings.map((f) => f.fingerprint));
      report.findings.push(...history.findings.filter((f) => !atHead.has(f.fingerprint)));
      report.skipped.push(...history.skipped);
      report.incomplete.push(...history.incomplete);
      report.stats.files += history.stats.files;
      report.stats.bytes += history.stats.bytes;
    }
    await pendingUpdate;
    const output = renderCheckRun(report, { webBaseUrl: deps.webBaseUrl, owner: job.owner, repo: job.repo, sha: headSha });
    const verdict = decideConclusion(report, policyOf(config));
    const annotations = !config.checks.annotations ? [] : headFindings.length === report.findings.length ? output.annotations : renderCheckRun({ ...report, findings: headFindings }, { webBaseUrl: deps.webBaseUrl, owner: job.owner, repo: job.repo, sha: headSha }).annotations;
    await completeCheckRun(client, repo, run.id, { conclusion: verdict.conclusion, ...(verdict.incomplete ? { actions: [RERUN_ACTION] } : {}), title: `Baseline: ${output.title}`.slice(0, 255), summary: output.summary, annotations });
    const issue = config.baseline.issue ? await publishBaselineIssue(client, repo, report, { webBaseUrl: deps.webBaseUrl, sha: headSha, branch: info.default_branch }) : undefined;
    return { checkRunId: run.id, report, ...(issue ? { issue } : {}) };
  } catch (error) {
    if (deps.finalAttempt !== false) await failCheckRun(client, repo, run.id, error, policyOf(config));
    throw error;
  }
}
