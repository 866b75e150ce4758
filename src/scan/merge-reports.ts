// A baseline scans the branch head and, optionally, its history: two runs of the pipeline, one report. A token
// found at the head is reported there (annotated); history adds only tokens the head no longer holds.
import type { ScanReport } from "../report/scan-report.js";

export function mergeReports(head: ScanReport, history: ScanReport): ScanReport {
  const atHead = new Set(head.findings.map((f) => f.fingerprint));
  return {
    ...head,
    findings: [...head.findings, ...history.findings.filter((f) => !atHead.has(f.fingerprint))],
    skipped: [...head.skipped, ...history.skipped],
    incomplete: [...head.incomplete, ...history.incomplete],
    stats: { files: head.stats.files + history.stats.files, bytes: head.stats.bytes + history.stats.bytes, ms: head.stats.ms + history.stats.ms },
  };
}
