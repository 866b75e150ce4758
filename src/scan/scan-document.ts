// One document through detection: the engine (with the repository's policy, the first adjuster), then the
// repository's suppressions. The only module that calls the engine (test/architecture checks it): every entry
// point reaches it through runScan. Suppressed findings are kept (marked), never dropped.
import { scanText } from "../detect/index.js";
import { applySuppressions } from "../detect/suppress.js";
import type { Finding } from "../detect/types.js";
import type { ScanConfig } from "./scan-config.js";

export function scanDocument(text: string, path: string, sc: ScanConfig, now: Date): Finding[] {
  const findings = scanText(text, { path, now, policy: sc.policy });
  return findings.length === 0 ? findings : applySuppressions(findings, { text, allowlist: sc.allowlist, inlineIgnore: sc.inlineIgnore, now });
}
