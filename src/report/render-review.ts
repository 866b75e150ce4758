// Pull request review comments: the words that teach the author, on the line, what their token can do and how to
// undo the damage. Pure. Each comment carries a hidden marker with the fingerprint so later runs can find it.
import type { Finding } from "../detect/types.js";
import {
  SEVERITY_LABEL,
  exposureLine,
  plural,
  reasonsForShortSurface,
  reasonText,
  sortFindings,
  stepsOf,
  summaryText,
  toPosixPath,
  truncate,
} from "./explain-finding.js";
import { codeSpan, escapeText, link, markdownText } from "./markdown.js";
import { verificationLine } from "./verification-words.js";

// GitHub rejects a comment or review body over 65,536 characters (422 "Body is too long"); room for the marker.
export const MAX_COMMENT_CHARS = 65_000;

export const fingerprintMarker = (fingerprint: string): string => `<!-- sas-guard:fp=${fingerprint} -->`;
export const removedMarker = (fingerprint: string): string => `<!-- sas-guard:removed=${fingerprint} -->`;
const MARKER = /<!-- sas-guard:fp=(sg1:[0-9a-f]{24}) -->/;
const REMOVED = /<!-- sas-guard:removed=(sg1:[0-9a-f]{24}) -->/;

export const markerFingerprint = (body: string): string | undefined => MARKER.exec(body)?.[1];
export const removedFingerprint = (body: string): string | undefined => REMOVED.exec(body)?.[1];

/** "**Critical — account SAS with full control of storage account `x` until 2051-10-06**" */
export const verdict = (f: Finding): string => `**${SEVERITY_LABEL[f.severity]} — ${markdownText(summaryText(f))}**`;

/** The inline comment: the verdict, the steps (revoking first), then why (the engine's top reasons). */
export function renderReviewComment(f: Finding): string {
  const steps = stepsOf(f);
  const reasons = reasonsForShortSurface(f);
  const more = reasonsForShortSurface(f, Infinity).length - reasons.length;
  const why = [
    ...reasons.map((r) => `- ${markdownText(reasonText(r))}`),
    ...f.violations.map((v) => `- Breaks this repository's policy (${codeSpan(v.rule)}): ${escapeText(v.message)}`),
    ...(more > 0 ? [`- … and ${plural(more, "more reason")} in the check run.`] : []),
  ];
  const body = [
    verdict(f),
    ...(f.verification ? [escapeText(verificationLine(f.verification))] : []),
    `**Fix, in this order** (removing the line does not revoke it: anyone who can read this repository, its history, forks or clones can use it)\n${steps.map((s, i) => `${i + 1}. ${markdownText(s.text)}`).join("\n")}`,
    `**Why**\n${why.join("\n")}${exposureLine(f) ? `\n\n${escapeText(exposureLine(f)!)}` : ""}`,
    `Token: ${codeSpan(f.redacted)} · fingerprint ${codeSpan(f.fingerprint)}`,
    [
      "<details><summary>Accepting it deliberately</summary>\n",
      "Add an allowlist entry with a reason to `.github/sas-guard.yml` on the default branch (a pull request cannot allowlist its own token):\n",
      "```yaml",
      "allowlist:",
      `  - fingerprint: ${f.fingerprint}`,
      '    reason: "why this token is acceptable"',
      "```",
      "</details>",
    ].join("\n"),
    fingerprintMarker(f.fingerprint),
  ].join("\n\n");
  return body.length > MAX_COMMENT_CHARS ? `${truncate(body, MAX_COMMENT_CHARS - 200)}\n\n… (shortened)\n\n${fingerprintMarker(f.fingerprint)}` : body;
}

export interface ReviewBodyInput {
  /** Findings that get an inline comment. */
  inline: Finding[];
  /** Findings not on a line of the diff (a missing patch): they cannot be inline comments. */
  offDiff: Finding[];
  /** Findings over comments.max: summarised only. */
  overflow: Finding[];
  checkRunUrl?: string;
}

const line = (f: Finding): string => `- ${verdict(f)} — ${codeSpan(`${toPosixPath(f.path)}:${f.line}`)} · ${codeSpan(f.redacted)} · ${codeSpan(f.fingerprint)}`;

export function renderReviewBody(input: ReviewBodyInput): string {
  const total = input.inline.length + input.offDiff.length + input.overflow.length;
  const parts = [
    `**SAS Guard found ${total} Azure credential${total === 1 ? "" : "s"} added by this pull request.** ${total === 1 ? "It works" : "Each one works"} for anyone who reads this repository until it is revoked; removing it from the code is not enough.`,
  ];
  if (input.offDiff.length) {
    parts.push(
      `**Outside the diff** (GitHub showed no patch for these files, so they cannot be commented inline):\n${sortFindings(input.offDiff).map(line).join("\n")}`,
    );
  }
  if (input.overflow.length) {
    parts.push(`**${input.overflow.length} more** (over the limit of inline comments per review):\n${sortFindings(input.overflow).map(line).join("\n")}`);
  }
  if (input.checkRunUrl) parts.push(`Details and fixes for every finding: ${link("SAS Guard check run", input.checkRunUrl)}.`);
  const body = parts.join("\n\n");
  return body.length > MAX_COMMENT_CHARS ? `${truncate(body, MAX_COMMENT_CHARS - 100)}\n\n… (shortened: see the check run)` : body;
}

export function renderRemovedReply(fingerprint: string, sha: string): string {
  return `Removed in ${sha.slice(0, 7)} — the token still works until it is revoked (see the steps above).\n\n${removedMarker(fingerprint)}`;
}
