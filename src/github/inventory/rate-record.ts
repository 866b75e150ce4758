// Re-rating a record against a date, without the secret: what changes with time alone. An expired token drops to
// info; an allowlist entry whose date has passed stops suppressing (from 00:00 UTC that day, like the engine);
// the status follows from where the token still is and whether it still works. Pure: `now` is a parameter.
import { atLeast, compareSeverity } from "../../detect/severity.js";
import type { InventoryRecord, InventoryStatus } from "./types.js";

const day = (iso: string): string => iso.slice(0, 10);

export const isExpired = (r: InventoryRecord, now: Date): boolean => r.expiry !== undefined && Date.parse(r.expiry) <= now.getTime();

const isDead = (r: InventoryRecord, now: Date): "expired" | "revoked" | undefined =>
  r.verification?.status === "revoked" ? "revoked" : isExpired(r, now) || r.verification?.status === "expired" ? "expired" : undefined;

/** Whole days until the token expires (negative once expired), or undefined when it never expires. */
export function daysToExpiry(r: InventoryRecord, now: Date): number | undefined {
  if (r.expiry === undefined) return undefined;
  return Math.floor((Date.parse(r.expiry) - now.getTime()) / 86_400_000);
}

export function statusOf(r: InventoryRecord, now: Date): { status: InventoryStatus; note?: string } {
  const atHead = r.locations.filter((l) => l.atHead);
  const inHistory = r.locations.filter((l) => !l.atHead && !l.historyGone);
  const dead = isDead(r, now);
  if (dead)
    return atHead.length
      ? { status: dead, note: `no longer valid (${dead}), still on the default branch: delete it from the code` }
      : { status: "closed", note: `no longer valid (${dead}) and removed from the default branch` };
  if (atHead.length) return { status: "open" };
  if (inHistory.length) return { status: "open", note: "removed from HEAD, still in history: revoke it, deleting it does not" };
  return { status: "fixed-in-code", note: "gone from the default branch and its scanned history; it still works until revoked or expired" };
}

export interface RateChange {
  /** The allowlist entry expired: the finding counts again (and may fail the check). */
  suppressionLifted: boolean;
  severityChanged: boolean;
  statusChanged: boolean;
}

/** Re-rates `r` in place for `now`; says what changed. */
export function rateRecord(r: InventoryRecord, now: Date): RateChange {
  const at = now.toISOString();
  const before = { severity: r.severity, status: r.status };
  let suppressionLifted = false;
  if (r.suppression?.until && Date.parse(`${r.suppression.until}T00:00:00Z`) <= now.getTime()) {
    r.liftedSuppression = { ...r.suppression, liftedAt: at };
    r.trail.push(`${day(at)}: allowlist entry (${r.suppression.reason}) expired on ${r.suppression.until}; the finding counts again`);
    r.suppression = undefined;
    suppressionLifted = true;
  }
  const severity = isExpired(r, now) ? "info" : r.scannedSeverity;
  if (severity !== r.severity) {
    r.trail.push(`${day(at)}: ${severity === "info" ? `token expired on ${day(r.expiry!)}` : "re-rated"}: ${r.severity} → ${severity}`);
    r.severity = severity;
  }
  const { status, note } = statusOf(r, now);
  if (status !== r.status) r.statusChangedAt = at;
  r.status = status;
  r.statusNote = note;
  return { suppressionLifted, severityChanged: before.severity !== r.severity, statusChanged: before.status !== r.status };
}

export const isActive = (r: InventoryRecord): boolean => r.status === "open" || r.status === "expired" || r.status === "revoked";

/** Unsuppressed, at or above its repository's failOn, still open. */
export const isFailing = (r: InventoryRecord): boolean => r.status === "open" && !r.suppression && atLeast(r.severity, r.failOn);

const VISIBILITY_RANK = { public: 3, internal: 2, unknown: 1, private: 0 } as const;

/** Riskiest first: unsuppressed, severity, verified live, most visible, longest-lived, then fingerprint. */
export function byRisk(a: InventoryRecord, b: InventoryRecord): number {
  const n = (x: InventoryRecord) => (x.suppression ? 1 : 0);
  const live = (x: InventoryRecord) => (x.verification?.status === "live" ? 0 : 1);
  const exp = (x: InventoryRecord) => (x.expiry ? Date.parse(x.expiry) : Number.MAX_SAFE_INTEGER);
  return (
    n(a) - n(b) ||
    compareSeverity(b.severity, a.severity) ||
    live(a) - live(b) ||
    VISIBILITY_RANK[b.exposure.visibility] - VISIBILITY_RANK[a.exposure.visibility] ||
    exp(b) - exp(a) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}
