// The organisation inventory: one record per distinct credential (fingerprint) across an organisation's
// repositories, kept current by default-branch scans, baselines and a daily re-evaluation. Only non-secret data:
// the fingerprint, the redacted form and the parsed, non-secret token fields. Never the secret itself.
import type { FindingKind, ReasonId, Severity, VerificationStatus, Visibility } from "../../detect/types.js";

/** open → fixed-in-code → expired / revoked → closed (docs: README "Organisation inventory"). */
export const INVENTORY_STATUSES = ["open", "fixed-in-code", "expired", "revoked", "closed"] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

export interface InventoryLocation {
  repo: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  /** The commit the token was seen at (the default branch head of that scan, or the history commit). */
  commit: string;
  /** True while the token is on the default branch head; false once removed (it stays in history). */
  atHead: boolean;
  /** Found only by a history scan (never at the head SAS Guard scanned). */
  historyOnly?: boolean;
  firstSeen: string;
  lastSeen: string;
  /** When a scan of the default branch no longer found it there. */
  removedFromHeadAt?: string;
  /** A baseline with `baseline.history` no longer found it in the history either (history rewritten). */
  historyGone?: boolean;
  /** A push changed the file and its line could not be followed (no patch): exact again after the next baseline. */
  lineUnknown?: boolean;
}

export interface InventoryRecord {
  fingerprint: string;
  kind: FindingKind;
  redacted: string;
  /** What the token allows, in one line (engine summary: never contains the secret). */
  summary: string;
  account?: string;
  host?: string;
  permissions?: string;
  /** ISO 8601; absent when the token never expires (or the expiry is unknown). */
  expiry?: string;
  /** Severity as the engine rated it at the last scan. */
  scannedSeverity: Severity;
  /** Severity today (re-evaluated against the current date: an expired token is info). */
  severity: Severity;
  /** How the severity came about, when the finding carried a trail; re-evaluation appends to it. */
  trail: string[];
  reasons: { id: ReasonId; message: string }[];
  remediation: string[];
  confidence?: "high" | "low";
  violations?: { rule: string; message: string }[];
  /** The failing threshold of the repository that last reported it. */
  failOn: Severity;
  locations: InventoryLocation[];
  exposure: { since?: string; commit?: string; visibility: Visibility };
  suppression?: { by: "allowlist" | "inline"; reason: string; until?: string };
  /** A suppression that stopped applying (its allowlist entry expired): kept so the dashboard can say so. */
  liftedSuppression?: { by: "allowlist" | "inline"; reason: string; until?: string; liftedAt: string };
  verification?: { status: VerificationStatus; checkedAt: string; detail: string };
  firstSeen: string;
  lastSeen: string;
  status: InventoryStatus;
  /** Plain words about the status ("removed from HEAD, still in history"). */
  statusNote?: string;
  statusChangedAt: string;
}

/** What SAS Guard knows about one repository of the org. */
export interface InventoryRepo {
  name: string;
  visibility: Visibility;
  archived?: boolean;
  lastScan?: { sha: string; ref: string; at: string; kind: "push" | "baseline" };
  /** The repository's check name (`checks.name`), for the re-evaluation's check run. */
  checkName?: string;
  /** Code scanning refused the upload (403/404): noted once, retried after a week. */
  codeScanning?: { unavailable: true; since: string; reason: string };
}

export interface OrgInventory {
  org: string;
  installationId?: number;
  ownerType?: "Organization" | "User";
  records: Record<string, InventoryRecord>;
  repos: Record<string, InventoryRepo>;
  dashboard?: { repo: string; issueNumber?: number; refused?: string };
  reevaluateHours?: number;
  lastReevaluatedAt?: string;
  updatedAt?: string;
}

export const emptyInventory = (org: string): OrgInventory => ({ org, records: {}, repos: {} });
