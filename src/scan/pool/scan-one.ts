// One document, the same way in a pool worker and in process: read it (when given a file), scan it, keep at most
// `maxFindings` detailed findings (the most severe first) and count the rest. Never throws for a bad file.
import { SEVERITIES, type Finding, type Severity } from "../../detect/types.js";
import { readTextFile } from "../read-text-file.js";
import type { ScanConfig } from "../scan-config.js";
import { scanDocument } from "../scan-document.js";
import { scanDocumentSafely } from "../scan-document-safely.js";

/** What the pool is given: the text, its bytes (decoded as UTF-8), or a file to read (the CLI: reading runs on every core too). */
export type DocInput = { path: string; text: string } | { path: string; bytes: Uint8Array } | { path: string; file: string; maxBytes: number };

/** `omitted`: findings beyond `maxFindingsPerDocument`, counted but not kept. `notScanned`: the reason, and whether
 * the scan is incomplete because of it (a time budget or a crash) or the file is simply not text (binary, too large). */
export type DocResult =
  | { path: string; findings: Finding[]; bytes: number; omitted: number; omittedMaxSeverity?: Severity }
  | { path: string; notScanned: string; incomplete: boolean };

export const DEFAULT_MAX_FINDINGS_PER_DOCUMENT = 1_000;

const rank = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Keeps the `max` findings that matter most (unsuppressed first, then the most severe; ties: document order),
 * returned in document order. */
export function capFindings(findings: Finding[], max: number): { findings: Finding[]; omitted: number } {
  if (findings.length <= max) return { findings, omitted: 0 };
  const keep = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Number(!!a.f.suppression) - Number(!!b.f.suppression) || rank.get(a.f.severity)! - rank.get(b.f.severity)! || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.f);
  return { findings: keep, omitted: findings.length - max };
}

export function scanOne(doc: DocInput, sc: ScanConfig, now: Date, maxFindings: number): DocResult {
  let text: string;
  let bytes: number;
  if ("file" in doc) {
    const r = readTextFile(doc.file, doc.maxBytes);
    if ("skipped" in r) return { path: doc.path, notScanned: r.skipped, incomplete: false };
    ({ text, bytes } = r);
  } else if ("text" in doc) {
    // before "bytes": runScan's text items also carry a byte count named `bytes`
    text = doc.text;
    bytes = Buffer.byteLength(doc.text);
  } else {
    text = Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength).toString("utf8");
    bytes = doc.bytes.byteLength;
  }
  if (text === "") return { path: doc.path, bytes, findings: [], omitted: 0 };
  // The engine builds at most maxFindings in full (the most severe) and counts the rest; a throw is this document's only.
  const r = scanDocumentSafely(text, doc.path, sc, now, scanDocument, maxFindings);
  if ("notScanned" in r) return { path: doc.path, notScanned: r.notScanned, incomplete: true };
  const capped = capFindings(r.findings, maxFindings);
  const omittedMaxSeverity = r.omitted.maxSeverity ?? (capped.omitted > 0 ? "info" : undefined);
  return { path: doc.path, bytes, findings: capped.findings, omitted: r.omitted.count + capped.omitted, ...(omittedMaxSeverity ? { omittedMaxSeverity } : {}) };
}
