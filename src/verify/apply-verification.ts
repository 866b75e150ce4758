// What a verification answer does to a finding. Pure: returns an updated copy; apply it once per finding.
// live: one level up (never above critical). revoked, expired, account gone: info, since it opens nothing today.
// Anything inconclusive (unknown, ip-restricted, refused, skipped) leaves the severity alone and says so in a note.
import { raiseSeverity } from "../detect/severity.js";
import { withStep } from "../detect/severity-trail.js";
import type { Finding, Reason, Verification } from "../detect/types.js";

const when = (v: Verification): string => v.checkedAt.replace(/\.\d{3}Z$/, "Z");

const REASON: Partial<Record<Verification["status"], (v: Verification) => Reason>> = {
  live: (v) => ({ id: "verified-live", message: `Verified live: Azure Storage accepted it at ${when(v)}, so it works right now.` }),
  expired: (v) => ({ id: "verified-expired", message: `Verified expired: Azure Storage refused it as expired at ${when(v)}.` }),
  revoked: (v) => ({ id: "verified-revoked", message: `Verified revoked or invalid signature: Azure Storage refused to authenticate it at ${when(v)}.` }),
  "account-not-found": (v) => ({ id: "verified-account-not-found", message: `Verified gone: the storage account it names did not exist at ${when(v)}.` }),
};

// The note gives the consequence; the why is in `verification.detail`, which every renderer shows beside it.
const NOTE: Partial<Record<Verification["status"], string>> = {
  "ip-restricted": "Verification was refused from this IP address: the token may still work from inside its sip range. Severity unchanged.",
  unknown: "Verification could not tell whether the token works. Severity unchanged.",
  refused: "Verification was not sent: the endpoint is not allowed. Severity unchanged.",
  skipped: "Not verified. Severity unchanged.",
};

export function applyVerification(finding: Finding, v: Verification): Finding {
  const reason = REASON[v.status]?.(v);
  if (!reason) {
    return { ...finding, verification: v, notes: [...(finding.notes ?? []), NOTE[v.status] ?? "Severity unchanged."] };
  }
  const severity = v.status === "live" ? raiseSeverity(finding.severity) : "info";
  // first: what the service said outweighs what the token's fields suggest
  const answered = { ...finding, verification: v, reasons: [reason, ...finding.reasons] };
  return severity === finding.severity ? answered : withStep(answered, "verification", severity, reason.id);
}
