// One document through detection: the engine (with the repository's policy, the first adjuster), then the
// repository's suppressions. The only module that calls the engine (test/architecture checks it): every entry
// point reaches it through runScan. Suppressed findings are kept (marked), never dropped.
import { scanTextLimited, type LimitedScan } from "../detect/index.js";
import { applySuppressions } from "../detect/suppress.js";
import type { Finding } from "../detect/types.js";
import type { ScanConfig } from "./scan-config.js";

export interface DocumentLimit {
  /** At most this many findings are built in full (the most severe first); the rest are counted. */
  maxDetailed: number;
  /** Told how many findings were counted but not built, when any were. */
  onOmitted?: (omitted: LimitedScan["omitted"]) => void;
}

export function scanDocument(text: string, path: string, sc: ScanConfig, now: Date, limit?: DocumentLimit): Finding[] {
  const { findings, omitted } = scanTextLimited(text, { path, now, policy: sc.policy }, limit?.maxDetailed ?? Number.POSITIVE_INFINITY);
  if (omitted.count > 0) limit?.onOmitted?.(omitted);
  return findings.length === 0 ? findings : applySuppressions(findings, { text, allowlist: sc.allowlist, inlineIgnore: sc.inlineIgnore, now });
}
