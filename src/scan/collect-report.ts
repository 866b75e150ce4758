// Builds a ScanReport from any source of documents (files on disk, git blobs, the App's diffs).
import type { SasGuardConfig } from "../config/schema.js";
import { applyExposure } from "../detect/exposure.js";
import type { Finding, Origin, Visibility } from "../detect/types.js";
import type { OmittedFindings, ScanReport, SkippedFile } from "../report/scan-report.js";
import { scanDocumentSafely } from "./scan-document-safely.js";

export type SourceItem =
  | {
      path: string;
      text: string;
      bytes: number;
      origin?: Origin;
      /** Only findings on these 1-based lines count (the lines a change adds); all lines when absent. */
      lines?: ReadonlySet<number>;
      /** The blob is part of the branch head (history scans): its tokens are still present. */
      atHead?: boolean;
    }
  | {
      path: string;
      skipped: string;
      /** True when the file should have been scanned but could not be (an API error): the scan is incomplete. */
      incomplete?: boolean;
    };

export interface CollectOptions {
  config: SasGuardConfig;
  configSource: string;
  configErrors: string[];
  failOn: ScanReport["failOn"];
  now: Date;
  /** Keep one finding per fingerprint, the one with the oldest origin (history scans see each version of a file). */
  dedupeByFingerprint?: boolean;
  onProgress?: (files: number, bytes: number) => void;
  /** Monotonic milliseconds, injected so reports are reproducible in tests. */
  clock?: () => number;
  /** History scans: attach each token's exposure window (first commit, still at head) and the investigation step. */
  exposure?: { branch: string; visibility: Visibility };
}

export async function collectReport(source: AsyncIterable<SourceItem> | Iterable<SourceItem>, o: CollectOptions): Promise<ScanReport> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const skipped: SkippedFile[] = [];
  const incomplete: string[] = [];
  const omitted: OmittedFindings[] = [];
  let findings: Finding[] = [];
  const byFingerprint = new Map<string, Finding>();
  const atHead = new Set<string>();
  let files = 0;
  let bytes = 0;
  for await (const item of source) {
    if ("skipped" in item) {
      skipped.push({ path: item.path, reason: item.skipped });
      if (item.incomplete) incomplete.push(`${item.path}: ${item.skipped}`);
      continue;
    }
    files++;
    bytes += item.bytes;
    o.onProgress?.(files, bytes);
    const scanned = scanDocumentSafely(item.text, item.path, o.config, o.now);
    if ("notScanned" in scanned) {
      // this document only: the others' findings stay, and the scan is incomplete (never success)
      skipped.push({ path: item.path, reason: scanned.notScanned });
      incomplete.push(`${item.path}: ${scanned.notScanned}`);
      continue;
    }
    if (scanned.omitted.count > 0) omitted.push({ path: item.path, count: scanned.omitted.count, maxSeverity: scanned.omitted.maxSeverity ?? "info" });
    for (const f of scanned.findings) {
      if (item.lines && !item.lines.has(f.line)) continue; // present before this change: not introduced here
      const finding = item.origin ? { ...f, origin: item.origin } : f;
      if (item.atHead) atHead.add(f.fingerprint);
      if (!o.dedupeByFingerprint) {
        findings.push(finding);
        continue;
      }
      const seen = byFingerprint.get(f.fingerprint);
      if (!seen || older(finding.origin, seen.origin)) byFingerprint.set(f.fingerprint, finding);
    }
  }
  if (o.dedupeByFingerprint) findings = [...byFingerprint.values()];
  const ex = o.exposure;
  if (ex) {
    findings = findings.map((f) =>
      applyExposure(f, { since: f.origin?.date, commit: f.origin?.commit, author: f.origin?.author, stillPresent: atHead.has(f.fingerprint), branch: ex.branch, visibility: ex.visibility }, o.now),
    );
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  return {
    findings,
    skipped,
    stats: { files, bytes, ms: Math.round(clock() - started) },
    configSource: o.configSource,
    configErrors: o.configErrors,
    failOn: o.failOn,
    incomplete,
    ...(omitted.length > 0 ? { omitted } : {}),
  };
}

const older = (a: Origin | undefined, b: Origin | undefined): boolean => !!a?.date && (!b?.date || a.date < b.date);
