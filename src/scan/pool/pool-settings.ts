// How many scan threads and how long a document may take, from the environment (and the CLI's --threads).
//   SAS_GUARD_SCAN_THREADS   worker threads; default: one per core (os.availableParallelism()) for the CLI, one per
//                            core but one (at least 1) for the App, whose main thread must stay free to ack
//                            webhooks and talk to GitHub; 0 = scan in the calling thread (no workers, no budget)
//   SAS_GUARD_DOC_BUDGET_MS  time budget per document; default 30,000 (30 s)
//   SAS_GUARD_SCAN_NICE      OS niceness of the scan threads, 0 to 19; default 10 for the App (its main thread, which
//                            acks webhooks, then gets a core first), 0 for the CLI
import { availableParallelism } from "node:os";
import { createScanPool, type ScanPool } from "./scan-pool.js";

export const DEFAULT_DOC_BUDGET_MS = 30_000;

const count = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

/** `flag` (--threads) wins over the environment; a value that is not a whole number is an error, said plainly.
 * `app`: the default leaves a core to the webhook server (bench:webhooks: on 2 cores, acks while 10 heavy pushes
 * were scanned had p99 2.4 s with 1 worker, 4.5 s with 2). */
export function scanThreads(env: NodeJS.ProcessEnv, flag?: string, app = false): number {
  for (const [name, v] of [
    ["--threads", flag],
    ["SAS_GUARD_SCAN_THREADS", env.SAS_GUARD_SCAN_THREADS],
  ] as const) {
    if (v === undefined || v === "") continue;
    const n = count(v);
    if (n === undefined || n > 256)
      throw new RangeError(`${name} must be a whole number from 0 to 256 (got "${v}"): 0 scans in one thread, N uses N worker threads`);
    return n;
  }
  return app ? Math.max(1, availableParallelism() - 1) : availableParallelism();
}

export const APP_SCAN_NICENESS = 10;

export function scanNiceness(env: NodeJS.ProcessEnv, app = false): number {
  const v = env.SAS_GUARD_SCAN_NICE;
  if (v === undefined || v === "") return app ? APP_SCAN_NICENESS : 0;
  const n = count(v);
  if (n === undefined || n > 19)
    throw new RangeError(`SAS_GUARD_SCAN_NICE must be a whole number from 0 to 19 (got "${v}"): the OS niceness of the scan threads`);
  return n;
}

export function docBudgetMs(env: NodeJS.ProcessEnv): number {
  const v = env.SAS_GUARD_DOC_BUDGET_MS;
  if (v === undefined || v === "") return DEFAULT_DOC_BUDGET_MS;
  const n = count(v);
  if (n === undefined || n < 1) throw new RangeError(`SAS_GUARD_DOC_BUDGET_MS must be a whole number of milliseconds, at least 1 (got "${v}")`);
  return n;
}

/** The pool the environment asks for, or undefined for 0 threads. Test-only faults: SAS_GUARD_TEST_FAULTS='{"hangOn":"x"}' with NODE_ENV=test. */
export function poolFromEnv(env: NodeJS.ProcessEnv, flag?: string, app = false): ScanPool | undefined {
  const threads = scanThreads(env, flag, app);
  if (threads === 0) return undefined;
  const faults =
    env.NODE_ENV === "test" && env.SAS_GUARD_TEST_FAULTS ? (JSON.parse(env.SAS_GUARD_TEST_FAULTS) as { hangOn?: string; crashOn?: string }) : undefined;
  const niceness = scanNiceness(env, app);
  return createScanPool({ threads, budgetMs: docBudgetMs(env), ...(niceness ? { niceness } : {}), ...(faults ? { faults } : {}) });
}
