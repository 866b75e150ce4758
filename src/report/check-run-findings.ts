// The findings of the check-run page: one compact table row per finding (severity, location, kind, what it
// allows, first action: no token and no paragraph in a cell, so the table fits GitHub's check-run pane), then one
// detail section per finding with what the table leaves out (redacted token, why, every step). Shared by the
// check run and the Action's job summary.
import type { Finding } from "../detect/types.js";
import { KIND_LABEL, SEVERITY_LABEL, allowsInBrief, exposureLine, firstAction, reasonText, stepsOf, toPosixPath } from "./explain-finding.js";
import { codeSpan, encodePath, escapeText, link, markdownText, row } from "./markdown.js";
import { verificationLine } from "./verification-words.js";

export interface BlobLinkTarget {
  /** "https://github.com" or a GitHub Enterprise Server URL. */
  webBaseUrl: string;
  owner: string;
  repo: string;
  /** The commit the findings are in: links must not move when the branch does. */
  sha: string;
}

export const blobUrl = (t: BlobLinkTarget, path: string, line: number): string =>
  `${t.webBaseUrl.replace(/\/+$/, "")}/${t.owner}/${t.repo}/blob/${t.sha}/${encodePath(toPosixPath(path))}#L${line}`;

export const location = (f: Finding, t: BlobLinkTarget): string => link(escapeText(`${toPosixPath(f.path)}:${f.line}`), blobUrl(t, f.path, f.line));

/** Critical and high stand out in the table; the others read as plain words. */
const severityCell = (f: Finding): string =>
  f.severity === "critical" || f.severity === "high" ? `**${SEVERITY_LABEL[f.severity]}**` : SEVERITY_LABEL[f.severity];

export const TABLE_HEAD = [row(["Severity", "Location", "Kind", "What it allows", "First action"]), row(["---", "---", "---", "---", "---"])];

export const findingRow = (f: Finding, t: BlobLinkTarget): string =>
  row([
    severityCell(f),
    location(f, t),
    escapeText(KIND_LABEL[f.kind]),
    markdownText(allowsInBrief(f), { inTable: true }),
    markdownText(firstAction(f), { inTable: true }),
  ]);

/** "base high → verification info (verified-revoked)": shown when an adjuster changed the base severity. */
export function trailLine(f: Finding): string | undefined {
  const trail = f.severityTrail ?? [];
  if (!trail.some((s) => s.step !== "base" && s.from !== s.to)) return undefined;
  return trail.map((s) => (s.step === "base" ? `base ${s.to}` : `${s.step} ${s.to}${s.reason ? ` (${s.reason})` : ""}`)).join(" → ");
}

/** Everything about one finding the table does not say. `n` numbers it as in the table's order. */
export function detailBlock(f: Finding, t: BlobLinkTarget, n: number): string[] {
  const out = [
    `### ${n}. ${SEVERITY_LABEL[f.severity]}: ${escapeText(KIND_LABEL[f.kind])} in ${location(f, t)}`,
    "",
    `Token (redacted): ${codeSpan(f.redacted)}`,
    `Fingerprint: ${codeSpan(f.fingerprint)}${f.confidence === "low" ? " · low confidence" : ""}`,
    "",
  ];
  if (f.verification) out.push(`**${escapeText(verificationLine(f.verification))}**`, "");
  const trail = trailLine(f);
  if (trail) out.push(`Severity: ${escapeText(trail)}`, "");
  const why = [
    ...f.reasons.map((r) => `- ${markdownText(reasonText(r))}`),
    ...f.violations.map((v) => `- Breaks the repository policy (${codeSpan(v.rule)}): ${escapeText(v.message)}`),
    ...(f.origin ? [`- First committed in ${codeSpan(f.origin.commit.slice(0, 12))} as ${codeSpan(toPosixPath(f.origin.path))}.`] : []),
    ...(exposureLine(f) ? [`- **Exposure:** ${escapeText(exposureLine(f)!)}`] : []),
    ...(f.notes ?? []).map((note) => `- Note: ${escapeText(note)}`),
  ];
  if (why.length > 0) out.push("**Why**", "", ...why, "");
  const steps = stepsOf(f);
  if (steps.length > 0) out.push("**How to fix, in this order**", "", ...steps.map((s, i) => `${i + 1}. ${markdownText(s.text)}`), "");
  return out;
}
