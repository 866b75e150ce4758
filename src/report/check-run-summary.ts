// The check run's `output.summary` (also the Action's job summary), laid out for the check-run pane: the first
// screen says how bad, where, and the one thing to do first; then a compact table; then one section per finding.
// GitHub rejects a summary over 65,535 bytes of UTF-8 (422 "exceeds a maximum bytesize";
// https://docs.github.com/en/rest/checks/runs#create-a-check-run), so blocks are added worst first within a byte
// budget and whatever did not fit is counted where it would have been.
import { SEVERITIES } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";
import {
  KIND_LABEL,
  SEVERITY_LABEL,
  activeFindings,
  countBySeverity,
  failingFindings,
  plural,
  suppressedFindings,
  toPosixPath,
  truncate,
} from "./explain-finding.js";
import { TABLE_HEAD, detailBlock, findingRow, location, type BlobLinkTarget } from "./check-run-findings.js";
import { codeSpan, escapeText, row } from "./markdown.js";
import { truncateUtf8, utf8Bytes } from "./utf8.js";

export { blobUrl, type BlobLinkTarget } from "./check-run-findings.js";

export const MAX_SUMMARY_BYTES = 65_535;
/** @deprecated the limit is in bytes: use MAX_SUMMARY_BYTES and fitSummary. */
export const MAX_SUMMARY_CHARS = MAX_SUMMARY_BYTES;
/** Room kept for the truncation note and the footer, whatever the sections used. */
const RESERVED_BYTES = 1_500;
const MAX_LISTED_CONFIG_ERRORS = 20;

/** A summary (or one a publisher prefixed with a note) cut to GitHub's byte limit, on a character boundary. */
export const fitSummary = (summary: string): string => truncateUtf8(summary, MAX_SUMMARY_BYTES, "\n\n… (cut to fit GitHub's limit of 65,535 bytes)");

/** Bytes a block of lines takes once joined with newlines. */
const size = (lines: string[]): number => lines.reduce((n, l) => n + utf8Bytes(l) + 1, 0);

/** Collects lines up to a byte budget. */
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

const inWords = (counts: Record<string, number>): string =>
  SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");

function head(report: ScanReport): string[] {
  const active = activeFindings(report);
  const suppressed = report.findings.length - active.length;
  const failing = failingFindings(report).length;
  const found =
    active.length > 0 ? `**${plural(active.length, "Azure credential")} found** (${inWords(countBySeverity(active))}).` : "**No Azure credentials found.**";
  const verdict =
    failing > 0
      ? `**Failing:** ${plural(failing, "finding")} at or above ${codeSpan(report.failOn)} (the ${codeSpan("failOn")} threshold).`
      : `**Passing:** nothing at or above ${codeSpan(report.failOn)} (the ${codeSpan("failOn")} threshold).`;
  const out = [`${found} ${verdict}${suppressed > 0 ? ` ${plural(suppressed, "finding")} suppressed (listed below).` : ""}`, ""];
  // The table's "First action" column says what to do for each finding; this line says why it comes first.
  if (active.length > 0) out.push("**Revoke first, then delete:** deleting the line does not revoke a token. Each finding's first action is in the table.", "");
  if (report.incomplete.length > 0) {
    out.push("> **Not everything was scanned**, so a token may have been missed:");
    for (const i of report.incomplete) out.push(`> - ${escapeText(truncate(i, 500))}`);
    out.push("");
  }
  if ((report.omitted ?? []).length > 0) {
    // past the per-document cap: counted, not detailed, and counted as failing when their worst severity is
    out.push("> **More findings than are listed** (the 1,000 most severe per file are detailed):");
    for (const o of report.omitted ?? []) out.push(`> - ${codeSpan(o.path)}: ${o.count.toLocaleString("en-US")} more, the worst ${o.maxSeverity}`);
    out.push("");
  }
  if (report.configErrors.length > 0) {
    out.push(`### Configuration problems in ${codeSpan(report.configSource)}`, "", "The scan ran with the defaults for these keys:");
    for (const e of report.configErrors.slice(0, MAX_LISTED_CONFIG_ERRORS)) out.push(`- ${escapeText(truncate(e, 500))}`);
    const more = report.configErrors.length - MAX_LISTED_CONFIG_ERRORS;
    if (more > 0) out.push(`- … and ${more} more: run ${codeSpan("npx sas-guard scan")} locally to see them all.`);
    out.push("");
  }
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
  budget.add([...open, ...inner.lines, ...(more > 0 ? ["", `… and ${more} more ${what} not shown.`] : []), ...close]);
  return more;
}

function suppressionText(f: ScanReport["findings"][number]): string {
  const s = f.suppression!;
  return `${s.by === "inline" ? "inline comment" : "allowlist"}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ""}`;
}

export function renderSummary(report: ScanReport, target: BlobLinkTarget): string {
  const top = head(report);
  const { files, ms } = report.stats;
  const footer = [
    "---",
    `Config: ${codeSpan(report.configSource)} · ${plural(files, "file")} scanned in ${ms} ms · SAS Guard never shows a whole signature or key.`,
  ];
  const body = new Budget(MAX_SUMMARY_BYTES - size(top) - size(footer) - RESERVED_BYTES);
  const active = activeFindings(report);

  let tabled = 0;
  if (active.length > 0 && body.add([...TABLE_HEAD])) {
    while (tabled < active.length && body.add([findingRow(active[tabled], target)])) tabled++;
    body.add(tabled < active.length ? ["", `… ${plural(active.length - tabled, "more finding")} not shown in this table.`, ""] : [""]);
  }
  let detailed = 0;
  while (detailed < active.length && body.add(detailBlock(active[detailed], target, detailed + 1))) detailed++;
  if (detailed < active.length) body.add([`… ${plural(active.length - detailed, "more finding")} not detailed here.`, ""]);

  const suppressed = suppressedFindings(report);
  const suppressedLeft = details(
    body,
    `Suppressed findings (${suppressed.length})`,
    [row(["Location", "Kind", "Severity", "Fingerprint", "Why suppressed"]), row(Array(5).fill("---"))],
    suppressed.map((f) =>
      row([
        location(f, target),
        escapeText(KIND_LABEL[f.kind]),
        SEVERITY_LABEL[f.severity],
        codeSpan(f.fingerprint, { inTable: true }),
        escapeText(suppressionText(f)),
      ]),
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

  const note = truncationNote(active.length - tabled, active.length, active.length - detailed, suppressedLeft, skippedLeft);
  return fitSummary([...top, ...note, ...body.lines, ...footer].join("\n"));
}

function truncationNote(untabled: number, total: number, undetailed: number, suppressedLeft: number, skippedLeft: number): string[] {
  if (untabled + undetailed + suppressedLeft + skippedLeft === 0) return [];
  const left: string[] = [];
  if (untabled > 0) left.push(`${untabled} of ${total} findings are left out of the table`);
  if (undetailed > 0) left.push(`${plural(undetailed, "finding")} ${undetailed === 1 ? "has" : "have"} no detail section`);
  if (suppressedLeft > 0) left.push(`${plural(suppressedLeft, "suppressed finding")} not listed`);
  if (skippedLeft > 0) left.push(`${plural(skippedLeft, "skipped file")} not listed`);
  return [
    `> **This summary is shortened** to fit GitHub's limit of 65,535 bytes: ${left.join("; ")}.`,
    "> Every unsuppressed finding is annotated on its line (see **Files changed** or the annotations of this check run);",
    `> ${codeSpan("npx sas-guard scan --format json")} (or ${codeSpan("--format sarif")}) lists everything.`,
    "",
  ];
}
