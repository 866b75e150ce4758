// `sas-guard`: the local scanner. Thin: arguments and files in, the shared engine and renderers, exit code out.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { compilePathFilter } from "../config/path-filter.js";
import { HOMEPAGE, VERSION } from "../version.js";
import { atLeast } from "../detect/severity.js";
import { renderJson } from "../report/render-json.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderText } from "../report/render-text.js";
import type { ScanReport } from "../report/scan-report.js";
import { collectReport, type SourceItem } from "../scan/collect-report.js";
import { decideConclusion } from "../scan/conclusion.js";
import { verifyReport } from "../verify/verify-report.js";
import { parseCliArgs, USAGE, UsageError, type AuditArgs, type ScanArgs } from "./args.js";
import { auditClient, runAudit } from "./audit.js";
import { currentBranch, GitError, gitTopLevel } from "./git.js";
import { loadCliConfig } from "./load-cli-config.js";
import { createProgress } from "./progress.js";
import { historySource, stagedSource, workingTree } from "./sources.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;


export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      process.stdout.write(`${USAGE}\n`);
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
      const hint = status === 401 ? "check GITHUB_TOKEN" : status === 403 || status === 404 ? "check that the token can read the organisation's repositories" : "try again later";
      process.stderr.write(`sas-guard: GitHub answered ${status}: ${(error as Error).message.split("\n")[0]} (${hint}).\n`);
      return EXIT_USAGE;
    }
    // A crash must not exit 1: that means "findings at or above the threshold" to CI and to the pre-commit hook.
    process.stderr.write(`sas-guard: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

function scanRoot(args: ScanArgs): string {
  if (args.paths.length === 1) {
    const p = resolve(args.paths[0]);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`${args.paths[0]} does not exist.`);
    }
    // outside the try: "not a git repository" must not be reported as "does not exist"
    if (isDirectory) return args.history || args.staged ? gitTopLevel(p) : p;
  }
  if (args.history || args.staged) throw new UsageError("--history and --staged take one repository directory.");
  return process.cwd();
}

async function scan(args: ScanArgs): Promise<number> {
  const root = scanRoot(args);
  const loaded = loadCliConfig(args.config, root);
  if (loaded.errors.length > 0) {
    throw new UsageError(`invalid config ${loaded.source}:\n${loaded.errors.map((e) => `  ${e}`).join("\n")}\nFix these keys (see docs/configuration.md).`);
  }
  const { config } = loaded;
  const failOn = args.failOn ?? config.failOn;
  const filter = compilePathFilter(config);
  const maxBytes = Math.floor(config.maxFileSizeMB * 1_048_576);
  const source: AsyncIterable<SourceItem> | Iterable<SourceItem> = args.history
    ? historySource(root, filter, maxBytes)
    : args.staged
      ? stagedSource(root, filter, maxBytes)
      : workingTree(args.paths, root, filter, maxBytes, args.defaultIgnores);

  const progress = createProgress(args.progress);
  const collected = await collectReport(source, {
    config,
    configSource: loaded.source,
    configErrors: loaded.errors,
    failOn,
    now: args.now,
    dedupeByFingerprint: args.history,
    // Offline, the repository's visibility on GitHub is not known.
    ...(args.history ? { exposure: { branch: currentBranch(root), visibility: "unknown" as const } } : {}),
    onProgress: progress.update,
  });
  progress.done();
  // Opt-in, after the scan: the report is rendered once, with what the service answered (docs/verification.md).
  const report = args.verify || config.verify.enabled ? await verifyReport(collected, config.verify) : collected;

  write(render(report, args), args.output);
  const failing = decideConclusion(report, { onIncomplete: config.onIncomplete }).conclusion === "failure";
  if (failing && args.staged) {
    process.stderr.write(
      "sas-guard: a staged file holds a live Azure credential. Remove it from the file and `git add` again; revoke it if it was ever pushed. " +
        'To accept it deliberately, add its fingerprint to allowlist in .github/sas-guard.yml with a reason, or put `sas-guard:ignore reason="…"` on the line.\n',
    );
  }
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

async function audit(args: AuditArgs): Promise<number> {
  const loaded = loadCliConfig(args.config, process.cwd());
  if (loaded.errors.length > 0) throw new UsageError(`invalid config ${loaded.source}:\n${loaded.errors.map((e) => `  ${e}`).join("\n")}`);
  const progress = createProgress(args.progress);
  const report = await runAudit(args, loaded.config, loaded.source, auditClient(process.env), progress.update);
  progress.done();
  write(render(report, { ...args, color: undefined }), args.output);
  return decideConclusion(report, { onIncomplete: loaded.config.onIncomplete }).conclusion === "failure" ? EXIT_FINDINGS : EXIT_OK;
}

function render(report: ScanReport, args: Pick<ScanArgs, "format" | "color" | "output">): string {
  switch (args.format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, { version: VERSION, informationUri: HOMEPAGE });
    case "text":
      return renderText(report, { color: args.color ?? (args.output === undefined && process.stdout.isTTY === true) });
  }
}

function write(text: string, output: string | undefined): void {
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
}
