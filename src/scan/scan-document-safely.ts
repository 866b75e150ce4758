// Per-document isolation (issue 15): whatever goes wrong while scanning one document stays with that document.
// An exception makes it "not scanned: <reason>" (the caller lists it and counts the scan incomplete); it never
// takes other documents' findings with it. And a document's work is bounded: at most MAX_DETAILED_FINDINGS
// findings are built in full, the rest are counted (README "Engine limits and isolation").
import type { ScanConfig } from "./scan-config.js";
import { redactSecretsInText } from "../detect/redact-text.js";
import type { Finding, LimitedScan } from "../detect/types.js";
import { scanDocument } from "./scan-document.js";

/** Findings built in full per document; enough for any real file, small enough to bound memory and output. */
export const MAX_DETAILED_FINDINGS = 1000;

export type SafeScan = { findings: Finding[]; omitted: LimitedScan["omitted"] } | { notScanned: string };

type Scanner = typeof scanDocument;

/** `scan` is the real pipeline step; tests pass one that throws. */
export function scanDocumentSafely(
  text: string,
  path: string,
  sc: ScanConfig,
  now: Date,
  scan: Scanner = scanDocument,
  maxDetailed = MAX_DETAILED_FINDINGS,
): SafeScan {
  let omitted: LimitedScan["omitted"] = { count: 0 };
  try {
    const findings = scan(text, path, sc, now, { maxDetailed, onOmitted: (o) => (omitted = o) });
    return { findings, omitted };
  } catch (error) {
    return { notScanned: notScannedReason(error) };
  }
}

/** Plain words with what to do; the error's own message is redacted and cut short (it may quote the text). */
export function notScannedReason(error: unknown): string {
  const name = error instanceof Error ? error.name : "Error";
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecretsInText(raw).replace(/\s+/g, " ").slice(0, 160);
  return (
    `not scanned: the scanner failed on this file (${name}: ${message}). Other files were scanned. ` +
    "Review this file by hand for Azure credentials, and report the error to SAS Guard so it can be fixed"
  );
}
