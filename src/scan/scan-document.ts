// One document through the whole pipeline, the same for the CLI and the App: engine, then the repo's
// suppressions. Suppressed findings are kept (marked), never dropped.
import { toRiskPolicy } from "../config/load-config.js";
import type { SasGuardConfig } from "../config/schema.js";
import { scanTextLimited, type LimitedScan } from "../detect/index.js";
import { applySuppressions } from "../detect/suppress.js";
import type { Finding } from "../detect/types.js";

export interface DocumentLimit {
  /** At most this many findings are built in full (the most severe first); the rest are counted. */
  maxDetailed: number;
  /** Told how many findings were counted but not built, when any were. */
  onOmitted?: (omitted: LimitedScan["omitted"]) => void;
}

export function scanDocument(text: string, path: string, config: SasGuardConfig, now: Date, limit?: DocumentLimit): Finding[] {
  const { findings, omitted } = scanTextLimited(text, { path, now, policy: toRiskPolicy(config) }, limit?.maxDetailed ?? Number.POSITIVE_INFINITY);
  if (omitted.count > 0) limit?.onOmitted?.(omitted);
  return findings.length === 0 ? findings : applySuppressions(findings, { text, config, now });
}
