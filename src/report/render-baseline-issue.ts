// The opt-in baseline issue: the findings already on the default branch, worst first, each with what it allows
// and how to fix it. Pure.
import { SEVERITY_LABEL, activeFindings, countBySeverity, reasonText, stepsOf, summaryText, toPosixPath } from "./explain-finding.js";
import { codeSpan, link, markdownText } from "./markdown.js";
import { plainLine } from "./escape.js";
import { blobUrl } from "./render-markdown.js";
import type { ScanReport } from "./scan-report.js";

export const BASELINE_ISSUE_MARKER = "<!-- sas-guard:baseline -->";
const MAX_BODY = 65_000;

const inWords = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");

export function renderBaselineIssue(
  report: ScanReport,
  where: { webBaseUrl: string; owner: string; repo: string; sha: string; branch: string },
): { title: string; body: string } {
  const active = activeFindings(report);
  // An issue title is plain text (GitHub does not render Markdown in it); control characters are dropped.
  const branch = plainLine(where.branch);
  const title = active.length
    ? `SAS Guard: ${active.length} Azure credential${active.length === 1 ? "" : "s"} on ${branch}`
    : `SAS Guard: no Azure credentials on ${branch}`;
  const head = [
    BASELINE_ISSUE_MARKER,
    `SAS Guard scanned ${codeSpan(where.branch)} at ${where.sha.slice(0, 7)}: ${active.length ? inWords(countBySeverity(active)) : "nothing found"}.`,
    "Each token below works for anyone who can read this repository until it is **revoked**; deleting it from the code, or even from history, does not revoke it.",
  ];
  const items = active.map((f) =>
    [
      `### ${SEVERITY_LABEL[f.severity]}: ${markdownText(summaryText(f))}`,
      `${link(codeSpan(`${toPosixPath(f.path)}:${f.line}`), blobUrl(where, f.path, f.line))} · ${codeSpan(f.redacted)} · ${codeSpan(f.fingerprint)}`,
      f.reasons.map((r) => `- ${markdownText(reasonText(r))}`).join("\n"),
      `**Fix:**\n${stepsOf(f)
        .map((s, i) => `${i + 1}. ${markdownText(s.text)}`)
        .join("\n")}`,
    ].join("\n\n"),
  );
  let body = head.join("\n\n");
  let shown = 0;
  for (const item of items) {
    if (body.length + item.length + 200 > MAX_BODY) break;
    body += `\n\n${item}`;
    shown++;
  }
  if (shown < items.length) body += `\n\n… and ${items.length - shown} more: see the \`SAS Guard baseline\` check run on ${where.sha.slice(0, 7)}.`;
  body += "\n\nThis issue is updated by SAS Guard on every baseline scan (`baseline.issue: true` in `.github/sas-guard.yml`).";
  return { title, body };
}
