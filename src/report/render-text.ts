// `sas-guard scan` output for people at a terminal: grouped by file, worst first, and the verdict last,
// where the eye lands when the command returns. Colours are plain ANSI SGR codes: no dependency for six escapes.
import type { Finding, Severity } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";
import {
  KIND_LABEL,
  SEVERITY_LABEL,
  activeFindings,
  countBySeverity,
  failingFindings,
  plural,
  suppressedFindings,
  suppressionInWords,
  toPosixPath,
} from "./explain-finding.js";
import { SEVERITIES } from "../detect/types.js";
import { verificationLine } from "./verification-words.js";
import { reasonText, stepsOf, summaryText } from "./explain-finding.js";
import { terminal as t, terminalText } from "./escape.js";

export interface TextOptions {
  /** Colour the output (the CLI passes `stdout.isTTY` unless NO_COLOR is set). */
  color: boolean;
  /** The scanned root: paths under it are shown relative to it. */
  root?: string;
}

const SGR = { reset: 0, bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36, gray: 90 } as const;
type Style = keyof typeof SGR;

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ["bold", "red"],
  high: ["red"],
  medium: ["yellow"],
  low: ["cyan"],
  info: ["gray"],
};

const VERIFICATION_STYLE: Record<NonNullable<Finding["verification"]>["status"], Style[]> = {
  live: ["bold", "red"],
  expired: ["green"],
  revoked: ["green"],
  "account-not-found": ["green"],
  "ip-restricted": ["yellow"],
  unknown: ["yellow"],
  refused: ["dim"],
  skipped: ["dim"],
};

type Paint = (text: string, ...styles: Style[]) => string;

const painter = (color: boolean): Paint => (color ? (text, ...styles) => `\x1b[${styles.map((s) => SGR[s]).join(";")}m${text}\x1b[0m` : (text) => text);

// Every untrusted string (paths, messages, reasons, config values) goes through `t`: control characters and ESC
// sequences in a file name or a reason are shown as escapes, never sent to the terminal.
function relativeTo(root: string | undefined, path: string): string {
  const p = toPosixPath(path);
  if (!root) return t(p);
  const r = toPosixPath(root).replace(/\/+$/, "");
  return t(r && r !== "." && p.startsWith(`${r}/`) ? p.slice(r.length + 1) : p);
}

function findingBlock(f: Finding, paint: Paint): string[] {
  const sev = paint(SEVERITY_LABEL[f.severity].toUpperCase().padEnd(8), ...SEVERITY_STYLE[f.severity]);
  const text = (x: Parameters<typeof terminalText>[0]): string => terminalText(x, (v) => paint(`\`${v}\``, "cyan"));
  const lines = [
    `  ${sev} ${KIND_LABEL[f.kind]} at ${f.line}:${f.column}${f.confidence === "low" ? paint(" (low confidence)", "dim") : ""}`,
    `    ${text(summaryText(f))}`,
    `    token        ${t(f.redacted)}`,
    ...(f.verification ? [`    verified     ${paint(t(verificationLine(f.verification)), ...VERIFICATION_STYLE[f.verification.status])}`] : []),
    `    fingerprint  ${paint(f.fingerprint, "dim")}`,
  ];
  if (f.reasons.length > 0) lines.push("    why:", ...f.reasons.map((r) => `      - ${text(reasonText(r))}`));
  for (const v of f.violations) lines.push(`    ${paint("policy", "bold")} ${v.rule}: ${t(v.message)}`);
  for (const n of f.notes ?? []) lines.push(`    note: ${t(n)}`);
  if (f.origin)
    lines.push(`    first seen: commit ${t(f.origin.commit.slice(0, 12))} in ${t(toPosixPath(f.origin.path))}${f.origin.date ? ` (${t(f.origin.date)})` : ""}`);
  if (f.exposure?.summary) lines.push(`    exposure: ${t(f.exposure.summary)}`);
  const steps = stepsOf(f);
  if (steps.length > 0) lines.push("    how to fix:", ...steps.map((s, i) => `      ${i + 1}. ${text(s.text)}`));
  return lines;
}

function groupedByFile(findings: Finding[], root: string | undefined, paint: Paint): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const out: string[] = [];
  for (const [path, list] of byFile) {
    out.push(paint(relativeTo(root, path), "bold"));
    for (const f of list) out.push(...findingBlock(f, paint), "");
  }
  return out;
}

function summaryLine(report: ScanReport, paint: Paint): string {
  const active = activeFindings(report);
  const counts = countBySeverity(active);
  const bySeverity = SEVERITIES.map((s) => {
    const text = `${counts[s]} ${s}`;
    return counts[s] > 0 ? paint(text, ...SEVERITY_STYLE[s]) : text;
  }).join(", ");
  const suppressed = report.findings.length - active.length;
  const failing = failingFindings(report).length;
  const verdict =
    failing > 0
      ? paint(`FAIL: ${plural(failing, "finding")} at or above ${report.failOn}`, "bold", "red")
      : paint(`PASS: nothing at or above ${report.failOn}`, "bold", "green");
  const scanned = `${plural(report.stats.files, "file")} scanned in ${report.stats.ms} ms`;
  return `${plural(active.length, "finding")} (${bySeverity})${suppressed > 0 ? `, ${suppressed} suppressed` : ""}; ${scanned}. ${verdict}`;
}

export function renderText(report: ScanReport, options: TextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  const active = activeFindings(report);
  const suppressed = suppressedFindings(report);
  if (active.length > 0) out.push(...groupedByFile(active, options.root, paint));
  else out.push("No Azure credentials found.", "");

  if (suppressed.length > 0) {
    out.push(paint(`Suppressed (${suppressed.length})`, "bold"));
    for (const f of suppressed) {
      const where = `${relativeTo(options.root, f.path)}:${f.line}:${f.column}`;
      out.push(`  ${where}  ${f.severity} ${KIND_LABEL[f.kind]}  ${paint(f.fingerprint, "dim")}`, `    ${t(suppressionInWords(f))}`);
      for (const n of f.notes ?? []) out.push(`    note: ${t(n)}`);
    }
    out.push("");
  }
  if (report.skipped.length > 0) {
    out.push(paint(`Skipped (${report.skipped.length})`, "bold"));
    for (const s of report.skipped) out.push(`  ${relativeTo(options.root, s.path)}: ${t(s.reason)}`);
    out.push("");
  }
  if (report.configErrors.length > 0) {
    out.push(paint(`Config errors in ${t(report.configSource)} (defaults used for these keys)`, "bold", "yellow"));
    for (const e of report.configErrors) out.push(`  ${t(e)}`);
    out.push("");
  }
  if (report.incomplete.length > 0) {
    out.push(paint("Not scanned", "bold", "yellow"));
    for (const i of report.incomplete) out.push(`  ${t(i)}`);
    out.push("");
  }
  if ((report.omitted ?? []).length > 0) {
    out.push(paint("More findings than listed (the 1,000 most severe per file are detailed)", "bold", "yellow"));
    for (const o of report.omitted ?? [])
      out.push(`  ${t(relativeTo(options.root, o.path))}: ${o.count.toLocaleString("en-US")} more, the worst ${o.maxSeverity}`);
    out.push("");
  }
  out.push(paint(`Config: ${t(report.configSource)}`, "dim"));
  out.push(summaryLine(report, paint));
  return `${out.join("\n")}\n`;
}
