// Check-run annotations: one per unsuppressed finding, on its line. Limits from the Checks API
// (https://docs.github.com/en/rest/checks/runs#update-a-check-run): 50 per request, title ≤ 255 characters,
// message and raw_details ≤ 64 KB, start/end_column only when start_line == end_line.
import type { Finding, Severity } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";
import { activeFindings, headline, toPosixPath, truncate } from "./explain-finding.js";
import { truncateUtf8 as cutUtf8 } from "./utf8.js";
import { plainLine } from "./escape.js";

export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_ANNOTATION_TITLE = 255;
export const MAX_ANNOTATION_BYTES = 64 * 1024;

export type AnnotationLevel = "notice" | "warning" | "failure";

/** The body of one entry of `output.annotations`, named as the REST API names it. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details?: string;
}

export const ANNOTATION_LEVEL: Record<Severity, AnnotationLevel> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

const CUT_MARKER = "\n… (cut to fit GitHub's 64 KB limit)";

/** Cut to at most `maxBytes` of UTF-8, on a character boundary, marking the cut. */
export const truncateUtf8 = (text: string, maxBytes: number): string => cutUtf8(text, maxBytes, CUT_MARKER);

/** What the annotation says: the explanation, then the remediation. Plain text: annotations do not render Markdown. */
export function annotationMessage(f: Finding): string {
  const lines = [f.summary];
  if (f.reasons.length > 0) lines.push("", "Why:", ...f.reasons.map((r) => `- ${r.message}`));
  if (f.violations.length > 0) lines.push("", "Breaks the repository policy:", ...f.violations.map((v) => `- ${v.rule}: ${v.message}`));
  for (const n of f.notes ?? []) lines.push("", `Note: ${n}`);
  if (f.remediation.length > 0) lines.push("", "How to fix:", ...f.remediation.map((s, i) => `${i + 1}. ${s}`));
  return lines.join("\n");
}

export function toAnnotation(f: Finding): CheckRunAnnotation {
  const columns = f.endColumn > f.column ? { start_column: f.column, end_column: f.endColumn } : {};
  return {
    path: toPosixPath(f.path),
    start_line: f.line,
    end_line: f.line,
    ...columns,
    annotation_level: ANNOTATION_LEVEL[f.severity],
    // the annotation already sits on the file, so the headline without " in <path>"
    title: truncate(plainLine(headline(f, { withPath: false })), MAX_ANNOTATION_TITLE),
    message: truncateUtf8(annotationMessage(f), MAX_ANNOTATION_BYTES),
    raw_details: truncateUtf8(`Token (redacted): ${f.redacted}\nFingerprint: ${f.fingerprint}`, MAX_ANNOTATION_BYTES),
  };
}

/** Unsuppressed findings only (suppressed ones are listed in the summary), worst first so the first batch matters most. */
export const toAnnotations = (report: ScanReport): CheckRunAnnotation[] => activeFindings(report).map(toAnnotation);

/** Split into batches of `size`: the Checks API takes at most 50 annotations per create/update request. */
export function chunk<T>(items: readonly T[], size: number = MAX_ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer (got ${size})`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
