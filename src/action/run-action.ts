// The GitHub Action: the CLI's engine, config and renderers inside a workflow. On pull requests it scans what the
// PR adds; on pushes the pushed range (or, with history: true, every blob ever committed). It writes the same
// Markdown as the App's check run to the job summary, workflow annotations, SARIF for code scanning, and
// optionally the App's review comments.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { createTokenClient } from "../github/client-factory.js";
import { DEFAULT_CONFIG, parseConfig, type ConfigResult } from "../config/load-config.js";
import { compilePathFilter } from "../config/path-filter.js";
import { atLeast } from "../detect/severity.js";
import { diffSource } from "../cli/git-diff.js";
import { gitTopLevel } from "../cli/git.js";
import { loadCliConfig } from "../cli/load-cli-config.js";
import { historySource, workingTree } from "../cli/sources.js";
import { publishReview } from "../github/publish-review.js";
import { renderJson } from "../report/render-json.js";
import { renderCheckRun } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderText } from "../report/render-text.js";
import { renderWorkflowCommands } from "../report/render-workflow-commands.js";
import { collectReport, type SourceItem } from "../scan/collect-report.js";
import { decideConclusion } from "../scan/conclusion.js";
import { InputError, readInputs } from "./inputs.js";

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  now: () => Date;
  version: string;
}

const ZERO = /^0{40}$/;

const isGitRepo = (dir: string): boolean => spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, encoding: "utf8" }).stdout?.trim() === "true";

/** `.github/sas-guard.yml` (under `prefix`) as committed in `base`; defaults when the base has none; undefined
 *  when the base commit is not in the clone (the diff then fails with the message that says to fetch it). */
function baseConfig(top: string, base: string, prefix: string): ConfigResult | undefined {
  if (spawnSync("git", ["cat-file", "-e", `${base}^{commit}`], { cwd: top }).status !== 0) return undefined;
  const file = prefix ? `${prefix}/.github/sas-guard.yml` : ".github/sas-guard.yml";
  const r = spawnSync("git", ["cat-file", "blob", `${base}:${file}`], { cwd: top, encoding: "utf8", maxBuffer: 1 << 26 });
  const at = `the base commit ${base.slice(0, 7)}`;
  if (r.status !== 0) return { config: DEFAULT_CONFIG, errors: [], source: `defaults (no ${file} in ${at})` };
  return parseConfig(r.stdout, `${file} in ${at}`);
}

async function* onlyIn(items: AsyncIterable<SourceItem>, keep: (path: string) => boolean): AsyncGenerator<SourceItem> {
  for await (const item of items) if (keep(item.path)) yield item;
}

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const inputs = readInputs(env);
  const checkout = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const workspace = resolve(checkout, inputs.path);
  if (!existsSync(workspace)) throw new InputError(`input path: ${inputs.path} does not exist in the workspace (${checkout}). Check actions/checkout ran first and path is relative to the workspace.`);
  const event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) : {};
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  // Findings carry paths relative to the repository root, as annotations, SARIF and review comments need them;
  // `path` narrows the scan to one directory of it.
  const top = isGitRepo(workspace) ? gitTopLevel(workspace) : undefined;
  const root = top ?? workspace;
  const prefix = top ? relative(top, realpathSync(workspace)).split(sep).join("/") : ""; // git prints the real path
  const inPath = (p: string): boolean => prefix === "" || p === prefix || p.startsWith(`${prefix}/`);
  const needGit = (): string => top ?? gitTopLevel(workspace); // throws the GitError that says what is missing
  const isPullRequest = eventName.startsWith("pull_request") && !!event.pull_request;

  const configFile = inputs.config === undefined ? undefined : resolve(checkout, inputs.config);
  if (configFile && !existsSync(configFile)) throw new InputError(`input config: ${inputs.config} does not exist in the workspace (${checkout}). Give a path relative to the workspace, or leave config unset to use .github/sas-guard.yml.`);
  // On a pull request the config comes from its base commit, as the App reads it from the default branch: a pull
  // request cannot allowlist its own token (the review comments say so). An explicit `config` input is used as is.
  const loaded = isPullRequest && !configFile && top ? (baseConfig(top, event.pull_request.base.sha, prefix) ?? loadCliConfig(undefined, workspace)) : loadCliConfig(configFile, workspace);
  const { config } = loaded;
  const failOn = inputs.failOn ?? config.failOn;
  const filter = compilePathFilter(config);
  const maxBytes = Math.floor(config.maxFileSizeMB * 1_048_576);

  let source: Iterable<SourceItem> | AsyncIterable<SourceItem>;
  let diffLines = new Map<string, Set<number>>();
  let what: string;
  if (inputs.history) {
    source = onlyIn(historySource(needGit(), filter, maxBytes), inPath);
    what = "every blob in the repository's history";
  } else if (isPullRequest) {
    const d = diffSource(needGit(), event.pull_request.base.sha, event.pull_request.head.sha, filter);
    source = d.items.filter((i) => inPath(i.path));
    diffLines = d.diffLines;
    what = `what pull request #${event.pull_request.number} adds`;
  } else if (eventName === "push" && event.after && !ZERO.test(event.before ?? "0".repeat(40)) && !ZERO.test(event.after)) {
    source = diffSource(needGit(), event.before, event.after, filter).items.filter((i) => inPath(i.path));
    what = `the pushed range ${String(event.before).slice(0, 7)}..${String(event.after).slice(0, 7)}`;
  } else {
    source = workingTree([top ? realpathSync(workspace) : workspace], root, filter, maxBytes, true);
    what = "the checked-out files";
  }
  if (prefix !== "") what += ` under ${prefix}/`;

  const report = await collectReport(source, { config, configSource: loaded.source, configErrors: loaded.errors, failOn, now: io.now(), dedupeByFingerprint: inputs.history });
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "/").split("/");
  const sha = event.pull_request?.head?.sha ?? env.GITHUB_SHA ?? "HEAD";
  const webBaseUrl = env.GITHUB_SERVER_URL ?? "https://github.com";

  io.stdout(renderWorkflowCommands(report));
  io.stdout(inputs.format === "json" ? renderJson(report) : inputs.format === "sarif" ? renderSarif(report, { version: io.version, informationUri: "https://github.com/sas-guard/sas-guard" }) : renderText(report, { color: false }));

  const sarifPath = resolve(checkout, inputs.sarifFile);
  mkdirSync(dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, renderSarif(report, { version: io.version, informationUri: "https://github.com/sas-guard/sas-guard" }));

  const check = renderCheckRun(report, { webBaseUrl, owner, repo, sha });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `## SAS Guard: ${check.title}\n\nScanned ${what}.\n\n${check.summary}\n`);
  const failing = report.findings.filter((f) => !f.suppression && atLeast(f.severity, failOn)).length;
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `findings=${report.findings.filter((f) => !f.suppression).length}\nfailing=${failing}\nsarif-file=${sarifPath}\n`);

  if (inputs.comment && event.pull_request) {
    if (!inputs.token) io.stdout("::warning::comment: true needs GITHUB_TOKEN (pass github-token: ${{ github.token }}); no review posted\n");
    else {
      // Octokit's request log goes to the step's debug log (shown with ACTIONS_STEP_DEBUG), not as stray error lines.
      const debug = (message: string) => io.stdout(`::debug::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
      const log = { debug: () => {}, info: () => {}, warn: debug, error: debug };
      const octokit = createTokenClient(inputs.token, { env, log });
      // Comments are an extra: a refused or failed request (a fork's read-only token, an outage) is a warning, and
      // the step's result still follows the findings.
      try {
        const outcome = await publishReview(octokit, {
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
      } catch (error) {
        const e = error as { status?: number; message?: string };
        io.stdout(`::warning::SAS Guard could not post review comments (GitHub answered ${e.status ?? "with an error"}: ${(e.message ?? "").split("\n")[0]}). Comments need pull-requests: write; tokens of pull requests from forks are read-only.\n`);
      }
    }
  }
  return decideConclusion(report, { onIncomplete: config.onIncomplete }).conclusion === "failure" ? 1 : 0;
}
