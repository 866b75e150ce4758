// What one scan produced, whatever ran it (CLI over files or history, App over a PR or push).
// Every renderer in src/report/ takes this one shape.
import type { Finding } from "../detect/types.js";

export interface SkippedFile {
  path: string;
  /** Plain words: "binary file", "larger than maxFileSizeMB (10 MB): 52.4 MB", "ignored by paths.ignore (dist/**)", "unreadable: EACCES". */
  reason: string;
}

/** A document with more findings than the per-document limit: the rest were found and counted, not detailed. */
export interface OmittedFindings {
  path: string;
  /** How many ("and 51,000 more in this file"). */
  count: number;
  /** The most severe of them: they count toward the verdict as unsuppressed findings of this severity. */
  maxSeverity: import("../detect/types.js").Severity;
}

export interface ScanStats {
  files: number;
  bytes: number;
  ms: number;
}

export interface ScanReport {
  findings: Finding[];
  skipped: SkippedFile[];
  stats: ScanStats;
  /** Where the effective config came from ("defaults", ".github/sas-guard.yml", "org/.github:.github/sas-guard.yml"). */
  configSource: string;
  /** Problems with the config file; the scan ran with defaults for the broken keys. */
  configErrors: string[];
  /** The failing threshold the verdict used. */
  failOn: import("../detect/types.js").Severity;
  /** Parts that could not be scanned at all (API errors, limits): never silent. */
  incomplete: string[];
  /** Documents over the per-document finding limit (src/scan/scan-document-safely.ts): counts of the rest. */
  omitted?: OmittedFindings[];
}
