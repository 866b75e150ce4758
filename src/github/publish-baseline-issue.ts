// With `baseline.issue: true` (opt-in: Probot's rule, no bulk actions without consent), one issue per repository
// lists the existing findings. It is found again by a hidden marker and updated in place, never duplicated.
import { renderBaselineIssue, BASELINE_ISSUE_MARKER } from "../report/render-baseline-issue.js";
import type { ScanReport } from "../report/scan-report.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export const BASELINE_LABEL = "sas-guard";

export async function publishBaselineIssue(
  client: GitHubClient,
  repo: RepoRef,
  report: ScanReport,
  where: { webBaseUrl: string; sha: string; branch: string },
): Promise<number | undefined> {
  const { title, body } = renderBaselineIssue(report, { ...where, ...repo });
  let existing: number | undefined;
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, { ...repo, labels: BASELINE_LABEL, state: "all", per_page: 100 })) {
    const found = page.data.find((i) => !i.pull_request && (i.body ?? "").includes(BASELINE_ISSUE_MARKER));
    if (found) {
      existing = found.number;
      break;
    }
  }
  const active = report.findings.filter((f) => !f.suppression).length;
  if (existing !== undefined) {
    await client.rest.issues.update({ ...repo, issue_number: existing!, title, body, state: active > 0 ? "open" : "closed" });
    return existing;
  }
  if (active === 0) return undefined; // nothing to report and no issue to update: open none
  const { data } = await client.rest.issues.create({ ...repo, title, body, labels: [BASELINE_LABEL] });
  return data.number;
}
