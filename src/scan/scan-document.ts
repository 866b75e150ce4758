// One document through the whole pipeline, the same for the CLI and the App: engine, then the repo's
// suppressions. Suppressed findings are kept (marked), never dropped.
import { toRiskPolicy } from "../config/risk-policy.js";
import type { SasGuardConfig } from "../config/schema.js";
import { scanText } from "../detect/index.js";
import { applySuppressions } from "../detect/suppress.js";
import type { Finding } from "../detect/types.js";

export function scanDocument(text: string, path: string, config: SasGuardConfig, now: Date): Finding[] {
  const findings = scanText(text, { path, now, policy: toRiskPolicy(config) });
  return findings.length === 0 ? findings : applySuppressions(findings, { text, config, now });
}
