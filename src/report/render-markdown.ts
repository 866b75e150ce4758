// The check run's output (title, summary, annotations) and conclusion: what the App publishes and what the
// GitHub Action writes to its job summary. Pure: the publisher sends it, in annotation batches of 50.
import type { ScanReport } from "./scan-report.js";
import { activeFindings, failingFindings, headline, plural, truncate } from "./explain-finding.js";
import { renderSummary, type BlobLinkTarget } from "./check-run-summary.js";
import { toAnnotations, type CheckRunAnnotation } from "./check-run-annotations.js";
import { plainLine } from "./escape.js";
import { escapeText } from "./markdown.js";

export { chunk, MAX_ANNOTATIONS_PER_REQUEST, type CheckRunAnnotation } from "./check-run-annotations.js";
export { MAX_SUMMARY_BYTES, MAX_SUMMARY_CHARS, blobUrl, fitSummary, type BlobLinkTarget } from "./check-run-summary.js";

export const MAX_TITLE_CHARS = 255;

export interface CheckRunOutput {
  title: string;
  summary: string;
  /** All of them: send with `chunk(annotations)`, one create/update request per batch. */
  annotations: CheckRunAnnotation[];
}

export type CheckRunConclusion = "failure" | "neutral" | "success";

export interface ConclusionOptions {
  /** Config `checks.conclusionBelowFailOn`: what findings below failOn give. Default "neutral". */
  belowFailOn?: "neutral" | "success";
}

/**
 * failure: an unsuppressed finding at or above failOn. neutral: part of the change could not be scanned (never
 * "success" for what we did not read), or findings below failOn (unless configured as success).
 * success: clean, or only suppressed findings.
 */
export function conclusionFor(report: ScanReport, { belowFailOn = "neutral" }: ConclusionOptions = {}): CheckRunConclusion {
  if (failingFindings(report).length > 0) return "failure";
  if (report.incomplete.length > 0) return "neutral";
  return activeFindings(report).length > 0 ? belowFailOn : "success";
}

/** The worst finding in words ("Critical: account SAS with full control until 2051 in README.md"), ≤ 255 characters. */
export function checkRunTitle(report: ScanReport): string {
  const active = activeFindings(report);
  const suppressed = report.findings.length - active.length;
  if (active.length > 0) {
    const others = active.length - 1;
    const suffix = others > 0 ? ` (and ${plural(others, "more finding")})` : "";
    return truncate(plainLine(headline(active[0])), MAX_TITLE_CHARS - suffix.length) + suffix;
  }
  const base = report.incomplete.length > 0 ? "Scan incomplete: no Azure credentials found in what was scanned" : "No Azure credentials found";
  return truncate(suppressed > 0 ? `${base} (${suppressed} suppressed)` : base, MAX_TITLE_CHARS);
}

/**
 * The Action's job summary: an H2 with the check's title, what was scanned, then the check-run summary (which
 * starts with a paragraph, so two headings never follow each other). `scanned` is Markdown the caller built.
 */
export const renderJobSummary = (check: Pick<CheckRunOutput, "title" | "summary">, scanned: string): string =>
  `## SAS Guard: ${escapeText(check.title)}\n\nScanned ${scanned}.\n\n${check.summary}\n`;

export function renderCheckRun(report: ScanReport, target: BlobLinkTarget): CheckRunOutput {
  return {
    title: checkRunTitle(report),
    summary: renderSummary(report, target),
    annotations: toAnnotations(report),
  };
}
