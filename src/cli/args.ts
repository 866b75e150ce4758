// Command-line options of `sas-guard scan`, validated into one typed object. Usage errors exit with 2 and say
// exactly what to fix.
import { parseArgs } from "node:util";
import { SEVERITIES, type Severity } from "../detect/types.js";

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];
/** `audit` also prints the organisation inventory (README "Organisation inventory"): markdown and csv are inventory-only. */
export const AUDIT_FORMATS = [...FORMATS, "markdown", "csv"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Options every command that produces a report shares. */
interface ReportArgs {
  format: Format;
  output?: string;
  config?: string;
  failOn?: Severity;
  now: Date;
  progress: boolean;
}

export interface ScanArgs extends ReportArgs {
  command: "scan";
  paths: string[];
  history: boolean;
  staged: boolean;
  defaultIgnores: boolean;
  color?: boolean;
  /** Ask Azure whether each token is live (also on when config verify.enabled is true). */
  verify: boolean;
  /** --threads as given (validated with SAS_GUARD_SCAN_THREADS in src/scan/pool/pool-settings.ts). */
  threads?: string;
}

export interface AuditArgs extends Omit<ReportArgs, "format"> {
  command: "audit";
  format: AuditFormat;
  org?: string;
  repo?: string;
  /** Print the inventory (one record per credential) instead of the report; implied by markdown and csv. */
  inventory: boolean;
}

export type CliArgs = ScanArgs | AuditArgs | { command: "help" } | { command: "version" };

export class UsageError extends Error {}

export const USAGE = `Usage: sas-guard scan [PATH ...] [options]
       sas-guard audit --org ORG | --repo OWNER/NAME [--format …] [--output FILE] [--fail-on …]
       sas-guard audit --org ORG --inventory [--format markdown|json|csv]

Finds Azure SAS tokens, storage account keys and connection strings, and says what each can do.

Options:
  --history              scan every blob ever committed to the git repository at PATH
  --staged               scan the staged content (git index) of the repository at PATH
  --format FORMAT        text (default), json or sarif; audit also markdown or csv (the inventory)
  --inventory            audit: print the organisation inventory, one record per credential (markdown by default)
  -o, --output FILE      write the report to FILE instead of standard output (the summary line still goes to stderr)
  -c, --config FILE      config file (default: .github/sas-guard.yml at the root of the git repository holding
                         the first PATH, else of the current directory, if present)
  --fail-on SEVERITY     exit 1 when an unsuppressed finding is at or above: critical, high (default), medium, low, info
  --verify               ask Azure Storage whether each token still works: one metadata-only request per token
                         (see docs/verification.md; also config verify.enabled)
  --now ISO              judge expiry against this date instead of the clock (reproducible runs)
  --no-progress          no progress bar on stderr
  --threads N            scan on N worker threads (default: one per core; 0 = in this thread; also
                         SAS_GUARD_SCAN_THREADS). SAS_GUARD_DOC_BUDGET_MS: time budget per document (30000)
  --no-default-ignores   also scan .git-free vendored trees (node_modules/, vendor/, …)
  --color / --no-color   force colour on or off (default: on when stdout is a terminal; NO_COLOR turns it off,
                         FORCE_COLOR on)
  -h, --help             this help
  -v, --version          the version

audit scans the default branch of every repository of ORG (or one repository) through the GitHub API, with
GITHUB_TOKEN from the environment (GITHUB_API_URL for GitHub Enterprise Server), without installing the App.

Exit codes: 0 nothing at or above the threshold, 1 at least one finding at or above it, 2 usage or config error (or an internal error).`;

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        history: { type: "boolean", default: false },
        verify: { type: "boolean", default: false },
        org: { type: "string" },
        inventory: { type: "boolean", default: false },
        repo: { type: "string" },
        staged: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        output: { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        "fail-on": { type: "string" },
        now: { type: "string" },
        progress: { type: "boolean", default: true },
        "no-progress": { type: "boolean", default: false },
        "default-ignores": { type: "boolean", default: true },
        "no-default-ignores": { type: "boolean", default: false },
        threads: { type: "string" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, "")}. Run "sas-guard --help" for the options.`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  const [command = "scan", ...rest] = positionals;
  if (command !== "scan" && command !== "audit")
    throw new UsageError(`unknown command "${command}": the commands are "scan" (sas-guard scan [PATH ...]) and "audit" (sas-guard audit --org ORG).`);

  const formats: readonly string[] = command === "audit" ? AUDIT_FORMATS : FORMATS;
  if (!formats.includes(v.format)) {
    throw new UsageError(`--format must be one of ${formats.join(", ")} (got "${v.format}").`);
  }
  const failOn = v["fail-on"];
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")} (got "${failOn}").`);
  }
  let now = new Date();
  if (v.now !== undefined) {
    now = new Date(v.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v.now) || Number.isNaN(now.getTime())) {
      throw new UsageError(`--now must be an ISO 8601 date such as 2026-11-25 or 2026-11-25T12:00:00Z (got "${v.now}").`);
    }
  }
  if (command === "audit") {
    if (!v.org === !v.repo) throw new UsageError("audit needs exactly one of --org ORG or --repo OWNER/NAME.");
    if (v.repo && !/^[\w.-]+\/[\w.-]+$/.test(v.repo)) throw new UsageError(`--repo must be OWNER/NAME (got "${v.repo}").`);
    const inventory = v.inventory || v.format === "markdown" || v.format === "csv";
    const format = (inventory && v.format === "text" ? "markdown" : v.format) as AuditFormat;
    if (inventory && format === "sarif") throw new UsageError("--inventory prints markdown, json or csv (sarif is the report's format: drop --inventory).");
    return {
      command: "audit",
      org: v.org,
      repo: v.repo,
      inventory,
      format,
      output: v.output,
      config: v.config,
      failOn: failOn as Severity | undefined,
      now,
      progress: v.progress && !v["no-progress"],
    };
  }
  if (v.history && v.staged) throw new UsageError("--history and --staged cannot be combined: pick one.");
  const color = v["no-color"] ? false : v.color;
  return {
    command: "scan",
    paths: rest.length > 0 ? rest : ["."],
    history: v.history,
    verify: v.verify,
    staged: v.staged,
    format: v.format as Format,
    output: v.output,
    config: v.config,
    failOn: failOn as Severity | undefined,
    now,
    progress: v.progress && !v["no-progress"],
    defaultIgnores: v["default-ignores"] && !v["no-default-ignores"],
    ...(color === undefined ? {} : { color }),
    ...(v.threads === undefined ? {} : { threads: v.threads }),
  };
}
