// The default risk model, SEVERITY.md §2 and §3: permission class × scope × usable window, then modifiers.
import type { Credential } from "./credential.js";
import { malformedFields } from "./sas-fields.js";
import { parseAnyTime, parseSasTime } from "./sas-time.js";
import { lowerSeverity, maxSeverity } from "./severity.js";
import type { PolicyViolation, ReasonId, RiskPolicy, Severity } from "./types.js";

export type PermissionClass = "read" | "write";
export type Scope = "account" | "container" | "object";
export type Window = "expired" | "short" | "medium" | "long" | "none";

export interface RiskAssessment {
  severity: Severity;
  baseSeverity: Severity;
  reasons: ReasonId[];
  violations: PolicyViolation["rule"][];
  scope?: Scope;
  permissionClass?: PermissionClass;
  window?: Window;
  /** Usable window end and start (ms), when known. */
  endMs?: number;
  startMs?: number;
  /** The token's `se` as written when it is not a valid time: the window is then unknown (treated as none). */
  unparsedExpiry?: string;
}

const DAY = 86_400_000;
/** Microsoft allows about 15 minutes of clock skew (SEVERITY.md §5). */
const CLOCK_SKEW = 15 * 60_000;
const READ_LETTERS = /^[rlf]+$/;
// Rules with Manage rights: Service Bus / Event Hubs / Relay root rules, Notification Hubs' full-access default rule.
const ROOT_RULE = /^RootManage|^DefaultFullSharedAccessSignature$/i;
const OPEN_IP_RANGE = /^0\.0\.0\.0-255\.255\.255\.255$/;
/** A start this far ahead: not usable for a decade (low), or for a century, in practice never (`st=9999-…`, info). */
const LATE_START_DAYS = 365 * 10;
const FAR_START_DAYS = 365 * 100;
const DELETE_LETTERS = /[dxy]/;
const WRITE_LETTERS = /[wacupitmeo]/;

// SEVERITY.md §2 table: rows class × scope, columns long-or-none, medium, short.
export const TABLE: Record<`${PermissionClass}-${Scope}`, [Severity, Severity, Severity]> = {
  "write-account": ["critical", "high", "high"],
  "write-container": ["critical", "high", "medium"],
  "write-object": ["high", "high", "medium"],
  "read-account": ["high", "medium", "low"],
  "read-container": ["medium", "medium", "low"],
  "read-object": ["medium", "low", "low"],
};

export function scopeOf(c: Credential): Scope {
  const t = c.token;
  if (c.kind === "account-sas") return "account";
  if (c.kind === "servicebus-sas") return t.resourcePath && t.resourcePath.replace(/\/+$/, "") !== "" ? "object" : "container";
  const sr = t.resource;
  if (sr === "b" || sr === "bs" || sr === "bv" || sr === "f") return "object";
  return "container"; // c (container), s (share), d (directory), table (tn), queue (no sr)
}

export function windowOf(endMs: number | undefined, startMs: number | undefined, now: number, policy: RiskPolicy): Window {
  if (endMs === undefined) return "none";
  if (endMs < now - CLOCK_SKEW) return "expired";
  const days = (endMs - Math.max(now, startMs ?? now)) / DAY;
  if (days <= policy.shortWindowDays) return "short";
  if (days <= policy.longWindowDays) return "medium";
  return "long";
}

export const WINDOW_REASON: Record<Window, ReasonId> = {
  expired: "expired",
  short: "short-lived",
  medium: "medium-expiry",
  long: "long-expiry",
  none: "no-expiry",
};

export function assessRisk(c: Credential, now: Date, policy: RiskPolicy): RiskAssessment {
  if (c.family === "storage-key") {
    return { severity: "critical", baseSeverity: "critical", reasons: ["account-key", "full-control", "no-expiry"], violations: [] };
  }
  if (c.family === "servicebus-key") {
    const root = ROOT_RULE.test(c.token.keyName ?? "");
    const sev: Severity = root ? "critical" : "high";
    return {
      severity: sev,
      baseSeverity: sev,
      reasons: root ? ["shared-access-key", "manage-rights", "no-expiry"] : ["shared-access-key", "no-expiry"],
      violations: [],
    };
  }

  const t = c.token;
  const reasons: ReasonId[] = [];
  const scope = scopeOf(c);
  reasons.push(`${scope}-scope`);

  let permissionClass: PermissionClass = "write";
  if (c.kind === "servicebus-sas") {
    reasons.push("rights-from-policy");
    if (ROOT_RULE.test(t.keyName ?? "")) reasons.push("manage-rights");
  } else if (!t.permissions) {
    reasons.push("permissions-from-policy");
  } else {
    const sp = t.permissions;
    if (READ_LETTERS.test(sp)) {
      permissionClass = "read";
      reasons.push("read-only");
    } else if (["r", "w", "d", "l"].every((l) => sp.includes(l))) {
      reasons.push("full-permissions");
    } else {
      if (WRITE_LETTERS.test(sp)) reasons.push("write");
      if (DELETE_LETTERS.test(sp)) reasons.push("delete");
    }
  }

  // A user delegation SAS dies with its delegation key: the window is capped by ske and starts no earlier than skt.
  let endMs = parseSasTime(t.expiry);
  let startMs = parseSasTime(t.start);
  if (c.kind === "servicebus-sas") endMs = parseAnyTime(t.expiry);
  const unparsedExpiry = t.expiry !== undefined && endMs === undefined ? t.expiry : undefined;
  if (c.kind === "user-delegation-sas") {
    const ske = parseSasTime(t.delegation?.keyExpiry);
    const skt = parseSasTime(t.delegation?.keyStart);
    if (ske !== undefined) endMs = endMs === undefined ? ske : Math.min(endMs, ske);
    if (skt !== undefined) startMs = startMs === undefined ? skt : Math.max(startMs, skt);
  }
  const nowMs = now.getTime();
  const window = windowOf(endMs, startMs, nowMs, policy);
  reasons.push(WINDOW_REASON[window]);

  if (c.kind !== "servicebus-sas" && (t.protocol ?? "https,http").includes("http") && t.protocol !== "https") reasons.push("http-allowed");
  if (c.kind === "user-delegation-sas") reasons.push("user-delegation");
  else if (c.kind !== "servicebus-sas") reasons.push(t.storedPolicy ? "stored-policy" : "no-stored-policy");
  // sip covering every IPv4 address restricts nothing: no discount (issue 17).
  const ipRestricts = !!t.ipRange && !OPEN_IP_RANGE.test(t.ipRange);
  if (t.ipRange) reasons.push(ipRestricts ? "ip-restricted" : "ip-range-open");
  if (c.kind !== "servicebus-sas" && malformedFields(t).length > 0) reasons.push("malformed-field");
  const notYet = startMs !== undefined && startMs - now.getTime() > LATE_START_DAYS * DAY;
  if (notYet && window !== "expired") reasons.push("not-yet-valid");
  if (c.confidence === "low") reasons.push("unusual-signature");

  const column = window === "medium" ? 1 : window === "short" ? 2 : 0;
  let severity = TABLE[`${permissionClass}-${scope}`][column];
  if (window === "expired") severity = "info";
  else {
    if (t.storedPolicy) severity = lowerSeverity(severity);
    if (ipRestricts) severity = lowerSeverity(severity);
    if (notYet) severity = startMs! - now.getTime() > FAR_START_DAYS * DAY ? "info" : "low";
  }
  const baseSeverity = severity;

  const violations = policyViolations(c, endMs, startMs, nowMs, policy);
  if (violations.length > 0) {
    reasons.push("policy-violation");
    if (window !== "expired") severity = maxSeverity(severity, policy.violationSeverity);
  }
  return {
    severity,
    baseSeverity,
    reasons,
    violations,
    scope,
    permissionClass,
    window,
    endMs,
    startMs,
    ...(unparsedExpiry === undefined ? {} : { unparsedExpiry }),
  };
}

function policyViolations(c: Credential, endMs: number | undefined, startMs: number | undefined, now: number, policy: RiskPolicy): PolicyViolation["rule"][] {
  if (c.kind === "servicebus-sas")
    return policy.maxLifetimeDays !== undefined && endMs !== undefined && (endMs - (startMs ?? now)) / DAY > policy.maxLifetimeDays ? ["maxLifetimeDays"] : [];
  const t = c.token;
  const out: PolicyViolation["rule"][] = [];
  if (policy.maxLifetimeDays !== undefined && endMs !== undefined && (endMs - (startMs ?? now)) / DAY > policy.maxLifetimeDays) out.push("maxLifetimeDays");
  if (policy.forbidAccountSas && c.kind === "account-sas") out.push("forbidAccountSas");
  if (policy.requireHttpsOnly && t.protocol !== "https") out.push("requireHttpsOnly");
  if (policy.requireStoredPolicy && c.kind !== "user-delegation-sas" && !t.storedPolicy) out.push("requireStoredPolicy");
  if (policy.requireIpRange && !t.ipRange) out.push("requireIpRange");
  return out;
}
