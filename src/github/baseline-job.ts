// The baseline: what is already on a repository's default branch when SAS Guard is installed (or re-run).
// Reported as a `SAS Guard baseline` check run on the head commit, with progress while it runs, and (opt-in)
// one issue per repository kept up to date.
import type { SasGuardConfig } from "../config/schema.js";
import type { BaselineJob } from "../jobs/jobs.js";
import { renderCheckRun } from "../report/render-markdown.js";
import { decideConclusion, RERUN_ACTION } from "../scan/conclusion.js";
import type { ScanReport } from "../report/scan-report.js";
import { mergeReports } from "../scan/merge-reports.js";
import { runScan } from "../scan/run-scan.js";
import { buildScanConfig } from "../scan/scan-config.js";
import { historyDocuments } from "./baseline-history.js";
import { baselineDocuments } from "./baseline-source.js";
import type { GitHubClient } from "./github-client.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { publishBaselineIssue } from "./publish-baseline-issue.js";
import { completeCheckRun, findCheckRun, startCheckRun } from "./publish-check-run.js";
import { failCheckRun, policyOf } from "./scan-job.js";
import { treeEntries } from "./tree-entries.js";
import { recordDefaultBranchReport, type InventoryDeps } from "./inventory/record-default-branch-report.js";

export interface BaselineDeps {
  client: GitHubClient;
  now: () => Date;
  webBaseUrl: string;
  finalAttempt?: boolean;
  /** Progress updates of the in-progress check run at most this often (ms). */
  progressEveryMs?: number;
  /** Monotonic milliseconds for throttling the progress updates. Default performance.now. */
  progressClock?: () => number;
  /** Monotonic milliseconds for the check run's "scanned in N ms". Default performance.now. */
  clock?: () => number;
  /** The organisation inventory (src/github/inventory): absent, nothing is recorded. */
  inventory?: Pick<InventoryDeps, "store">;
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
  const run = await startCheckRun(
    client,
    target,
    existing?.status === "completed" ? undefined : existing,
    "Baseline: scanning the default branch for Azure credentials…",
    `SAS Guard is scanning every file of \`${info.default_branch}\` (${headSha.slice(0, 7)}) for Azure SAS tokens, account keys and connection strings.`,
  );
  try {
    const files = await treeEntries(client, repo, headSha);
    const clock = deps.progressClock ?? (() => performance.now());
    const every = deps.progressEveryMs ?? 10_000;
    let lastUpdate = clock();
    let pendingUpdate: Promise<unknown> = Promise.resolve();
    const onProgress = (done: number, total: number) => {
      if (clock() - lastUpdate < every || done === total) return;
      lastUpdate = clock();
      const title = `Baseline: scanned ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files`;
      pendingUpdate = pendingUpdate.then(() =>
        client.rest.checks
          .update({ ...repo, check_run_id: run.id, output: { title, summary: `${title} on \`${info.default_branch}\` (${headSha.slice(0, 7)}).` } })
          .catch(() => undefined),
      );
    };
    const sc = buildScanConfig(loaded);
    const source = { client, repo, filter: sc.filter, maxBytes: sc.maxBytes, concurrency: 4 };
    const head = await runScan(baselineDocuments(files, { ...source, onProgress }), sc, { now: deps.now(), ...(deps.clock ? { clock: deps.clock } : {}) });
    // Tokens only in history: reported once each (oldest commit), not annotated (their lines are not in the head commit).
    const history = config.baseline.history
      ? await runScan(historyDocuments(client, repo, headSha, new Set(files.map((f) => f.sha)), source), sc, {
          now: deps.now(),
          ...(deps.clock ? { clock: deps.clock } : {}),
          dedupeByFingerprint: true,
        })
      : undefined;
    const report = history ? mergeReports(head, history) : head;
    await pendingUpdate;
    const links = { webBaseUrl: deps.webBaseUrl, owner: job.owner, repo: job.repo, sha: headSha };
    const output = renderCheckRun(report, links);
    const verdict = decideConclusion(report, policyOf(config));
    const annotations = !config.checks.annotations ? [] : report === head ? output.annotations : renderCheckRun(head, links).annotations;
    // ---- inventory hook (src/github/inventory): record this default-branch scan; its notes go into the check run ----
    const inventory = deps.inventory
      ? await recordDefaultBranchReport(
          {
            owner: job.owner,
            repo: job.repo,
            visibility: (info.visibility as "public" | "private" | "internal" | undefined) ?? (info.private ? "private" : "public"),
            sha: headSha,
            ref: `refs/heads/${info.default_branch}`,
            kind: "baseline",
            report,
            historyScanned: config.baseline.history,
            installationId: job.installationId,
            ownerType: info.owner?.type,
            checkName: config.checks.name,
          },
          { client, store: deps.inventory.store, now: deps.now, webBaseUrl: deps.webBaseUrl },
        )
      : undefined;
    const summary = inventory?.notes.length
      ? `${output.summary}

**Organisation inventory:** ${inventory.notes.join(" ")}`.slice(0, 65_535)
      : output.summary;
    // ---- end of inventory hook ----
    await completeCheckRun(client, repo, run.id, {
      conclusion: verdict.conclusion,
      ...(verdict.incomplete ? { actions: [RERUN_ACTION] } : {}),
      title: `Baseline: ${output.title}`.slice(0, 255),
      summary,
      annotations,
    });
    const issue = config.baseline.issue
      ? await publishBaselineIssue(client, repo, report, { webBaseUrl: deps.webBaseUrl, sha: headSha, branch: info.default_branch })
      : undefined;
    return { checkRunId: run.id, report, ...(issue ? { issue } : {}) };
  } catch (error) {
    if (deps.finalAttempt !== false) await failCheckRun(client, repo, run.id, error, policyOf(config));
    throw error;
  }
}
