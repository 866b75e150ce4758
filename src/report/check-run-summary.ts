// The check run's `output.summary` (also the Action's job summary). GitHub rejects a summary over 65,535
// characters (https://docs.github.com/en/rest/checks/runs#create-a-check-run), so sections are added worst
// first within a budget, and whatever did not fit is counted in a note that says where to see it.
import type { Finding } from "../detect/types.js";
import { SEVERITIES } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";
import {
  KIND_LABEL,
  SEVERITY_LABEL,
  activeFindings,
  countBySeverity,
  failingFindings,
  headline,
  mainReasons,
  plural,
  suppressedFindings,
  toPosixPath,
  truncate,
} from "./explain-finding.js";
import { codeSpan, encodePath, escapeText, link, row } from "./markdown.js";
import { verificationLine } from "./verification-words.js";

export const MAX_SUMMARY_CHARS = 65_535;
/** Room kept for the truncation note and the footer, whatever the sections used. */
const RESERVED_CHARS = 1_500;
const MAX_LISTED_CONFIG_ERRORS = 20;

export interface BlobLinkTarget {
  /** "https://github.com" or a GitHub Enterprise Server URL. */
  webBaseUrl: string;
  owner: string;
  repo: string;
  /** The commit the findings are in: links must not move when the branch does. */
  sha: string;
}

export const blobUrl = (t: BlobLinkTarget, path: string, line: number): string =>
  `${t.webBaseUrl.replace(/\/+$/, "")}/${t.owner}/${t.repo}/blob/${t.sha}/${encodePath(toPosixPath(path))}#L${line}`;

const location = (f: Finding, t: BlobLinkTarget): string => link(escapeText(`${toPosixPath(f.path)}:${f.line}`), blobUrl(t, f.path, f.line));

/** Characters a block of lines takes once joined with newlines. */
const size = (lines: string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

/** Collects lines up to a character budget. */
class Budget {
  readonly lines: string[] = [];
  constructor(public remaining: number) {}
  /** All or nothing: a block is either whole in the summary or counted as left out. */
  add(block: string[]): boolean {
    if (size(block) > this.remaining) return false;
    this.remaining -= size(block);
    this.lines.push(...block);
    return true;
  }
}

function head(report: ScanReport): string[] {
  const active = activeFindings(report);
  const counts = countBySeverity(active);
  const failing = failingFindings(report).length;
  const out = [
    active.length > 0 ? `## SAS Guard found ${plural(active.length, "Azure credential")}` : "## No Azure credentials found",
    "",
    row([...SEVERITIES.map((s) => SEVERITY_LABEL[s]), "Suppressed"]),
    row(Array(SEVERITIES.length + 1).fill("---:")),
    row([...SEVERITIES.map((s) => String(counts[s])), String(report.findings.length - active.length)]),
    "",
    failing > 0
      ? `**Failing:** ${plural(failing, "finding")} at or above \`${report.failOn}\` (the \`failOn\` threshold).`
      : `**Passing:** nothing at or above \`${report.failOn}\` (the \`failOn\` threshold).`,
    "",
  ];
  if (report.incomplete.length > 0) {
    out.push("> **Not everything was scanned**, so a token may have been missed:");
    for (const i of report.incomplete) out.push(`> - ${escapeText(truncate(i, 500))}`);
    out.push("");
  }
  if (report.configErrors.length > 0) {
    out.push(`### Configuration problems in ${codeSpan(report.configSource)}`, "", "The scan ran with the defaults for these keys:");
    for (const e of report.configErrors.slice(0, MAX_LISTED_CONFIG_ERRORS)) out.push(`- ${escapeText(truncate(e, 500))}`);
    const more = report.configErrors.length - MAX_LISTED_CONFIG_ERRORS;
    if (more > 0) out.push(`- … and ${more} more: run \`npx sas-guard scan\` locally to see them all.`);
    out.push("");
  }
  return out;
}

/** The "Exposed since" cell (issue 11): the first commit's date, or that it is not known. */
const exposedSince = (f: Finding): string => (f.exposure?.since ? f.exposure.since.slice(0, 10) : "unknown");

const findingRow = (f: Finding, t: BlobLinkTarget, withExposure = false): string =>
  row([
    location(f, t),
    escapeText(KIND_LABEL[f.kind]),
    SEVERITY_LABEL[f.severity],
    ...(withExposure ? [escapeText(exposedSince(f))] : []),
    codeSpan(f.redacted),
    escapeText(mainReasons(f).map((r) => r.message).join(" ")),
  ]);

function detailBlock(f: Finding, t: BlobLinkTarget): string[] {
  const out = [`### ${escapeText(headline(f))}`, "", `${location(f, t)} · fingerprint ${codeSpan(f.fingerprint)}`, ""];
  out.push(`**What this token allows:** ${escapeText(f.summary)}`, "");
  if (f.verification) out.push(`**${escapeText(verificationLine(f.verification))}**`, "");
  for (const r of f.reasons) out.push(`- ${escapeText(r.message)}`);
  for (const v of f.violations) out.push(`- Breaks the repository policy (${codeSpan(v.rule)}): ${escapeText(v.message)}`);
  if (f.origin) out.push(`- First committed in ${codeSpan(f.origin.commit.slice(0, 12))} as ${codeSpan(toPosixPath(f.origin.path))}.`);
  if (f.exposure?.summary) out.push(`- **Exposure:** ${escapeText(f.exposure.summary)}`);
  for (const n of f.notes ?? []) out.push(`- Note: ${escapeText(n)}`);
  out.push("", "**How to fix:**", "");
  f.remediation.forEach((s, i) => out.push(`${i + 1}. ${escapeText(s)}`));
  out.push("");
  return out;
}

/** A collapsed list; items that do not fit are counted on a last line instead. */
function details(budget: Budget, summary: string, header: string[], items: string[], what: string): number {
  if (items.length === 0) return 0;
  const open = [`<details><summary>${summary}</summary>`, "", ...header];
  const close = ["", "</details>", ""];
  const tailRoom = 120;
  const inner = new Budget(Math.max(0, budget.remaining - size(open) - size(close) - tailRoom));
  let shown = 0;
  while (shown < items.length && inner.add([items[shown]])) shown++;
  if (shown === 0) return items.length;
  const more = items.length - shown;
  budget.add([...open, ...inner.lines, ...(more > 0 ? ["", `… and ${more} more ${what} not listed here.`] : []), ...close]);
  return more;
}

export function renderSummary(report: ScanReport, target: BlobLinkTarget): string {
  const top = head(report);
  const footer = [
    "---",
    `Config: ${codeSpan(report.configSource)} · ${plural(report.stats.files, "file")} scanned in ${report.stats.ms} ms · SAS Guard never shows a whole signature or key.`,
  ];
  const body = new Budget(MAX_SUMMARY_CHARS - size(top) - size(footer) - RESERVED_CHARS);
  const active = activeFindings(report);

  let tabled = 0;
  // The "Exposed since" column only when the scan looked up exposure (the App); other reports keep five columns.
  const withExposure = active.some((f) => f.exposure);
  const columns = withExposure ? ["Location", "Kind", "Severity", "Exposed since", "Token", "Why"] : ["Location", "Kind", "Severity", "Token", "Why"];
  if (active.length > 0 && body.add(["### Findings", "", row(columns), row(Array(columns.length).fill("---"))])) {
    while (tabled < active.length && body.add([findingRow(active[tabled], target, withExposure)])) tabled++;
    body.add([""]);
  }
  const serious = active.filter((f) => f.severity === "critical" || f.severity === "high");
  let detailed = 0;
  while (detailed < serious.length && body.add(detailBlock(serious[detailed], target))) detailed++;

  const suppressed = suppressedFindings(report);
  const suppressedLeft = details(
    body,
    `Suppressed findings (${suppressed.length})`,
    [row(["Location", "Kind", "Severity", "Fingerprint", "Why suppressed"]), row(Array(5).fill("---"))],
    suppressed.map((f) =>
      row([location(f, target), escapeText(KIND_LABEL[f.kind]), SEVERITY_LABEL[f.severity], codeSpan(f.fingerprint), escapeText(suppressionText(f))]),
    ),
    "suppressed findings",
  );
  const skippedLeft = details(
    body,
    `Skipped files (${report.skipped.length})`,
    [],
    report.skipped.map((s) => `- ${codeSpan(toPosixPath(s.path))}: ${escapeText(s.reason)}`),
    "skipped files",
  );

  const note = truncationNote(active.length - tabled, active.length, serious.length - detailed, suppressedLeft, skippedLeft);
  return [...top, ...note, ...body.lines, ...footer].join("\n");
}

function suppressionText(f: Finding): string {
  const s = f.suppression!;
  return `${s.by === "inline" ? "inline comment" : "allowlist"}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ""}`;
}

function truncationNote(untabled: number, total: number, undetailed: number, suppressedLeft: number, skippedLeft: number): string[] {
  if (untabled + undetailed + suppressedLeft + skippedLeft === 0) return [];
  const left: string[] = [];
  if (untabled > 0) left.push(`${untabled} of ${total} findings are left out of the table`);
  if (undetailed > 0) left.push(`${plural(undetailed, "critical or high finding")} have no detail section`);
  if (suppressedLeft > 0) left.push(`${plural(suppressedLeft, "suppressed finding")} not listed`);
  if (skippedLeft > 0) left.push(`${plural(skippedLeft, "skipped file")} not listed`);
  return [
    `> **This summary is shortened** to fit GitHub's limit of 65,535 characters: ${left.join("; ")}.`,
    "> Every unsuppressed finding is annotated on its line (see **Files changed** or the annotations of this check run);",
    "> `npx sas-guard scan --format json` (or `--format sarif`) lists everything.",
    "",
  ];
}
