// The one decision of how a scan ends, for the App's check run, the Action's step and the CLI's exit code.
// A security gate owes its users one rule above all: a failing finding is never hidden by anything else that went
// wrong, and a scan that could not read everything never says "success". Pure: report and settings in, verdict out.
import { atLeast } from "../detect/severity.js";
import type { ScanReport } from "../report/scan-report.js";

export type Conclusion = "failure" | "neutral" | "success";

export interface ConclusionPolicy {
  /** Config `onIncomplete` (default branch only): what a scan that could not read everything ends as when nothing
   * failed. Default "failure": an unscanned file may hold the token. */
  onIncomplete?: "failure" | "neutral";
  /** Config `checks.conclusionBelowFailOn`: findings, all below failOn. Default "neutral". */
  belowFailOn?: "neutral" | "success";
}

export interface Verdict {
  conclusion: Conclusion;
  /** Why, in one plain phrase (logs, the Action's output, tests). */
  reason: "failing-findings" | "incomplete" | "findings-below-fail-on" | "clean";
  /** Unsuppressed findings at or above failOn. */
  failing: number;
  /** The scan could not read everything (report.incomplete, or the job itself stopped): a re-run may help. */
  incomplete: boolean;
}

/** `jobFailed`: the job stopped before the report was complete (an exception): counted as incomplete. */
export function decideConclusion(
  report: Pick<ScanReport, "findings" | "failOn" | "incomplete" | "omitted"> | undefined,
  policy: ConclusionPolicy = {},
  jobFailed = false,
): Verdict {
  const active = (report?.findings ?? []).filter((f) => !f.suppression);
  // Findings only counted (past the per-document cap) are taken as unsuppressed at their worst severity: fail closed.
  const counted = report ? (report.omitted ?? []).filter((o) => atLeast(o.maxSeverity, report.failOn)).reduce((n, o) => n + o.count, 0) : 0;
  const failing = report ? active.filter((f) => atLeast(f.severity, report.failOn)).length + counted : 0;
  const incomplete = jobFailed || !report || report.incomplete.length > 0;
  if (failing > 0) return { conclusion: "failure", reason: "failing-findings", failing, incomplete };
  if (incomplete) return { conclusion: policy.onIncomplete ?? "failure", reason: "incomplete", failing, incomplete };
  if (active.length > 0) return { conclusion: policy.belowFailOn ?? "neutral", reason: "findings-below-fail-on", failing, incomplete };
  return { conclusion: "success", reason: "clean", failing, incomplete };
}

/** The check run's requested-action button on a run that could not scan everything (max 20/40 characters). */
export const RERUN_ACTION = { label: "Re-run", identifier: "rerun", description: "Scan this commit again" } as const;
