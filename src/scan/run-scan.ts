// The one scan pipeline, the same for the CLI, `audit`, the Action, the App's push/PR job and the baseline:
// a source's documents → engine (base severity, then policy) → suppression → verification → exposure → a
// ScanReport the publishers take. The adjusters run in this fixed order and record themselves on each finding's
// severityTrail (docs/ARCHITECTURE.md "One risk outcome").
import { applyExposure } from "../detect/exposure.js";
import type { Exposure, Finding, Origin } from "../detect/types.js";
import type { OmittedFindings, ScanReport, SkippedFile } from "../report/scan-report.js";
import { verifyFindings } from "../verify/verify-report.js";
import type { ScanConfig } from "./scan-config.js";
import { installedScanPool } from "./pool/installed-pool.js";
import { scanInOrder, type DocItem } from "./pool/scan-in-order.js";
import type { ScanPool } from "./pool/scan-pool.js";
import type { Source, SourceItem } from "./source-item.js";
import { setImmediate as nextTurn } from "node:timers/promises";

/** Exposure facts for the findings of a scan: from git (origins) or from the GitHub API. Called once, after verification. */
export type ExposureLookup = (findings: readonly Finding[], atHead: ReadonlySet<string>) => Promise<(f: Finding) => Exposure | undefined>;

export interface RunScanOptions {
  /** The scan date: expiry, allowlist expiry and exposure windows are judged against it. */
  now: Date;
  /** Monotonic milliseconds for the report's duration; injected so reports are reproducible in tests. */
  clock?: () => number;
  onProgress?: (files: number, bytes: number) => void;
  /** Keep one finding per fingerprint, the one with the oldest origin (history scans see each version of a file). */
  dedupeByFingerprint?: boolean;
  exposure?: ExposureLookup;
  /** Runs right after suppression, before verification: an adapter's own suppression rule (the App's inline
   * ignores that a change adds for its own token, src/github/added-ignores.ts). */
  reviseSuppression?: (findings: Finding[]) => Finding[];
  /** Scan on these worker threads (src/scan/pool); default: the process's installed pool (the App), else this thread. */
  pool?: ScanPool;
}

interface Detected {
  findings: Finding[];
  skipped: SkippedFile[];
  incomplete: string[];
  omitted: OmittedFindings[];
  atHead: Set<string>;
  files: number;
  bytes: number;
}

const isDoc = (item: SourceItem): item is SourceItem & DocItem => !("skipped" in item);

async function detect(source: Source, sc: ScanConfig, o: RunScanOptions): Promise<Detected> {
  const d: Detected = { findings: [], skipped: [], incomplete: [], omitted: [], atHead: new Set(), files: 0, bytes: 0 };
  const byFingerprint = new Map<string, Finding>();
  // The engine call: scanInOrder hands documents to the scan pool (worker threads, src/scan/pool) or scans them in
  // this thread, and yields them in source order, so reports are the same either way.
  for await (const { item, result } of scanInOrder(source, isDoc, { pool: o.pool ?? installedScanPool(), sc, now: o.now })) {
    if ("skipped" in item) {
      d.skipped.push({ path: item.path, reason: item.skipped });
      if (item.incomplete) d.incomplete.push(`${item.path}: ${item.skipped}`);
      continue;
    }
    if (!result) continue;
    if ("notScanned" in result) {
      // this document only: the others' findings stay, and the scan is incomplete (never success)
      d.skipped.push({ path: item.path, reason: result.notScanned });
      if (result.incomplete) d.incomplete.push(`${item.path}: ${result.notScanned.startsWith("not scanned") ? "" : "not scanned: "}${result.notScanned}`);
      continue;
    }
    d.files++;
    d.bytes += "bytes" in item ? item.bytes : result.bytes;
    o.onProgress?.(d.files, d.bytes);
    if (result.omitted > 0) d.omitted.push({ path: item.path, count: result.omitted, maxSeverity: result.omittedMaxSeverity ?? "info" });
    const extra = "text" in item ? item : undefined; // lines, origin, atHead: only items that carry their text
    for (const f of result.findings) {
      if (extra?.lines && !extra.lines.has(f.line)) continue; // present before this change: not introduced here
      const finding = extra?.origin ? { ...f, origin: extra.origin } : f;
      if (extra?.atHead) d.atHead.add(f.fingerprint);
      if (!o.dedupeByFingerprint) {
        d.findings.push(finding);
        continue;
      }
      const seen = byFingerprint.get(f.fingerprint);
      if (!seen || older(finding.origin, seen.origin)) byFingerprint.set(f.fingerprint, finding);
    }
  }
  if (o.dedupeByFingerprint) d.findings = [...byFingerprint.values()];
  return d;
}

export async function runScan(source: Source, sc: ScanConfig, o: RunScanOptions): Promise<ScanReport> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const d = await detect(source, sc, o);
  if (o.reviseSuppression) d.findings = o.reviseSuppression(d.findings);
  // Opt-in, after detection: each distinct secret asked once (docs/verification.md).
  let findings = sc.verify && d.findings.length > 0 ? await verifyFindings(d.findings, sc.verify) : d.findings;
  if (o.exposure && findings.length > 0) {
    const factsOf = await o.exposure(findings, d.atHead);
    const exposed: Finding[] = [];
    for (const f of findings) {
      const facts = factsOf(f);
      exposed.push(facts ? applyExposure(f, facts, o.now) : f);
      if (exposed.length % STEP_FINDINGS === 0) await nextTurn();
    }
    findings = exposed;
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  // Many findings: what the caller does next (render, publish) starts on a fresh turn of the event loop.
  if (findings.length > STEP_FINDINGS) await nextTurn();
  return {
    findings,
    skipped: d.skipped,
    stats: { files: d.files, bytes: d.bytes, ms: Math.round(clock() - started) },
    configSource: sc.configSource,
    configErrors: [...sc.configErrors],
    failOn: sc.failOn,
    incomplete: d.incomplete,
    ...(d.omitted.length > 0 ? { omitted: d.omitted } : {}),
  };
}

/** The App's webhook server shares this thread (README "Scanning on every core"): work over thousands of findings (exposure
 * adds a sentence and a step to each, ~30 ms per 1,000) gives the event loop a turn every STEP_FINDINGS. */
const STEP_FINDINGS = 200;

const older = (a: Origin | undefined, b: Origin | undefined): boolean => !!a?.date && (!b?.date || a.date < b.date);
