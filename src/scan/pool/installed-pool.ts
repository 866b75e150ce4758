// The scan pool a long-running process installs once at start (the App: src/main.ts, src/worker.ts), used by
// every runScan that is not handed one. Nothing installed (tests, the Action, `probot run`): scans run in
// the calling thread.
import type { ScanPool } from "./scan-pool.js";

let installed: ScanPool | undefined;

export function installScanPool(pool: ScanPool | undefined): void {
  installed = pool;
}

export const installedScanPool = (): ScanPool | undefined => installed;
