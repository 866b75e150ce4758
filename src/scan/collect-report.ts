// Builds a ScanReport from any source of documents (files on disk, git blobs, the App's diffs).
import type { SasGuardConfig } from "../config/schema.js";
import { applyExposure } from "../detect/exposure.js";
import type { Finding, Origin, Visibility } from "../detect/types.js";
import type { ScanReport, SkippedFile } from "../report/scan-report.js";
import { scanInOrder, type DocItem } from "./pool/scan-in-order.js";
import { installedScanPool } from "./pool/installed-pool.js";
import type { ScanPool } from "./pool/scan-pool.js";

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
  /** A file on disk, read by whoever scans it (a pool worker, or this thread): the CLI's working tree. */
  | { path: string; file: string; maxBytes: number }
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
  /** Scan on worker threads (src/scan/pool); default: the process's installed pool (the App), else this thread. Results are the same either way. */
  pool?: ScanPool;
  /** Detailed findings kept per document (the most severe); the rest are counted. Default 1,000. */
  maxFindingsPerDocument?: number;
}

const isDoc = (item: SourceItem): item is SourceItem & DocItem => !("skipped" in item);

export async function collectReport(source: AsyncIterable<SourceItem> | Iterable<SourceItem>, o: CollectOptions): Promise<ScanReport> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const skipped: SkippedFile[] = [];
  const incomplete: string[] = [];
  let findings: Finding[] = [];
  const byFingerprint = new Map<string, Finding>();
  const atHead = new Set<string>();
  let files = 0;
  let bytes = 0;
  // The engine call (the one place a pool plugs in): scanInOrder hands documents to the pool (or scans them here) and yields them in source order.
  for await (const { item, result } of scanInOrder(source, isDoc, { pool: o.pool ?? installedScanPool(), config: o.config, now: o.now, maxFindingsPerDocument: o.maxFindingsPerDocument })) {
    if ("skipped" in item) {
      skipped.push({ path: item.path, reason: item.skipped });
      if (item.incomplete) incomplete.push(`${item.path}: ${item.skipped}`);
      continue;
    }
    if (!result) continue;
    if ("notScanned" in result) {
      skipped.push({ path: item.path, reason: result.notScanned });
      if (result.incomplete) incomplete.push(`${item.path}: not scanned: ${result.notScanned}`);
      continue;
    }
    files++;
    bytes += "bytes" in item ? item.bytes : result.bytes;
    o.onProgress?.(files, bytes);
    if (result.omitted > 0) {
      skipped.push({ path: item.path, reason: `${result.omitted.toLocaleString("en-US")} more findings not listed (only the ${result.findings.length.toLocaleString("en-US")} most severe are kept per document)` });
    }
    const extra = "text" in item ? item : undefined; // lines, origin, atHead: only items that carry their text
    for (const f of result.findings) {
      if (extra?.lines && !extra.lines.has(f.line)) continue; // present before this change: not introduced here
      const finding = extra?.origin ? { ...f, origin: extra.origin } : f;
      if (extra?.atHead) atHead.add(f.fingerprint);
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
  };
}

const older = (a: Origin | undefined, b: Origin | undefined): boolean => !!a?.date && (!b?.date || a.date < b.date);
