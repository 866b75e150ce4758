// The check run's output (title, summary, annotations) rendered on a scan worker instead of the App's main thread.
// For a file of 1,000 detailed findings, rendering took 20–100 ms of the thread that acks webhooks
// (bench:webhooks); here the main thread only turns the report into JSON pages and the answer back into objects,
// one page per turn of its event loop. The raw secret does not cross: a Finding's `secret` serialises as its
// redacted form (Secret.toJSON), and no renderer reads it. Without a pool, or when the worker fails, the output is
// rendered in this thread: never lost.
import type { Finding } from "../../detect/types.js";
import type { CheckRunAnnotation } from "../../report/check-run-annotations.js";
import { renderCheckRun, type BlobLinkTarget, type CheckRunOutput } from "../../report/render-markdown.js";
import type { ScanReport } from "../../report/scan-report.js";
import type { ScanPool } from "./scan-pool.js";
import { FINDINGS_PAGE } from "./wire.js";
import { setImmediate as nextTurn } from "node:timers/promises";

/** Below this many findings the output is rendered in place: a few ms, not worth a round trip to a worker. */
export const OFF_THREAD_MIN_FINDINGS = 100;

/** The task's input: the report without its findings, with the link target; then the findings, a page each. */
export async function checkRunInput(report: ScanReport, target: BlobLinkTarget): Promise<string[]> {
  const { findings, ...rest } = report;
  const pages = [JSON.stringify({ report: rest, target })];
  for (let i = 0; i < findings.length; i += FINDINGS_PAGE) {
    if (i > 0) await nextTurn();
    pages.push(JSON.stringify(findings.slice(i, i + FINDINGS_PAGE)));
  }
  return pages;
}

/** The worker's side: the same renderCheckRun, its output as pages (title and summary, then annotations). */
export function renderCheckRunPages(input: string[]): string[] {
  const { report, target } = JSON.parse(input[0]) as { report: Omit<ScanReport, "findings">; target: BlobLinkTarget };
  const findings = input.slice(1).flatMap((page) => JSON.parse(page) as Finding[]);
  const out = renderCheckRun({ ...report, findings }, target);
  const pages = [JSON.stringify({ title: out.title, summary: out.summary })];
  for (let i = 0; i < out.annotations.length; i += FINDINGS_PAGE) pages.push(JSON.stringify(out.annotations.slice(i, i + FINDINGS_PAGE)));
  return pages;
}

export async function readCheckRunOutput(pages: string[]): Promise<CheckRunOutput> {
  const { title, summary } = JSON.parse(pages[0]) as Pick<CheckRunOutput, "title" | "summary">;
  const annotations: CheckRunAnnotation[] = [];
  for (let i = 1; i < pages.length; i++) {
    await nextTurn();
    for (const a of JSON.parse(pages[i]) as CheckRunAnnotation[]) annotations.push(a);
  }
  return { title, summary, annotations };
}

/** renderCheckRun, on a worker of `pool` when the report is large enough to matter. */
export async function renderCheckRunOffThread(report: ScanReport, target: BlobLinkTarget, pool: ScanPool | undefined): Promise<CheckRunOutput> {
  if (!pool || report.findings.length < OFF_THREAD_MIN_FINDINGS) return renderCheckRun(report, target);
  let output: string[];
  try {
    output = await pool.run("check-run-output", await checkRunInput(report, target));
  } catch {
    // a worker that crashed or overran, a pool shutting down: render here (slower for the webhooks, same output)
    await nextTurn();
    return renderCheckRun(report, target);
  }
  return readCheckRunOutput(output);
}
