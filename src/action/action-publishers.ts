// Where the Action puts a report: workflow annotations and the chosen format on stdout, the SARIF file for code
// scanning, the job summary (the App's check-run Markdown), the step outputs, and optionally review comments.
import { redactSecretsInText } from "../detect/redact-text.js";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createTokenClient } from "../github/client-factory.js";
import { publishReview } from "../github/publish-review.js";
import { githubAnswered } from "../net/github-answered.js";
import { failingFindings } from "../report/explain-finding.js";
import { renderJson } from "../report/render-json.js";
import { renderCheckRun, renderJobSummary } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderText } from "../report/render-text.js";
import { renderWorkflowCommands } from "../report/render-workflow-commands.js";
import type { ScanReport } from "../report/scan-report.js";
import type { ScanConfig } from "../scan/scan-config.js";
import type { ActionInputs } from "./inputs.js";

export interface ActionTarget {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  version: string;
  inputs: ActionInputs;
  sarifPath: string;
  /** "what pull request #7 adds", for the job summary. */
  what: string;
  owner: string;
  repo: string;
  sha: string;
  pullRequest?: { number: number; draft: boolean };
  diffLines: Map<string, Set<number>>;
}

const INFORMATION_URI = "https://github.com/sas-guard/sas-guard";

export async function publishActionReport(report: ScanReport, sc: ScanConfig, t: ActionTarget): Promise<void> {
  const { env, stdout, inputs } = t;
  const sarif = renderSarif(report, { version: t.version, informationUri: INFORMATION_URI });
  stdout(renderWorkflowCommands(report));
  stdout(inputs.format === "json" ? renderJson(report) : inputs.format === "sarif" ? sarif : renderText(report, { color: false }));
  mkdirSync(dirname(t.sarifPath), { recursive: true });
  writeFileSync(t.sarifPath, sarif);

  const check = renderCheckRun(report, { webBaseUrl: env.GITHUB_SERVER_URL ?? "https://github.com", owner: t.owner, repo: t.repo, sha: t.sha });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, renderJobSummary(check, t.what));
  const failing = failingFindings(report).length;
  if (env.GITHUB_OUTPUT)
    appendFileSync(env.GITHUB_OUTPUT, `findings=${report.findings.filter((f) => !f.suppression).length}\nfailing=${failing}\nsarif-file=${t.sarifPath}\n`);
  if (inputs.comment && t.pullRequest) await publishComments(report, sc, t, t.pullRequest);
}

async function publishComments(report: ScanReport, sc: ScanConfig, t: ActionTarget, pr: { number: number; draft: boolean }): Promise<void> {
  if (!t.inputs.token) {
    t.stdout("::warning::comment: true needs GITHUB_TOKEN (pass github-token: ${{ github.token }}); no review posted\n");
    return;
  }
  // Octokit's request log goes to the step's debug log (shown with ACTIONS_STEP_DEBUG), not as stray error lines.
  const debug = (message: string) => t.stdout(`::debug::${redactSecretsInText(message).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
  const octokit = createTokenClient(t.inputs.token, { env: t.env, log: { debug: () => {}, info: () => {}, warn: debug, error: debug } });
  // Comments are an extra: a refused or failed request (a fork's read-only token, an outage) is a warning, and
  // the step's result still follows the findings.
  try {
    const outcome = await publishReview(octokit, {
      owner: t.owner,
      repo: t.repo,
      pullNumber: pr.number,
      headSha: t.sha,
      draft: pr.draft,
      report,
      diffLines: t.diffLines,
      config: sc.config,
    });
    if (outcome.error) t.stdout(`::warning::${outcome.error}\n`);
  } catch (error) {
    t.stdout(
      `::warning::SAS Guard could not post review comments (${githubAnswered(error)}). Comments need pull-requests: write; tokens of pull requests from forks are read-only.\n`,
    );
  }
}
