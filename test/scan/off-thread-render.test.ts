// The App renders a large check run on a scan worker (src/scan/pool/off-thread-render.ts): the output must be the
// one renderCheckRun gives in this thread, the raw secrets must not cross to the worker, and a worker or pool that
// fails must still give the output (rendered here). The worker runs the build (dist/), made fresh first.
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import type { Finding } from "../../src/detect/types.js";
import { renderCheckRun } from "../../src/report/render-markdown.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { checkRunInput, OFF_THREAD_MIN_FINDINGS, readCheckRunOutput, renderCheckRunOffThread } from "../../src/scan/pool/off-thread-render.js";
import { createScanPool, type ScanPool } from "../../src/scan/pool/scan-pool.js";
import { runScan } from "../../src/scan/run-scan.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import type { SourceItem } from "../../src/scan/source-item.js";
import { ensureBuilt } from "../cli/cli-harness.js";
import { corpus, planted } from "./pool-corpus.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const TARGET = { webBaseUrl: "https://github.example", owner: "octo", repo: "repo", sha: "0123456789abcdef0123456789abcdef01234567" };
let pool: ScanPool;
let report: ScanReport;

beforeAll(async () => {
  ensureBuilt();
  pool = createScanPool({ threads: 1, budgetMs: 30_000 });
  const items: SourceItem[] = [
    ...corpus(400).map((d) => ({ path: d.path, text: d.text, bytes: d.text.length })),
    { path: "big.bin", skipped: "binary file" },
    { path: "later.txt", skipped: "not scanned: GitHub answered 502", incomplete: true },
  ];
  // exposure as the App adds it (a sentence and a remediation step per finding), so the renderers see it too
  report = await runScan(items, buildScanConfig({ config: DEFAULT_CONFIG, source: "test", errors: [] }), {
    now: NOW,
    clock: () => 0,
    exposure: async () => () => ({ visibility: "public", forks: 3, since: "2026-01-02T00:00:00Z", stillPresent: true, branch: "main" }),
  });
}, 180_000);
afterAll(() => pool.close());

it("the corpus report is large and varied enough to tell", () => {
  expect(report.findings.length).toBeGreaterThan(3 * OFF_THREAD_MIN_FINDINGS);
  expect(report.findings.some((f) => f.suppression)).toBe(true);
  expect(report.findings.every((f) => f.exposure)).toBe(true);
  expect(report.incomplete).toHaveLength(1);
});

it("gives exactly renderCheckRun's output (title, summary, every annotation), rendered by the worker", async () => {
  const expected = renderCheckRun(report, TARGET);
  const fromWorker = await readCheckRunOutput(await pool.run("check-run-output", await checkRunInput(report, TARGET)));
  expect(fromWorker.annotations.length).toBe(expected.annotations.length);
  expect(fromWorker).toEqual(expected);
  let calls = 0;
  const counted = { run: (...a: Parameters<ScanPool["run"]>) => (calls++, pool.run(...a)) } as unknown as ScanPool;
  expect(await renderCheckRunOffThread(report, TARGET, counted)).toEqual(expected);
  expect(calls).toBe(1);
});

it("sends the worker redacted forms only, never a raw secret", async () => {
  const sent = (await checkRunInput(report, TARGET)).join("\n");
  const raw = report.findings.map((f: Finding) => f.secret.reveal());
  expect(raw.length).toBeGreaterThan(100);
  for (const s of [...raw, ...planted]) expect(sent).not.toContain(s);
  expect(sent).toContain(report.findings[0].redacted);
});

it("renders in this thread when the worker task fails, or the pool is closed, with the same output", async () => {
  const failing = { run: () => Promise.reject(new Error("scanner crashed")) } as unknown as ScanPool;
  expect(await renderCheckRunOffThread(report, TARGET, failing)).toEqual(renderCheckRun(report, TARGET));
  const closed = createScanPool({ threads: 1, budgetMs: 30_000 });
  await closed.close();
  expect(await renderCheckRunOffThread(report, TARGET, closed)).toEqual(renderCheckRun(report, TARGET));
});

it("a worker that overruns the time budget on a task: the task is refused (the caller renders it), the pool goes on", async () => {
  const tight = createScanPool({ threads: 1, budgetMs: 1 });
  try {
    // rendering hundreds of findings takes far longer than 1 ms: the watchdog stops the worker
    await expect(tight.run("check-run-output", await checkRunInput(report, TARGET))).rejects.toThrow(/check-run-output: took longer than/);
    expect(await renderCheckRunOffThread(report, TARGET, tight)).toEqual(renderCheckRun(report, TARGET));
  } finally {
    await tight.close();
  }
});

it("a small report is rendered in place, without a worker", async () => {
  const small = { ...report, findings: report.findings.slice(0, OFF_THREAD_MIN_FINDINGS - 1) };
  const untouched = {
    run: () => {
      throw new Error("must not be called");
    },
  } as unknown as ScanPool;
  expect(await renderCheckRunOffThread(small, TARGET, untouched)).toEqual(renderCheckRun(small, TARGET));
});
