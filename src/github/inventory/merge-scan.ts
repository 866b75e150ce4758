// Folds one default-branch scan (a push or a baseline) of one repository into the org's inventory. Pure.
// A baseline sees the whole head, so a token it no longer finds there has been removed from HEAD (it stays in
// history, so the record stays open and says so). A push sees only the files it changed: only those can lose a
// token. An incomplete scan never removes anything (fail closed).
import type { Finding, Visibility } from "../../detect/types.js";
import type { ScanReport } from "../../report/scan-report.js";
import { mapOldLine } from "./patch-lines.js";
import { rateRecord } from "./rate-record.js";
import type { InventoryLocation, InventoryRecord, OrgInventory } from "./types.js";

export interface DefaultBranchScan {
  owner: string;
  repo: string;
  visibility: Visibility;
  sha: string;
  /** `refs/heads/<default branch>`. */
  ref: string;
  kind: "push" | "baseline";
  report: ScanReport;
  /** Push: the paths the push deleted (or renamed away). Absent: nothing can be removed. */
  changedPaths?: readonly string[];
  /** Push: the commit it was compared with, and every file it changed with its patch, so that a token on an
   * unchanged line of a modified file keeps an exact line (and a deleted line removes it). */
  base?: string;
  changes?: readonly FileChange[];
  /** Baseline: the history was scanned too (`baseline.history`), so a token absent from it is gone from history. */
  historyScanned?: boolean;
}

export interface FileChange {
  path: string;
  status: string;
  patch?: string;
  previousPath?: string;
}

const VISIBILITY_RANK: Record<Visibility, number> = { public: 3, internal: 2, unknown: 1, private: 0 };
const wider = (a: Visibility, b: Visibility): Visibility => (VISIBILITY_RANK[a] >= VISIBILITY_RANK[b] ? a : b);

/** A finding's severity trail, when the engine attached one (shape-tolerant: strings or { message }). */
function trailOf(f: Finding): string[] {
  const trail = (f as { trail?: unknown }).trail;
  if (!Array.isArray(trail)) return [];
  return trail.map((t) =>
    typeof t === "string" ? t : typeof t === "object" && t && "message" in t ? String((t as { message: unknown }).message) : JSON.stringify(t),
  );
}

const minIso = (a: string | undefined, b: string | undefined): string | undefined => (!a ? b : !b ? a : a < b ? a : b);

function freshRecord(f: Finding, visibility: Visibility, at: string): InventoryRecord {
  return {
    fingerprint: f.fingerprint,
    kind: f.kind,
    redacted: f.redacted,
    summary: f.summary,
    scannedSeverity: f.severity,
    severity: f.severity,
    trail: [],
    reasons: [],
    remediation: [],
    failOn: "high",
    locations: [],
    exposure: { visibility },
    firstSeen: at,
    lastSeen: at,
    status: "open",
    statusChangedAt: at,
  };
}

/** Copies what the latest scan says about the token itself (never `f.secret`). */
function refresh(r: InventoryRecord, f: Finding, scan: DefaultBranchScan, at: string): void {
  r.kind = f.kind;
  r.redacted = f.redacted;
  r.summary = f.summary;
  r.account = f.token.account;
  r.host = f.token.host;
  r.permissions = f.token.permissions;
  r.expiry = f.token.expiry;
  r.scannedSeverity = f.severity;
  r.severity = f.severity;
  const trail = trailOf(f);
  if (trail.length) r.trail = trail;
  r.reasons = f.reasons.map((x) => ({ id: x.id, message: x.message }));
  r.remediation = [...f.remediation];
  r.confidence = f.confidence;
  r.violations = f.violations.map((v) => ({ rule: v.rule, message: v.message }));
  r.failOn = scan.report.failOn;
  r.suppression = f.suppression
    ? { by: f.suppression.by, reason: f.suppression.reason, ...(f.suppression.expires ? { until: f.suppression.expires } : {}) }
    : undefined;
  if (f.suppression) r.liftedSuppression = undefined;
  if (f.verification) r.verification = { status: f.verification.status, checkedAt: f.verification.checkedAt, detail: f.verification.detail };
  r.exposure = {
    visibility: wider(r.exposure.visibility, scan.visibility),
    since: minIso(minIso(r.exposure.since, f.exposure?.since ?? f.origin?.date), r.firstSeen),
    commit: r.exposure.commit ?? f.exposure?.commit ?? f.origin?.commit,
  };
  r.lastSeen = at;
}

/** A push changed files around a known head location: follow the token through the file's patch. */
function follow(l: InventoryLocation, scan: DefaultBranchScan, at: string): void {
  const change = scan.changes!.find((c) => c.path === l.path || (c.previousPath === l.path && c.status === "renamed"));
  if (!change) return; // the file did not change: same line at the new head
  if (change.status === "removed") {
    Object.assign(l, { atHead: false, removedFromHeadAt: at, lineUnknown: undefined });
    return;
  }
  const mapped = change.patch !== undefined && l.commit === scan.base ? mapOldLine(change.patch, l.line) : undefined;
  if (change.status === "renamed" && change.patch === undefined && l.commit === scan.base) {
    Object.assign(l, { path: change.path, commit: scan.sha, lineUnknown: undefined }); // renamed without changes
  } else if (mapped === null) {
    Object.assign(l, { atHead: false, removedFromHeadAt: at, lineUnknown: undefined });
  } else if (mapped !== undefined) {
    Object.assign(l, { path: change.path, line: mapped, commit: scan.sha, lineUnknown: undefined });
  } else {
    l.lineUnknown = true; // no patch, or an older commit than the push's base: the next baseline knows
  }
}

export function mergeScan(inv: OrgInventory, scan: DefaultBranchScan, now: Date): OrgInventory {
  const at = now.toISOString();
  const repoName = scan.repo;
  const complete = scan.report.incomplete.length === 0;
  // Which head paths this scan speaks for: a baseline all of them, a push the ones it changed.
  const covers = (path: string): boolean => complete && (scan.kind === "baseline" || (scan.changedPaths ?? []).includes(path));
  const seenHead = new Map<string, Finding[]>(); // fingerprint → head findings of this repo
  const seenAnywhere = new Set<string>();
  for (const f of scan.report.findings) {
    seenAnywhere.add(f.fingerprint);
    const r = (inv.records[f.fingerprint] ??= freshRecord(f, scan.visibility, at));
    refresh(r, f, scan, at);
    const historyOnly = scan.kind === "baseline" && f.origin !== undefined;
    if (historyOnly) {
      const commit = f.origin!.commit;
      const loc = r.locations.find((l) => l.repo === repoName && l.path === f.path && l.historyOnly);
      if (loc) Object.assign(loc, { line: f.line, column: f.column, endColumn: f.endColumn, commit, lastSeen: at, historyGone: false });
      else
        r.locations.push({
          repo: repoName,
          path: f.path,
          line: f.line,
          column: f.column,
          endColumn: f.endColumn,
          commit,
          atHead: false,
          historyOnly: true,
          firstSeen: f.origin!.date ?? at,
          lastSeen: at,
        });
      continue;
    }
    const list = seenHead.get(f.fingerprint) ?? [];
    list.push(f);
    seenHead.set(f.fingerprint, list);
  }
  for (const r of Object.values(inv.records)) {
    const found = seenHead.get(r.fingerprint) ?? [];
    const mine = r.locations.filter((l) => l.repo === repoName && !l.historyOnly);
    const kept: InventoryLocation[] = [];
    // Pair each head finding with an earlier location of the same path (a token that moved lines is not new).
    for (const f of found) {
      const prev = mine.find((l) => l.path === f.path && !kept.includes(l));
      if (prev) {
        Object.assign(prev, {
          line: f.line,
          column: f.column,
          endColumn: f.endColumn,
          commit: scan.sha,
          atHead: true,
          lastSeen: at,
          removedFromHeadAt: undefined,
          historyGone: false,
          lineUnknown: undefined,
        });
        kept.push(prev);
      } else {
        const loc: InventoryLocation = {
          repo: repoName,
          path: f.path,
          line: f.line,
          column: f.column,
          endColumn: f.endColumn,
          commit: scan.sha,
          atHead: true,
          firstSeen: at,
          lastSeen: at,
        };
        r.locations.push(loc);
        kept.push(loc);
      }
    }
    for (const l of mine) {
      if (kept.includes(l) || !l.atHead) continue;
      if (scan.kind === "push" && scan.changes && complete) {
        follow(l, scan, at);
        continue;
      }
      if (!covers(l.path)) continue;
      l.atHead = false;
      l.removedFromHeadAt = at;
    }
    if (scan.historyScanned && complete && !seenAnywhere.has(r.fingerprint)) {
      for (const l of r.locations) if (l.repo === repoName && !l.atHead) l.historyGone = true;
    }
    rateRecord(r, now);
  }
  const repo = (inv.repos[repoName] ??= { name: repoName, visibility: scan.visibility });
  repo.visibility = scan.visibility;
  repo.lastScan = { sha: scan.sha, ref: scan.ref, at, kind: scan.kind };
  inv.updatedAt = at;
  return inv;
}
