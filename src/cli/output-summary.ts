// The line `--output FILE` prints on stderr: the report went to the file, the verdict must still be seen.
import { renderText } from "../report/render-text.js";
import type { ScanReport } from "../report/scan-report.js";

/** The text report's closing summary line (counts and PASS/FAIL), and where the report was written. */
export function outputSummary(report: ScanReport, output: string): string {
  const summary = renderText(report, { color: false }).trimEnd().split("\n").at(-1) ?? "";
  return `sas-guard: ${summary} (report written to ${output})`;
}
