// Shared pieces of the risk rules that live in the per-detector files (iot-hub.ts, event-grid.ts, cosmos-db.ts,
// identifiable-key-finder.ts): a key with no expiry, and a token rated like a SAS (SEVERITY.md §2: class × scope ×
// window, expired = info). The detector decides class, scope and reasons; this applies the table and the policy.
import { TABLE, WINDOW_REASON, windowOf, type PermissionClass, type RiskAssessment, type Scope } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { maxSeverity } from "./severity.js";
import type { ReasonId, RiskPolicy, Severity } from "./types.js";

/** What every detector file supplies to the engine for its families (src/detect/family.ts maps family → rules). */
export interface FamilyRules {
  assess(c: Credential, now: Date, policy: RiskPolicy): RiskAssessment;
  /** One plain sentence for each reason id its assessment returns. */
  reason(id: ReasonId, c: Credential, a: RiskAssessment, now: Date, policy: RiskPolicy): string;
  summary(c: Credential, a: RiskAssessment): string;
  /** Ordered steps: revoke, remove, prevent. */
  remediation(c: Credential, a: RiskAssessment): string[];
}

/** A long-lived key: fixed severity, no window. */
export function keyRisk(severity: Severity, reasons: ReasonId[]): RiskAssessment {
  return { severity, baseSeverity: severity, reasons, violations: [] };
}

const DAY = 86_400_000;

/** A token with an expiry, rated by the SEVERITY.md §2 table; `maxLifetimeDays` is the one policy rule that applies. */
export function tokenRisk(
  c: Credential,
  now: Date,
  policy: RiskPolicy,
  input: { scope: Scope; permissionClass: PermissionClass; endMs: number | undefined; reasons: ReasonId[] },
): RiskAssessment {
  const { scope, permissionClass, endMs } = input;
  const window = windowOf(endMs, undefined, now.getTime(), policy);
  const reasons: ReasonId[] = [`${scope}-scope`, ...input.reasons, WINDOW_REASON[window]];
  if (c.confidence === "low") reasons.push("unusual-signature");
  const column = window === "medium" ? 1 : window === "short" ? 2 : 0;
  let severity = window === "expired" ? "info" : TABLE[`${permissionClass}-${scope}`][column];
  const baseSeverity = severity;
  const violations: RiskAssessment["violations"] =
    policy.maxLifetimeDays !== undefined && endMs !== undefined && (endMs - now.getTime()) / DAY > policy.maxLifetimeDays ? ["maxLifetimeDays"] : [];
  if (violations.length > 0) {
    reasons.push("policy-violation");
    if (window !== "expired") severity = maxSeverity(severity, policy.violationSeverity);
  }
  return { severity, baseSeverity, reasons, violations, scope, permissionClass, window, endMs };
}

export const REMOVE_STEP =
  "Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.";

export const EXPIRED_STEPS = (what: string): string[] => [
  `It has expired, so nothing needs revoking, but check that the same ${what} does not sign other long-lived tokens.`,
  "Remove it from the code: it still reveals the resource names.",
];
