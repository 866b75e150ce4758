// One line that says what verification found, the same in the terminal, the check run, the review comment and
// SARIF: "Verified live at 2026-11-25T09:35:50Z: HTTP 200".
import type { Verification } from "../detect/types.js";

const LABEL: Record<Verification["status"], string> = {
  live: "Verified live",
  expired: "Verified expired",
  revoked: "Verified revoked or invalid signature",
  "ip-restricted": "Verification refused by the token's IP range",
  "account-not-found": "Verified account not found",
  unknown: "Verification inconclusive",
  refused: "Not verified",
  skipped: "Not verified",
};

export function verificationLine(v: Verification): string {
  const at = v.checkedAt.replace(/\.\d{3}Z$/, "Z");
  if (v.status === "refused" || v.status === "skipped") return `${LABEL[v.status]}: ${v.detail}`;
  const evidence = v.statusCode === undefined ? v.detail : `HTTP ${v.statusCode}${v.errorCode ? ` ${v.errorCode}` : ""}`;
  return `${LABEL[v.status]} at ${at}: ${evidence}${v.status === "unknown" && v.statusCode !== undefined ? ` (${v.detail})` : ""}`;
}
