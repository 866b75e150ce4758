// Inline ignores a change adds to itself (issue 15 item 5). `# sas-guard:ignore reason="x"` written by the same pull
// request or push that adds the token would let the author silence the gate, so such a suppression is always shown
// (an annotation, a line in the summary and, when it fails, the review comment) saying who ignored what and why;
// config `inlineIgnore` (default branch only) decides whether it still fails the check:
//   "fail" (default): it does not suppress until it is on the default branch (a reviewer merged it);
//   "warn": it suppresses, shown as a warning; "allow": it suppresses, shown as a notice. `false`: no inline ignores.
// Ignores on lines the change did not touch keep working as before.
import type { SasGuardConfig } from "../config/schema.js";
import type { Finding } from "../detect/types.js";
import { toAnnotation, type CheckRunAnnotation } from "../report/check-run-annotations.js";
import type { ScanReport } from "../report/scan-report.js";

export type AddedIgnoreMode = "fail" | "warn" | "allow";

export const addedIgnoreMode = (setting: SasGuardConfig["inlineIgnore"]): AddedIgnoreMode | undefined =>
  setting === false ? undefined : setting === true ? "fail" : setting;

const IGNORE = /sas-guard:ignore/i;

/** The added lines of a change that hold an inline ignore, per path (filled by changedDocuments). */
export type AddedIgnoreLines = Map<string, Set<number>>;

/** Records the added lines holding `sas-guard:ignore` of one document (a patch's added lines, or every line of a file
 * read whole as part of a change: fail closed, an ignore there counts as added). */
export function recordAddedIgnores(into: AddedIgnoreLines, path: string, text: string, added?: ReadonlySet<number>): void {
  if (!IGNORE.test(text)) return;
  const lines = text.split("\n");
  const found = new Set<number>();
  lines.forEach((l, i) => {
    if (IGNORE.test(l) && (!added || added.has(i + 1))) found.add(i + 1);
  });
  if (found.size) into.set(path, found);
}

// A reason is untrusted text written by the change's author; one that holds a signature is not repeated.
const safeReason = (reason: string): string =>
  /sig(?:=|%3d)|accountkey=|sharedaccesskey=/i.test(reason) ? "(withheld: it looks like a credential)" : reason.slice(0, 200);

export interface AddedIgnoreResult<R extends Pick<ScanReport, "findings"> = ScanReport> {
  report: R;
  /** Findings whose inline ignore this change added, as shown (after the mode is applied). */
  introduced: Finding[];
  /** Annotations for introduced ignores that still suppress (warn/allow); failing ones are annotated as findings. */
  annotations: CheckRunAnnotation[];
  /** Lines for the top of the check-run summary (and the review body). */
  summaryLines: string[];
}

export function applyAddedIgnores<R extends Pick<ScanReport, "findings">>(
  report: R,
  added: AddedIgnoreLines,
  mode: AddedIgnoreMode | undefined,
  actor: string | undefined,
): AddedIgnoreResult<R> {
  const none: AddedIgnoreResult<R> = { report, introduced: [], annotations: [], summaryLines: [] };
  if (!mode || added.size === 0) return none;
  const who = actor ? `@${actor}` : "the author of this change";
  const introduced: Finding[] = [];
  const reasons: string[] = [];
  const findings = report.findings.map((f) => {
    const lines = added.get(f.path);
    if (f.suppression?.by !== "inline" || !lines || !(lines.has(f.line) || lines.has(f.line - 1))) return f;
    const reason = safeReason(f.suppression.reason);
    const note =
      mode === "fail"
        ? `${who} added sas-guard:ignore reason="${reason}" in this change; an ignore a change adds to itself does not suppress until it is on the default branch (inlineIgnore: fail)`
        : `${who} added sas-guard:ignore reason="${reason}" in this change; suppressed (inlineIgnore: ${mode}), shown for the reviewer`;
    const shown: Finding = mode === "fail" ? { ...f, suppression: undefined, notes: [...(f.notes ?? []), note] } : { ...f, notes: [...(f.notes ?? []), note] };
    if (mode === "fail") delete (shown as { suppression?: unknown }).suppression;
    introduced.push(shown);
    reasons.push(reason);
    return shown;
  });
  if (introduced.length === 0) return none;
  const level = mode === "warn" ? "warning" : "notice";
  const annotations = mode === "fail" ? [] : introduced.map((f) => ({ ...toAnnotation(f), annotation_level: level as CheckRunAnnotation["annotation_level"] }));
  const effect =
    mode === "fail"
      ? "they do not suppress their findings until they are on the default branch (`inlineIgnore: fail`)"
      : `they suppress (\`inlineIgnore: ${mode}\`)`;
  const summaryLines = [
    `> **This change adds ${introduced.length === 1 ? "an inline ignore" : `${introduced.length} inline ignores`} for its own findings**, so ${effect}:`,
    ...introduced
      .slice(0, 20)
      .map((f, i) =>
        `> - \`${f.path.replace(/`/g, "'")}\` line ${f.line}: ${who} ignored ${f.kind} \`${f.fingerprint}\` because "${reasons[i].replace(/[<>[\]`|*_]/g, "")}"`.replace(
          /[\r\n]/g,
          " ",
        ),
      ),
    ...(introduced.length > 20 ? [`> - and ${introduced.length - 20} more`] : []),
    "",
  ];
  return { report: { ...report, findings }, introduced, annotations, summaryLines };
}
