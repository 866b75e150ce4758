// `sas-guard scan --format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
// Built field by field: no Finding is ever serialised whole, so the raw secret has no way in.
import { pathToFileURL } from "node:url";
import type { Finding, FindingKind, Severity, Verification } from "../detect/types.js";
import { verificationLine } from "./verification-words.js";
import { escapeText, markdownText } from "./markdown.js";
import type { ScanReport } from "./scan-report.js";
import {
  GENERIC_STEPS,
  KIND_INFO,
  KIND_LABEL,
  byLocation,
  kindsOf,
  mainReasons,
  reasonText,
  sortFindings,
  summaryText,
  toPosixPath,
} from "./explain-finding.js";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** partialFingerprints key: versioned so a future change of the fingerprint scheme cannot merge unrelated alerts. */
export const FINGERPRINT_KEY = "sasGuard/v1";

export const ruleId = (kind: FindingKind): string => `sas-guard/${kind}`;

/** SARIF result level GitHub shows: critical/high are errors, medium warnings, the rest notes. */
export const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub's security-severity bands: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. One value inside each. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

export interface SarifOptions {
  /** The SAS Guard version that produced the log (package.json version). */
  version: string;
  /** Absolute URL of the project's documentation (driver.informationUri). */
  informationUri: string;
  /** The repository root the paths are relative to: results then carry `uriBaseId: "%SRCROOT%"` and the run maps
   *  it in `originalUriBaseIds` (how code scanning and SARIF viewers resolve a relative URI). */
  srcRoot?: string;
}

const SRCROOT = "%SRCROOT%";

/** An artifactLocation: repository-relative paths are relative to %SRCROOT% when the root is known. */
function location(path: string, srcRoot: string | undefined): Json {
  const uri = artifactUri(path);
  return srcRoot !== undefined && !uri.startsWith("/") && !uri.startsWith("../") && !/^[A-Za-z]:/.test(uri) ? { uri, uriBaseId: SRCROOT } : { uri };
}

/** file:///abs/root/ (SARIF §3.14.14: a base URI ends with a slash). */
const rootUri = (root: string): string => `${pathToFileURL(root).href.replace(/\/*$/, "")}/`;

type Json = Record<string, unknown>;

/** Help that is true for every token of the kind; what differs per token is in each result. */
function ruleHelp(kind: FindingKind): { text: string; markdown: string } {
  const { description, revoke } = KIND_INFO[kind];
  const steps = [revoke, ...GENERIC_STEPS];
  return {
    text: `${description}\n\nHow to fix:\n${steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}`,
    markdown: [
      `**${KIND_LABEL[kind]}**: ${description}`,
      "",
      "### How to fix",
      ...steps.map((s, i) => `${i + 1}. ${s}`),
      "",
      "Each alert's message names what that particular token allows; its `remediation` property lists the steps specific to it.",
    ].join("\n"),
  };
}

// GitHub reads security-severity from the rule, not the result: give each rule the worst severity seen for its kind,
// so the alert list ranks the run's worst token of that kind correctly. Results carry their own value too.
function rule(kind: FindingKind, findings: Finding[]): Json {
  const worst = sortFindings(findings.filter((f) => f.kind === kind))[0].severity;
  return {
    id: ruleId(kind),
    name: KIND_LABEL[kind].replace(/(^|\s)(\w)/g, (_m, _s, c: string) => c.toUpperCase()).replace(/\s/g, ""),
    shortDescription: { text: `Azure ${KIND_LABEL[kind]} in source` },
    fullDescription: { text: KIND_INFO[kind].description },
    help: ruleHelp(kind),
    properties: { tags: ["security", "secret"], "security-severity": SECURITY_SEVERITY[worst] },
  };
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

function message(f: Finding): string {
  const parts = [sentence(f.summary), ...mainReasons(f).map((r) => sentence(r.message))];
  if (f.violations.length > 0) parts.push(`Breaks the repository policy: ${f.violations.map((v) => v.message).join("; ")}`);
  return parts.join(" ");
}

/** The same message for viewers that render SARIF's GFM `markdown` (SARIF 2.1.0 §3.11.9): values as code spans, text escaped. */
function messageMarkdown(f: Finding): string {
  const md = (text: ReturnType<typeof summaryText>): string => markdownText(text).replace(/([^.!?])$/, "$1.");
  const parts = [md(summaryText(f)), ...mainReasons(f).map((r) => md(reasonText(r)))];
  if (f.violations.length > 0) parts.push(`Breaks the repository policy: ${f.violations.map((v) => escapeText(v.message)).join("; ")}`);
  return parts.join(" ");
}

/** A relative URI reference: forward slashes, each segment percent-encoded (spaces, "#", "%" in file names). */
export const artifactUri = (path: string): string => toPosixPath(path).split("/").map(encodeURIComponent).join("/");

const sarifVerification = (v: Verification): Json => ({
  status: v.status,
  statusCode: v.statusCode ?? null,
  errorCode: v.errorCode ?? null,
  checkedAt: v.checkedAt,
  endpoint: v.endpoint ?? null,
  summary: verificationLine(v),
});

function result(f: Finding, ruleIndex: number, srcRoot?: string): Json {
  const region: Json = { startLine: f.line, startColumn: f.column };
  if (f.endColumn > f.column) region.endColumn = f.endColumn;
  const out: Json = {
    ruleId: ruleId(f.kind),
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: message(f), markdown: messageMarkdown(f) },
    locations: [{ physicalLocation: { artifactLocation: location(f.path, srcRoot), region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      severity: f.severity,
      "security-severity": SECURITY_SEVERITY[f.severity],
      reasons: f.reasons.map((r) => r.id),
      confidence: f.confidence,
      remediation: [...f.remediation],
      redacted: f.redacted,
      ...(f.verification ? { verification: sarifVerification(f.verification) } : {}),
      ...(f.severityTrail ? { severityTrail: f.severityTrail.map((s) => ({ step: s.step, from: s.from, to: s.to, reason: s.reason })) } : {}),
      ...(f.exposure
        ? {
            exposure: {
              since: f.exposure.since ?? null,
              commit: f.exposure.commit ?? null,
              stillPresent: f.exposure.stillPresent ?? null,
              visibility: f.exposure.visibility,
              summary: f.exposure.summary ?? null,
            },
          }
        : {}),
    },
  };
  if (f.suppression) {
    const { by, reason, expires } = f.suppression;
    out.suppressions = [
      {
        // an inline `sas-guard:ignore` lives in the scanned file; an allowlist entry lives in the config file
        kind: by === "inline" ? "inSource" : "external",
        status: "accepted",
        justification: expires ? `${reason} (allowlisted until ${expires})` : reason,
      },
    ];
  }
  return out;
}

function notifications(report: ScanReport, srcRoot?: string): Json[] {
  const note = (level: string, id: string, text: string, path?: string): Json => ({
    level,
    descriptor: { id },
    message: { text },
    ...(path === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: location(path, srcRoot) } }] }),
  });
  return [
    ...report.incomplete.map((text) => note("error", "sas-guard/not-scanned", text)),
    ...(report.omitted ?? []).map((o) =>
      note(
        "warning",
        "sas-guard/findings-not-listed",
        `${o.path}: ${o.count} more findings not listed (the worst ${o.maxSeverity}); only the 1,000 most severe per file are detailed`,
      ),
    ),
    ...report.configErrors.map((text) => note("warning", "sas-guard/config-error", text)),
    ...report.skipped.map((s) => note("note", "sas-guard/skipped-file", `Skipped ${toPosixPath(s.path)}: ${s.reason}`, s.path)),
  ];
}

/** The SARIF log as an object (the Action and tests use it directly). */
export function toSarif(report: ScanReport, options: SarifOptions): Json {
  const findings = [...report.findings].sort(byLocation);
  const kinds = kindsOf(findings);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "SAS Guard",
            informationUri: options.informationUri,
            version: options.version,
            rules: kinds.map((k) => rule(k, findings)),
          },
        },
        invocations: [{ executionSuccessful: report.incomplete.length === 0, toolExecutionNotifications: notifications(report, options.srcRoot) }],
        // the engine counts columns in JavaScript string indices, i.e. UTF-16 code units
        columnKind: "utf16CodeUnits",
        results: findings.map((f) => result(f, kinds.indexOf(f.kind), options.srcRoot)),
        ...(options.srcRoot === undefined ? {} : { originalUriBaseIds: { [SRCROOT]: { uri: rootUri(options.srcRoot) } } }),
      },
    ],
  };
}

export const renderSarif = (report: ScanReport, options: SarifOptions): string => `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
