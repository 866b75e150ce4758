// `sas-guard scan --format json`: the stable, documented contract of docs/json-output.md (version 1).
// Every object is built field by field from named properties. Never spread a Finding or its token: a new
// engine field (or the raw secret) must not appear in the output unless someone adds it here on purpose.
import type { Finding, Origin, TokenFields, Verification } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";
import { byLocation, toPosixPath } from "./explain-finding.js";

export const JSON_OUTPUT_VERSION = 1;

export interface JsonToken {
  account: string | null;
  service: string | null;
  resource: string | null;
  services: string | null;
  resourceTypes: string | null;
  permissions: string | null;
  start: string | null;
  expiry: string | null;
  protocol: string | null;
  ipRange: string | null;
  storedPolicy: string | null;
  version: string | null;
  /** The Azure service when the credential is not plain storage (`iot-hub`, `cosmos-db`, `notification-hubs`…). */
  azureService: string | null;
}

export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  kind: string;
  severity: string;
  reasons: { id: string; message: string }[];
  remediation: string[];
  token: JsonToken;
  fingerprint: string;
  redacted: string;
  suppressed: false | { by: string; reason: string; expires: string | null };
  commit: string | null;
  confidence: string;
  summary: string;
  notes: string[];
  violations: { rule: string; message: string }[];
  origin: { commit: string; path: string; date: string | null; author: string | null } | null;
  exposure: {
    since: string | null;
    commit: string | null;
    author: string | null;
    stillPresent: boolean | null;
    branch: string | null;
    visibility: string;
    forks: number | null;
    summary: string | null;
  } | null;
  verification: JsonVerification | null;
  /** How the severity came to be, step by step (docs/ARCHITECTURE.md "One risk outcome"). */
  severityTrail: { step: string; from: string; to: string; reason: string }[];
}

/** What the storage service answered (opt-in `--verify`); `null` when verification did not run. */
export interface JsonVerification {
  status: string;
  statusCode: number | null;
  errorCode: string | null;
  checkedAt: string;
  endpoint: string | null;
  detail: string;
}

export interface JsonOutput {
  version: typeof JSON_OUTPUT_VERSION;
  /** Which config the scan used: its path, or "defaults (…)" when there was none. */
  configSource: string;
  findings: JsonFinding[];
  skipped: { path: string; reason: string }[];
  stats: { files: number; bytes: number; ms: number };
}

const orNull = (value: string | undefined): string | null => value ?? null;

function jsonToken(t: TokenFields): JsonToken {
  return {
    account: orNull(t.account),
    service: orNull(t.service),
    resource: orNull(t.resource),
    services: orNull(t.services),
    resourceTypes: orNull(t.resourceTypes),
    permissions: orNull(t.permissions),
    start: orNull(t.start),
    expiry: orNull(t.expiry),
    protocol: orNull(t.protocol),
    ipRange: orNull(t.ipRange),
    storedPolicy: orNull(t.storedPolicy),
    version: orNull(t.version),
    azureService: orNull(t.azureService),
  };
}

const jsonVerification = (v: Verification | undefined): JsonVerification | null =>
  v
    ? {
        status: v.status,
        statusCode: v.statusCode ?? null,
        errorCode: orNull(v.errorCode),
        checkedAt: v.checkedAt,
        endpoint: orNull(v.endpoint),
        detail: v.detail,
      }
    : null;

const jsonOrigin = (o: Origin | undefined): JsonFinding["origin"] =>
  o ? { commit: o.commit, path: toPosixPath(o.path), date: orNull(o.date), author: orNull(o.author) } : null;

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    path: toPosixPath(f.path),
    line: f.line,
    column: f.column,
    kind: f.kind,
    severity: f.severity,
    reasons: f.reasons.map((r) => ({ id: r.id, message: r.message })),
    remediation: [...f.remediation],
    token: jsonToken(f.token),
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    suppressed: f.suppression ? { by: f.suppression.by, reason: f.suppression.reason, expires: orNull(f.suppression.expires) } : false,
    commit: f.origin?.commit ?? null,
    confidence: f.confidence,
    summary: f.summary,
    notes: [...(f.notes ?? [])],
    violations: f.violations.map((v) => ({ rule: v.rule, message: v.message })),
    origin: jsonOrigin(f.origin),
    exposure: f.exposure
      ? {
          since: orNull(f.exposure.since),
          commit: orNull(f.exposure.commit),
          author: orNull(f.exposure.author),
          stillPresent: f.exposure.stillPresent ?? null,
          branch: orNull(f.exposure.branch),
          visibility: f.exposure.visibility,
          forks: f.exposure.forks ?? null,
          summary: orNull(f.exposure.summary),
        }
      : null,
    verification: jsonVerification(f.verification),
    severityTrail: (f.severityTrail ?? []).map((s) => ({ step: s.step, from: s.from, to: s.to, reason: s.reason })),
  };
}

/** The report as the JSON contract object (for callers that embed it, e.g. the Action's outputs). */
export function toJsonOutput(report: ScanReport): JsonOutput {
  return {
    version: JSON_OUTPUT_VERSION,
    configSource: report.configSource,
    // by location, not severity: a diff of two runs' JSON shows what moved, whatever order files were read in
    findings: [...report.findings].sort(byLocation).map(toJsonFinding),
    skipped: report.skipped.map((s) => ({ path: toPosixPath(s.path), reason: s.reason })),
    stats: { files: report.stats.files, bytes: report.stats.bytes, ms: report.stats.ms },
  };
}

/** Pretty-printed, newline-terminated: diff-friendly when a user commits a baseline. */
export const renderJson = (report: ScanReport): string => `${JSON.stringify(toJsonOutput(report), null, 2)}\n`;
