// GitHub Actions workflow commands (`::error file=…,line=…::message`) for each finding: how a workflow run puts
// annotations on the changed lines without the Checks API. Escaping per GitHub's toolkit (core/command.ts).
import type { ScanReport } from "./scan-report.js";
import { activeFindings, headline } from "./explain-finding.js";
import { ANNOTATION_LEVEL } from "./check-run-annotations.js";

const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const COMMAND = { failure: "error", warning: "warning", notice: "notice" } as const;

export function renderWorkflowCommands(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of activeFindings(report)) {
    const props = [`file=${escapeProperty(f.path)}`, `line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(headline(f))}`];
    const message = [f.summary, ...f.reasons.map((r) => `- ${r.message}`), "How to fix:", ...f.remediation.map((s, i) => `${i + 1}. ${s}`), `Token: ${f.redacted} (${f.fingerprint})`].join("\n");
    lines.push(`::${COMMAND[ANNOTATION_LEVEL[f.severity]]} ${props.join(",")}::${escapeData(message)}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
