// A push scans only what it changed, but code scanning takes each upload as the whole analysis of a commit (an
// alert missing from it is closed as fixed). So a push's SARIF is built from the inventory instead: every token
// the inventory knows at this repository's head, at its line in the pushed commit (followed through the push's
// patches, merge-scan.ts). When one line could not be followed, there is no upload (undefined): the next
// baseline uploads the exact analysis.
import { Secret } from "../../detect/secret.js";
import type { Finding, PolicyViolation } from "../../detect/types.js";
import type { ScanReport } from "../../report/scan-report.js";
import type { OrgInventory } from "./types.js";

export function headReportFromInventory(inv: OrgInventory, repo: string, failOn: ScanReport["failOn"]): ScanReport | undefined {
  const findings: Finding[] = [];
  for (const r of Object.values(inv.records)) {
    for (const l of r.locations) {
      if (l.repo !== repo || !l.atHead) continue;
      if (l.lineUnknown) return undefined;
      findings.push({
        kind: r.kind,
        path: l.path,
        line: l.line,
        column: l.column,
        endColumn: l.endColumn,
        severity: r.severity,
        baseSeverity: r.scannedSeverity,
        confidence: r.confidence ?? "high",
        reasons: r.reasons,
        remediation: r.remediation,
        violations: (r.violations ?? []) as PolicyViolation[],
        token: { account: r.account, host: r.host, permissions: r.permissions, expiry: r.expiry },
        fingerprint: r.fingerprint,
        redacted: r.redacted,
        // the inventory has no secret: the redacted form stands in (SARIF never reads it)
        secret: new Secret(r.redacted, r.redacted),
        summary: r.summary,
        ...(r.suppression
          ? { suppression: { by: r.suppression.by, reason: r.suppression.reason, ...(r.suppression.until ? { expires: r.suppression.until } : {}) } }
          : {}),
      });
    }
  }
  return { findings, skipped: [], stats: { files: 0, bytes: 0, ms: 0 }, configSource: "inventory", configErrors: [], failOn, incomplete: [] };
}
