// SIGTERM with scans on the pool's threads: shutdown() lets the running job finish its documents (on the pool the
// process installed, as src/main.ts does), then terminates the pool. The pool's workers run the build (dist/).
import { pino } from "pino";
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import { EmbeddedQueue } from "../../src/queue/embedded-queue.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { runScan } from "../../src/scan/run-scan.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { installScanPool } from "../../src/scan/pool/installed-pool.js";
import { createScanPool } from "../../src/scan/pool/scan-pool.js";
import { shutdown } from "../../src/server/shutdown.js";
import type { Job } from "../../src/queue/job-queue.js";
import { ensureBuilt } from "../cli/cli-harness.js";
import { fakeSig } from "../support/fake-secrets.js";

beforeAll(ensureBuilt, 180_000);
afterAll(() => installScanPool(undefined));

const job = { owner: "o", repo: "r", headSha: "a".repeat(40), installationId: 7, deliveryId: "d1", trigger: "push", base: "b".repeat(40) } as Job;
const line = `u = "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSig("shutdown"))}"\n`;

test("waits for the running job's documents, then terminates the pool", async () => {
  const pool = createScanPool({ threads: 1, budgetMs: 30_000 });
  installScanPool(pool);
  const events: string[] = [];
  let report: ScanReport | undefined;
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const queue = new EmbeddedQueue();
  queue.startWorker(async () => {
    started();
    // A few hundred ms of engine work on the pool (runScan is handed no pool: it takes the installed one).
    const docs = [
      { path: "big.txt", text: line.repeat(20_000), bytes: 0 },
      { path: "a.env", text: line, bytes: 0 },
    ];
    report = await runScan(docs, buildScanConfig({ config: DEFAULT_CONFIG, source: "defaults", errors: [] }), { now: new Date("2026-11-25T00:00:00Z") });
    events.push("job finished");
  });
  await queue.enqueue(job);
  await running;
  const log = pino({ level: "silent" });
  const close = pool.close.bind(pool);
  pool.close = async () => {
    events.push("pool closing");
    await close();
  };
  await shutdown({ queue, pool, log });
  events.push("shutdown done");

  expect(events).toEqual(["job finished", "pool closing", "shutdown done"]);
  expect(report?.findings).toHaveLength(1_001); // 1,000 kept of big.txt's 20,000, and a.env's one
  expect(report?.skipped).toEqual([]);
  expect(report?.omitted).toEqual([{ path: "big.txt", count: 19_000, maxSeverity: "medium" }]);
  expect(report?.incomplete).toEqual([]);
  await expect(pool.scan([{ path: "x", text: line }], { config: DEFAULT_CONFIG, now: new Date() })).rejects.toThrow("scan pool is closed");
});
