// GitHub Actions workflow commands (`::error file=…,line=…::message`) for each finding: how a workflow run puts
// annotations on the changed lines without the Checks API. Escaping per GitHub's toolkit (core/command.ts).
import type { ScanReport } from "./scan-report.js";
import { plainText } from "../detect/text.js";
import { activeFindings, headline, reasonText, stepsOf, summaryText } from "./explain-finding.js";
import { ANNOTATION_LEVEL } from "./check-run-annotations.js";
import { workflowData as escapeData, workflowProperty as escapeProperty } from "./escape.js";

const COMMAND = { failure: "error", warning: "warning", notice: "notice" } as const;

export function renderWorkflowCommands(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of activeFindings(report)) {
    const props = [`file=${escapeProperty(f.path)}`, `line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(headline(f))}`];
    const message = [
      plainText(summaryText(f)),
      ...f.reasons.map((r) => `- ${plainText(reasonText(r))}`),
      "How to fix:",
      ...stepsOf(f).map((s, i) => `${i + 1}. ${plainText(s.text)}`),
      `Token: ${f.redacted} (${f.fingerprint})`,
    ].join("\n");
    lines.push(`::${COMMAND[ANNOTATION_LEVEL[f.severity]]} ${props.join(",")}::${escapeData(message)}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
