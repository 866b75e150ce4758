// The engine's public data types. Everything the App, the CLI and the renderers know about a finding is here.
import type { Secret } from "./secret.js";
import type { Text } from "./text.js";

export type { Text, TextPart } from "./text.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = [
  "account-sas",
  "service-sas",
  "user-delegation-sas",
  "servicebus-sas",
  "storage-account-key",
  "connection-string",
  // The rest of the Azure shared-key family (issue 17): one file per detector in src/detect/.
  "iot-sas",
  "iot-connection-string",
  "event-grid-key",
  "event-grid-sas",
  "cosmos-db-key",
  "identifiable-key",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Stable reason ids (SEVERITY.md §6, plus the few SAS Guard adds, documented in the README). */
export const REASON_IDS = [
  "account-scope",
  "container-scope",
  "object-scope",
  "read-only",
  "write",
  "delete",
  "full-permissions",
  "permissions-from-policy",
  "rights-from-policy",
  "long-expiry",
  "medium-expiry",
  "short-lived",
  "no-expiry",
  "expired",
  "http-allowed",
  "stored-policy",
  "no-stored-policy",
  "user-delegation",
  "ip-restricted",
  "manage-rights",
  "account-key",
  "full-control",
  "shared-access-key",
  // SAS Guard additions
  "device-identity",
  "checksum-valid",
  "not-yet-valid",
  "malformed-field",
  "ip-range-open",
  "unusual-signature",
  "policy-violation",
  "public-repository",
  // Opt-in verification (src/verify): what the storage service itself answered
  "verified-live",
  "verified-expired",
  "verified-revoked",
  "verified-account-not-found",
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

export interface Reason {
  id: ReasonId;
  /** One plain-English sentence a developer understands: plain text, values quoted with backticks. */
  message: string;
  /** The same sentence with its values as code spans, for renderers (absent on reasons added outside the engine). */
  text?: Text;
}

/** What a remediation step does; adjusters place their steps by it (an investigation goes before "remove"). */
export type StepAction = "revoke" | "investigate" | "remove" | "prevent";

export interface RemediationStep {
  action: StepAction;
  /** The whole step ("Revoke it: rotate the account key … ."). */
  text: Text;
  /** The step in a few words, for a table cell ("Rotate the account key of storage account `x`"). */
  short: Text;
}

/** The storage service a URL host names. */
export type StorageService = "blob" | "file" | "queue" | "table" | "dfs" | "web";

export interface DelegationKey {
  objectId?: string; // skoid
  tenantId?: string; // sktid
  keyStart?: string; // skt, ISO 8601 UTC
  keyExpiry?: string; // ske, ISO 8601 UTC
  keyService?: string; // sks
  keyVersion?: string; // skv
}

/** Parsed, non-secret fields of a credential. Absent fields are undefined. Times are ISO 8601 UTC. */
export interface TokenFields {
  /** Storage account name, or the Service Bus / Event Hubs namespace. */
  account?: string;
  /** Host the token is for, when known (`acct.blob.core.windows.net`, a custom domain, `ns.servicebus.windows.net`). */
  host?: string;
  /** URL path before the query (`/container/dir/blob.txt`), when known. */
  resourcePath?: string;
  service?: StorageService;
  resource?: string; // sr (storage)
  services?: string; // ss
  resourceTypes?: string; // srt
  permissions?: string; // sp, raw letters
  start?: string; // st
  expiry?: string; // se (Service Bus: converted from Unix seconds)
  /** spr as written; when the token has no spr this is `https,http` (the service's default). */
  protocol?: string;
  ipRange?: string; // sip
  storedPolicy?: string; // si
  version?: string; // sv
  encryptionScope?: string; // ses
  tableName?: string; // tn
  directoryDepth?: string; // sdd
  delegation?: DelegationKey;
  // Service Bus / Event Hubs / Relay
  resourceUri?: string; // sr, decoded
  keyName?: string; // skn, or SharedAccessKeyName in a connection string
  // Connection strings
  endpointSuffix?: string;
  defaultProtocol?: string;
  /** The Azure service the credential opens, when it is not plain storage (`iot-hub`, `cosmos-db`, `notification-hubs`…). */
  azureService?: AzureService;
  // IoT Hub
  deviceId?: string;
  moduleId?: string;
  /** Cosmos DB: what the key's name says it allows. */
  keyAccess?: "read-write" | "read-only";
  /** A Microsoft identifiable key: its fixed 4-character signature; set only when its checksum is valid. */
  keySignature?: string;
}

export const AZURE_SERVICES = [
  "service-bus",
  "event-hubs",
  "relay",
  "notification-hubs",
  "iot-hub",
  "iot-dps",
  "event-grid",
  "cosmos-db",
  "storage",
  "api-management",
  "functions",
  "search",
  "container-registry",
  "redis",
  "batch",
  "machine-learning",
] as const;
export type AzureService = (typeof AZURE_SERVICES)[number];

export type Confidence = "high" | "low";

/** A rule of the repository's policy (config `policy.*`) that a token breaks. */
export interface PolicyViolation {
  rule: "maxLifetimeDays" | "forbidAccountSas" | "requireHttpsOnly" | "requireStoredPolicy" | "requireIpRange";
  message: string;
}

export interface Finding {
  kind: FindingKind;
  /** Path as given to the engine. */
  path: string;
  /** 1-based line of the signature (SAS) or the key. */
  line: number;
  /** 1-based column where the token starts on that line (or where the signature parameter starts for a split token). */
  column: number;
  /** 1-based column just past the end of the token on that line. */
  endColumn: number;
  severity: Severity;
  /** Severity of the default model before policy modifiers: what SEVERITY.md alone says. */
  baseSeverity: Severity;
  /**
   * How `severity` came to be, in the fixed order of docs/ARCHITECTURE.md: the model's base, then each adjuster
   * that changed it or decided the finding's fate (policy, suppression, verification, exposure).
   */
  severityTrail?: SeverityStep[];
  confidence: Confidence;
  reasons: Reason[];
  /** Ordered steps: revoke, remove, prevent. Plain text (values in backticks); `steps` has them as parts. */
  remediation: string[];
  /** The same steps, structured: set by the engine, kept in step with `remediation` by adjusters (`insertStep`). */
  steps?: RemediationStep[];
  violations: PolicyViolation[];
  token: TokenFields;
  /** Stable, non-reversible id of the secret itself: `sg1:<24 hex>`. Independent of path and line. */
  fingerprint: string;
  /** A form safe to show: non-secret parameters kept, signature and key replaced. */
  redacted: string;
  /** The raw secret. Prints as the redacted form; only `secret.reveal()` gives the value. */
  secret: Secret;
  /** Human one-liner: "account SAS with full control of storage account `x` until 2051-10-06" (plain text). */
  summary: string;
  /** The same line with its values as code spans, for renderers. */
  summaryText?: Text;
  /** Set when an allowlist entry or an inline `sas-guard:ignore` comment suppresses the finding. Suppressed findings are still reported. */
  suppression?: Suppression;
  /** Things a person should know that are not risk reasons (e.g. "allowlist entry expired on 2026-01-01"). */
  notes?: string[];
  /** Where the token first appeared in history (CLI --history, App exposure). */
  origin?: Origin;
  /** How long and to whom the token has been exposed (incident response). */
  exposure?: Exposure;
  /** What the storage service answered when asked whether the token works (opt-in `verify`, src/verify). */
  verification?: Verification;
}

/** The adjusters, in the order they run (docs/ARCHITECTURE.md "One risk outcome"). */
export const SEVERITY_STEPS = ["base", "policy", "suppression", "verification", "exposure"] as const;
export type SeverityStepName = (typeof SEVERITY_STEPS)[number];

export interface SeverityStep {
  step: SeverityStepName;
  from: Severity;
  to: Severity;
  /** Why, in a few words: the reason ids that decided it ("account-scope, full-permissions, long-expiry"). */
  reason: string;
}

/**
 * Outcome of the one verification request. `revoked` means "revoked or invalid signature" (the service refused to
 * authenticate it); `refused` means SAS Guard would not send the request (endpoint not allowed); `skipped` means
 * there was nothing it could safely ask (no known endpoint, a kind it does not verify, the per-scan limit).
 */
export const VERIFICATION_STATUSES = ["live", "expired", "revoked", "ip-restricted", "account-not-found", "unknown", "refused", "skipped"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface Verification {
  status: VerificationStatus;
  /** HTTP status of the answer, when there was one. */
  statusCode?: number;
  /** The service's `x-ms-error-code` header, when it sent one. */
  errorCode?: string;
  /** ISO 8601 UTC time the answer was read (or the request was refused). */
  checkedAt: string;
  /** Origin asked, `https://acct.blob.core.windows.net`: never a path or a query, so never the token. */
  endpoint?: string;
  /** One plain sentence: what the answer means, or why nothing was asked. */
  detail: string;
}

export type Visibility = "public" | "internal" | "private" | "unknown";

export interface Exposure {
  /** ISO 8601 date of the first commit that held the token, when known. */
  since?: string;
  commit?: string;
  author?: string;
  /** Still on the default branch head (or the scanned HEAD), when known. */
  stillPresent?: boolean;
  /** The branch `stillPresent` refers to. */
  branch?: string;
  visibility: Visibility;
  /** Number of forks, when known: copies outside the owner's control. */
  forks?: number;
  /** "Exposed since 2021-10-05 (3 years 8 months) in commit abc1234, still on main; public repository with 2 forks." */
  summary?: string;
}

export interface Suppression {
  by: "allowlist" | "inline";
  reason: string;
  /** Allowlist entry expiry (ISO date), if any. */
  expires?: string;
}

export interface Origin {
  commit: string;
  path: string;
  date?: string;
  author?: string;
}

/** Thresholds of the risk model (SEVERITY.md §2). Repos may tighten or loosen them with config `policy`. */
export interface RiskPolicy {
  /** A window at or below this many days is "short". Default 7. */
  shortWindowDays: number;
  /** A window above this many days is "long". Default 365. */
  longWindowDays: number;
  maxLifetimeDays?: number;
  forbidAccountSas?: boolean;
  requireHttpsOnly?: boolean;
  requireStoredPolicy?: boolean;
  requireIpRange?: boolean;
  /** A token that breaks a policy rule is raised to at least this severity. Default "high". */
  violationSeverity: Severity;
}

export const DEFAULT_RISK_POLICY: RiskPolicy = Object.freeze({
  shortWindowDays: 7,
  longWindowDays: 365,
  violationSeverity: "high",
});

/** A bounded scan of one document: the findings built in full, and how many more were only counted. */
export interface LimitedScan {
  findings: Finding[];
  omitted: {
    /** Findings beyond the limit: found, rated, not built in detail, not suppression-checked. */
    count: number;
    /** The most severe of them (absent when none). */
    maxSeverity?: Severity;
  };
}

export interface ScanOptions {
  /** Path of the text, used in findings and for a few path-based rules (lock files). */
  path: string;
  /** The scan date: expiry is judged against it. */
  now: Date;
  policy?: RiskPolicy;
}
