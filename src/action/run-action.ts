// The GitHub Action: the CLI's engine, config and renderers inside a workflow. On pull requests it scans what the
// PR adds; on pushes the pushed range (or, with history: true, every blob ever committed). It writes the same
// Markdown as the App's check run to the job summary, workflow annotations, SARIF for code scanning, and
// optionally the App's review comments.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { DEFAULT_CONFIG, parseConfig, type ConfigResult } from "../config/load-config.js";
import type { Exposure, Finding } from "../detect/types.js";
import { addedIgnoreMode, applyAddedIgnores, type AddedIgnoreLines } from "../github/added-ignores.js";
import { visibilityOf } from "../jobs/jobs.js";
import { loadCliConfig } from "../cli/load-cli-config.js";
import { codeSpan } from "../report/markdown.js";
import { historyExposure } from "../scan/history-exposure.js";
import { runScan, type ExposureLookup } from "../scan/run-scan.js";
import { buildScanConfig, type ScanConfig } from "../scan/scan-config.js";
import type { Source, SourceItem } from "../scan/source-item.js";
import { diffSource } from "../sources/git-diff.js";
import { gitTopLevel } from "../sources/git.js";
import { historySource, workingTree } from "../sources/local-sources.js";
import { publishActionReport } from "./action-publishers.js";
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
  if (!existsSync(workspace))
    throw new InputError(
      `input path: ${inputs.path} does not exist in the workspace (${checkout}). Check actions/checkout ran first and path is relative to the workspace.`,
    );
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
  if (configFile && !existsSync(configFile))
    throw new InputError(
      `input config: ${inputs.config} does not exist in the workspace (${checkout}). Give a path relative to the workspace, or leave config unset to use .github/sas-guard.yml.`,
    );
  // On a pull request the config comes from its base commit, as the App reads it from the default branch: a pull
  // request cannot allowlist its own token (the review comments say so). An explicit `config` input is used as is.
  const loaded =
    isPullRequest && !configFile && top
      ? (baseConfig(top, event.pull_request.base.sha, prefix) ?? loadCliConfig(undefined, workspace))
      : loadCliConfig(configFile, workspace);
  const sc = buildScanConfig(loaded, { failOn: inputs.failOn });
  const { source, what, diffLines, added } = pickSource(sc, event, eventName, { top, root, workspace, history: inputs.history, inPath, needGit });
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "/").split("/");
  const actor = event.pull_request?.user?.login ?? event.pusher?.name ?? env.GITHUB_ACTOR;
  const report = await runScan(source, sc, {
    now: io.now(),
    dedupeByFingerprint: inputs.history,
    // As the App: an inline ignore this change adds for its own token does not silence it (config inlineIgnore, from the base).
    ...(added
      ? { reviseSuppression: (findings: Finding[]) => applyAddedIgnores({ findings }, added, addedIgnoreMode(sc.config.inlineIgnore), actor).report.findings }
      : {}),
    ...exposureOf(event, inputs.history, env.GITHUB_REF_NAME),
  });
  await publishActionReport(report, sc, {
    env,
    stdout: io.stdout,
    version: io.version,
    inputs,
    sarifPath: resolve(checkout, inputs.sarifFile),
    what: prefix === "" ? what : `${what} under ${codeSpan(`${prefix}/`)}`,
    owner,
    repo,
    sha: event.pull_request?.head?.sha ?? env.GITHUB_SHA ?? "HEAD",
    ...(event.pull_request ? { pullRequest: { number: event.pull_request.number, draft: event.pull_request.draft === true } } : {}),
    diffLines,
  });
  return decideConclusion(report, { onIncomplete: sc.config.onIncomplete }).conclusion === "failure" ? 1 : 0;
}

interface Checkout {
  top: string | undefined;
  root: string;
  workspace: string;
  history: boolean;
  inPath: (p: string) => boolean;
  needGit: () => string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the webhook payload as the runner wrote it
type EventPayload = any;

function pickSource(
  sc: ScanConfig,
  event: EventPayload,
  eventName: string,
  c: Checkout,
): { source: Source; what: string; diffLines: Map<string, Set<number>>; added?: AddedIgnoreLines } {
  const none = new Map<string, Set<number>>();
  if (c.history) return { source: onlyIn(historySource(c.needGit(), sc), c.inPath), what: "every blob in the repository's history", diffLines: none };
  if (eventName.startsWith("pull_request") && event.pull_request) {
    const d = diffSource(c.needGit(), event.pull_request.base.sha, event.pull_request.head.sha, sc.filter);
    const items = d.items.filter((i) => c.inPath(i.path));
    return { source: items, what: `what pull request #${event.pull_request.number} adds`, diffLines: d.diffLines, added: addedLines(items) };
  }
  if (eventName === "push" && event.after && !ZERO.test(event.before ?? "0".repeat(40)) && !ZERO.test(event.after)) {
    const source = diffSource(c.needGit(), event.before, event.after, sc.filter).items.filter((i) => c.inPath(i.path));
    return {
      source,
      what: `the pushed range ${String(event.before).slice(0, 7)}..${String(event.after).slice(0, 7)}`,
      diffLines: none,
      added: addedLines(source),
    };
  }
  return { source: workingTree([c.top ? realpathSync(c.workspace) : c.workspace], c.root, sc, true), what: "the checked-out files", diffLines: none };
}

/** The lines a change adds, per file: an inline ignore on one of them is one the change adds for itself. */
const addedLines = (items: readonly SourceItem[]): AddedIgnoreLines =>
  new Map(items.flatMap((i) => ("lines" in i && i.lines ? [[i.path, new Set(i.lines)] as const] : [])));

/** The event's repository says who could read the token (public: anyone), as the App's webhook does. */
function exposureOf(event: EventPayload, history: boolean, branch: string | undefined): { exposure?: ExposureLookup } {
  const r = event.repository;
  if (!r) return {};
  const visibility = visibilityOf(r);
  const forks = typeof r.forks_count === "number" ? r.forks_count : undefined;
  if (history) return { exposure: historyExposure(branch ?? "HEAD", visibility, forks) };
  const facts: Exposure = { visibility, ...(forks !== undefined ? { forks } : {}) };
  return { exposure: async () => () => facts };
}
