// `sas-guard`: the local scanner. Thin: arguments and files in, the shared engine and renderers, exit code out.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ConfigResult } from "../config/load-config.js";
import { githubAnswered } from "../net/github-answered.js";
import { HOMEPAGE, VERSION } from "../version.js";
import { renderJson } from "../report/render-json.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderText } from "../report/render-text.js";
import type { ScanReport } from "../report/scan-report.js";
import { historyExposure } from "../scan/history-exposure.js";
import { runScan } from "../scan/run-scan.js";
import { buildScanConfig } from "../scan/scan-config.js";
import type { Source } from "../scan/source-item.js";
import { currentBranch, GitError, gitTopLevel } from "../sources/git.js";
import { historySource, stagedSource, workingTree } from "../sources/local-sources.js";
import { poolFromEnv } from "../scan/pool/pool-settings.js";
import { decideConclusion } from "../scan/conclusion.js";
import { parseCliArgs, USAGE, UsageError, type AuditArgs, type ScanArgs } from "./args.js";
import { useColor } from "./color.js";
import { findScanRoot } from "./find-repo-root.js";
import { loadCliConfig } from "./load-cli-config.js";
import { outputSummary } from "./output-summary.js";
import { createProgress } from "./progress.js";
import { terminalWidth, wrapForTerminal } from "./wrap-lines.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      process.stdout.write(wrapForTerminal(`${USAGE}\n`, terminalWidth(process.stdout)));
      return EXIT_OK;
    }
    if (args.command === "version") {
      process.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    return args.command === "audit" ? await audit(args) : await scan(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError) {
      process.stderr.write(`sas-guard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number") {
      const hint =
        status === 401
          ? "check GITHUB_TOKEN"
          : status === 403 || status === 404
            ? "check that the token can read the organisation's repositories"
            : "try again later";
      process.stderr.write(`sas-guard: ${githubAnswered(error)} (${hint}).\n`);
      return EXIT_USAGE;
    }
    // A crash must not exit 1: that means "findings at or above the threshold" to CI and to the pre-commit hook.
    process.stderr.write(`sas-guard: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

/** The repository (or directory) a scan is rooted at, and the paths to walk (see find-repo-root.ts). */
function scanRoot(args: ScanArgs): { root: string; paths: string[] } {
  if (args.paths.length === 1 && !existsSync(args.paths[0])) throw new UsageError(`${args.paths[0]} does not exist.`);
  if (!args.history && !args.staged) return findScanRoot(args.paths);
  if (args.paths.length === 1) {
    const p = resolve(args.paths[0]);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`${args.paths[0]} does not exist.`);
    }
    // outside the try: "not a git repository" must not be reported as "does not exist"
    if (isDirectory) return { root: gitTopLevel(p), paths: [] };
  }
  throw new UsageError("--history and --staged take one repository directory.");
}

/** A local scan refuses a broken config (the App falls back to defaults for the broken keys instead). */
function validConfig(explicit: string | undefined, root: string): ConfigResult {
  const loaded = loadCliConfig(explicit, root);
  if (loaded.errors.length === 0) return loaded;
  throw new UsageError(`invalid config ${loaded.source}:\n${loaded.errors.map((e) => `  ${e}`).join("\n")}\nFix these keys (see docs/configuration.md).`);
}

async function scan(args: ScanArgs): Promise<number> {
  const { root, paths } = scanRoot(args);
  const loaded = validConfig(args.config, root);
  const sc = buildScanConfig(loaded, { failOn: args.failOn, verify: args.verify });
  const source: Source = args.history ? historySource(root, sc) : args.staged ? stagedSource(root, sc) : workingTree(paths, root, sc, args.defaultIgnores);
  const progress = createProgress(args.progress);
  let pool;
  try {
    pool = poolFromEnv(process.env, args.threads);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const report = await runScan(source, sc, {
    pool,
    now: args.now,
    dedupeByFingerprint: args.history,
    // Offline, the repository's visibility on GitHub is not known.
    ...(args.history ? { exposure: historyExposure(currentBranch(root), "unknown") } : {}),
    onProgress: progress.update,
  }).finally(() => pool?.close());
  progress.done();
  write(render(report, args, root), args.output, report);
  const failing = decideConclusion(report, { onIncomplete: sc.config.onIncomplete }).conclusion === "failure";
  if (failing && args.staged) {
    printToStderr(
      `sas-guard: a staged file holds an Azure credential (${report.findings.some((f) => f.verification?.status === "live") ? "Azure confirmed it works" : "not checked against Azure: --verify asks whether it still works"}). Remove it from the file and \`git add\` again; revoke it if it was ever pushed. ` +
        'To accept it deliberately, add its fingerprint to allowlist in .github/sas-guard.yml with a reason, or put `sas-guard:ignore reason="…"` on the line.\n',
    );
  }
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

async function audit(args: AuditArgs): Promise<number> {
  // Loaded on demand: the GitHub client (Octokit, undici) took ~50 ms of every `scan`'s start-up (bench:cli).
  const [{ runAudit }, { auditInventory }, { auditClient }] = await Promise.all([
    import("./audit.js"),
    import("../sources/audit-inventory.js"),
    import("../sources/github-org.js"),
  ]);
  const loaded = validConfig(args.config, process.cwd());
  const progress = createProgress(args.progress);
  if (args.inventory) {
    // the organisation inventory: same builder and renderers as the App's dashboard (src/github/inventory)
    const client = auditClient(process.env);
    if (!client) throw new UsageError("audit needs a token: set GITHUB_TOKEN (repo read access; for an org, a token that can list its repositories).");
    const inventory = await auditInventory(args, loaded.config, loaded.source, client, progress.update);
    progress.done();
    write(inventory.text, args.output);
    return inventory.failing ? EXIT_FINDINGS : EXIT_OK;
  }
  const report = await runAudit(args, loaded, process.env, progress.update);
  progress.done();
  write(render(report, { ...args, format: args.format as ScanArgs["format"], color: undefined }), args.output, report);
  return decideConclusion(report, { onIncomplete: loaded.config.onIncomplete }).conclusion === "failure" ? EXIT_FINDINGS : EXIT_OK;
}

function render(report: ScanReport, args: Pick<ScanArgs, "format" | "color" | "output">, root?: string): string {
  switch (args.format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, { version: VERSION, informationUri: HOMEPAGE, ...(root ? { srcRoot: root } : {}) });
    case "text": {
      const toTerminal = args.output === undefined && process.stdout.isTTY === true;
      const text = renderText(report, { color: useColor(args.color, process.env, toTerminal) });
      return args.output === undefined ? wrapForTerminal(text, terminalWidth(process.stdout)) : text;
    }
  }
}

function printToStderr(text: string): void {
  process.stderr.write(wrapForTerminal(text, terminalWidth(process.stderr)));
}

function write(text: string, output: string | undefined, report?: ScanReport): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(resolve(output)), { recursive: true });
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`cannot write --output ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // the report went to a file: the verdict still reaches the terminal (and CI logs)
  printToStderr(report ? `${outputSummary(report, output)}\n` : `sas-guard: report written to ${output}\n`);
}
