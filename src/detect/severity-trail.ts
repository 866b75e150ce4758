// The severity trail: every step that changes a finding's severity (or decides its fate) records itself, so a
// reader sees `base high → policy critical → verification info` instead of a bare "info". Pure.
import type { Finding, PolicyViolation, ReasonId, Severity, SeverityStep, SeverityStepName } from "./types.js";

/** The engine's part: the default model's base, then the repository policy when it raised the severity. */
export function engineTrail(base: Severity, severity: Severity, reasons: readonly ReasonId[], violations: readonly PolicyViolation["rule"][]): SeverityStep[] {
  const trail: SeverityStep[] = [{ step: "base", from: base, to: base, reason: reasons.filter((r) => r !== "policy-violation").join(", ") }];
  if (severity !== base) trail.push({ step: "policy", from: base, to: severity, reason: `policy-violation (${violations.join(", ")})` });
  return trail;
}

/** A copy of `f` at severity `to`, with the step that set it on its trail. */
export const withStep = (f: Finding, step: SeverityStepName, to: Severity, reason: string): Finding => ({
  ...f,
  severity: to,
  severityTrail: [...(f.severityTrail ?? []), { step, from: f.severity, to, reason }],
});

/**
 * A token that opens nothing today: expired (by its fields or as the service answered), revoked, or naming an
 * account that no longer exists. It stays info whatever else applies; a service that accepted it (verified-live)
 * outweighs its fields.
 */
export const opensNothing = (f: Finding): boolean =>
  !f.reasons.some((r) => r.id === "verified-live") &&
  f.reasons.some((r) => r.id === "expired" || r.id === "verified-expired" || r.id === "verified-revoked" || r.id === "verified-account-not-found");

/** "base high → policy critical → verification info" */
export const trailText = (trail: readonly SeverityStep[]): string => trail.map((s) => `${s.step} ${s.to}`).join(" → ");
