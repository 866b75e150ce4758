// The GitHub Action: the CLI's engine, config and renderers inside a workflow. On pull requests it scans what the
// PR adds; on pushes the pushed range (or, with history: true, every blob ever committed). It writes the same
// Markdown as the App's check run to the job summary, workflow annotations, SARIF for code scanning, and
// optionally the App's review comments.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Octokit } from "@octokit/rest";
import { compilePathFilter } from "../config/path-filter.js";
import { atLeast } from "../detect/severity.js";
import { diffSource } from "../cli/git-diff.js";
import { gitTopLevel } from "../cli/git.js";
import { loadCliConfig } from "../cli/load-cli-config.js";
import { historySource, workingTree } from "../cli/sources.js";
import type { GitHubClient } from "../github/github-client.js";
import { publishReview } from "../github/publish-review.js";
import { renderJson } from "../report/render-json.js";
import { renderCheckRun } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderText } from "../report/render-text.js";
import { renderWorkflowCommands } from "../report/render-workflow-commands.js";
import { collectReport, type SourceItem } from "../scan/collect-report.js";
import { readInputs } from "./inputs.js";

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  now: () => Date;
  version: string;
}

const ZERO = /^0{40}$/;

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const inputs = readInputs(env);
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.path);
  const event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) : {};
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const loaded = loadCliConfig(inputs.config, workspace);
  const { config } = loaded;
  const failOn = inputs.failOn ?? config.failOn;
  const filter = compilePathFilter(config);
  const maxBytes = Math.floor(config.maxFileSizeMB * 1_048_576);

  let source: Iterable<SourceItem> | AsyncIterable<SourceItem>;
  let diffLines = new Map<string, Set<number>>();
  let what: string;
  if (inputs.history) {
    source = historySource(gitTopLevel(workspace), filter, maxBytes);
    what = "every blob in the repository's history";
  } else if (eventName.startsWith("pull_request") && event.pull_request) {
    const d = diffSource(gitTopLevel(workspace), event.pull_request.base.sha, event.pull_request.head.sha, filter);
    source = d.items;
    diffLines = d.diffLines;
    what = `what pull request #${event.pull_request.number} adds`;
  } else if (eventName === "push" && event.after && !ZERO.test(event.before ?? "0".repeat(40)) && !ZERO.test(event.after)) {
    source = diffSource(gitTopLevel(workspace), event.before, event.after, filter).items;
    what = `the pushed range ${String(event.before).slice(0, 7)}..${String(event.after).slice(0, 7)}`;
  } else {
    source = workingTree([workspace], workspace, filter, maxBytes, true);
    what = "the checked-out files";
  }

  const report = await collectReport(source, { config, configSource: loaded.source, configErrors: loaded.errors, failOn, now: io.now(), dedupeByFingerprint: inputs.history });
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "/").split("/");
  const sha = event.pull_request?.head?.sha ?? env.GITHUB_SHA ?? "HEAD";
  const webBaseUrl = env.GITHUB_SERVER_URL ?? "https://github.com";

  io.stdout(renderWorkflowCommands(report));
  io.stdout(inputs.format === "json" ? renderJson(report) : inputs.format === "sarif" ? renderSarif(report, { version: io.version, informationUri: "https://github.com/sas-guard/sas-guard" }) : renderText(report, { color: false }));

  const sarifPath = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.sarifFile);
  mkdirSync(dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, renderSarif(report, { version: io.version, informationUri: "https://github.com/sas-guard/sas-guard" }));

  const check = renderCheckRun(report, { webBaseUrl, owner, repo, sha });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `## SAS Guard: ${check.title}\n\nScanned ${what}.\n\n${check.summary}\n`);
  const failing = report.findings.filter((f) => !f.suppression && atLeast(f.severity, failOn)).length;
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `findings=${report.findings.filter((f) => !f.suppression).length}\nfailing=${failing}\nsarif-file=${sarifPath}\n`);

  if (inputs.comment && event.pull_request) {
    if (!inputs.token) io.stdout("::warning::comment: true needs GITHUB_TOKEN (pass github-token: ${{ github.token }}); no review posted\n");
    else {
      const octokit = new Octokit({ auth: inputs.token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });
      const outcome = await publishReview(octokit as unknown as GitHubClient, {
        owner,
        repo,
        pullNumber: event.pull_request.number,
        headSha: sha,
        draft: event.pull_request.draft === true,
        report,
        diffLines,
        config,
      });
      if (outcome.error) io.stdout(`::warning::${outcome.error}\n`);
    }
  }
  return failing > 0 ? 1 : 0;
}
